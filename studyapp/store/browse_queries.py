"""Reading the collection as the learner browses it: cards, the topic tree, a topic's notes and
its comparison tables; the card browser's search and its actions on the chosen cards
(suspend, unsuspend, bury, unbury, forget), each returning the number of cards it changed."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from studyapp.store.codec import loaded, stored
from studyapp.store.database import Database
from studyapp.store.records import BrowserCard, CardRow, TableRow, TopicRow

if TYPE_CHECKING:
    from studyapp.study.search import CardSearch
from studyapp.store.study_queries import CARD_ROW, card_row

_TOPIC_TREE = """
SELECT t.id, t.parent_id, s.display_path, t.title, t.path_key, t.level,
       COALESCE(n.cards, 0), COALESCE(n.due, 0)
FROM topics t JOIN sources s ON s.id = t.source_id
LEFT JOIN (
    SELECT topic_id, count(*) AS cards, SUM(fsrs IS NOT NULL AND due <= ?) AS due
    FROM cards WHERE retired = 0 AND suspended = 0 GROUP BY topic_id
) n ON n.topic_id = t.id
WHERE t.retired = 0
ORDER BY s.display_path, t.position
"""
_TABLES = """
SELECT x.id, x.topic_id, x.caption, x.header, x.rows, s.display_path, x.line
FROM comparison_tables x JOIN sources s ON s.id = x.source_id
WHERE x.topic_id IN (SELECT value FROM json_each(?))
ORDER BY x.line
"""

_BROWSER_CARD = """
SELECT c.id, s.display_path, s.path, c.line, t.path_key, c.kind, c.front, c.back, c.due,
       c.suspended, c.buried_until, c.leech, c.lapses, c.review_count,
       json_extract(c.fsrs, '$.state'), json_extract(c.fsrs, '$.stability'),
       json_extract(c.fsrs, '$.difficulty'), json_extract(c.fsrs, '$.last_review'), c.fsrs IS NULL
FROM cards c JOIN sources s ON s.id = c.source_id LEFT JOIN topics t ON t.id = c.topic_id
WHERE c.retired = 0
"""
_FSRS_STATE = "json_extract(c.fsrs, '$.state')"
# what each `is:` state means, in SQL over `cards c` (?1-style arguments: now)
_STATE_SQL = {
    "new": "c.fsrs IS NULL",
    "learning": f"{_FSRS_STATE} IN (1, 3)",
    "review": f"{_FSRS_STATE} = 2",
    "due": "c.fsrs IS NOT NULL AND c.due <= :now AND c.suspended = 0"
    " AND (c.buried_until IS NULL OR c.buried_until <= :now)",
    "suspended": "c.suspended = 1",
    "buried": "c.buried_until > :now",
    "leech": "c.leech = 1",
}
_STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}
_IDS = "id IN (SELECT value FROM json_each(:ids)) AND retired = 0"


def _browser_card(r: Any, now: datetime) -> BrowserCard:
    due = loaded(r[8])
    buried_until = loaded(r[10])
    last = loaded(r[17]) if r[17] else None
    interval = (due - last).total_seconds() / 86400 if due and last else None
    return BrowserCard(
        id=r[0],
        source=r[1],
        source_path=r[2],
        line=r[3],
        topic=r[4] or "",
        kind=r[5],
        front=r[6],
        back=r[7],
        state="new" if r[18] else _STATE_NAMES.get(int(r[14] or 0), "learning"),
        due=due,
        interval_days=interval,
        stability=float(r[15]) if r[15] is not None else None,
        difficulty=float(r[16]) if r[16] is not None else None,
        lapses=int(r[12]),
        reviews=int(r[13]),
        suspended=bool(r[9]),
        buried=buried_until is not None and buried_until > now,
        leech=bool(r[11]),
    )


# what each column of the browser sorts by (NULL: no value, sorted last)
_SORTS = {
    "prompt": "lower(c.front)",
    "topic": "lower(t.path_key)",
    "state": "CASE WHEN c.leech = 1 AND c.suspended = 1 THEN 'leech'"
    " WHEN c.suspended = 1 THEN 'suspended' WHEN c.buried_until > :now THEN 'buried'"
    f" WHEN c.fsrs IS NULL THEN 'new' WHEN {_FSRS_STATE} = 2 THEN 'review'"
    f" WHEN {_FSRS_STATE} = 3 THEN 'relearning' ELSE 'learning' END",
    "due": "c.due",
    "interval": "julianday(c.due) - julianday(json_extract(c.fsrs, '$.last_review'))",
    "stability": "json_extract(c.fsrs, '$.stability')",
    "difficulty": "json_extract(c.fsrs, '$.difficulty')",
    "lapses": "c.lapses",
    "reviews": "c.review_count",
}
SORTS = tuple(_SORTS)


def _where(search: CardSearch, now: datetime) -> tuple[str, dict[str, object]]:
    """The AND-ed conditions of `search` (after `WHERE c.retired = 0`) and their arguments."""
    sql: list[str] = []
    args: dict[str, object] = {"now": stored(now)}
    for i, word in enumerate(search.words):
        args[f"w{i}"] = _like(word)
        sql.append(f" AND (c.front LIKE :w{i} ESCAPE '\\' OR c.back LIKE :w{i} ESCAPE '\\')")
    for i, topic in enumerate(search.topics):
        args[f"t{i}"] = _like(topic)
        sql.append(f" AND t.path_key LIKE :t{i} ESCAPE '\\'")
    for i, code in enumerate(search.domains):
        alts = []
        for j, pattern in enumerate(_domain_like(code)):
            args[f"d{i}_{j}"] = pattern
            alts.append(f"(',' || lower(COALESCE(t.domains, '')) || ',') LIKE :d{i}_{j}")
        sql.append(" AND (" + " OR ".join(alts) + ")")
    for state in search.states:
        sql.append(f" AND ({_STATE_SQL[state]})")
    for state in search.not_states:
        sql.append(f" AND NOT COALESCE(({_STATE_SQL[state]}), 0)")
    return "".join(sql), args


def _domain_like(code: str) -> list[str]:
    """LIKE patterns over ',' || topics.domains || ',' for one `domain:` term: an exam code
    matches its every domain, a domain matches itself and its task statements."""
    if ":" not in code:
        return [f"%,{code}:%"]
    return [f"%,{code},%", f"%,{code}.%"]


def _like(text: str) -> str:
    """`text` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BrowseQueries(Database):
    def list_cards(self, topic: str | None = None, include_retired: bool = False) -> list[CardRow]:
        """Cards in notes order; `topic`: only topics whose path contains it (any case)."""
        where, args = [], []
        if not include_retired:
            where.append("c.retired = 0")
        if topic:
            where.append("t.path_key LIKE ? ESCAPE '\\'")
            args.append(_like(topic))
        sql = CARD_ROW + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY s.display_path, c.position"
        return [card_row(r) for r in self._rows(sql, args)]

    def cards_for_export(
        self, topic: str | None = None
    ) -> list[tuple[CardRow, str | None, datetime | None]]:
        """Live cards in notes order, filtered as `list_cards` does, each with its uid
        (notes/identity.py) and when its text last changed: what `studyapp export` writes."""
        sql = CARD_ROW.replace("c.topic_id\nFROM", "c.topic_id, c.uid, c.updated_at\nFROM", 1)
        args: list[str] = []
        sql += " WHERE c.retired = 0"
        if topic:
            sql += " AND t.path_key LIKE ? ESCAPE '\\'"
            args.append(_like(topic))
        sql += " ORDER BY s.display_path, c.position"
        return [(card_row(r), r[11], loaded(r[12])) for r in self._rows(sql, args)]

    def cards_in_topics(self, topic_ids: list[int]) -> list[CardRow]:
        sql = (
            CARD_ROW + " WHERE c.retired = 0 AND c.topic_id IN (SELECT value FROM json_each(?))"
            " ORDER BY s.display_path, c.position"
        )
        return [card_row(r) for r in self._rows(sql, (json.dumps(topic_ids),))]

    def topic_tree(self, now: datetime) -> list[TopicRow]:
        """Every live topic with its own card count and due count, in notes order."""
        return [TopicRow(*r) for r in self._rows(_TOPIC_TREE, (stored(now),))]

    def topic_body(self, topic_id: int) -> str:
        row = self._row("SELECT body FROM topics WHERE id = ?", (topic_id,))
        return str(row[0] or "") if row is not None else ""

    def tables_for(self, topic_ids: list[int]) -> list[TableRow]:
        return [
            TableRow(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6])
            for r in self._rows(_TABLES, (json.dumps(topic_ids),))
        ]

    # ---- the card browser ------------------------------------------------------------------
    def search_cards(
        self,
        search: CardSearch,
        now: datetime,
        sort: str = "",
        reverse: bool = False,
        limit: int | None = None,
    ) -> list[BrowserCard]:
        """Live cards matching every term of `search`, in notes order, or sorted by one of
        `SORTS` (`reverse`: the other way; cards without a value come last either way), at
        most `limit` of them (sorted and cut in SQL: a browser shows the first few hundred)."""
        where, args = _where(search, now)
        order = "s.display_path, c.position"
        if sort:
            direction = "DESC" if reverse else "ASC"
            order = f"{_SORTS[sort]} IS NULL, {_SORTS[sort]} {direction}, {order}"
        text = f"{_BROWSER_CARD}{where} ORDER BY {order} LIMIT {int(limit or -1)}"
        rows = self._read(lambda con: con.execute(text, args).fetchall())
        return [_browser_card(r, now) for r in rows]

    def count_cards(self, search: CardSearch, now: datetime) -> int:
        """How many live cards match `search`."""
        where, args = _where(search, now)
        sql = (
            "SELECT count(*) FROM cards c JOIN sources s ON s.id = c.source_id"
            f" LEFT JOIN topics t ON t.id = c.topic_id WHERE c.retired = 0{where}"
        )
        return int(self._read(lambda con: con.execute(sql, args).fetchone()[0]))

    # suspend, unsuspend, bury, unbury and forget: study_queries (each one undoable action)
