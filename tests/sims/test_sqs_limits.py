"""SQS message size, the in-flight quota and PurgeQueue, one test per documented rule."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studyapp.sims.runner import SCENARIOS, load_scenario, run_demo
from studyapp.sims.scenario import ScenarioError
from studyapp.sims.sqs import IN_FLIGHT_QUOTA, MAX_MESSAGE_SIZE, QueueConfig, SqsError, SqsQueue
from studyapp.sims.sqs_rules import RULES
from studyapp.sims.trace import Tracer


def queue(**kw: object) -> SqsQueue:
    return SqsQueue(QueueConfig("q", **kw), Tracer(RULES), random.Random(0))  # type: ignore[arg-type]


def test_message_size_default_maximum_is_1_mib_and_larger_is_refused() -> None:
    q = queue()
    assert q.config.max_message_size == MAX_MESSAGE_SIZE == 1_048_576
    assert q.send(0, "x", size=MAX_MESSAGE_SIZE) is not None  # exactly the maximum is fine
    with pytest.raises(SqsError) as err:
        q.send(0, "big", size=MAX_MESSAGE_SIZE + 1)
    assert err.value.code == "InvalidParameterValue"
    assert "Message must be shorter than 1048576 bytes" in str(err.value)


def test_message_size_the_queue_attribute_is_1024_bytes_to_1_mib(tmp_path: Path) -> None:
    base = "simulator: sqs\nqueues:\n  - {{name: q, max_message_size: {n}}}\nproducers:\n"
    base += "  - {{queue: q, count: 1}}\n"
    for bad in (1023, MAX_MESSAGE_SIZE + 1):
        path = tmp_path / "q.yaml"
        path.write_text(base.format(n=bad), encoding="utf-8")
        with pytest.raises(ScenarioError, match="max_message_size"):
            load_scenario(path)


def test_message_size_is_counted_in_utf8_bytes() -> None:
    q = queue(max_message_size=1024)
    assert q.send(0, "é" * 512) is not None  # 1,024 bytes
    with pytest.raises(SqsError, match="1026 bytes"):
        q.send(0, "é" * 513)


def test_inflight_quota_standard_short_poll_gets_overlimit_long_poll_nothing() -> None:
    q = queue(in_flight_quota=2)
    for n in range(4):
        q.send(0, f"m{n}")
    assert len(q.receive(1, "a", max_messages=10, long_poll=True)) == 2  # capped at the quota
    with pytest.raises(SqsError) as err:
        q.receive(2, "b", long_poll=False)
    assert err.value.code == "OverLimit"
    assert q.receive(3, "c", long_poll=True) == []  # long polling: no error, nothing


def test_inflight_quota_fifo_returns_no_error_processing_just_stalls() -> None:
    q = SqsQueue(
        QueueConfig("q.fifo", fifo=True, content_based_dedup=True, in_flight_quota=1),
        Tracer(RULES),
        random.Random(0),
    )
    q.send(0, "a", group="g1")
    q.send(0, "b", group="g2")
    assert len(q.receive(1, "x", long_poll=False)) == 1
    assert q.receive(2, "y", long_poll=False) == []


def test_inflight_quota_is_about_120000_by_default() -> None:
    assert queue().config.in_flight_quota == IN_FLIGHT_QUOTA == 120_000


def test_purge_deletes_every_message_in_flight_ones_too() -> None:
    q = queue(visibility_timeout=100)
    for n in range(3):
        q.send(0, f"m{n}")
    [held] = q.receive(1, "a", long_poll=True)
    assert q.purge(5) == 3
    assert held.state == "purged"
    assert not q.delete(6, held, held.receipt)  # its delete finds nothing
    assert q.receive(7, "b", long_poll=True) == []


def test_purge_a_second_purge_within_60_s_fails_with_purge_queue_in_progress() -> None:
    q = queue()
    q.purge(0)
    with pytest.raises(SqsError) as err:
        q.purge(59)
    assert err.value.code == "PurgeQueueInProgress"
    assert q.purge(60) == 0  # 60 s later it is allowed again


def test_purge_scenario_shows_size_overlimit_and_purge_errors() -> None:
    result = run_demo("sqs", SCENARIOS / "sqs-limits.yaml")
    rules = [e.rule for e in result.trace if e.kind in ("send-error", "error", "purge")]
    assert {"message-size", "inflight-quota", "purge"} <= set(rules)
    finals = result.summary["final"]
    assert isinstance(finals, dict) and finals["purged"] == 6
    late = next(r for r in result.results if r["body"] == "after-purge")
    assert late["final"] == "in-queue"  # sent after the purge: kept
