"""SQS rules, one test per documented rule (aws-facts.md section D)."""

from __future__ import annotations

import random

import pytest

from studyapp.sims.sqs import QueueConfig, SqsError, SqsQueue
from studyapp.sims.sqs_rules import RULES
from studyapp.sims.sqs_sim import Consumer, Heartbeat, Producer, Send, SqsScenario, SqsSim
from studyapp.sims.trace import Tracer


def queue(dead: SqsQueue | None = None, /, **kw: object) -> SqsQueue:
    config = QueueConfig(kw.pop("name", "q"), **kw)  # type: ignore[arg-type]
    return SqsQueue(config, Tracer(RULES), random.Random(0), dead)


def long_receive(q: SqsQueue, now: float, who: str = "c", **kw: object) -> list:
    return q.receive(now, who, long_poll=True, **kw)  # type: ignore[arg-type]


def test_visibility_timeout_default_30_s_hides_a_received_message() -> None:
    q = queue()
    assert q.config.visibility_timeout == 30
    q.send(0, "a")
    assert len(long_receive(q, 0)) == 1
    assert long_receive(q, 29.9, "other") == []
    again = long_receive(q, 30, "other")
    assert [m.receive_count for m in again] == [2]


def test_receive_call_visibility_overrides_queue_value() -> None:
    q = queue()
    q.send(0, "a")
    long_receive(q, 0, visibility=5)
    assert len(long_receive(q, 5)) == 1


def test_message_delivered_twice_when_processing_outlasts_the_visibility_timeout() -> None:
    scenario = SqsScenario(
        "t",
        [QueueConfig("q", visibility_timeout=30)],
        [Producer("q", [Send(0, "job")])],
        [
            Consumer("slow", "q", processing_time=45, wait_time=20),
            Consumer("b", "q", 5, start=1, wait_time=20),
        ],
        duration=200,
    )
    sim = SqsSim(scenario)
    sim.run()
    [outcome] = sim.outcomes()
    deliveries = outcome["deliveries"]
    assert [(d["consumer"], d["time"], d["receive_count"]) for d in deliveries] == [
        ("slow", 0.0, 1),
        ("b", 30.0, 2),
    ]
    assert outcome["final"] == "deleted"


def test_change_visibility_counts_from_the_call_not_the_receive() -> None:
    q = queue(visibility_timeout=60)
    q.send(0, "a")
    [m] = long_receive(q, 0)
    q.change_visibility(15, m, m.receipt, 10)
    assert long_receive(q, 24.9, "x") == []
    assert len(long_receive(q, 25, "x")) == 1


def test_change_visibility_zero_makes_the_message_visible_now() -> None:
    q = queue()
    q.send(0, "a")
    [m] = long_receive(q, 0)
    q.change_visibility(3, m, m.receipt, 0)
    assert len(long_receive(q, 3, "x")) == 1


def test_change_visibility_past_12_hours_after_receive_is_rejected() -> None:
    q = queue()
    q.send(0, "a")
    [m] = long_receive(q, 0)
    with pytest.raises(SqsError):
        q.change_visibility(10, m, m.receipt, 43_200)
    q.change_visibility(10, m, m.receipt, 43_190)
    assert m.invisible_until == 43_200


def test_change_visibility_of_a_message_not_in_flight_fails() -> None:
    q = queue()
    m = q.send(0, "a")
    assert m is not None
    with pytest.raises(SqsError) as err:
        q.change_visibility(1, m, m.receipt, 10)
    assert err.value.code == "MessageNotInflight"


def test_changed_timeout_is_not_kept_for_the_next_receive() -> None:
    q = queue(visibility_timeout=30)
    q.send(0, "a")
    [m] = long_receive(q, 0)
    q.change_visibility(0, m, m.receipt, 0)
    [m] = long_receive(q, 0)
    assert m.invisible_until == 30


def test_redrive_moves_message_to_dlq_when_receive_count_exceeds_max_receive_count() -> None:
    dlq = queue(name="dlq")
    q = queue(dlq, dlq="dlq", max_receive_count=3, visibility_timeout=10)
    q.send(0, "poison")
    for n in range(3):
        assert [m.receive_count for m in long_receive(q, n * 10)] == [n + 1]
    assert long_receive(q, 30) == []
    assert q.messages[0].state == "dlq" and len(dlq.messages) == 1


def test_dlq_keeps_enqueue_time_for_standard_and_resets_it_for_fifo() -> None:
    dlq = queue(name="dlq")
    q = queue(dlq, dlq="dlq", max_receive_count=1, visibility_timeout=10)
    q.send(5, "a")
    long_receive(q, 5)
    long_receive(q, 20)
    assert dlq.messages[0].enqueued_at == 5
    fdlq = queue(name="d.fifo", fifo=True)
    fq = queue(
        fdlq, name="q.fifo", fifo=True, dlq="d.fifo", max_receive_count=1, visibility_timeout=10
    )
    fq.send(5, "a", group="g", dedup_id="x")
    long_receive(fq, 5)
    long_receive(fq, 20)
    assert fdlq.messages[0].enqueued_at == 20


def test_delay_queue_hides_new_messages_for_the_delay() -> None:
    q = queue(delay_seconds=20)
    q.send(0, "a")
    assert long_receive(q, 19) == []
    assert len(long_receive(q, 20)) == 1


def test_fifo_rejects_per_message_delay() -> None:
    q = queue(name="q.fifo", fifo=True, content_based_dedup=True)
    with pytest.raises(SqsError):
        q.send(0, "a", group="g", delay=5)


def test_retention_default_4_days_deletes_old_messages() -> None:
    q = queue()
    assert q.config.retention == 345_600
    q.send(0, "a")
    assert long_receive(q, 345_600) == []
    assert q.messages[0].state == "expired"


def test_short_poll_can_miss_available_messages_long_poll_does_not() -> None:
    q = queue()
    for n in range(20):
        q.send(0, f"m{n}")
    short_sizes = [len(q.receive(0, "c", max_messages=10, visibility=0)) for _ in range(30)]
    assert min(short_sizes) < 10  # sampled servers: fewer than available, sometimes
    assert all(len(q.receive(0, "c", 10, 0, long_poll=True)) == 10 for _ in range(30))


def test_long_poll_returns_as_soon_as_a_message_arrives() -> None:
    scenario = SqsScenario(
        "t",
        [QueueConfig("q")],
        [Producer("q", [Send(7, "late")])],
        [Consumer("c", "q", processing_time=1, wait_time=20)],
        duration=15,
    )
    sim = SqsSim(scenario)
    sim.run()
    assert sim.outcomes()[0]["deliveries"][0]["time"] == 7  # type: ignore[index]


def test_fifo_group_blocks_while_a_message_is_in_flight_other_groups_flow() -> None:
    q = queue(name="q.fifo", fifo=True, content_based_dedup=True)
    q.send(0, "a1", group="A")
    q.send(0, "a2", group="A")
    q.send(0, "b1", group="B")
    assert [m.body for m in long_receive(q, 1)] == ["a1"]
    assert [m.body for m in long_receive(q, 1)] == ["b1"]
    assert long_receive(q, 1) == []
    q.delete(2, q.messages[0], q.messages[0].receipt)
    assert [m.body for m in long_receive(q, 2)] == ["a2"]


def test_fifo_receive_fills_from_one_group_in_order_then_tops_up() -> None:
    q = queue(name="q.fifo", fifo=True, content_based_dedup=True)
    for body, group in [("a1", "A"), ("b1", "B"), ("a2", "A"), ("a3", "A")]:
        q.send(0, body, group=group)
    assert [m.body for m in long_receive(q, 1, max_messages=10)] == ["a1", "a2", "a3", "b1"]


def test_fifo_deduplication_drops_resends_within_5_minutes() -> None:
    q = queue(name="q.fifo", fifo=True, content_based_dedup=True)
    assert q.send(0, "pay", group="g") is not None
    assert q.send(299, "pay", group="g") is None
    assert q.send(301, "pay", group="g") is not None
    assert q.send(302, "other", group="g", dedup_id="id-1") is not None
    assert q.send(303, "different body", group="g", dedup_id="id-1") is None


def test_fifo_send_without_dedup_id_or_content_based_dedup_fails() -> None:
    q = queue(name="q.fifo", fifo=True)
    with pytest.raises(SqsError):
        q.send(0, "a", group="g")
    with pytest.raises(SqsError):
        queue(name="x.fifo", fifo=True, content_based_dedup=True).send(0, "a")


def test_delete_with_a_stale_receipt_does_not_delete() -> None:
    q = queue(visibility_timeout=10)
    q.send(0, "a")
    [m] = long_receive(q, 0)
    old = m.receipt
    long_receive(q, 10)
    assert q.delete(12, m, old) is False and m.state == "inflight"
    assert q.delete(12, m, m.receipt) is True and m.state == "deleted"


def test_heartbeat_extension_prevents_a_second_delivery() -> None:
    def run(beat: Heartbeat | None) -> int:
        scenario = SqsScenario(
            "t",
            [QueueConfig("q", visibility_timeout=60)],
            [Producer("q", [Send(0, "render")])],
            [
                Consumer("r", "q", processing_time=150, wait_time=20, heartbeat=beat),
                Consumer("h", "q", processing_time=5, wait_time=20, start=1),
            ],
            duration=400,
        )
        sim = SqsSim(scenario)
        sim.run()
        return len(sim.outcomes()[0]["deliveries"])  # type: ignore[arg-type]

    assert run(Heartbeat(every=40, extend=60)) == 1
    assert run(None) > 1
