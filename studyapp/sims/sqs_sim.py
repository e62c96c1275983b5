"""SQS over time: producers send, consumers poll, process, delete (or fail)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .scenario import Section
from .sqs import MAX_VISIBILITY, Message, QueueConfig, SqsError, SqsQueue
from .sqs_rules import RULES
from .trace import EventLoop, Stepper, Tracer


@dataclass
class Send:
    at: float
    body: str
    group: str | None = None
    dedup_id: str | None = None
    delay: int | None = None


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


class SqsSim(Stepper):
    def __init__(self, scenario: SqsScenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self._build()

    def _build(self) -> None:
        sc = self.scenario
        self.loop = EventLoop()
        self.tracer = Tracer(RULES)
        self.rng = random.Random(self.seed)
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

    def _at(self, time: float, action: Callable[[], None]) -> None:
        if time <= self.scenario.duration:
            self.loop.at(time, action)

    def _sender(self, queue_name: str, send: Send) -> Callable[[], None]:
        def act() -> None:
            queue = self.queues[queue_name]
            now = self.loop.now
            try:
                message = queue.send(now, send.body, send.group, send.dedup_id, send.delay)
            except SqsError as exc:
                self.errors.append(str(exc))
                self.tracer.emit(now, "send-error", f"{queue_name}: {exc}", "send")
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
        got = queue.receive(
            now, consumer.name, consumer.max_messages, consumer.visibility_timeout, wait > 0
        )
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
                if queue.delete(now, message, receipt) and queue.config.fifo:
                    self._ticker(queue)()  # the message group is free again: wake long polls
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


def load_sqs(doc: Section, name: str) -> SqsScenario:
    duration = doc.get_num("duration", 600.0, lo=1, hi=30 * 86_400)
    configs = []
    for item in doc.get_sections("queues"):
        config = QueueConfig(
            name=item.get_str("name"),
            fifo=item.get_str("type", "standard", choices=("standard", "fifo")) == "fifo",
            visibility_timeout=item.get_int("visibility_timeout", 30, lo=0, hi=MAX_VISIBILITY),
            delay_seconds=item.get_int("delay_seconds", 0, lo=0, hi=900),
            retention=item.get_int("retention", 345_600, lo=60, hi=1_209_600),
            receive_wait=item.get_int("receive_wait", 0, lo=0, hi=20),
            content_based_dedup=item.get_bool("content_based_dedup", False),
        )
        if config.fifo != config.name.endswith(".fifo"):
            raise item.fail("name", "FIFO queue names end in .fifo (and only theirs do)")
        redrive = item.get_section("redrive", None)
        if redrive is not None:
            config.dlq = redrive.get_str("dlq")
            config.max_receive_count = redrive.get_int("max_receive_count", 10, lo=1, hi=1000)
            redrive.done()
        item.done()
        configs.append(config)
    by_name = {c.name: c for c in configs}
    for item, config in zip(doc.get_sections("queues"), configs, strict=True):
        if config.dlq and config.dlq not in by_name:
            raise item.fail("redrive", f"no queue named '{config.dlq}'")
        if config.dlq and by_name[config.dlq].fifo != config.fifo:
            raise item.fail("redrive", "the DLQ must be the same type (FIFO or standard)")
    producers = [_producer(item, by_name) for item in doc.get_sections("producers")]
    consumers = [_consumer(item, by_name) for item in doc.get_sections("consumers", False)]
    return SqsScenario(name, configs, producers, consumers, duration)


def _producer(item: Section, queues: dict[str, QueueConfig]) -> Producer:
    queue = item.get_str("queue")
    if queue not in queues:
        raise item.fail("queue", f"no queue named '{queue}'")
    sends: list[Send] = []
    groups = [str(g) for g in item.get_list("groups", [])]
    count = item.get_int("count", 0, lo=0, hi=5_000)
    start = item.get_num("start", 0.0, lo=0)
    every = item.get_num("every", 1.0, lo=0)
    body = item.get_str("body", "msg-{n}")
    for n in range(count):
        group = groups[n % len(groups)] if groups else None
        sends.append(Send(start + n * every, body.replace("{n}", str(n + 1)), group))
    for entry in item.get_sections("messages", required=False):
        sends.append(
            Send(
                entry.get_num("at", 0.0, lo=0),
                entry.get_str("body"),
                entry.get_str("group", None),
                entry.get_str("dedup_id", None),
                entry.get_int("delay", None, lo=0, hi=900),
            )
        )
        entry.done()
    if queues[queue].fifo and any(s.group is None for s in sends):
        raise item.fail("groups", "FIFO messages need a message group")
    if not sends:
        raise item.fail("count", "a producer needs count > 0 or messages")
    item.done()
    return Producer(queue, sends)


def _consumer(item: Section, queues: dict[str, QueueConfig]) -> Consumer:
    consumer = Consumer(
        name=item.get_str("name"),
        queue=item.get_str("queue"),
        processing_time=item.get_num("processing_time", 5.0, lo=0),
        start=item.get_num("start", 0.0, lo=0),
        max_messages=item.get_int("max_messages", 1, lo=1, hi=10),
        wait_time=item.get_int("wait_time", None, lo=0, hi=20),
        visibility_timeout=item.get_int("visibility_timeout", None, lo=0, hi=MAX_VISIBILITY),
        poll_interval=item.get_num("poll_interval", 1.0, lo=0.01),
        failure_rate=item.get_num("failure_rate", 0.0, lo=0, hi=1),
        fail_bodies=[str(b) for b in item.get_list("fail_bodies", [])],
    )
    if consumer.queue not in queues:
        raise item.fail("queue", f"no queue named '{consumer.queue}'")
    beat = item.get_section("heartbeat", None)
    if beat is not None:
        consumer.heartbeat = Heartbeat(
            beat.get_num("every", lo=1), beat.get_int("extend", lo=0, hi=MAX_VISIBILITY)
        )
        beat.done()
    item.done()
    return consumer
