"""SQS over time: producers send, consumers poll, process, delete (or fail)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .sqs import Message, QueueConfig, SqsError, SqsQueue
from .sqs_rules import RULES
from .trace import Stepper


@dataclass
class Send:
    at: float
    body: str
    group: str | None = None
    dedup_id: str | None = None
    delay: int | None = None
    size: int | None = None


@dataclass
class Producer:
    queue: str
    sends: list[Send]


@dataclass
class Heartbeat:
    every: float
    extend: int


@dataclass
class Consumer:
    name: str
    queue: str
    processing_time: float = 5.0
    start: float = 0.0
    max_messages: int = 1
    wait_time: int | None = None
    visibility_timeout: int | None = None
    poll_interval: float = 1.0
    failure_rate: float = 0.0
    fail_bodies: list[str] = field(default_factory=list)
    heartbeat: Heartbeat | None = None


@dataclass
class SqsScenario:
    name: str
    queues: list[QueueConfig]
    producers: list[Producer]
    consumers: list[Consumer]
    duration: float = 600.0
    purges: list[tuple[str, float]] = field(default_factory=list)


class SqsSim(Stepper[SqsScenario]):
    rules = RULES

    def _build(self) -> None:
        sc = self.scenario
        self._fresh()
        self.queues: dict[str, SqsQueue] = {}
        for config in sorted(sc.queues, key=lambda q: q.dlq is not None):
            dlq = self.queues.get(config.dlq) if config.dlq else None
            self.queues[config.name] = SqsQueue(config, self.tracer, self.rng, dlq)
        self.sent: list[Message] = []
        self.errors: list[str] = []
        self._waiting: dict[str, float] = {}
        for producer in sc.producers:
            for send in producer.sends:
                self._at(send.at, self._sender(producer.queue, send))
        for consumer in sc.consumers:
            self._waiting[consumer.name] = 0
            self._at(consumer.start, self._poller(consumer))
        for queue_name, at in sc.purges:
            self._at(at, self._purger(queue_name))

    def _purger(self, queue_name: str) -> Callable[[], None]:
        def act() -> None:
            try:
                self.queues[queue_name].purge(self.loop.now)
            except SqsError as exc:
                self.errors.append(str(exc))
                self.tracer.emit(self.loop.now, "error", f"{queue_name}: {exc}", "purge")

        return act

    def _at(self, time: float, action: Callable[[], None]) -> None:
        if time <= self.scenario.duration:
            self.loop.at(time, action)

    def _sender(self, queue_name: str, send: Send) -> Callable[[], None]:
        def act() -> None:
            queue = self.queues[queue_name]
            now = self.loop.now
            try:
                message = queue.send(
                    now, send.body, send.group, send.dedup_id, send.delay, send.size
                )
            except SqsError as exc:
                self.errors.append(str(exc))
                self.tracer.emit(now, "send-error", f"{queue_name}: {exc}", exc.rule)
                return
            if message is not None:
                self.sent.append(message)
                self._at(message.available_at, self._ticker(queue))
                self._at(message.enqueued_at + queue.config.retention, self._ticker(queue))

        return act

    def _ticker(self, queue: SqsQueue) -> Callable[[], None]:
        def act() -> None:
            queue.refresh(self.loop.now)
            for consumer in self.scenario.consumers:
                if consumer.queue == queue.config.name and self._waiting[consumer.name] > 0:
                    self._poll(consumer, retry=True)

        return act

    def _poller(self, consumer: Consumer) -> Callable[[], None]:
        return lambda: self._poll(consumer)

    def _poll(self, consumer: Consumer, retry: bool = False) -> None:
        now = self.loop.now
        queue = self.queues[consumer.queue]
        wait = queue.config.receive_wait if consumer.wait_time is None else consumer.wait_time
        if retry and now > self._waiting[consumer.name]:
            return
        try:
            got = queue.receive(
                now, consumer.name, consumer.max_messages, consumer.visibility_timeout, wait > 0
            )
        except SqsError as exc:  # OverLimit: too many messages in flight, short polling
            self.errors.append(str(exc))
            self.tracer.emit(now, "error", f"{consumer.name}: {exc}", exc.rule)
            self._at(now + consumer.poll_interval, self._poller(consumer))
            return
        if got:
            self._waiting[consumer.name] = 0
            self._process(consumer, queue, got)
            return
        if wait == 0:
            self.tracer.emit(
                now,
                "empty",
                f"{consumer.name}: short poll of {queue.config.name} came back empty",
                "short-poll",
                consumer=consumer.name,
            )
            self._at(now + consumer.poll_interval, self._poller(consumer))
            return
        if retry:
            return
        deadline = now + wait
        self._waiting[consumer.name] = deadline
        change = queue.next_change(now)
        if change is not None and change < deadline:
            self._at(change, self._ticker(queue))
        self._at(deadline, self._poll_deadline(consumer, deadline))

    def _poll_deadline(self, consumer: Consumer, deadline: float) -> Callable[[], None]:
        def act() -> None:
            if self._waiting[consumer.name] != deadline:
                return
            self._waiting[consumer.name] = 0
            self.tracer.emit(
                deadline,
                "empty",
                f"{consumer.name}: long poll of {consumer.queue} waited and came back empty",
                "long-poll",
                consumer=consumer.name,
            )
            self._poll(consumer)

        return act

    def _process(self, consumer: Consumer, queue: SqsQueue, got: list[Message]) -> None:
        finish = self.loop.now
        for message in got:
            started = finish
            finish += consumer.processing_time
            receipt = message.receipt
            if consumer.heartbeat:
                beat = started + consumer.heartbeat.every
                while beat < finish:
                    self._at(beat, self._extender(queue, message, receipt, consumer.heartbeat))
                    beat += consumer.heartbeat.every
            failed = any(text in message.body for text in consumer.fail_bodies) or (
                consumer.failure_rate > 0 and self.rng.random() < consumer.failure_rate
            )
            self._at(finish, self._finisher(consumer, queue, message, receipt, failed))
            self._at(message.invisible_until, self._ticker(queue))
        self._at(finish, self._poller(consumer))

    def _extender(
        self, queue: SqsQueue, message: Message, receipt: int, beat: Heartbeat
    ) -> Callable[[], None]:
        def act() -> None:
            try:
                queue.change_visibility(self.loop.now, message, receipt, beat.extend)
            except SqsError as exc:
                self.errors.append(str(exc))
                self.tracer.emit(
                    self.loop.now,
                    "error",
                    f"{queue.config.name}: {exc}",
                    "change-visibility-not-inflight",
                )
                return
            self._at(message.invisible_until, self._ticker(queue))

        return act

    def _finisher(
        self, consumer: Consumer, queue: SqsQueue, message: Message, receipt: int, failed: bool
    ) -> Callable[[], None]:
        def act() -> None:
            now = self.loop.now
            if failed:
                self.tracer.emit(
                    now,
                    "failed",
                    f"{consumer.name}: processing {message.id} failed; not deleted",
                    "visibility-expired",
                    consumer=consumer.name,
                    message=message.id,
                )
                return
            try:
                full = queue.in_flight() >= queue.config.in_flight_quota
                if queue.delete(now, message, receipt) and (queue.config.fifo or full):
                    self._ticker(queue)()  # a group or an in-flight slot is free: wake polls
            except SqsError as exc:
                self.errors.append(str(exc))
                self.tracer.emit(
                    now, "error", f"{queue.config.name}: {exc}", "delete-stale-receipt"
                )

        return act

    def outcomes(self) -> list[dict[str, object]]:
        end = self.loop.now
        for queue in self.queues.values():
            queue.refresh(end)
        result: list[dict[str, object]] = []
        for message in self.sent:
            final = message.state
            where = message.queue
            deliveries = list(message.deliveries)
            if final == "dlq":
                copy = next(
                    m
                    for q in self.queues.values()
                    for m in q.messages
                    if m.id == message.id and m.moved_from == message.queue
                )
                where = copy.queue
                deliveries += copy.deliveries
                final = "dlq" if copy.state in ("stored", "inflight") else f"dlq-{copy.state}"
            elif final in ("stored", "inflight"):
                final = "in-queue"
            result.append(
                {
                    "id": message.id,
                    "body": message.body,
                    "group": message.group,
                    "deliveries": deliveries,
                    "final": final,
                    "queue": where,
                }
            )
        return result
