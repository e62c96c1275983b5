"""The study side of the database on the stdlib sqlite3 driver: what is due, the cards, ratings,
undo, bury, suspend, and the home screen's figures.

Studying is the app's hot path. Importing SQLAlchemy costs about 250 ms (more than the home
screen's whole budget) and each Core statement adds its own overhead to a rating, so this part
of the store speaks SQL to sqlite3 directly. The Repository delegates its study methods here,
so there is still one way in to the database; import, browse, exams and reports stay on
SQLAlchemy. Datetimes are stored as SQLAlchemy's DateTime writes them (naive UTC text).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from studyapp.store.dbfile import read_only_file, read_revision, ro_uri
from studyapp.store.revision import HEAD_REVISION

if TYPE_CHECKING:  # imported where used: the home screen's figures need neither (~8 ms)
    from studyapp.store.records import CardRow, ReviewRow
    from studyapp.study.queue import Candidate

FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's DateTime stores values in SQLite
BUSY_TIMEOUT_S = 5.0
REVIEW_STATE = 2  # fsrs.State.Review
STREAK_LIMIT_DAYS = 3660
AVAILABLE = "retired = 0 AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"
IN_TOPICS = " AND topic_id IN (SELECT value FROM json_each(?))"
T = TypeVar("T")


def stored(dt: datetime) -> str:
    """A UTC datetime as SQLAlchemy writes it (naive, microseconds)."""
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(FMT)


def loaded(text: str | None) -> datetime | None:
    """A stored datetime back as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


@dataclass(frozen=True, slots=True)
class RecordedReview:
    review_id: int
    lapses: int
    became_leech: bool


# Consecutive days with reviews ending today (or yesterday, if today has none yet), walked in
# SQL: one indexed probe a day, so a long history costs the streak's length, not the log's size.
# Stored times are "YYYY-MM-DD HH:MM:SS.ffffff", so a bare date compares as that day's midnight.
STREAK_SQL = """
WITH RECURSIVE walk(day, n) AS (
    SELECT CASE WHEN EXISTS (
        SELECT 1 FROM reviews WHERE reviewed_at >= ?1 AND reviewed_at < date(?1, '+1 day')
    ) THEN ?1 ELSE date(?1, '-1 day') END, 0
    UNION ALL
    SELECT date(day, '-1 day'), n + 1 FROM walk
    WHERE n < ?2 AND EXISTS (
        SELECT 1 FROM reviews WHERE reviewed_at >= day AND reviewed_at < date(day, '+1 day')
    )
)
SELECT max(n) FROM walk
"""
CARD_ROW = """
SELECT c.id, s.display_path, t.path_key, c.kind, c.front, c.back, c.line, c.due, c.suspended,
       c.retired, c.topic_id
FROM cards c JOIN sources s ON s.id = c.source_id LEFT JOIN topics t ON t.id = c.topic_id
WHERE c.id = ?
"""


class StudyStore:
    """One sqlite3 connection, shared by the event loop and workers under a lock."""

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self.con = con
        self.path = path
        self.lock = threading.RLock()

    @classmethod
    def connect(
        cls, path: Path, read_only: bool = False, busy_timeout_s: float = BUSY_TIMEOUT_S
    ) -> StudyStore:
        read_only = read_only or read_only_file(path)  # a file without write permission
        mode = "ro" if read_only else "rw"
        con = sqlite3.connect(
            ro_uri(path, mode),
            uri=True,
            timeout=busy_timeout_s,
            isolation_level=None,  # autocommit; writes use explicit BEGIN IMMEDIATE ... COMMIT
            check_same_thread=False,
        )
        con.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        con.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            con.execute("PRAGMA synchronous=NORMAL")
        return cls(con, path)

    @classmethod
    def open_current(
        cls, path: Path, read_only: bool = False, busy_timeout_s: float = BUSY_TIMEOUT_S
    ) -> StudyStore | None:
        """A store over a database already at the current schema; None when the file is absent
        or needs migrating first (the Repository does that), or is unreadable (it says why)."""
        try:
            store = cls.connect(path, read_only, busy_timeout_s)
        except sqlite3.Error:
            return None
        try:
            current = read_revision(store.con) == HEAD_REVISION
        except sqlite3.Error:
            current = False
        if not current:
            store.close()
            return None
        return store

    def set_busy_timeout(self, seconds: float | None) -> None:
        """How long a statement waits for another writer (None: the default, 5 s)."""
        ms = int((BUSY_TIMEOUT_S if seconds is None else seconds) * 1000)
        with self.lock:
            self.con.execute(f"PRAGMA busy_timeout={ms}")

    def close(self) -> None:
        with self.lock:
            self.con.close()

    # ---- plumbing --------------------------------------------------------------------------
    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self.lock:
            try:
                return fn(self.con)
            except sqlite3.Error as exc:
                raise _database_error(self.path, exc) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, or nothing at all."""
        with self.lock:
            try:
                self.con.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _database_error(self.path, exc) from exc
            try:
                yield self.con
                self.con.execute("COMMIT")
            except BaseException as exc:
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _database_error(self.path, exc) from exc
                raise

    def _one(self, sql: str, *args: object) -> int:
        return self._read(lambda con: int(con.execute(sql, args).fetchone()[0] or 0))

    # ---- figures ---------------------------------------------------------------------------
    def source_hashes(self) -> dict[str, str]:
        rows = self._read(lambda con: con.execute("SELECT path, sha256 FROM sources").fetchall())
        return {str(r[0]): str(r[1]) for r in rows}

    def counts(self) -> dict[str, int]:
        return {
            "sources": self._one("SELECT count(*) FROM sources"),
            "topics": self._one("SELECT count(*) FROM topics WHERE retired = 0"),
            # all cards minus the few retired: a bare count(*) reads the narrowest index (~3 ms
            # on 100k cards, where `WHERE retired = 0` walks a wide one for ~9 ms)
            "cards": self._one(
                "SELECT (SELECT count(*) FROM cards)"
                " - (SELECT count(*) FROM cards WHERE retired = 1)"
            ),
            "tables": self._one("SELECT count(*) FROM comparison_tables"),
        }

    def count_due_and_new(
        self, now: datetime, until: datetime, limit: int | None = None
    ) -> tuple[int, int]:
        """(reviews due by `until`, new cards) among cards available `now`, each counted up to
        `limit` (the daily limits cap both figures, and a capped count stops early)."""
        cap = limit if limit is not None else -1
        sql = "SELECT count(*) FROM (SELECT id FROM cards WHERE {} AND {} LIMIT ?)"
        due = self._one(
            sql.format(AVAILABLE, "fsrs IS NOT NULL AND due <= ?"), stored(now), stored(until), cap
        )
        # a new card has neither state nor due date; `due IS NULL` lets the index answer
        new = self._one(sql.format(AVAILABLE, "due IS NULL AND fsrs IS NULL"), stored(now), cap)
        return due, new

    def new_cards_studied_since(self, since: datetime) -> int:
        """Cards whose first review ever happened since `since` (new cards introduced)."""
        return self._one(
            "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND state_before IS NULL",
            stored(since),
        )

    def reviews_since(self, since: datetime) -> int:
        return self._one("SELECT count(*) FROM reviews WHERE reviewed_at >= ?", stored(since))

    def review_streak(self, today: datetime) -> int:
        """Consecutive days with reviews ending `today` (or yesterday): one indexed probe a day."""
        day = today.astimezone(UTC).date().isoformat()
        return self._one(STREAK_SQL, day, STREAK_LIMIT_DAYS)

    # ---- the queue and the cards -----------------------------------------------------------
    def study_candidates(
        self,
        now: datetime,
        topic_ids: list[int] | None = None,
        new_limit: int = 10_000,
        review_limit: int | None = None,
    ) -> tuple[list[Candidate], list[Candidate]]:
        """(due reviews, most overdue first, at most `review_limit`; new cards in notes order)
        available now, optionally within some topics."""
        scope, extra = ("", ()) if topic_ids is None else (IN_TOPICS, (json.dumps(topic_ids),))
        cap = review_limit if review_limit is not None else -1

        from studyapp.study.queue import Candidate

        def read(con: sqlite3.Connection) -> tuple[list[Candidate], list[Candidate]]:
            due = [
                Candidate(r[0], r[1], loaded(r[2]), r[3])
                for r in con.execute(
                    f"SELECT id, topic_id, due, position FROM cards WHERE {AVAILABLE}{scope}"
                    " AND fsrs IS NOT NULL AND due <= ? ORDER BY due, id LIMIT ?",
                    (stored(now), *extra, stored(now), cap),
                )
            ]
            new = [
                Candidate(r[0], r[1], None, r[2])
                for r in con.execute(
                    f"SELECT id, topic_id, position FROM cards WHERE {AVAILABLE}{scope}"
                    " AND fsrs IS NULL AND due IS NULL ORDER BY source_id, position LIMIT ?",
                    (stored(now), *extra, new_limit),
                )
            ]
            return due, new

        return self._read(read)

    def card(self, card_id: int) -> CardRow | None:
        row = self._read(lambda con: con.execute(CARD_ROW, (card_id,)).fetchone())
        if row is None:
            return None
        from studyapp.store.records import CardRow

        return CardRow.from_row(row, loaded(row[7]))

    def card_state(self, card_id: int) -> tuple[str | None, bool]:
        """(FSRS state JSON or None for a new card, retired flag)."""
        row = self._read(
            lambda con: con.execute(
                "SELECT fsrs, retired FROM cards WHERE id = ?", (card_id,)
            ).fetchone()
        )
        if row is None:
            raise KeyError(f"no card {card_id}")
        return row[0], bool(row[1])

    def reviews_for(self, card_id: int) -> list[ReviewRow]:
        rows = self._read(
            lambda con: con.execute(
                "SELECT id, card_id, rating, reviewed_at, duration_ms FROM reviews"
                " WHERE card_id = ? ORDER BY reviewed_at, id",
                (card_id,),
            ).fetchall()
        )
        from studyapp.store.records import ReviewRow

        return [ReviewRow(r[0], r[1], r[2], loaded(r[3]) or r[3], r[4]) for r in rows]

    def topic_subtree_ids(self, topic_id: int) -> list[int]:
        rows: list[Any] = self._read(
            lambda con: con.execute(
                "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
                " SELECT t.id FROM topics t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub",
                (topic_id,),
            ).fetchall()
        )
        return [int(r[0]) for r in rows]

    # ---- writing ---------------------------------------------------------------------------
    def record_review(
        self,
        card_id: int,
        rating: int,
        now: datetime,
        state_after: str,
        due: datetime,
        duration_ms: int | None = None,
        lapsed: bool = False,
        leech_lapses: int = 8,
    ) -> RecordedReview:
        """Append to the review log and store the card's new state, in one transaction.
        At `leech_lapses` lapses the card is tagged leech and suspended."""
        with self._write() as con:
            before, lapses = con.execute(
                "SELECT fsrs, lapses FROM cards WHERE id = ?", (card_id,)
            ).fetchone()
            rid = con.execute(
                "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms, state_before,"
                " state_after) VALUES (?, ?, ?, ?, ?, ?)",
                (card_id, rating, stored(now), duration_ms, before, state_after),
            ).lastrowid
            lapses += 1 if lapsed else 0
            leech = lapsed and lapses >= leech_lapses
            con.execute(
                "UPDATE cards SET fsrs = ?, due = ?, lapses = ?, updated_at = ?"
                + (", leech = 1, suspended = 1" if leech else "")
                + " WHERE id = ?",
                (state_after, stored(due), lapses, stored(now), card_id),
            )
        return RecordedReview(int(rid or 0), lapses, leech)

    def undo_last_review(self) -> int | None:
        """Remove the newest review and put its card back as it was. Returns the card id."""
        with self._write() as con:
            row = con.execute(
                "SELECT id, card_id, rating, state_before FROM reviews ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            rid, card_id, rating, before = row
            state = json.loads(before) if before else {}
            lapse = 1 if rating == 1 and state.get("state") == REVIEW_STATE else 0
            due = state.get("due")
            con.execute("DELETE FROM reviews WHERE id = ?", (rid,))
            lapses, leech = con.execute(
                "SELECT lapses, leech FROM cards WHERE id = ?", (card_id,)
            ).fetchone()
            # the lapse being undone is the one that made it a leech: not a leech any more
            unleech = ", leech = 0, suspended = 0" if lapse and leech else ""
            con.execute(
                f"UPDATE cards SET fsrs = ?, due = ?, lapses = ?{unleech} WHERE id = ?",
                (
                    before,
                    stored(datetime.fromisoformat(due)) if due else None,
                    max(lapses - lapse, 0),
                    card_id,
                ),
            )
        return int(card_id)

    def bury(self, card_id: int, until: datetime) -> None:
        with self._write() as con:
            con.execute("UPDATE cards SET buried_until = ? WHERE id = ?", (stored(until), card_id))

    def set_suspended(self, card_id: int, suspended: bool = True) -> None:
        with self._write() as con:
            con.execute(
                "UPDATE cards SET suspended = ? WHERE id = ?", (1 if suspended else 0, card_id)
            )


def _database_error(path: Path, exc: sqlite3.Error) -> Exception:
    """The learner's message for a sqlite3 error (SQLAlchemy is imported only on this path)."""
    from studyapp.store.db import error_for

    return error_for(path, exc)
