"""Exam and quiz attempts: save and resume an attempt, finish it with one row per answer,
and list attempts for the progress report. Every write is one committed transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from studyapp.store.schema import (
    cards,
    comparison_tables,
    exam_answers,
    exam_attempts,
    sources,
    topics,
)
from studyapp.store.timeutil import naive, utc

MISTAKES_SOURCE = "studyapp:mistakes"  # a synthetic source: no notes file ever has this path
MISTAKES_TOPIC = "Mock exam mistakes"
SEP = " > "


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


class ExamMixin:
    engine: Engine
    path: Path

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
        with self.engine.begin() as conn:
            if attempt_id is None:
                result = conn.execute(
                    insert(exam_attempts).values(
                        exam=exam, mode=mode, started_at=naive(now), state=text
                    )
                )
                return int(result.inserted_primary_key[0])
            conn.execute(
                update(exam_attempts)
                .where(exam_attempts.c.id == attempt_id, exam_attempts.c.finished_at.is_(None))
                .values(state=text)
            )
        return attempt_id

    def unfinished_attempt(
        self, exam: str, modes: tuple[str, ...] | None = None
    ) -> AttemptRow | None:
        """The newest attempt for `exam` that was left without submitting, if any."""
        q = select(exam_attempts).where(
            exam_attempts.c.exam == exam, exam_attempts.c.finished_at.is_(None)
        )
        if modes is not None:
            q = q.where(exam_attempts.c.mode.in_(modes))
        with self.engine.connect() as conn:
            row = conn.execute(q.order_by(exam_attempts.c.id.desc()).limit(1)).first()
        return _attempt(row) if row is not None else None

    def unfinished_attempts(self) -> list[AttemptRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(exam_attempts)
                .where(exam_attempts.c.finished_at.is_(None))
                .order_by(exam_attempts.c.id.desc())
            ).all()
        return [_attempt(r) for r in rows]

    def abandon_attempt(self, attempt_id: int, now: datetime) -> None:
        """Close an unfinished attempt without a score (the learner started a new one)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(exam_attempts)
                .where(exam_attempts.c.id == attempt_id, exam_attempts.c.finished_at.is_(None))
                .values(finished_at=naive(now), result=json.dumps({"abandoned": True}))
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
        stamp = naive(now)
        with self.engine.begin() as conn:
            conn.execute(
                update(exam_attempts)
                .where(exam_attempts.c.id == attempt_id)
                .values(
                    finished_at=stamp,
                    state=json.dumps(state, ensure_ascii=False),
                    scaled_score=scaled_score,
                    passed=passed,
                    result=json.dumps(result, ensure_ascii=False),
                )
            )
            conn.execute(delete(exam_answers).where(exam_answers.c.attempt_id == attempt_id))
            if answers:
                conn.execute(
                    insert(exam_answers),
                    [
                        dict(
                            attempt_id=attempt_id,
                            position=i,
                            question_id=a.question_id,
                            domain=str(a.domain),
                            task=a.task,
                            chosen=json.dumps(list(a.chosen)),
                            correct=a.correct,
                            flagged=a.flagged,
                            seconds=a.seconds,
                            answered_at=stamp,
                        )
                        for i, a in enumerate(answers)
                    ],
                )

    # ---- reading -----------------------------------------------------------------------------
    def last_attempt_question_ids(
        self, exam: str, modes: tuple[str, ...] | None = None
    ) -> set[str]:
        """Question ids of the learner's last finished (scored) attempt: `avoid_ids`."""
        q = select(exam_attempts.c.id).where(
            exam_attempts.c.exam == exam,
            exam_attempts.c.finished_at.is_not(None),
            exam_attempts.c.scaled_score.is_not(None),
        )
        if modes is not None:
            q = q.where(exam_attempts.c.mode.in_(modes))
        with self.engine.connect() as conn:
            last = conn.execute(q.order_by(exam_attempts.c.id.desc()).limit(1)).scalar()
            if last is None:
                return set()
            return set(
                conn.execute(
                    select(exam_answers.c.question_id).where(exam_answers.c.attempt_id == last)
                ).scalars()
            )

    def attempts(self, exam: str | None = None, finished_only: bool = True) -> list[AttemptRow]:
        """Attempts, oldest first (for the progress report)."""
        q = select(exam_attempts).order_by(exam_attempts.c.started_at, exam_attempts.c.id)
        if exam is not None:
            q = q.where(exam_attempts.c.exam == exam)
        if finished_only:
            q = q.where(exam_attempts.c.finished_at.is_not(None))
        with self.engine.connect() as conn:
            return [_attempt(r) for r in conn.execute(q).all()]

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(exam_attempts).where(exam_attempts.c.id == attempt_id)
            ).first()
        return _attempt(row) if row is not None else None

    def attempt_answers(self, attempt_id: int) -> list[AnswerRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(exam_answers)
                .where(exam_answers.c.attempt_id == attempt_id)
                .order_by(exam_answers.c.position)
            ).all()
        return [
            AnswerRow(
                attempt_id=r.attempt_id,
                position=r.position,
                question_id=r.question_id,
                domain=r.domain,
                task=r.task,
                chosen=tuple(json.loads(r.chosen)),
                correct=bool(r.correct),
                flagged=bool(r.flagged),
                seconds=float(r.seconds),
                answered_at=utc(r.answered_at) or r.answered_at,
            )
            for r in rows
        ]

    def quiz_tables(self) -> list[QuizTable]:
        """Comparison tables of live topics with their topic's exam domains."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    comparison_tables.c.id,
                    comparison_tables.c.caption,
                    comparison_tables.c.header,
                    comparison_tables.c.rows,
                    topics.c.path_key,
                    topics.c.domains,
                )
                .join(topics, topics.c.id == comparison_tables.c.topic_id)
                .where(topics.c.retired.is_(False))
                .order_by(comparison_tables.c.id)
            ).all()
        return [
            QuizTable(
                id=r[0],
                caption=r[1],
                header=json.loads(r[2]),
                rows=json.loads(r[3]),
                topic_path=r[4],
                domains=tuple(d.strip() for d in (r[5] or "").split(",") if d.strip()),
            )
            for r in rows
        ]

    # ---- mistakes become cards ---------------------------------------------------------------
    def add_mistake_card(self, exam: str, domain: int, front: str, back: str, now: datetime) -> int:
        """Store a `basic` card under "Mock exam mistakes > <EXAM> domain N" in a synthetic
        source that no import ever reconciles, so the card survives re-imports of notes.
        Adding the same front twice returns the existing card."""
        from studyapp.store.reconcile import prompt_key

        stamp = naive(now)
        title = f"{exam.upper()} domain {domain}"
        key = f"{MISTAKES_TOPIC}{SEP}{title}"
        with self.engine.begin() as conn:
            sid = conn.execute(
                select(sources.c.id).where(sources.c.path == MISTAKES_SOURCE)
            ).scalar()
            if sid is None:
                sid = conn.execute(
                    insert(sources).values(
                        path=MISTAKES_SOURCE,
                        display_path=MISTAKES_SOURCE,
                        sha256="-",
                        kind="mistakes",
                        bundled=False,
                        repaired=False,
                        imported_at=stamp,
                    )
                ).inserted_primary_key[0]
            root = _topic(conn, sid, MISTAKES_TOPIC, MISTAKES_TOPIC, 1, None, "")
            tid = _topic(conn, sid, key, title, 2, root, f"{exam}:{domain}")
            pkey = prompt_key(front)
            found = conn.execute(
                select(cards.c.id).where(cards.c.source_id == sid, cards.c.prompt_key == pkey)
            ).scalar()
            if found is not None:
                conn.execute(update(cards).where(cards.c.id == found).values(retired=False))
                return int(found)
            position = conn.execute(select(cards.c.id).where(cards.c.source_id == sid)).all()
            result = conn.execute(
                insert(cards).values(
                    source_id=sid,
                    topic_id=tid,
                    kind="basic",
                    front=front,
                    back=back,
                    prompt_key=pkey,
                    line=0,
                    position=len(position),
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
            return int(result.inserted_primary_key[0])


def _topic(
    conn: Any, sid: int, key: str, title: str, level: int, parent: int | None, domains: str
) -> int:
    tid = conn.execute(
        select(topics.c.id).where(topics.c.source_id == sid, topics.c.path_key == key)
    ).scalar()
    if tid is not None:
        return int(tid)
    return int(
        conn.execute(
            insert(topics).values(
                source_id=sid,
                parent_id=parent,
                path_key=key,
                title=title,
                level=level,
                line=0,
                position=0,
                body="Cards made from questions answered wrongly in mock exams and quizzes.",
                domains=domains,
                retired=False,
            )
        ).inserted_primary_key[0]
    )


def _attempt(r: Any) -> AttemptRow:
    return AttemptRow(
        id=r.id,
        exam=r.exam,
        mode=r.mode,
        started_at=utc(r.started_at) or r.started_at,
        finished_at=utc(r.finished_at),
        state=json.loads(r.state),
        scaled_score=r.scaled_score,
        passed=None if r.passed is None else bool(r.passed),
        result=json.loads(r.result) if r.result else None,
    )
