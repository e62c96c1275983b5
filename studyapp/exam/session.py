"""One exam attempt as a pure state machine over a virtual clock.

Every call that can change the state takes `now` (a timezone-aware datetime); nothing here reads
the real clock. The clock only runs while the attempt is open in the app: `suspend(now)` stops it,
and an attempt restored with `from_dict` is paused until the next action, with the time after its
last recorded action not counted (so a crash or a quit never eats exam time).

Modes: "timed" (the exam's clock, auto-submit at zero) and "review" (no clock; after answering,
`reveal` shows the answer and every option's explanation, and the answer is then locked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question
from studyapp.exam.scoring import ExamResult, score
from studyapp.exam.shuffle import bank_letters, order_for, reorder

Mode = Literal["timed", "review"]
WARNING_AT = timedelta(minutes=10)
FORMAT = 1


class ExamOver(Exception):
    """The attempt is submitted (by the learner or by the clock); it takes no more changes."""


@dataclass(frozen=True)
class NavItem:
    index: int
    id: str
    status: Literal["answered", "incomplete", "blank"]  # incomplete: too few picks
    flagged: bool
    current: bool


@dataclass(frozen=True)
class Reveal:
    id: str
    chosen: tuple[str, ...]
    correct: tuple[str, ...]
    right: bool
    explanations: tuple[tuple[str, str, bool], ...]  # (letter, why, is a correct option)
    references: tuple[str, ...]


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return now


class ExamSession:
    def __init__(
        self,
        guide: ExamGuide,
        questions: Sequence[Question],
        mode: Mode = "timed",
        limit: timedelta | None = None,
    ) -> None:
        if not questions:
            raise ValueError("an attempt needs at least one question")
        if mode not in ("timed", "review"):
            raise ValueError(f"unknown mode {mode!r}")
        self.guide = guide
        self.questions: tuple[Question, ...] = tuple(questions)
        self.mode: Mode = mode
        self.limit = limit if mode == "timed" else None
        self.index = 0
        self.answers: dict[str, tuple[str, ...]] = {}
        self.flags: set[str] = set()
        self.revealed: set[str] = set()
        self.seconds: dict[str, float] = {}
        self.used = 0.0  # clock seconds folded in so far
        self.running_since: datetime | None = None
        self.visit_since: datetime | None = None
        self.last_seen: datetime | None = None
        self.warned = False
        self.submitted = False
        self.auto_submitted = False
        self.shuffle_seed: int | str | None = None
        self.orders: dict[str, str] = {}  # question id -> bank letters in the order shown

    @classmethod
    def start(
        cls,
        guide: ExamGuide,
        questions: Sequence[Question],
        now: datetime,
        mode: Mode = "timed",
        minutes: int | None = None,
        shuffle_seed: int | str | None = None,
    ) -> ExamSession:
        """Open an attempt; the time allowed is the guide's pace unless `minutes` is given.

        With `shuffle_seed`, every question's options are shown in an order drawn from the seed
        (`exam.shuffle`), kept with the attempt; without it, in the bank's order."""
        minutes = guide.minutes_for(len(questions)) if minutes is None else minutes
        orders: dict[str, str] = {}
        if shuffle_seed is not None:
            orders = {q.id: order_for(q, shuffle_seed) for q in questions}
            questions = [reorder(q, orders[q.id]) for q in questions]
        session = cls(guide, questions, mode, timedelta(minutes=minutes))
        session.shuffle_seed = shuffle_seed
        session.orders = orders
        session._run(_utc(now))
        return session

    def bank_answer(self, qid: str, shown: tuple[str, ...]) -> tuple[str, ...]:
        """An answer given in the letters shown, told in the bank's letters."""
        return bank_letters(self.orders.get(qid), shown)

    # -- the clock ---------------------------------------------------------------------------

    def elapsed(self, now: datetime) -> timedelta:
        running = 0.0
        if self.running_since is not None:
            running = max(0.0, (_utc(now) - self.running_since).total_seconds())
        return timedelta(seconds=self.used + running)

    def remaining(self, now: datetime) -> timedelta | None:
        """Time left (never negative); None for an untimed attempt."""
        if self.limit is None:
            return None
        return max(timedelta(0), self.limit - self.elapsed(now))

    def expired(self, now: datetime) -> bool:
        left = self.remaining(now)
        return left is not None and left <= timedelta(0)

    def warning_due(self, now: datetime) -> bool:
        """True from 10 minutes left (a quarter of the time, if shorter) until acknowledged."""
        left = self.remaining(now)
        if left is None or self.limit is None or self.warned or self.submitted:
            return False
        return timedelta(0) < left <= min(WARNING_AT, self.limit / 4)

    def acknowledge_warning(self) -> None:
        self.warned = True

    def suspend(self, now: datetime) -> None:
        """Stop the clock (the learner quits or leaves the exam screen)."""
        if self.running_since is not None:
            self._fold(self._cap(_utc(now)))
            self.running_since = self.visit_since = None

    def resume(self, now: datetime) -> None:
        """Start the clock again (the exam screen is shown). Any action also does this."""
        if self.running_since is None and not self.submitted:
            self._run(_utc(now))

    def tick(self, now: datetime) -> ExamResult | None:
        """Call on a timer: submits and returns the result when time is up."""
        if not self.submitted and self.expired(now):
            self._auto_submit(now)
            return self.result
        return None

    # -- moving around -----------------------------------------------------------------------

    @property
    def current(self) -> Question:
        return self.questions[self.index]

    def goto(self, index: int, now: datetime) -> Question:
        self._act(now)
        if not 0 <= index < len(self.questions):
            raise IndexError(f"question {index + 1} does not exist")
        self._fold(now)
        self.index = index
        return self.current

    def next(self, now: datetime) -> Question:
        return self.goto(min(self.index + 1, len(self.questions) - 1), now)

    def previous(self, now: datetime) -> Question:
        return self.goto(max(self.index - 1, 0), now)

    def navigator(self) -> list[NavItem]:
        """One row per question: answered / incomplete / blank, flagged, current."""
        rows = []
        for i, q in enumerate(self.questions):
            picked = len(self.answers.get(q.id, ()))
            status: Literal["answered", "incomplete", "blank"]
            status = "blank" if not picked else "answered" if picked >= q.choose else "incomplete"
            rows.append(NavItem(i, q.id, status, q.id in self.flags, i == self.index))
        return rows

    # -- answering ---------------------------------------------------------------------------

    def answer(self, letters: Iterable[str], now: datetime) -> None:
        """Set (or change, or with no letters clear) the current question's answer."""
        self._act(now)
        q = self.current
        if q.id in self.revealed:
            raise ValueError("the answer was revealed; it can no longer change")
        picked = tuple(sorted(set(letters)))
        unknown = [letter for letter in picked if letter not in q.letters]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not an option")
        if len(picked) > q.choose:
            raise ValueError(f"choose {q.choose}")
        if picked:
            self.answers[q.id] = picked
        else:
            self.answers.pop(q.id, None)

    def toggle(self, letter: str, now: datetime) -> tuple[str, ...]:
        """Click an option: single choice replaces, multiple response adds or removes."""
        q = self.current
        chosen = set(self.answers.get(q.id, ()))
        if letter in chosen:
            chosen.discard(letter)
        elif q.choose == 1:
            chosen = {letter}
        else:
            chosen.add(letter)
        self.answer(chosen, now)
        return self.answers.get(q.id, ())

    def flag(self, now: datetime, flagged: bool = True) -> None:
        self._act(now)
        if flagged:
            self.flags.add(self.current.id)
        else:
            self.flags.discard(self.current.id)

    def unflag(self, now: datetime) -> None:
        self.flag(now, flagged=False)

    def reveal(self, now: datetime) -> Reveal:
        """Review mode: the answer and every option's explanation; locks the answer."""
        if self.mode != "review":
            raise ValueError("answers are revealed only in review mode")
        self._act(now)
        q = self.current
        self.revealed.add(q.id)
        chosen = self.answers.get(q.id, ())
        return Reveal(
            id=q.id,
            chosen=chosen,
            correct=tuple(sorted(q.correct)),
            right=q.is_correct(frozenset(chosen)),
            explanations=tuple((k, why, k in q.correct) for k, why in q.explanations),
            references=q.references,
        )

    # -- ending ------------------------------------------------------------------------------

    def submit(self, now: datetime) -> ExamResult:
        """End the attempt and score it. Calling it again returns the same result."""
        if not self.submitted:
            now = _utc(now)
            if self.expired(now):
                self._auto_submit(now)
            else:
                self._fold(now)
                self.submitted = True
                self.running_since = self.visit_since = None
        result = self.result
        assert result is not None
        return result

    @property
    def result(self) -> ExamResult | None:
        if not self.submitted:
            return None
        return score(self.guide, self.questions, self.answers, self.seconds, self.auto_submitted)

    # -- saving ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        def iso(t: datetime | None) -> str | None:
            return t.isoformat() if t is not None else None

        return {
            "format": FORMAT,
            "guide": self.guide.to_dict(),
            "questions": [q.to_dict() for q in self.questions],
            "mode": self.mode,
            "limit_seconds": self.limit.total_seconds() if self.limit is not None else None,
            "index": self.index,
            "answers": {k: list(v) for k, v in self.answers.items()},
            "flags": sorted(self.flags),
            "revealed": sorted(self.revealed),
            "seconds": dict(self.seconds),
            "used_seconds": self.used,
            "running_since": iso(self.running_since),
            "visit_since": iso(self.visit_since),
            "last_seen": iso(self.last_seen),
            "warned": self.warned,
            "submitted": self.submitted,
            "auto_submitted": self.auto_submitted,
            "shuffle": {"seed": self.shuffle_seed, "orders": dict(self.orders)},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExamSession:
        """Restore a saved attempt, paused. Time after its last action is not counted."""
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported saved attempt format {data.get('format')!r}")
        limit = data["limit_seconds"]
        session = cls(
            ExamGuide.from_dict(data["guide"]),
            [Question.from_dict(q) for q in data["questions"]],
            data["mode"],
            timedelta(seconds=limit) if limit is not None else None,
        )
        session.index = int(data["index"])
        session.answers = {k: tuple(v) for k, v in data["answers"].items()}
        session.flags = set(data["flags"])
        session.revealed = set(data["revealed"])
        session.seconds = {k: float(v) for k, v in data["seconds"].items()}
        session.used = float(data["used_seconds"])
        session.warned = bool(data["warned"])
        session.submitted = bool(data["submitted"])
        session.auto_submitted = bool(data["auto_submitted"])
        shuffle = data.get("shuffle") or {}  # attempts saved before options were shuffled: none
        session.shuffle_seed = shuffle.get("seed")
        session.orders = {str(k): str(v) for k, v in (shuffle.get("orders") or {}).items()}

        def when(key: str) -> datetime | None:
            return datetime.fromisoformat(data[key]) if data.get(key) else None

        session.running_since, session.visit_since = when("running_since"), when("visit_since")
        session.last_seen = when("last_seen")
        if session.running_since is not None and session.last_seen is not None:
            session.suspend(session.last_seen)  # saved while running: stop at the last action
        session.running_since = session.visit_since = None
        return session

    # -- internals ---------------------------------------------------------------------------

    def _act(self, now: datetime) -> None:
        """Every learner action: refuse after the end, run the clock, auto-submit at zero."""
        now = _utc(now)
        if self.submitted:
            raise ExamOver("the attempt is already submitted")
        if self.running_since is None:
            self._run(now)
        if self.expired(now):
            self._auto_submit(now)
            raise ExamOver("time is up: the attempt was submitted")
        self.last_seen = now

    def _run(self, now: datetime) -> None:
        self.running_since = self.visit_since = self.last_seen = now

    def _cap(self, now: datetime) -> datetime:
        """`now`, or the moment the time ran out if that came first."""
        if self.limit is None or self.running_since is None:
            return now
        deadline = self.running_since + (self.limit - timedelta(seconds=self.used))
        return min(now, deadline)

    def _fold(self, now: datetime) -> None:
        """Move the running time into `used` and into the current question's time."""
        if self.running_since is None or self.visit_since is None:
            return
        now = self._cap(now)
        qid = self.current.id
        spent = max(0.0, (now - self.visit_since).total_seconds())
        self.seconds[qid] = self.seconds.get(qid, 0.0) + spent
        self.used += max(0.0, (now - self.running_since).total_seconds())
        self.running_since = self.visit_since = now

    def _auto_submit(self, now: datetime) -> None:
        self._fold(now)
        self.running_since = self.visit_since = None
        self.submitted = True
        self.auto_submitted = True
