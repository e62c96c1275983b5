"""Sitting an exam or a quiz: the pure `ExamSession` plus saving it through the repository.

Screens and the CLI use `ExamRun`; they never touch the tables. Kinds of attempt (the
`exam_attempts.mode` column): "exam" (a full mock), "practice" (fewer questions, same pace),
"review" (answers shown after each question, untimed) and "quiz" (10 questions, untimed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from studyapp.exam.assemble import Scope, assemble, quiz
from studyapp.exam.bank import BankResult
from studyapp.exam.derived import TableSource, derived_questions
from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question
from studyapp.exam.scoring import ExamResult
from studyapp.exam.session import ExamSession
from studyapp.usecases import content as bundled
from studyapp.util.textsafe import one_line

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.store.exam_queries import AttemptRow

KINDS = ("exam", "practice", "review", "quiz")
QUIZ_COUNT = 10


def content() -> tuple[dict[str, ExamGuide], BankResult]:
    """The exam guides and the question bank (loaded once, by `usecases.content`)."""
    return bundled.guides(), bundled.bank()


@dataclass(frozen=True)
class ExamPlan:
    """What the learner asked for."""

    exam: str
    kind: str = "exam"
    count: int | None = None  # None: the guide's full length (or 10 for a quiz)
    seed: int | None = None
    domain: int | None = None  # quizzes: one domain, or None for the whole exam

    @property
    def label(self) -> str:
        code = self.exam.upper()
        if self.kind == "quiz":
            scope = f"domain {self.domain}" if self.domain else "all domains"
            return f"{code} quiz ({scope})"
        if self.kind == "review":
            return f"{code} review mode"
        if self.kind == "practice":
            return f"{code} practice exam"
        return f"{code} mock exam"


# Where each simulator's questions sit in each exam guide: simulator -> {exam: (domain, task)}.
SIM_PLACES: dict[str, dict[str, tuple[int, str]]] = {
    "route53": {"saa-c03": (2, "2.2")},
    "sqs": {"saa-c03": (2, "2.1"), "dva-c02": (1, "1.1")},
    "rds-proxy": {"saa-c03": (3, "3.3"), "dva-c02": (4, "4.3")},
    "lambda": {"saa-c03": (3, "3.2"), "dva-c02": (1, "1.2")},
    "dynamodb": {"saa-c03": (3, "3.3"), "dva-c02": (1, "1.3")},
}


def simulation_questions(guide: ExamGuide, seed: int = 0) -> list[Question]:
    """Questions the simulators answer (`studyapp.sims.questions.all_questions`, their texts
    from `usecases.content.sim_questions`), placed in the guide by `SIM_PLACES`; none if a
    simulator or the texts fail."""
    from studyapp.sims.questions import all_questions

    try:
        found = all_questions(bundled.sim_questions(), seed)
    except Exception:  # a simulator bug must not stop a quiz
        return []
    out = []
    for sq in found:
        where = SIM_PLACES.get(sq.simulator, {}).get(guide.code)
        if where is None or not sq.options or not sq.correct:
            continue
        letters = [chr(ord("A") + i) for i in range(len(sq.options))]
        by_id = {o.id: letter for o, letter in zip(sq.options, letters, strict=True)}
        out.append(
            Question(
                id=f"sim-{sq.id}",
                exam=guide.code,
                domain=where[0],
                task=where[1],
                difficulty="medium",
                stem=sq.stem,
                choose=len(sq.correct),
                options=tuple((by_id[o.id], o.text) for o in sq.options),
                correct=frozenset(by_id[c] for c in sq.correct),
                explanations=tuple((by_id[o.id], o.explanation) for o in sq.options),
                references=(sq.reference,) if sq.reference else (),
                origin="simulation",
            )
        )
    return out


def quiz_pool(repo: Collection, guide: ExamGuide, bank: BankResult) -> list[Question]:
    """Bank questions plus those derived from the learner's tables and from the simulators."""
    tables = [
        TableSource(t.id, t.caption, t.header, t.rows, t.topic_path, t.domains)
        for t in repo.quiz_tables()
    ]
    pool = list(bank.for_exam(guide.code))
    seen = {q.id for q in pool}
    for q in derived_questions(tables, guide) + simulation_questions(guide):
        if q.id not in seen:
            seen.add(q.id)
            pool.append(q)
    return pool


class ExamRun:
    """One attempt being sat, saved after every change so a quit (or a crash) loses nothing."""

    def __init__(
        self,
        repo: Collection,
        session: ExamSession,
        kind: str,
        attempt_id: int | None,
        notes: tuple[str, ...] | list[str] = (),
    ) -> None:
        self.repo = repo
        self.session = session
        self.kind = kind
        self.attempt_id = attempt_id
        self.notes: tuple[str, ...] = tuple(notes)
        self.finished = False
        self.carded: set[str] = set()

    @property
    def guide(self) -> ExamGuide:
        return self.session.guide

    @property
    def timed(self) -> bool:
        return self.session.mode == "timed"

    @property
    def reveals(self) -> bool:
        return self.session.mode == "review"

    @classmethod
    def start(cls, repo: Collection, plan: ExamPlan, now: datetime) -> ExamRun:
        guides, bank = content()
        guide = guides.get(plan.exam.lower())
        if guide is None:
            raise ValueError(f"unknown exam {plan.exam!r}; known exams: {', '.join(guides)}")
        seed = plan.seed if plan.seed is not None else int(now.timestamp())
        kind = attempt_kind(plan, guide)
        if kind == "quiz":
            avoid = repo.last_attempt_question_ids(guide.code, ("quiz",))
            pool = quiz_pool(repo, guide, bank)
            scope = Scope(exam=guide.code, domain=plan.domain)
            picked = quiz(pool, scope, plan.count or QUIZ_COUNT, seed, avoid)
            session = ExamSession.start(
                guide, picked.questions, now, mode="review", shuffle_seed=seed
            )
        else:
            avoid = repo.last_attempt_question_ids(guide.code)
            count = plan.count or guide.questions
            picked = assemble(guide, bank.questions, count, seed, avoid)
            mode: Literal["timed", "review"] = "review" if kind == "review" else "timed"
            session = ExamSession.start(guide, picked.questions, now, mode=mode, shuffle_seed=seed)
        attempt_id = repo.save_attempt(session.to_dict(), guide.code, kind, now)
        return cls(repo, session, kind, attempt_id, picked.notes)

    @classmethod
    def review(cls, repo: Collection, row: AttemptRow) -> tuple[ExamRun, ExamResult]:
        """A finished attempt, read back to be reviewed: its questions in the order (and with
        the option order) it was sat, its answers, flags and result."""
        session = ExamSession.from_dict(row.state)
        if not session.submitted:
            raise ValueError(f"attempt {row.id} is not finished")
        run = cls(repo, session, row.mode, row.id)
        run.finished = True
        result = session.result
        assert result is not None
        return run, result

    @classmethod
    def resume(cls, repo: Collection, row: AttemptRow, now: datetime) -> ExamRun:
        session = ExamSession.from_dict(row.state)
        run = cls(repo, session, row.mode, row.id)
        if not session.submitted:
            session.resume(now)
        return run

    def save(self, now: datetime) -> None:
        if not self.finished and self.attempt_id is not None:
            self.repo.save_attempt(
                self.session.to_dict(), self.guide.code, self.kind, now, self.attempt_id
            )

    def suspend(self, now: datetime) -> None:
        """Stop the clock and save: the attempt can be resumed later."""
        if not self.session.submitted:
            self.session.suspend(now)
            self.save(now)

    def finish(self, now: datetime) -> ExamResult:
        """Submit (if the clock has not already) and store the result with every answer."""
        from studyapp.store.exam_queries import FinishedAnswer

        result = self.session.submit(now)
        if not self.finished and self.attempt_id is not None:
            flags = self.session.flags
            answers = [  # in the bank's letters, whatever order the options were shown in
                FinishedAnswer(
                    o.id,
                    o.domain,
                    o.task,
                    self.session.bank_answer(o.id, o.chosen),
                    o.right,
                    o.id in flags,
                    o.seconds,
                )
                for o in result.outcomes
            ]
            quiz_like = self.kind == "quiz"
            self.repo.finish_attempt(
                self.attempt_id,
                self.session.to_dict(),
                result.to_dict(),
                None if quiz_like else result.scaled,
                None if quiz_like else result.passed,
                answers,
                now,
            )
        self.finished = True
        return result

    def question(self, qid: str) -> Question:
        return next(q for q in self.session.questions if q.id == qid)

    def make_card(self, qid: str, now: datetime) -> int:
        """Turn a question into a basic card: the stem on the front, the answer and why behind."""
        q = self.question(qid)
        choose = f" (Choose {q.choose}.)" if q.choose > 1 and not states_choose(q.stem) else ""
        front = reflow(q.stem) + choose
        right = sorted(q.correct)
        lines = [f"{letter}. {reflow(q.option(letter))}" for letter in right]
        lines += [f"Why: {reflow(q.explanation(letter))}" for letter in right]
        if q.references:
            lines.append(f"See: {q.references[0]}")
        back = "\n".join(lines)
        card_id = self.repo.add_mistake_card(self.guide.code, q.domain, front, back, now)
        self.carded.add(qid)
        return int(card_id)


def attempt_kind(plan: ExamPlan, guide: ExamGuide | None = None) -> str:
    """The kind an attempt of `plan` is kept as: a "full mock" of another length is practice."""
    if plan.kind != "exam" or plan.count is None:
        return plan.kind
    if guide is None:
        guide = content()[0].get(plan.exam.lower())
    return "practice" if guide is not None and plan.count != guide.questions else "exam"


def unfinished_for(repo: Collection, plan: ExamPlan) -> AttemptRow | None:
    """The unfinished attempt `plan` would replace: the same exam and the same kind (a quiz
    never offers to resume or to close a mock exam)."""
    return repo.unfinished_attempt(plan.exam.lower(), (attempt_kind(plan),))


def describe_unfinished(row: AttemptRow) -> str:
    """One line about a saved attempt, for the resume offer."""
    session = ExamSession.from_dict(row.state)
    answered = sum(1 for n in session.navigator() if n.status != "blank")
    text = f"{row.exam.upper()} {row.mode}: {answered}/{len(session.questions)} answered"
    if session.limit is not None:
        rest = session.limit.total_seconds() - session.used
        text += f", {clock(rest)} left"
    text += f", started {row.started_at:%Y-%m-%d %H:%M} UTC"
    return one_line(text)


def states_choose(stem: str) -> bool:
    """True when the stem already says how many to pick, e.g. "(Choose two.)"."""
    return re.search(r"\bchoose (two|three|four|five|\d)\b", stem, re.IGNORECASE) is not None


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of a YAML block into paragraphs (blank lines kept)."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
