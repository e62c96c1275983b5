"""Trace events, the rule book they cite, and a small virtual-clock event loop.

Every simulator records `TraceEvent`s; each names the documented rule that produced the
outcome and the AWS page that documents it, so a screen can show "why" next to "what".
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar

R53 = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/"
SQS = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
SQS_API = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/"
RDS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
S = TypeVar("S")  # a simulator's scenario


@dataclass(frozen=True)
class Rule:
    """A documented AWS behaviour, in our words, with the page it comes from."""

    id: str
    text: str
    url: str


@dataclass(frozen=True)
class TraceEvent:
    """One thing that happened at a virtual time, and the rule that decided it."""

    time: float
    kind: str
    detail: str
    rule: str = ""
    url: str = ""
    data: dict[str, object] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, object]:
        return {
            "time": self.time,
            "kind": self.kind,
            "detail": self.detail,
            "rule": self.rule,
            "url": self.url,
            "data": dict(self.data),
        }


class Tracer:
    """Collects events; `emit` looks the rule up so callers only name it."""

    def __init__(self, rules: dict[str, Rule]) -> None:
        self.rules = rules
        self.events: list[TraceEvent] = []

    def emit(
        self, time: float, kind: str, detail: str, rule: str = "", /, **data: object
    ) -> TraceEvent:
        url = self.rules[rule].url if rule else ""
        event = TraceEvent(round(time, 6), kind, detail, rule, url, dict(data))
        self.events.append(event)
        return event


class EventLoop:
    """A virtual clock with a queue of callbacks ordered by (time, insertion order)."""

    def __init__(self) -> None:
        self.now = 0.0
        self._queue: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = 0

    def at(self, time: float, action: Callable[[], None]) -> None:
        self._seq += 1
        heapq.heappush(self._queue, (max(time, self.now), self._seq, action))

    @property
    def pending(self) -> bool:
        return bool(self._queue)

    def pop(self) -> bool:
        """Run the next callback; False when nothing is left."""
        if not self._queue:
            return False
        time, _, action = heapq.heappop(self._queue)
        self.now = time
        action()
        return True


class Stepper(Generic[S]):
    """Shared construction, run / step / reset for simulators built on `EventLoop` and `Tracer`.

    Subclasses set `rules` (their rule book) and implement `_build()`, which starts with
    `self._fresh()` (a new loop, tracer and seeded random source) and (re)creates the model from
    the scenario and seed, so `reset()` replays exactly the same run.
    """

    loop: EventLoop
    tracer: Tracer
    rng: random.Random
    rules: ClassVar[dict[str, Rule]]
    max_events = 200_000

    def __init__(self, scenario: S, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self._build()

    def _fresh(self) -> None:
        self.loop = EventLoop()
        self.tracer = Tracer(self.rules)
        self.rng = random.Random(self.seed)

    def _build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def reset(self) -> None:
        self._build()

    @property
    def trace(self) -> list[TraceEvent]:
        return self.tracer.events

    @property
    def done(self) -> bool:
        return not self.loop.pending

    def step(self) -> list[TraceEvent]:
        """Advance until at least one trace event is recorded; return the new events."""
        start = len(self.tracer.events)
        while len(self.tracer.events) == start and self.loop.pop():
            pass
        return self.tracer.events[start:]

    def run(self) -> list[TraceEvent]:
        count = 0
        while self.loop.pop():
            count += 1
            if count > self.max_events:
                raise RuntimeError("simulation did not finish within its event budget")
        return self.tracer.events
