"""Route 53 endpoint health checks: independent checkers, a threshold and a quorum.

Each of `checkers` checkers polls every `interval` seconds from its own (seeded) offset.
A checker flips its view only after `failure_threshold` consecutive opposite results; the
endpoint is healthy while more than 18% of checkers see it healthy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .trace import Tracer

QUORUM = 0.18


@dataclass
class HealthSwitch:
    """From `at` on, `passing` checkers get a passing result (None = all or none)."""

    at: float
    healthy: bool
    passing: int | None = None


@dataclass
class HealthCheck:
    id: str
    failure_threshold: int = 3
    interval: int = 30
    checkers: int = 15
    initially_healthy: bool = True
    switches: list[HealthSwitch] = field(default_factory=list)

    def passing_at(self, time: float) -> int:
        passing = self.checkers if self.initially_healthy else 0
        for switch in sorted(self.switches, key=lambda s: s.at):
            if switch.at <= time:
                if switch.passing is not None:
                    passing = switch.passing
                else:
                    passing = self.checkers if switch.healthy else 0
        return passing


def quorum_healthy(healthy_checkers: int, checkers: int) -> bool:
    return healthy_checkers / checkers > QUORUM


class HealthState:
    """Runs the checkers of one health check forward in virtual time."""

    def __init__(self, check: HealthCheck, rng: random.Random, tracer: Tracer) -> None:
        self.check = check
        self.tracer = tracer
        self.offsets = [rng.uniform(0, check.interval) for _ in range(check.checkers)]
        self.views = [check.initially_healthy] * check.checkers
        self.streaks = [0] * check.checkers
        self.polls = [0] * check.checkers
        self.healthy = check.initially_healthy
        self.clock = 0.0

    def _next_poll(self, index: int) -> float:
        return self.offsets[index] + self.polls[index] * self.check.interval

    def advance(self, until: float) -> None:
        """Apply every checker result up to and including `until`."""
        while True:
            index = min(range(self.check.checkers), key=self._next_poll)
            when = self._next_poll(index)
            if when > until:
                break
            self.polls[index] += 1
            self.clock = when
            passed = index < self.check.passing_at(when)
            self._result(index, passed, when)
        self.clock = max(self.clock, until)

    def _result(self, index: int, passed: bool, when: float) -> None:
        check = self.check
        if passed == self.views[index]:
            self.streaks[index] = 0
            return
        self.streaks[index] += 1
        if self.streaks[index] < check.failure_threshold:
            return
        self.views[index] = passed
        self.streaks[index] = 0
        healthy_count = sum(self.views)
        now_healthy = quorum_healthy(healthy_count, check.checkers)
        if now_healthy != self.healthy:
            self.healthy = now_healthy
            share = 100 * healthy_count / check.checkers
            verdict = "healthy" if now_healthy else "unhealthy"
            cmp = ">" if now_healthy else "<="
            self.tracer.emit(
                when,
                "health",
                f"health check {check.id} is now {verdict}: {healthy_count}/{check.checkers} "
                f"checkers see it healthy ({share:.0f}% {cmp} 18%)",
                "checker-quorum",
                check=check.id,
                healthy=now_healthy,
                healthy_checkers=healthy_count,
            )
