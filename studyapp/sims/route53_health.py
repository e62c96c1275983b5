"""Route 53 health: endpoint checks, calculated checks, and alias targets' own health.

An endpoint check has `checkers` independent checkers, each polling every `interval`
seconds from its own (seeded) offset. A checker changes its view only after
`failure_threshold` consecutive results the other way; the endpoint is healthy while more
than 18% of checkers see it healthy. A calculated check is healthy while at least
`health_threshold` of its children are. Either kind can be inverted; a disabled check is
always healthy. Alias targets that are AWS resources (a load balancer, say) carry their own
health timeline, which Evaluate Target Health reads.

`HealthBoard.advance(t)` applies every result up to `t` in time order, across all checks,
and traces each checker result that moves a checker towards a change of view, each change
of view with the 18% rule applied, and each change of a check's status.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field

from .trace import Tracer

QUORUM = 0.18
# The Regions the Route 53 API lets a health check choose its checkers from; we label
# checkers with them in turn (the number of checkers per check is not documented).
CHECKER_REGIONS = (
    "us-east-1",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "sa-east-1",
)
MAX_CHILDREN = 256


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
    kind: str = "endpoint"  # endpoint | calculated
    children: list[str] = field(default_factory=list)
    health_threshold: int = 1
    inverted: bool = False
    disabled: bool = False

    def passing_at(self, time: float) -> int:
        passing = self.checkers if self.initially_healthy else 0
        for switch in sorted(self.switches, key=lambda s: s.at):
            if switch.at <= time:
                if switch.passing is not None:
                    passing = switch.passing
                else:
                    passing = self.checkers if switch.healthy else 0
        return passing


@dataclass
class Timeline:
    """The health of an alias target resource over time (e.g. a load balancer)."""

    id: str
    label: str
    initially_healthy: bool = True
    switches: list[HealthSwitch] = field(default_factory=list)


def quorum_healthy(healthy_checkers: int, checkers: int) -> bool:
    return healthy_checkers / checkers > QUORUM


def region_of(index: int) -> str:
    return CHECKER_REGIONS[index % len(CHECKER_REGIONS)]


class _Endpoint:
    def __init__(self, check: HealthCheck, rng: random.Random) -> None:
        self.check = check
        self.offsets = [rng.uniform(0, check.interval) for _ in range(check.checkers)]
        self.views = [check.initially_healthy] * check.checkers
        self.streaks = [0] * check.checkers
        self.polls = [0] * check.checkers
        self.raw = check.initially_healthy

    def next_poll(self, index: int) -> float:
        return self.offsets[index] + self.polls[index] * self.check.interval


class HealthBoard:
    """Every health check and alias-target timeline of one scenario, advanced together."""

    def __init__(
        self,
        checks: list[HealthCheck],
        rng: random.Random,
        tracer: Tracer,
        timelines: list[Timeline] | None = None,
    ) -> None:
        self.tracer = tracer
        self.checks = {c.id: c for c in checks}
        self.endpoints = {c.id: _Endpoint(c, rng) for c in checks if c.kind == "endpoint"}
        self.timelines = {t.id: t for t in timelines or []}
        self.target_health = {t.id: t.initially_healthy for t in self.timelines.values()}
        self.parents: dict[str, list[str]] = {}
        for check in checks:
            for child in check.children:
                self.parents.setdefault(child, []).append(check.id)
        self.status: dict[str, bool] = {}
        for check in checks:
            if check.kind == "endpoint":
                self.status[check.id] = self._effective(check, check.initially_healthy)
        for check in checks:
            if check.kind == "calculated":
                self.status[check.id] = self._calculated(check)[0]
        self._queue: list[tuple[float, int, str, int]] = []
        order = 0
        for cid, endpoint in self.endpoints.items():
            for index in range(endpoint.check.checkers):
                order += 1
                heapq.heappush(self._queue, (endpoint.next_poll(index), order, cid, index))
        for timeline in self.timelines.values():
            for switch in timeline.switches:
                order += 1
                heapq.heappush(self._queue, (switch.at, order, "", -1))
        self._switches = sorted(
            ((s.at, t.id, s.healthy) for t in self.timelines.values() for s in t.switches),
            key=lambda item: item[0],
        )
        self.clock = 0.0

    # -- reading ------------------------------------------------------------------------
    def healthy(self, check_id: str) -> bool:
        return self.status[check_id]

    def target_healthy(self, target_id: str) -> bool:
        return self.target_health.get(target_id, True)

    @staticmethod
    def _effective(check: HealthCheck, raw: bool) -> bool:
        if check.disabled:
            return True
        return raw != check.inverted

    def _calculated(self, check: HealthCheck) -> tuple[bool, int]:
        up = sum(1 for child in check.children if self.status.get(child, True))
        return self._effective(check, up >= check.health_threshold), up

    # -- advancing ----------------------------------------------------------------------
    def advance(self, until: float) -> None:
        """Apply every checker result and target switch up to and including `until`."""
        while self._queue and self._queue[0][0] <= until:
            when, order, cid, index = heapq.heappop(self._queue)
            self.clock = when
            if not cid:
                self._target_switch(when)
                continue
            endpoint = self.endpoints[cid]
            endpoint.polls[index] += 1
            heapq.heappush(self._queue, (endpoint.next_poll(index), order, cid, index))
            passed = index < endpoint.check.passing_at(when)
            self._result(endpoint, index, passed, when)
        self.clock = max(self.clock, until)

    def _target_switch(self, when: float) -> None:
        at, tid, healthy = self._switches.pop(0)
        if self.target_health[tid] == healthy:
            return
        self.target_health[tid] = healthy
        label = self.timelines[tid].label
        state = "healthy again" if healthy else "unhealthy (no healthy targets behind it)"
        self.tracer.emit(
            at,
            "health",
            f"alias target {tid} ({label}) is now {state}",
            "alias-target-health",
            target=tid,
            healthy=healthy,
        )

    def _result(self, endpoint: _Endpoint, index: int, passed: bool, when: float) -> None:
        check = endpoint.check
        if passed == endpoint.views[index]:
            endpoint.streaks[index] = 0  # agrees with its view: nothing to tell
            return
        endpoint.streaks[index] += 1
        streak = endpoint.streaks[index]
        outcome = "pass" if passed else "fail"
        who = f"{check.id}: checker {index + 1} ({region_of(index)})"
        if streak < check.failure_threshold:
            said = (
                f"{streak} of {check.failure_threshold} in a row needed before it changes its view"
            )
            self._checker_said(
                when,
                f"{who} got a {outcome}, {said}",
                "checker-threshold",
                check,
                index,
                passed,
                streak=streak,
            )
            return
        endpoint.views[index] = passed
        endpoint.streaks[index] = 0
        count = sum(endpoint.views)
        raw = quorum_healthy(count, check.checkers)
        share = 100 * count / check.checkers
        cmp = ">" if raw else "<="
        before = self.status[check.id]
        after = self._effective(check, raw)
        view = "healthy" if passed else "unhealthy"
        change = (
            f"{check.id} is now {'healthy' if after else 'unhealthy'}"
            if after != before
            else f"{check.id} stays {'healthy' if after else 'unhealthy'}"
        )
        said = (
            f"{streak} in a row (threshold {check.failure_threshold}): "
            f"it now sees {check.id} {view}; {count}/{check.checkers} checkers see it healthy "
            f"({share:.0f}% {cmp} 18%): {change}"
        )
        self._checker_said(
            when,
            f"{who} got a {outcome}, {said}",
            "checker-quorum",
            check,
            index,
            passed,
            healthy_checkers=count,
        )
        endpoint.raw = raw
        if after != before:
            self._set(check, after, when, count)

    def _checker_said(
        self,
        when: float,
        text: str,
        rule: str,
        check: HealthCheck,
        index: int,
        passed: bool,
        **extra: object,
    ) -> None:
        self.tracer.emit(
            when, "checker", text, rule, check=check.id, checker=index + 1, passed=passed, **extra
        )

    def _set(self, check: HealthCheck, healthy: bool, when: float, count: int) -> None:
        self.status[check.id] = healthy
        share = 100 * count / check.checkers
        cmp = ">" if (healthy != check.inverted) else "<="
        note = " (inverted)" if check.inverted else ""
        self.tracer.emit(
            when,
            "health",
            f"health check {check.id} is now {'healthy' if healthy else 'unhealthy'}{note}: "
            f"{count}/{check.checkers} checkers see it healthy ({share:.0f}% {cmp} 18%)",
            "checker-quorum",
            check=check.id,
            healthy=healthy,
            healthy_checkers=count,
        )
        self._parents_of(check.id, when)

    def _parents_of(self, child: str, when: float) -> None:
        for parent_id in self.parents.get(child, []):
            parent = self.checks[parent_id]
            healthy, up = self._calculated(parent)
            if healthy == self.status[parent_id]:
                continue
            self.status[parent_id] = healthy
            note = " (inverted)" if parent.inverted else ""
            self.tracer.emit(
                when,
                "health",
                f"calculated check {parent_id} is now {'healthy' if healthy else 'unhealthy'}"
                f"{note}: {up} of {len(parent.children)} children healthy, it needs "
                f"{parent.health_threshold}",
                "calculated-check",
                check=parent_id,
                healthy=healthy,
                healthy_children=up,
            )
