"""Reading an SQS scenario: queues (with redrive), producers, consumers and purges."""

from __future__ import annotations

from .scenario import Section
from .sqs import IN_FLIGHT_QUOTA, MAX_MESSAGE_SIZE, MAX_VISIBILITY, MIN_MESSAGE_SIZE, QueueConfig
from .sqs_sim import Consumer, Heartbeat, Producer, Send, SqsScenario


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
            max_message_size=item.get_int(
                "max_message_size", MAX_MESSAGE_SIZE, lo=MIN_MESSAGE_SIZE, hi=MAX_MESSAGE_SIZE
            ),
            in_flight_quota=item.get_int(
                "in_flight_quota", IN_FLIGHT_QUOTA, lo=1, hi=IN_FLIGHT_QUOTA
            ),
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
    purges = []
    for item in doc.get_sections("purges", required=False):
        queue = item.get_str("queue")
        if queue not in by_name:
            raise item.fail("queue", f"no queue named '{queue}'")
        purges.append((queue, item.get_num("at", lo=0)))
        item.done()
    return SqsScenario(name, configs, producers, consumers, duration, purges)


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
    size = item.get_int("size", None, lo=1, hi=10 * MAX_MESSAGE_SIZE)
    for n in range(count):
        group = groups[n % len(groups)] if groups else None
        sends.append(Send(start + n * every, body.replace("{n}", str(n + 1)), group, size=size))
    for entry in item.get_sections("messages", required=False):
        sends.append(
            Send(
                entry.get_num("at", 0.0, lo=0),
                entry.get_str("body"),
                entry.get_str("group", None),
                entry.get_str("dedup_id", None),
                entry.get_int("delay", None, lo=0, hi=900),
                entry.get_int("size", None, lo=1, hi=10 * MAX_MESSAGE_SIZE),
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
