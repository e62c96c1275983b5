"""The home screen's figures read with the stdlib sqlite3 driver, read-only.

Importing SQLAlchemy costs ~150 ms, more than the whole budget for painting the home screen, so
the figures are read here first while the full repository opens in the background. The methods
have the same names and meaning as the Repository's, so one function computes the overview from
either (studyapp.studying.overview). The queries must match those in study_repo / repository.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's DateTime stores values in SQLite
AVAILABLE = "retired = 0 AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"
STREAK_LIMIT_DAYS = 3660


def stored(dt: datetime) -> str:
    """A UTC datetime as SQLAlchemy writes it (naive, microseconds)."""
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(FMT)


class QuickReader:
    """Read-only figures of a collection that already exists; `open` returns None otherwise."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    @classmethod
    def open(cls, path: Path) -> QuickReader | None:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
            found = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
        except sqlite3.Error:
            return None
        if found is None:
            con.close()
            return None
        return cls(con)

    def close(self) -> None:
        self.con.close()

    def _one(self, sql: str, *args: object) -> int:
        return int(self.con.execute(sql, args).fetchone()[0])

    def counts(self) -> dict[str, int]:
        return {
            "sources": self._one("SELECT count(*) FROM sources"),
            "topics": self._one("SELECT count(*) FROM topics WHERE retired = 0"),
            "cards": self._one("SELECT count(*) FROM cards WHERE retired = 0"),
            "tables": self._one("SELECT count(*) FROM comparison_tables"),
        }

    def count_due_and_new(
        self, now: datetime, until: datetime, limit: int | None = None
    ) -> tuple[int, int]:
        cap = limit if limit is not None else -1
        sql = "SELECT count(*) FROM (SELECT id FROM cards WHERE {} AND {} LIMIT ?)"
        due = self._one(
            sql.format(AVAILABLE, "fsrs IS NOT NULL AND due <= ?"), stored(now), stored(until), cap
        )
        new = self._one(sql.format(AVAILABLE, "due IS NULL AND fsrs IS NULL"), stored(now), cap)
        return due, new

    def new_cards_studied_since(self, since: datetime) -> int:
        return self._one(
            "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND state_before IS NULL",
            stored(since),
        )

    def reviews_since(self, since: datetime) -> int:
        return self._one("SELECT count(*) FROM reviews WHERE reviewed_at >= ?", stored(since))

    def review_streak(self, today: datetime) -> int:
        return int(self.con.execute(STREAK_SQL, streak_params(today)).fetchone()[0] or 0)


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


def streak_params(today: datetime) -> tuple[str, int]:
    return (today.astimezone(UTC).date().isoformat(), STREAK_LIMIT_DAYS)
