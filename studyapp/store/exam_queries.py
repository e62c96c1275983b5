"""Exam and quiz attempts: save and resume an attempt, finish it with one row per answer,
and list attempts for the progress report. Every write is one committed transaction."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studyapp.store.codec import loaded, stored
from studyapp.store.database import Database
from studyapp.store.import_queries import INSERT_CARD, SEP

MISTAKES_SOURCE = "studyapp:mistakes"  # a synthetic source: no notes file ever has this path
MISTAKES_TOPIC = "Mock exam mistakes"


@dataclass(frozen=True, slots=True)
class AttemptRow:
    id: int
    exam: str
    mode: str  # exam | practice | review | quiz
    started_at: datetime
    finished_at: datetime | None
    state: dict[str, Any]
    scaled_score: int | None
    passed: bool | None
    result: dict[str, Any] | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True, slots=True)
class AnswerRow:
    attempt_id: int
    position: int
    question_id: str
    domain: str
    task: str
    chosen: tuple[str, ...]
    correct: bool
    flagged: bool
    seconds: float
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class FinishedAnswer:
    """What `finish_attempt` writes for one question (built by the caller from the result)."""

    question_id: str
    domain: int
    task: str
    chosen: tuple[str, ...]
    correct: bool
    flagged: bool
    seconds: float


@dataclass(frozen=True, slots=True)
class QuizTable:
    """A comparison table with the exam domains of its topic, for derived quiz questions."""

    id: int
    caption: str
    header: list[str]
    rows: list[list[str]]
    topic_path: str
    domains: tuple[str, ...]  # "saa-c03:1.2" or "dva-c02:2"


_ATTEMPT = (
    "SELECT id, exam, mode, started_at, finished_at, state, scaled_score, passed, result"
    " FROM exam_attempts"
)
_QUIZ_TABLES = """
SELECT x.id, x.caption, x.header, x.rows, t.path_key, t.domains
FROM comparison_tables x JOIN topics t ON t.id = x.topic_id
WHERE t.retired = 0
ORDER BY x.id
"""


def _modes(modes: tuple[str, ...] | None) -> tuple[str, list[Any]]:
    if modes is None:
        return "", []
    return " AND mode IN (SELECT value FROM json_each(?))", [json.dumps(list(modes))]


class ExamQueries(Database):
    # ---- attempts in progress ----------------------------------------------------------------
    def save_attempt(
        self,
        state: dict[str, Any],
        exam: str,
        mode: str,
        now: datetime,
        attempt_id: int | None = None,
    ) -> int:
        """Insert a new attempt (attempt_id None) or update one in progress; returns its id."""
        text = json.dumps(state, ensure_ascii=False)
        with self._write() as con:
            if attempt_id is None:
                cur = con.execute(
                    "INSERT INTO exam_attempts (exam, mode, started_at, state) VALUES (?, ?, ?, ?)",
                    (exam, mode, stored(now), text),
                )
                return int(cur.lastrowid or 0)
            con.execute(
                "UPDATE exam_attempts SET state = ? WHERE id = ? AND finished_at IS NULL",
                (text, attempt_id),
            )
        return attempt_id

    def unfinished_attempt(
        self, exam: str, modes: tuple[str, ...] | None = None
    ) -> AttemptRow | None:
        """The newest attempt for `exam` that was left without submitting, if any."""
        extra, args = _modes(modes)
        row = self._row(
            _ATTEMPT
            + " WHERE exam = ? AND finished_at IS NULL"
            + extra
            + " ORDER BY id DESC LIMIT 1",
            (exam, *args),
        )
        return _attempt(row) if row is not None else None

    def unfinished_attempts(self) -> list[AttemptRow]:
        rows = self._rows(_ATTEMPT + " WHERE finished_at IS NULL ORDER BY id DESC")
        return [_attempt(r) for r in rows]

    def abandon_attempt(self, attempt_id: int, now: datetime) -> None:
        """Close an unfinished attempt without a score (the learner started a new one)."""
        with self._write() as con:
            con.execute(
                "UPDATE exam_attempts SET finished_at = ?, result = ?"
                " WHERE id = ? AND finished_at IS NULL",
                (stored(now), json.dumps({"abandoned": True}), attempt_id),
            )

    # ---- finishing ---------------------------------------------------------------------------
    def finish_attempt(
        self,
        attempt_id: int,
        state: dict[str, Any],
        result: dict[str, Any],
        scaled_score: int | None,
        passed: bool | None,
        answers: list[FinishedAnswer],
        now: datetime,
    ) -> None:
        """Store the final state and result and one `exam_answers` row per question, at once."""
        stamp = stored(now)
        with self._write() as con:
            con.execute(
                "UPDATE exam_attempts SET finished_at = ?, state = ?, scaled_score = ?,"
                " passed = ?, result = ? WHERE id = ?",
                (
                    stamp,
                    json.dumps(state, ensure_ascii=False),
                    scaled_score,
                    None if passed is None else int(passed),
                    json.dumps(result, ensure_ascii=False),
                    attempt_id,
                ),
            )
            con.execute("DELETE FROM exam_answers WHERE attempt_id = ?", (attempt_id,))
            con.executemany(
                "INSERT INTO exam_answers (attempt_id, position, question_id, domain, task,"
                " chosen, correct, flagged, seconds, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        attempt_id,
                        i,
                        a.question_id,
                        str(a.domain),
                        a.task,
                        json.dumps(list(a.chosen)),
                        int(a.correct),
                        int(a.flagged),
                        a.seconds,
                        stamp,
                    )
                    for i, a in enumerate(answers)
                ],
            )

    # ---- reading -----------------------------------------------------------------------------
    def last_attempt_question_ids(
        self, exam: str, modes: tuple[str, ...] | None = None
    ) -> set[str]:
        """Question ids of the learner's last finished (scored) attempt: `avoid_ids`."""
        extra, args = _modes(modes)
        last = self._row(
            "SELECT id FROM exam_attempts WHERE exam = ? AND finished_at IS NOT NULL"
            " AND scaled_score IS NOT NULL" + extra + " ORDER BY id DESC LIMIT 1",
            (exam, *args),
        )
        if last is None:
            return set()
        rows = self._rows("SELECT question_id FROM exam_answers WHERE attempt_id = ?", (last[0],))
        return {str(r[0]) for r in rows}

    def attempts(self, exam: str | None = None, finished_only: bool = True) -> list[AttemptRow]:
        """Attempts, oldest first (for the progress report)."""
        where, args = [], []
        if exam is not None:
            where.append("exam = ?")
            args.append(exam)
        if finished_only:
            where.append("finished_at IS NOT NULL")
        sql = _ATTEMPT + (" WHERE " + " AND ".join(where) if where else "")
        return [_attempt(r) for r in self._rows(sql + " ORDER BY started_at, id", args)]

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        row = self._row(_ATTEMPT + " WHERE id = ?", (attempt_id,))
        return _attempt(row) if row is not None else None

    def attempt_answers(self, attempt_id: int) -> list[AnswerRow]:
        rows = self._rows(
            "SELECT attempt_id, position, question_id, domain, task, chosen, correct, flagged,"
            " seconds, answered_at FROM exam_answers WHERE attempt_id = ? ORDER BY position",
            (attempt_id,),
        )
        return [
            AnswerRow(
                attempt_id=r[0],
                position=r[1],
                question_id=r[2],
                domain=r[3],
                task=r[4],
                chosen=tuple(json.loads(r[5])),
                correct=bool(r[6]),
                flagged=bool(r[7]),
                seconds=float(r[8]),
                answered_at=loaded(r[9]) or r[9],
            )
            for r in rows
        ]

    def quiz_tables(self) -> list[QuizTable]:
        """Comparison tables of live topics with their topic's exam domains."""
        return [
            QuizTable(
                id=r[0],
                caption=r[1],
                header=json.loads(r[2]),
                rows=json.loads(r[3]),
                topic_path=r[4],
                domains=tuple(d.strip() for d in (r[5] or "").split(",") if d.strip()),
            )
            for r in self._rows(_QUIZ_TABLES)
        ]

    # ---- mistakes become cards ---------------------------------------------------------------
    def add_mistake_card(self, exam: str, domain: int, front: str, back: str, now: datetime) -> int:
        """Store a `basic` card under "Mock exam mistakes > <EXAM> domain N" in a synthetic
        source that no import ever reconciles, so the card survives re-imports of notes.
        Adding the same front twice returns the existing card."""
        from studyapp.store.reconcile import prompt_key

        stamp = stored(now)
        title = f"{exam.upper()} domain {domain}"
        key = f"{MISTAKES_TOPIC}{SEP}{title}"
        with self._write() as con:
            row = con.execute(
                "SELECT id FROM sources WHERE path = ?", (MISTAKES_SOURCE,)
            ).fetchone()
            if row is None:
                cur = con.execute(
                    "INSERT INTO sources (path, display_path, sha256, kind, bundled, repaired,"
                    " imported_at) VALUES (?, ?, '-', 'mistakes', 0, 0, ?)",
                    (MISTAKES_SOURCE, MISTAKES_SOURCE, stamp),
                )
                sid = int(cur.lastrowid or 0)
            else:
                sid = int(row[0])
            root = _topic(con, sid, MISTAKES_TOPIC, MISTAKES_TOPIC, 1, None, "")
            tid = _topic(con, sid, key, title, 2, root, f"{exam}:{domain}")
            pkey = prompt_key(front)
            found = con.execute(
                "SELECT id FROM cards WHERE source_id = ? AND prompt_key = ?", (sid, pkey)
            ).fetchone()
            if found is not None:
                con.execute("UPDATE cards SET retired = 0 WHERE id = ?", (found[0],))
                return int(found[0])
            position = con.execute(
                "SELECT count(*) FROM cards WHERE source_id = ?", (sid,)
            ).fetchone()[0]
            cur = con.execute(
                INSERT_CARD, (sid, tid, "basic", front, back, pkey, 0, position, stamp, stamp)
            )
            return int(cur.lastrowid or 0)


def _topic(
    con: sqlite3.Connection,
    sid: int,
    key: str,
    title: str,
    level: int,
    parent: int | None,
    domains: str,
) -> int:
    row = con.execute(
        "SELECT id FROM topics WHERE source_id = ? AND path_key = ?", (sid, key)
    ).fetchone()
    if row is not None:
        return int(row[0])
    cur = con.execute(
        "INSERT INTO topics (source_id, parent_id, path_key, title, level, line, position, body,"
        " domains, retired) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, 0)",
        (
            sid,
            parent,
            key,
            title,
            level,
            "Cards made from questions answered wrongly in mock exams and quizzes.",
            domains,
        ),
    )
    return int(cur.lastrowid or 0)


def _attempt(r: Any) -> AttemptRow:
    return AttemptRow(
        id=r[0],
        exam=r[1],
        mode=r[2],
        started_at=loaded(r[3]) or r[3],
        finished_at=loaded(r[4]),
        state=json.loads(r[5]),
        scaled_score=r[6],
        passed=None if r[7] is None else bool(r[7]),
        result=json.loads(r[8]) if r[8] else None,
    )
