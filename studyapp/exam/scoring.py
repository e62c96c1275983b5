"""Scoring an attempt the way the exam guides describe, with an estimated scaled score.

- A blank answer is wrong; a wrong answer costs nothing more (no guessing penalty).
- A multiple-response question scores only when exactly the correct set is chosen.
- Per-domain results are percentages correct, like the score report's per-section table; there is
  no per-domain pass mark (the real scoring is compensatory).
- The scaled score is an ESTIMATE: AWS does not publish its raw-to-scaled mapping, so we map the
  fraction correct linearly onto the guide's scale: low + (high - low) * fraction. On 100-1000,
  72% correct gives 748 and the 720 pass mark needs about 68.9% correct.
- Every question shown is scored (the real exam has unscored pilot items; a mock has no reason to
  waste the learner's answers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question


@dataclass(frozen=True)
class Outcome:
    """One question's result."""

    id: str
    domain: int
    task: str
    chosen: tuple[str, ...]
    correct: tuple[str, ...]
    right: bool
    seconds: float

    @property
    def blank(self) -> bool:
        return not self.chosen


@dataclass(frozen=True)
class DomainResult:
    number: int
    name: str
    weight: float
    asked: int
    right: int

    @property
    def percent(self) -> float:
        """Percentage correct in this domain; 0 when the attempt asked none of it."""
        return 100.0 * self.right / self.asked if self.asked else 0.0

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DomainResult:
        """A domain of a stored result (`ExamResult.to_dict`)."""
        return cls(
            int(d["number"]),
            str(d.get("name", "")),
            float(d.get("weight", 0.0)),
            int(d["asked"]),
            int(d["right"]),
        )


@dataclass(frozen=True)
class ExamResult:
    exam: str
    asked: int
    right: int
    scaled: int
    passing_score: int
    scale: tuple[int, int]
    domains: tuple[DomainResult, ...]
    outcomes: tuple[Outcome, ...]
    auto_submitted: bool = False

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.asked if self.asked else 0.0

    @property
    def passed(self) -> bool:
        return self.scaled >= self.passing_score

    @property
    def blank(self) -> int:
        return sum(1 for o in self.outcomes if o.blank)

    @property
    def seconds(self) -> float:
        return sum(o.seconds for o in self.outcomes)

    @property
    def seconds_per_question(self) -> float:
        return self.seconds / self.asked if self.asked else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "exam": self.exam,
            "asked": self.asked,
            "right": self.right,
            "percent": round(self.percent, 2),
            "scaled": self.scaled,
            "scaled_is_estimate": True,
            "passing_score": self.passing_score,
            "passed": self.passed,
            "auto_submitted": self.auto_submitted,
            "domains": [
                {
                    "number": d.number,
                    "name": d.name,
                    "weight": d.weight,
                    "asked": d.asked,
                    "right": d.right,
                    "percent": round(d.percent, 2),
                }
                for d in self.domains
            ],
            "outcomes": [
                {
                    "id": o.id,
                    "domain": o.domain,
                    "task": o.task,
                    "chosen": list(o.chosen),
                    "correct": list(o.correct),
                    "right": o.right,
                    "seconds": round(o.seconds, 3),
                }
                for o in self.outcomes
            ],
        }


def estimated_scaled(fraction: float, scale: tuple[int, int]) -> int:
    """Linear estimate of the scaled score; AWS's real mapping is not public."""
    low, high = scale
    fraction = min(1.0, max(0.0, fraction))
    return int(round(low + (high - low) * fraction))


def score(
    guide: ExamGuide,
    questions: Sequence[Question],
    answers: Mapping[str, Sequence[str]],
    seconds: Mapping[str, float] | None = None,
    auto_submitted: bool = False,
) -> ExamResult:
    """Score `answers` (question id -> chosen letters) for `questions` in the order asked."""
    seconds = seconds or {}
    outcomes = tuple(
        Outcome(
            id=q.id,
            domain=q.domain,
            task=q.task,
            chosen=tuple(sorted(answers.get(q.id, ()))),
            correct=tuple(sorted(q.correct)),
            right=q.is_correct(frozenset(answers.get(q.id, ()))),
            seconds=float(seconds.get(q.id, 0.0)),
        )
        for q in questions
    )
    domains = tuple(
        DomainResult(
            number=d.number,
            name=d.name,
            weight=d.weight,
            asked=sum(1 for o in outcomes if o.domain == d.number),
            right=sum(1 for o in outcomes if o.domain == d.number and o.right),
        )
        for d in guide.domains
    )
    right = sum(1 for o in outcomes if o.right)
    asked = len(outcomes)
    return ExamResult(
        exam=guide.code,
        asked=asked,
        right=right,
        scaled=estimated_scaled(right / asked if asked else 0.0, guide.scale),
        passing_score=guide.passing_score,
        scale=guide.scale,
        domains=domains,
        outcomes=outcomes,
        auto_submitted=auto_submitted,
    )
