"""Lambda over time: synchronous and asynchronous callers, SQS and stream event sources.

Every attempt to run the function asks `Pools` for an execution environment; a throttle is
handled as each source does: a synchronous caller gets a 429, an asynchronous event is
retried with backoff until its maximum age, an SQS batch goes back to the queue, a stream
batch is retried and blocks its shard. Reading the scenario file is in lambda_load.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .lambda_model import LambdaFunction, Pools, Start
from .lambda_rules import (
    ACCOUNT_CONCURRENCY,
    ASYNC_RETRY_WAITS,
    RULES,
    SQS_ADD_PER_MINUTE,
    SQS_MAX_BATCHES,
    SQS_START_BATCHES,
    STREAM_RETENTION,
    THROTTLE_RETRY_FIRST,
    THROTTLE_RETRY_MAX,
)
from .trace import Stepper

SOURCE_KINDS = ("sync", "async", "sqs", "stream")


@dataclass
class Source:
    kind: str
    function: str
    count: int = 10
    every: float = 0.0
    start: float = 0.0
    payload: str = "event-{n}"
    # SQS event source mapping
    batch_size: int = 10
    maximum_concurrency: int | None = None
    visibility_timeout: int = 30
    max_receive_count: int | None = None
    dlq: str | None = None
    # stream event source mapping
    shards: int = 1
    parallelization: int = 1
    keys: int = 100
    max_retry_attempts: int = -1
    max_record_age: int = -1
    bisect: bool = False
    on_failure: str | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.function}"


@dataclass
class LambdaScenario:
    name: str
    functions: list[LambdaFunction]
    sources: list[Source]
    account_concurrency: int = ACCOUNT_CONCURRENCY
    duration: float = 300.0


@dataclass
class Event:
    id: str
    source: Source
    payload: str
    created: float
    attempts: list[dict[str, object]] = field(default_factory=list)
    final: str = "pending"
    errors: int = 0
    throttles: int = 0
    receive_count: int = 0
    visible_at: float = 0.0
    lane: tuple[int, int] = (0, 0)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source.kind,
            "function": self.source.function,
            "payload": self.payload,
            "attempts": [dict(a) for a in self.attempts],
            "final": "in-queue" if self.final == "pending" else self.final,
        }


@dataclass
class _Lane:
    records: list[Event] = field(default_factory=list)
    busy: bool = False
    size: int | None = None  # a bisected batch size
    failures: int = 0


class LambdaSim(Stepper[LambdaScenario]):
    rules = RULES

    def _build(self) -> None:
        sc = self.scenario
        self._fresh()
        self.pools = Pools(sc.functions, sc.account_concurrency)
        self.functions = {f.name: f for f in sc.functions}
        self.events: list[Event] = []
        self.throttles: dict[str, int] = {}
        self._queues: dict[int, list[Event]] = {}
        self._batches: dict[int, int] = {}
        self._active_since: dict[int, float | None] = {}
        self._lanes: dict[tuple[int, int, int], _Lane] = {}
        reserved = [f"{f.name} {f.reserved}" for f in sc.functions if f.reserved is not None]
        self.tracer.emit(
            0.0,
            "setup",
            f"account concurrency {sc.account_concurrency}; reserved: "
            f"{', '.join(reserved) or 'none'}; unreserved pool {self.pools.unreserved_pool}",
            "account-concurrency",
        )
        for number, source in enumerate(sc.sources):
            self._queues[number] = []
            self._batches[number] = 0
            self._active_since[number] = None
            for n in range(source.count):
                self._at(source.start + n * source.every, self._arrival(number, source, n))
            if source.kind == "sqs":
                self._at(source.start, self._poller(number, source))

    def _at(self, time: float, action: Callable[[], None]) -> None:
        if time <= self.scenario.duration:
            self.loop.at(time, action)

    # -- running the function -----------------------------------------------------------
    def _try(
        self, event: Event, label: str, done: Callable[[bool], None]
    ) -> Start:  # runs one invocation (of an event or a batch) if concurrency allows
        fn = self.functions[event.source.function]
        now = self.loop.now
        start = self.pools.start(fn.name, now)
        if not start.ok:
            self.throttles[start.reason] = self.throttles.get(start.reason, 0) + 1
            return start
        fails = any(text in event.payload for text in fn.fail_payloads) or (
            fn.failure_rate > 0 and self.rng.random() < fn.failure_rate
        )
        took = fn.duration + (fn.init_duration if start.environment == "cold" else 0.0)
        rule = {
            "cold": "cold-start",
            "warm": "cold-start",
            "provisioned": "provisioned-concurrency",
        }
        how = {
            "cold": f"a new environment (cold start {fn.init_duration:g} s)",
            "warm": "a warm environment",
            "provisioned": "a provisioned environment (no cold start)",
        }[start.environment]
        self.tracer.emit(
            now,
            "invoke",
            f"{fn.name}: {label} runs on {how}; {start.running} of {start.limit} running",
            rule[start.environment],
            function=fn.name,
            event=event.id,
            environment=start.environment,
            running=start.running,
        )

        def finish() -> None:
            self.pools.finish(fn.name, start.environment)
            done(not fails)

        self.loop.at(now + took, finish)
        return start

    def _attempt(self, event: Event, start: Start, outcome: str = "") -> None:
        self.events_attempt(event, self.loop.now, outcome or ("ok" if start.ok else "throttled"))
        if not start.ok:
            event.attempts[-1]["reason"] = start.reason
        else:
            event.attempts[-1]["environment"] = start.environment

    @staticmethod
    def events_attempt(event: Event, time: float, outcome: str) -> None:
        event.attempts.append({"time": round(time, 6), "outcome": outcome})

    def _throttled(self, event: Event, label: str, start: Start, rule: str, then: str) -> None:
        why = {
            "reserved-concurrency": f"its reserved concurrency ({start.limit}) is in use",
            "account-concurrency": "the account's unreserved concurrency is in use",
            "scaling-rate": "it cannot add environments faster (1,000 per 10 s)",
        }[start.reason]
        self.tracer.emit(
            self.loop.now,
            "throttle",
            f"{event.source.function}: {label} throttled, {why}; {then}",
            rule,
            function=event.source.function,
            event=event.id,
            reason=start.reason,
        )

    # -- arrivals -----------------------------------------------------------------------
    def _arrival(self, number: int, source: Source, n: int) -> Callable[[], None]:
        def act() -> None:
            event = Event(
                f"{source.kind}-{number + 1}-{n + 1}",
                source,
                source.payload.replace("{n}", str(n + 1)),
                self.loop.now,
            )
            self.events.append(event)
            if source.kind == "sync":
                self._sync(event)
            elif source.kind == "async":
                self._async(event)
            elif source.kind == "sqs":
                event.visible_at = self.loop.now
                self._queues[number].append(event)
            else:
                shard = n % source.shards
                lane = (n % source.keys) % source.parallelization
                event.lane = (shard, lane)
                self._lanes.setdefault((number, shard, lane), _Lane()).records.append(event)
                self._pump(number, source, shard, lane)

        return act

    # -- synchronous --------------------------------------------------------------------
    def _sync(self, event: Event) -> None:
        def done(ok: bool) -> None:
            event.attempts[-1]["outcome"] = "ok" if ok else "error"
            event.final = "ok" if ok else "error"

        start = self._try(event, event.payload, done)
        self._attempt(event, start, "running" if start.ok else "")
        if not start.ok:
            event.final = "throttled-429"
            self._throttled(event, event.payload, start, "sync-throttle", "the caller gets 429")

    # -- asynchronous -------------------------------------------------------------------
    def _async(self, event: Event) -> None:
        fn = self.functions[event.source.function]

        def done(ok: bool) -> None:
            event.attempts[-1]["outcome"] = "ok" if ok else "error"
            if ok:
                event.final = "ok"
                return
            event.errors += 1
            if event.errors <= fn.max_retry_attempts:
                wait = ASYNC_RETRY_WAITS[event.errors - 1]
                self.tracer.emit(
                    self.loop.now,
                    "error",
                    f"{fn.name}: {event.payload} failed (error {event.errors}); Lambda retries "
                    f"it in {wait:g} s ({event.errors} of {fn.max_retry_attempts} retries)",
                    "async-function-error",
                    function=fn.name,
                    event=event.id,
                )
                self._retry_async(event, wait)
            else:
                self._async_give_up(event, f"failed {event.errors} times")

        start = self._try(event, f"{event.payload} (async)", done)
        self._attempt(event, start, "running" if start.ok else "")
        if start.ok:
            return
        wait = min(THROTTLE_RETRY_MAX, THROTTLE_RETRY_FIRST * 2**event.throttles)
        event.throttles += 1
        self._throttled(
            event, event.payload, start, "async-throttle-retry", f"back to the queue for {wait:g} s"
        )
        self._retry_async(event, wait)

    def _retry_async(self, event: Event, wait: float) -> None:
        fn = self.functions[event.source.function]
        if self.loop.now + wait - event.created > fn.max_event_age:
            self._async_give_up(event, f"older than its maximum age ({fn.max_event_age} s)")
            return
        self._at(self.loop.now + wait, lambda: self._async(event))

    def _async_give_up(self, event: Event, why: str) -> None:
        fn = self.functions[event.source.function]
        event.final = f"on-failure:{fn.on_failure}" if fn.on_failure else "discarded"
        where = f"sent to {fn.on_failure}" if fn.on_failure else "discarded (no destination)"
        self.tracer.emit(
            self.loop.now,
            "on-failure",
            f"{fn.name}: {event.payload} {why}; {where}",
            "async-on-failure",
            function=fn.name,
            event=event.id,
        )

    # -- SQS event source ---------------------------------------------------------------
    def _poller(self, number: int, source: Source) -> Callable[[], None]:
        return lambda: self._poll(number, source, again=True)

    def _target(self, number: int, source: Source) -> int:
        cap = source.maximum_concurrency or SQS_MAX_BATCHES
        since = self._active_since[number]
        grown = 0 if since is None else int(SQS_ADD_PER_MINUTE * (self.loop.now - since) / 60)
        return min(cap, SQS_START_BATCHES + grown)

    def _poll(self, number: int, source: Source, again: bool = False) -> None:
        now = self.loop.now
        if now > self.scenario.duration:
            return
        queue = self._queues[number]
        visible = [e for e in queue if e.final == "pending" and e.visible_at <= now]
        if not visible:
            self._active_since[number] = None
        elif self._active_since[number] is None:
            self._active_since[number] = now
        throttled = 0  # batches this poll took but could not run still count as pollers' work
        while visible and self._batches[number] + throttled < self._target(number, source):
            batch: list[Event] = []
            while visible and len(batch) < source.batch_size:
                event = visible.pop(0)
                event.receive_count += 1
                event.visible_at = now + source.visibility_timeout  # hidden while in flight
                limit = source.max_receive_count
                if limit is not None and event.receive_count > limit:
                    event.final = f"dlq:{source.dlq}"
                    self.tracer.emit(
                        now,
                        "dlq",
                        f"{source.label}: {event.payload} was received {limit} times; the "
                        f"queue moves it to {source.dlq}",
                        "sqs-batch-failure",
                        event=event.id,
                    )
                    continue
                batch.append(event)
            if batch and not self._sqs_batch(number, source, batch):
                throttled += 1
        pending = any(e.final == "pending" for e in queue)
        if again and (pending or now < source.start + source.count * source.every):
            self._at(now + 1.0, self._poller(number, source))

    def _sqs_batch(self, number: int, source: Source, batch: list[Event]) -> bool:
        now = self.loop.now
        head = batch[0]
        payloads = [e.payload for e in batch]
        label = f"a batch of {len(batch)} ({payloads[0]}..)"
        fn = self.functions[source.function]
        poisoned = any(text in p for p in payloads for text in fn.fail_payloads)
        probe = Event(head.id, source, " ".join(payloads) if poisoned else head.payload, now)

        def done(ok: bool) -> None:
            self._batches[number] -= 1
            for event in batch:
                event.attempts[-1]["outcome"] = "ok" if ok else "error"
                if ok:
                    event.final = "ok"  # deleted; a failed one reappears at its visible_at
            if not ok:
                self.tracer.emit(
                    self.loop.now,
                    "error",
                    f"{source.label}: {label} failed; its messages are visible again at "
                    f"{now + source.visibility_timeout:g} s",
                    "sqs-batch-failure",
                    event=head.id,
                )
            self._poll(number, source)

        self._batches[number] += 1
        start = self._try(probe, label, done)
        for event in batch:
            self._attempt(event, start, "running" if start.ok else "")
        if not start.ok:
            self._batches[number] -= 1
            rule = "sqs-max-concurrency" if start.reason == "reserved-concurrency" else ""
            self._throttled(
                head,
                label,
                start,
                rule or "sqs-batch-failure",
                f"the batch goes back; visible again at {now + source.visibility_timeout:g} s",
            )
        return start.ok

    # -- stream event source ------------------------------------------------------------
    def _pump(self, number: int, source: Source, shard: int, lane_no: int) -> None:
        lane = self._lanes[(number, shard, lane_no)]
        now = self.loop.now
        if lane.busy or now > self.scenario.duration:
            return
        limit = STREAM_RETENTION if source.max_record_age < 0 else source.max_record_age
        while lane.records and now - lane.records[0].created > limit:
            old = lane.records.pop(0)
            rule = "stream-retention" if source.max_record_age < 0 else "stream-on-failure"
            self._discard(source, [old], f"older than {limit} s", rule)
        if not lane.records:
            return
        size = lane.size or source.batch_size
        batch = lane.records[:size]
        where = f"shard {shard + 1}" + (
            f" lane {lane_no + 1}" if source.parallelization > 1 else ""
        )
        label = f"{where}: a batch of {len(batch)} ({batch[0].payload}..)"
        fn = self.functions[source.function]
        poisoned = [e for e in batch if any(t in e.payload for t in fn.fail_payloads)]
        probe = Event(batch[0].id, source, (poisoned or batch)[0].payload, now)
        lane.busy = True

        def done(ok: bool) -> None:
            lane.busy = False
            for event in batch:
                event.attempts[-1]["outcome"] = "ok" if ok else "error"
            if ok:
                for event in batch:
                    event.final = "ok"
                del lane.records[: len(batch)]
                lane.size, lane.failures = None, 0
            else:
                self._stream_failed(source, lane, batch, label)
            self._pump(number, source, shard, lane_no)

        start = self._try(probe, label, done)
        for event in batch:
            self._attempt(event, start, "running" if start.ok else "")
        if not start.ok:  # the lane stays busy: nothing behind this batch moves meanwhile
            self._throttled(batch[0], label, start, "stream-retry-blocks", "retried in 1 s")

            def retry() -> None:
                lane.busy = False
                self._pump(number, source, shard, lane_no)

            self._at(now + 1.0, retry)

    def _stream_failed(self, source: Source, lane: _Lane, batch: list[Event], label: str) -> None:
        if source.bisect and len(batch) > 1:
            lane.size = len(batch) // 2
            self.tracer.emit(
                self.loop.now,
                "error",
                f"{source.label}: {label} failed; bisected, retrying its first {lane.size}",
                "stream-retry-blocks",
                event=batch[0].id,
            )
            return
        lane.failures += 1
        if 0 <= source.max_retry_attempts < lane.failures:
            del lane.records[: len(batch)]
            lane.size, lane.failures = None, 0
            self._discard(source, batch, f"failed {source.max_retry_attempts + 1} times")
            return
        self.tracer.emit(
            self.loop.now,
            "error",
            f"{source.label}: {label} failed (attempt {lane.failures}); retried, and the "
            "shard waits behind it",
            "stream-retry-blocks",
            event=batch[0].id,
        )

    def _discard(self, source: Source, events: list[Event], why: str, rule: str = "") -> None:
        where = source.on_failure
        for event in events:
            event.final = f"on-failure:{where}" if where else "discarded"
        self.tracer.emit(
            self.loop.now,
            "on-failure",
            f"{source.label}: {len(events)} record(s) from {events[0].payload} {why}; "
            + (f"sent to {where}" if where else "lost (no on-failure destination)"),
            rule or "stream-on-failure",
            event=events[0].id,
        )

    # -- reading the outcome ------------------------------------------------------------
    def outcomes(self) -> list[dict[str, object]]:
        return [event.to_json() for event in self.events]
