"""Choosing questions: full mock exams and practice exams to the guide's domain weights, and
short quizzes over any scope. Deterministic for a given seed."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question


@dataclass(frozen=True)
class Assembly:
    """The questions of one attempt, in the order they are asked, and how they were chosen."""

    exam: str
    questions: tuple[Question, ...]
    requested: int
    targets: dict[int, int]  # domain number -> questions the weights ask for
    repeated: tuple[str, ...] = ()  # ids taken again from the previous attempt
    notes: tuple[str, ...] = field(default=())  # plain-language remarks for the learner

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def per_domain(self) -> dict[int, int]:
        counts = {number: 0 for number in self.targets}
        for q in self.questions:
            counts[q.domain] = counts.get(q.domain, 0) + 1
        return counts


@dataclass(frozen=True)
class Scope:
    """What a quiz draws from: an exam, optionally one domain or one task statement."""

    exam: str | None = None
    domain: int | None = None
    task: str | None = None
    difficulty: str | None = None

    def admits(self, q: Question) -> bool:
        return (
            (self.exam is None or q.exam == self.exam)
            and (self.domain is None or q.domain == self.domain)
            and (self.task is None or q.task == self.task)
            and (self.difficulty is None or q.difficulty == self.difficulty)
        )


def apportion(weights: Mapping[int, float], count: int) -> dict[int, int]:
    """Largest-remainder (Hamilton) apportionment of `count` seats to the weights.

    Ties in the remainders go to the heavier domain, then the lower domain number.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("weights must add up to more than zero")
    quotas = {k: count * w / total for k, w in weights.items()}
    seats = {k: int(q) for k, q in quotas.items()}
    left = count - sum(seats.values())
    order = sorted(weights, key=lambda k: (-(quotas[k] - seats[k]), -weights[k], k))
    for k in order[:left]:
        seats[k] += 1
    return seats


def assemble(
    guide: ExamGuide,
    bank: Iterable[Question],
    count: int | None = None,
    seed: int | str = 0,
    avoid_ids: frozenset[str] | set[str] = frozenset(),
) -> Assembly:
    """A mock exam (count=None: the real exam's length) or a practice exam of any length,
    with the guide's domain proportions.

    Questions in `avoid_ids` (the learner's last attempt) are used only when a domain has no
    fresh question left; a domain the bank cannot fill is topped up from the other domains.
    Every such compromise is listed in `notes`.
    """
    count = guide.questions if count is None else count
    if count < 1:
        raise ValueError("an exam needs at least one question")
    rng = random.Random(f"{guide.code}:{seed}")
    pool = [q for q in bank if q.exam == guide.code and guide.domain(q.domain)]
    if not pool:
        raise ValueError(f"the bank has no questions for {guide.code}")
    targets = apportion(guide.weights, count)
    notes: list[str] = []
    chosen: list[Question] = []
    fresh = [q for q in pool if q.id not in avoid_ids]
    stale = [q for q in pool if q.id in avoid_ids]
    # 1. New questions, domain by domain, to the weights.
    short: dict[int, int] = {}
    for number, want in targets.items():
        picked = _spread([q for q in fresh if q.domain == number], rng)[:want]
        chosen += picked
        if len(picked) < want:
            short[number] = want - len(picked)
    # 2. A domain out of new questions: its old ones first, if there are no new ones elsewhere
    #    (new questions matter more than exact proportions), else new ones from other domains.
    used = {q.id for q in chosen}
    spare_fresh = _spread([q for q in fresh if q.id not in used], rng)
    need = count - len(chosen)
    extra = spare_fresh[:need]
    chosen += extra
    for number, gap in short.items():
        notes.append(f"Domain {number}: {gap} question(s) short of its weight in new questions.")
    if extra:
        notes.append(f"{len(extra)} new question(s) taken from other domains to make up the count.")
    # 3. Still short: repeats from the last attempt, the short domains' own first.
    need = count - len(chosen)
    again: list[Question] = []
    if need > 0:
        own = [q for q in stale if q.domain in short]
        again = _spread(own, rng)[:need]
        rest = [q for q in stale if q not in again]
        again += _spread(rest, rng)[: need - len(again)]
        chosen += again
        if again:
            notes.append(
                f"{len(again)} question(s) repeated from your last attempt "
                "(not enough new ones in the bank)."
            )
    if len(chosen) < count:
        notes.append(f"The bank holds only {len(chosen)} {guide.code} questions.")
    repeated = [q.id for q in again]
    rng.shuffle(chosen)
    return Assembly(guide.code, tuple(chosen), count, targets, tuple(repeated), tuple(notes))


def quiz(
    bank: Iterable[Question],
    scope: Scope,
    count: int = 10,
    seed: int | str = 0,
    avoid_ids: frozenset[str] | set[str] = frozenset(),
) -> Assembly:
    """A short quiz: `count` questions from `scope`, spread over its task statements."""
    if count < 1:
        raise ValueError("a quiz needs at least one question")
    pool = [q for q in bank if scope.admits(q)]
    rng = random.Random(f"quiz:{scope}:{seed}")
    picked, again = _pick(pool, count, avoid_ids, rng)
    notes = []
    if again:
        notes.append(f"{len(again)} question(s) repeated from last time.")
    if len(picked) < count:
        notes.append(f"Only {len(picked)} question(s) in this scope.")
    rng.shuffle(picked)
    domains = sorted({q.domain for q in pool})
    targets = {d: sum(1 for q in picked if q.domain == d) for d in domains}
    return Assembly(scope.exam or "", tuple(picked), count, targets, tuple(again), tuple(notes))


def _pick(
    pool: Sequence[Question], want: int, avoid: frozenset[str] | set[str], rng: random.Random
) -> tuple[list[Question], list[str]]:
    """Fresh questions first, spread over task statements; then repeats if still short."""
    fresh = _spread([q for q in pool if q.id not in avoid], rng)
    stale = _spread([q for q in pool if q.id in avoid], rng)
    picked = fresh[:want]
    again = stale[: want - len(picked)]
    return picked + again, [q.id for q in again]


def _spread(pool: Sequence[Question], rng: random.Random) -> list[Question]:
    """Shuffle, then deal round-robin over task statements so every task gets its turn."""
    by_task: dict[str, list[Question]] = {}
    for q in sorted(pool, key=lambda q: q.id):
        by_task.setdefault(q.task, []).append(q)
    tasks = sorted(by_task)
    rng.shuffle(tasks)
    for task in tasks:
        rng.shuffle(by_task[task])
    dealt: list[Question] = []
    while any(by_task.values()):
        for task in tasks:
            if by_task[task]:
                dealt.append(by_task[task].pop())
    return dealt
