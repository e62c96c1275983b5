"""Reading the collection as the learner browses it: cards, the topic tree, a topic's notes and
its comparison tables."""

from __future__ import annotations

import json
from datetime import datetime

from studyapp.store.codec import loaded, stored
from studyapp.store.database import Database
from studyapp.store.records import CardRow, TableRow, TopicRow
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
