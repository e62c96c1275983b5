"""The doctor's SQL, on the stdlib sqlite3 driver.

`studyapp doctor` must work where the app refuses to: on a damaged file and on a schema written
by a newer studyapp (Collection.open would migrate it). So it reads through its own read-only
sqlite3 connection, and repairs through a read-write one, in one transaction.

Every query here is one pass: the review log (a million rows) is grouped once by card through
its index, and each card's newest review is one index probe.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from studyapp.store.codec import stored
from studyapp.store.database import Database
from studyapp.store.dbfile import read_revision
from studyapp.store.errors import DatabaseDamaged
from studyapp.store.explain import way_out

EXAMPLES = 3  # rows quoted per finding


@dataclass(frozen=True, slots=True)
class Orphans:
    """Rows that point to a row that is gone (what `ON DELETE` would have done, undone)."""

    kind: str
    table: str
    what: tuple[str, str]  # ("review whose card is gone", "reviews whose card is gone")
    ids: list[int]
    action: str  # delete | retire | unlink | keep


@dataclass(frozen=True, slots=True)
class CardDrift:
    """A card whose stored state is not what its review log says."""

    card_id: int
    fields: list[str]  # which of state, step, stability, difficulty, due, lapses... differ
    state: str | None  # the state the log says (the newest review's state_after); None: new
    due: str | None  # stored form of that state's due date
    lapses: int


# (kind, table, (what, in the singular and plural), where-clause selecting the rows, repair action)
ORPHAN_KINDS: tuple[tuple[str, str, tuple[str, str], str, str], ...] = (
    (
        "topics_without_source",
        "topics",
        ("topic whose notes file is gone", "topics whose notes file is gone"),
        "source_id NOT IN (SELECT id FROM sources)",
        "delete",
    ),
    (
        "cards_without_source",
        "cards",
        (
            "card (never reviewed) whose notes file is gone",
            "cards (never reviewed) whose notes file is gone",
        ),
        "source_id NOT IN (SELECT id FROM sources)"
        " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = cards.id)",
        "delete",
    ),
    (
        "reviewed_cards_without_source",
        "cards",
        (
            "reviewed card still studied whose notes file is gone",
            "reviewed cards still studied whose notes file is gone",
        ),
        "retired = 0 AND source_id NOT IN (SELECT id FROM sources)"
        " AND EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = cards.id)",
        "retire",
    ),
    (
        "tables_without_source",
        "comparison_tables",
        ("comparison table whose notes file is gone", "comparison tables whose notes file is gone"),
        "source_id NOT IN (SELECT id FROM sources)",
        "delete",
    ),
    (
        "answers_without_attempt",
        "exam_answers",
        ("exam answer whose attempt is gone", "exam answers whose attempt is gone"),
        "attempt_id NOT IN (SELECT id FROM exam_attempts)",
        "delete",
    ),
    (
        "topics_missing_parent",
        "topics",
        ("topic whose parent topic is gone", "topics whose parent topic is gone"),
        "parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM topics)",
        "unlink:parent_id",
    ),
    (
        "cards_missing_topic",
        "cards",
        ("card whose topic is gone", "cards whose topic is gone"),
        "topic_id IS NOT NULL AND topic_id NOT IN (SELECT id FROM topics)",
        "unlink:topic_id",
    ),
    (
        "tables_missing_topic",
        "comparison_tables",
        ("comparison table whose topic is gone", "comparison tables whose topic is gone"),
        "topic_id IS NOT NULL AND topic_id NOT IN (SELECT id FROM topics)",
        "unlink:topic_id",
    ),
    (
        "reviews_without_card",
        "reviews",
        ("review whose card is gone", "reviews whose card is gone"),
        "card_id NOT IN (SELECT id FROM cards)",
        "keep",
    ),
)
# the foreign keys the orphan kinds above cover: (child table, parent table)
COVERED_KEYS = {
    ("topics", "sources"),
    ("topics", "topics"),
    ("cards", "sources"),
    ("cards", "topics"),
    ("comparison_tables", "sources"),
    ("comparison_tables", "topics"),
    ("exam_answers", "exam_attempts"),
    ("reviews", "cards"),
}

# each card's newest review: one probe of ix_reviews_card (card_id, reviewed_at, rowid) a card
NEWEST_STATE_SQL = """
SELECT c.id, c.fsrs, c.due, c.lapses, r.state_after, json_extract(r.state_after, '$.due')
FROM cards c JOIN reviews r ON r.id = (
    SELECT id FROM reviews WHERE card_id = c.id ORDER BY reviewed_at DESC, id DESC LIMIT 1)
"""
# a card reset to new ("forget", schema 0007) has no state to compare until it is reviewed again
SINCE_RESET = " WHERE c.reset_at IS NULL OR r.reviewed_at > c.reset_at"
# the whole log grouped by card in one pass: count, time, and lapses (Again on a Review card,
# exactly what StudySession.rate counts)
LOG_TOTALS_SQL = """
SELECT card_id, count(*), CAST(TOTAL(duration_ms) AS INTEGER),
       SUM(CASE WHEN rating = 1 AND json_extract(state_before, '$.state') = 2 THEN 1 ELSE 0 END)
FROM reviews GROUP BY card_id
"""
STATE_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review")


def _moment(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _stored_form(iso: object) -> str | None:
    """fsrs's "2026-11-01T09:10:00.123456+00:00" as stored: "2026-11-01 09:10:00.123456"
    (the fast path; anything else is compared as datetimes)."""
    if isinstance(iso, str) and len(iso) == 32 and iso.endswith("+00:00"):
        return f"{iso[:10]} {iso[11:26]}"
    return None


class DoctorQueries(Database):
    """The doctor's reads and repairs, on the collection's connection (opened without
    migrating, read-only for a check)."""

    def integrity(self) -> list[str]:
        """SQLite's own findings; ["ok"] when the file is sound."""
        return [str(r[0]) for r in self._con.execute("PRAGMA integrity_check(20)")]

    def check_intact(self) -> None:
        """Raise DatabaseDamaged (with the way out) unless SQLite's quick check passes: what a
        command does before writing, so damage is never written over (import, forget)."""
        problems = [str(r[0]) for r in self._rows("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise DatabaseDamaged(
                f"{self.path}: the database file is damaged ({problems[0]}); nothing was written."
                f" {way_out(self.path)}"
            )

    def tables(self) -> set[str]:
        rows = self._con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(r[0]) for r in rows}

    def revision(self) -> str | None:
        return read_revision(self._con)

    def columns(self, table: str) -> set[str]:
        return {str(r[1]) for r in self._con.execute(f"PRAGMA table_info({table})")}

    def foreign_key_violations(self) -> dict[tuple[str, str], list[int]]:
        """{(child table, parent table): rowids} from PRAGMA foreign_key_check."""
        out: dict[tuple[str, str], list[int]] = {}
        for table, rowid, parent, _fk in self._con.execute("PRAGMA foreign_key_check"):
            out.setdefault((str(table), str(parent)), []).append(int(rowid or 0))
        return out

    # ---- orphans ---------------------------------------------------------------------------
    def orphans(self) -> list[Orphans]:
        have = self.tables()
        found = []
        for kind, table, what, where, action in ORPHAN_KINDS:
            if table not in have:
                continue
            rows = self._con.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY id")
            ids = [int(r[0]) for r in rows]
            if ids:
                found.append(Orphans(kind, table, what, ids, action))
        return found

    def labels(self, table: str, ids: Iterable[int]) -> dict[int, str]:
        """A few words to show for each row: a card's front, a topic's title, a table's caption."""
        column = {"cards": "front", "topics": "title", "comparison_tables": "caption"}.get(table)
        wanted = list(ids)
        if column is None or not wanted:
            return {}
        rows = self._con.execute(
            f"SELECT id, {column} FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def review_card_ids(self, review_ids: list[int]) -> dict[int, int]:
        rows = self._con.execute(
            "SELECT id, card_id FROM reviews WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(review_ids),),
        )
        return {int(r[0]): int(r[1]) for r in rows}

    # ---- card state against the log --------------------------------------------------------
    def log_totals(self) -> dict[int, tuple[int, int, int]]:
        """{card id: (reviews, milliseconds, lapses)} from the review log, in one pass."""
        return {
            int(r[0]): (int(r[1]), int(r[2] or 0), int(r[3] or 0))
            for r in self._con.execute(LOG_TOTALS_SQL)
        }

    def card_drift(self, totals: dict[int, tuple[int, int, int]]) -> list[CardDrift]:
        """Reviewed cards whose stored state, due date or lapses differ from their log."""
        drift = []
        sql = NEWEST_STATE_SQL + (SINCE_RESET if "reset_at" in self.columns("cards") else "")
        for cid, fsrs, due, lapses, after, after_due in self._con.execute(sql):
            want_lapses = totals.get(cid, (0, 0, 0))[2]
            fast = _stored_form(after_due)
            due_ok = (fast is not None and due == fast) or _moment(due) == _moment(after_due)
            if fsrs == after and due_ok and lapses == want_lapses:
                continue
            fields = [] if fsrs == after else _state_fields(fsrs, after)
            if not due_ok and "due" not in fields:
                fields.append("due")
            if lapses != want_lapses:
                fields.append("lapses")
            when = _moment(after_due)
            drift.append(
                CardDrift(int(cid), fields, after, stored(when) if when else None, want_lapses)
            )
        return drift

    def state_without_reviews(self) -> list[int]:
        """Cards with a schedule, a due date or lapses but no review in the log."""
        rows = self._con.execute(
            "SELECT id FROM cards c WHERE (fsrs IS NOT NULL OR due IS NOT NULL OR lapses != 0)"
            " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = c.id)"
        )
        return [int(r[0]) for r in rows]

    def totals_drift(
        self, totals: dict[int, tuple[int, int, int]]
    ) -> list[tuple[int, int, int, int, int]]:
        """(card, stored count, stored ms, log count, log ms) where migration 0005's totals
        disagree with the log."""
        out = []
        for cid, count, ms in self._con.execute("SELECT id, review_count, review_ms FROM cards"):
            n, t, _ = totals.get(cid, (0, 0, 0))
            if count != n or ms != t:
                out.append((int(cid), int(count), int(ms), n, t))
        return out

    def review_count(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM reviews").fetchone()[0])

    # ---- repairs (inside `transaction`) ------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction for every repair, or none. Foreign keys are off: the repairs do what
        ON DELETE would have done themselves, so no cascade can ever reach the review log."""
        self._con.execute("PRAGMA foreign_keys=OFF")
        self._con.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._con.execute("COMMIT")
        except BaseException:
            if self._con.in_transaction:
                self._con.execute("ROLLBACK")
            raise

    def repair_orphans(self, found: Orphans) -> int:
        ids = json.dumps(found.ids)
        within = "id IN (SELECT value FROM json_each(?))"
        if found.action == "delete":
            sql = f"DELETE FROM {found.table} WHERE {within}"
            if found.table == "cards":  # never a reviewed card: its history goes with it
                sql += " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = cards.id)"
        elif found.action == "retire":
            sql = f"UPDATE {found.table} SET retired = 1 WHERE {within}"
        elif found.action.startswith("unlink:"):
            column = found.action.split(":", 1)[1]
            sql = f"UPDATE {found.table} SET {column} = NULL WHERE {within}"
        else:
            return 0
        return self._con.execute(sql, (ids,)).rowcount

    def write_states(self, drift: list[CardDrift]) -> int:
        self._con.executemany(
            "UPDATE cards SET fsrs = ?, due = ?, lapses = ? WHERE id = ?",
            [(d.state, d.due, d.lapses, d.card_id) for d in drift],
        )
        return len(drift)

    def reset_to_new(self, card_ids: list[int]) -> int:
        return self._con.execute(
            "UPDATE cards SET fsrs = NULL, due = NULL, lapses = 0"
            " WHERE id IN (SELECT value FROM json_each(?))"
            " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = cards.id)",
            (json.dumps(card_ids),),
        ).rowcount

    def write_totals(self, rows: list[tuple[int, int, int, int, int]]) -> int:
        self._con.executemany(
            "UPDATE cards SET review_count = ?, review_ms = ? WHERE id = ?",
            [(n, t, cid) for cid, _c, _m, n, t in rows],
        )
        return len(rows)

    def delete_orphan_reviews(self, review_ids: list[int]) -> int:
        return self._con.execute(
            "DELETE FROM reviews WHERE id IN (SELECT value FROM json_each(?))"
            " AND card_id NOT IN (SELECT id FROM cards)",
            (json.dumps(review_ids),),
        ).rowcount


def _state_fields(stored_text: str | None, log_text: str | None) -> list[str]:
    """Which FSRS fields differ between the stored state and the log's (both JSON, or None)."""
    if stored_text is None:
        return ["state (stored as new)"]
    try:
        have = json.loads(stored_text)
        want = json.loads(log_text) if log_text else {}
    except (ValueError, TypeError):
        return ["state (unreadable)"]
    if not isinstance(have, dict):
        return ["state (unreadable)"]
    fields = []
    for name in STATE_FIELDS:
        a, b = have.get(name), want.get(name)
        if name in ("due", "last_review"):
            a, b = _moment(a), _moment(b)
        if a != b:
            fields.append(name)
    return fields or ["state"]
