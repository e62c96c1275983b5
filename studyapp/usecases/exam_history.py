"""Past attempts for the history screen: score, per-domain results and the trend per exam and
kind, read from the stored attempts (abandoned ones left out)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from studyapp.exam.scoring import DomainResult

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.store.exam_queries import AttemptRow

KIND_NAMES = {"exam": "mock exam", "practice": "practice", "review": "review mode", "quiz": "quiz"}
BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class PastAttempt:
    id: int
    exam: str
    kind: str
    finished_at: datetime
    asked: int
    right: int
    scaled: int | None  # None for quizzes (no scaled score)
    passed: bool | None
    auto_submitted: bool
    domains: tuple[DomainResult, ...]
    change: float | None  # points of percent right against the previous attempt of this kind

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.asked if self.asked else 0.0

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "exam": self.exam,
            "kind": self.kind,
            "finished_at": self.finished_at.isoformat(),
            "asked": self.asked,
            "right": self.right,
            "percent": round(self.percent, 1),
            "scaled": self.scaled,
            "passed": self.passed,
            "change": None if self.change is None else round(self.change, 1),
            "domains": [
                {"number": d.number, "asked": d.asked, "right": d.right} for d in self.domains
            ],
        }


@dataclass(frozen=True)
class Trend:
    exam: str
    kind: str
    percents: tuple[float, ...]  # oldest first

    def text(self) -> str:
        name = KIND_NAMES.get(self.kind, self.kind)
        points = " → ".join(f"{p:.0f}%" for p in self.percents[-6:])
        head = f"{self.exam.upper()} {name}: {bars(self.percents)}  {points}"
        if len(self.percents) < 2:
            return f"{head} (one attempt)"
        delta = self.percents[-1] - self.percents[0]
        way = "up" if delta > 0 else "down" if delta < 0 else "level"
        amount = f" {abs(delta):.0f} points" if delta else ""
        return f"{head}, {way}{amount} over {len(self.percents)} attempts"


def bars(percents: tuple[float, ...]) -> str:
    """A one-line chart of the last 12 scores: ▁ at 0 % to █ at 100 %."""
    return "".join(BARS[min(7, int(p / 100 * 8))] for p in percents[-12:])


def _past(row: AttemptRow, previous: float | None) -> PastAttempt:
    result = row.result or {}
    domains = tuple(DomainResult.from_dict(d) for d in result.get("domains", []))
    asked, right = int(result.get("asked", 0)), int(result.get("right", 0))
    percent = 100.0 * right / asked if asked else 0.0
    assert row.finished_at is not None
    return PastAttempt(
        id=row.id,
        exam=row.exam,
        kind=row.mode,
        finished_at=row.finished_at,
        asked=asked,
        right=right,
        scaled=row.scaled_score,
        passed=row.passed,
        auto_submitted=bool(result.get("auto_submitted", False)),
        domains=domains,
        change=None if previous is None else percent - previous,
    )


def scored(row: AttemptRow) -> bool:
    """A finished attempt with a result (not one closed without a score)."""
    return (
        row.finished_at is not None
        and row.result is not None
        and not row.result.get("abandoned")
        and "asked" in row.result
    )


def history(repo: Collection, exam: str | None = None) -> tuple[list[PastAttempt], list[Trend]]:
    """Finished attempts, newest first, and one trend per exam and kind."""
    last: dict[tuple[str, str], float] = {}
    series: dict[tuple[str, str], list[float]] = defaultdict(list)
    out = []
    for row in repo.attempts(exam):  # oldest first
        if not scored(row):
            continue
        key = (row.exam, row.mode)
        past = _past(row, last.get(key))
        last[key] = past.percent
        series[key].append(past.percent)
        out.append(past)
    out.reverse()
    trends = [Trend(e, k, tuple(p)) for (e, k), p in sorted(series.items())]
    return out, trends
