"""What the study-scope chooser reads: the topics the domain mapping needs, and each topic's due
and new cards. No card memory and no review log is read."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from studyapp.reports.mapping import TopicText
from studyapp.store.errors import DatabaseError
from studyapp.store.report_repo import _TOPICS, topic_text
from studyapp.store.study_store import AVAILABLE, stored

# the same cards StudySession.start() would offer now: available (not retired, suspended or
# buried), and either due by now or never studied; per topic (NULL: cards outside any topic)
_DUE_NEW = f"""
SELECT topic_id, SUM(fsrs IS NOT NULL AND due <= ?), SUM(fsrs IS NULL AND due IS NULL)
FROM cards WHERE {AVAILABLE}
GROUP BY topic_id
"""


class ScopeMixin:
    engine: Engine
    path: Path

    def _rows(self, sql: str, args: tuple[str, ...] = ()) -> list[Any]:
        """Rows in bulk from the sqlite3 connection; a failure as the learner's DatabaseError."""
        from studyapp.store.db import _explain

        try:
            with self.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                return raw.execute(sql, args).fetchall()
        except DBAPIError as exc:
            orig = exc.orig if isinstance(exc.orig, Exception) else exc
            raise DatabaseError(_explain(self.path, orig)) from exc
        except sqlite3.Error as exc:
            raise DatabaseError(_explain(self.path, exc)) from exc

    def topic_texts(self) -> list[TopicText]:
        """Every live topic with its text and explicit domain tags (what the mapping reads)."""
        return [topic_text(r) for r in self._rows(_TOPICS)]

    def due_new_per_topic(self, now: datetime) -> dict[int | None, tuple[int, int]]:
        """{topic id: (reviews due now, new cards)} over the cards available now; topics with
        neither are left out; the key None holds the cards outside any topic."""
        if now.tzinfo is None:
            raise ValueError("scope times must be timezone-aware (UTC)")
        at = stored(now)
        out: dict[int | None, tuple[int, int]] = {}
        for tid, due, new in self._rows(_DUE_NEW, (at, at)):
            if due or new:
                out[tid] = (int(due or 0), int(new or 0))
        return out
