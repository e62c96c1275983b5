"""Lambda concurrency, throttling and retries: one test per documented rule
(studyapp/sims/lambda_rules.py; sources in docs/demos.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.sims.lambda_model import LambdaFunction
from studyapp.sims.lambda_sim import Event, LambdaScenario, LambdaSim, Source
from studyapp.sims.runner import SCENARIOS, load_scenario, run_demo
from studyapp.sims.scenario import ScenarioError


def run(functions: list[LambdaFunction], sources: list[Source], **kw: object) -> LambdaSim:
    sim = LambdaSim(LambdaScenario("t", functions, sources, **kw), seed=2)  # type: ignore[arg-type]
    sim.run()
    return sim


def at_once(function: str, count: int, kind: str = "sync", **kw: object) -> Source:
    return Source(kind, function, count=count, every=0, **kw)  # type: ignore[arg-type]


def finals(sim: LambdaSim, function: str | None = None) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in sim.events:
        if function is None or e.source.function == function:
            out[e.final] = out.get(e.final, 0) + 1
    return out


def attempt_times(event: Event) -> list[float]:
    return [float(a["time"]) for a in event.attempts]  # type: ignore[arg-type]


def test_account_concurrency_functions_without_reservations_share_1000() -> None:
    a, b = LambdaFunction("a", duration=30), LambdaFunction("b", duration=30)
    sim = run([a, b], [at_once("a", 600), at_once("b", 600)])
    assert sim.pools.peak["a"] + sim.pools.peak["b"] == 1000
    assert sim.throttles == {"account-concurrency": 200}


def test_unreserved_minimum_100_must_stay_unreserved(tmp_path: Path) -> None:
    text = (
        "simulator: lambda\nfunctions:\n  - {{name: f, reserved_concurrency: {r}}}\n"
        "  - {{name: g, provisioned_concurrency: {p}}}\n"
        "sources: [{{type: sync, function: f}}]\n"
    )
    path = tmp_path / "l.yaml"
    for r, p, ok in ((900, 0, True), (901, 0, False), (800, 100, True), (800, 101, False)):
        path.write_text(text.format(r=r, p=p), encoding="utf-8")
        if ok:
            assert load_scenario(path).kind == "lambda"
        else:
            with pytest.raises(ScenarioError, match="at least 100 must stay unreserved"):
                load_scenario(path)


def test_reserved_concurrency_is_the_functions_ceiling() -> None:
    sim = run([LambdaFunction("api", duration=2, reserved=10)], [at_once("api", 30)])
    assert sim.pools.peak["api"] == 10
    assert finals(sim) == {"ok": 10, "throttled-429": 20}
    assert sim.throttles == {"reserved-concurrency": 20}


def test_reserved_concurrency_no_other_function_can_use_it() -> None:
    big = LambdaFunction("big", duration=10, reserved=900)
    other = LambdaFunction("other", duration=10)
    sim = run([big, other], [at_once("other", 300)])  # big is idle, yet other gets 100 only
    assert sim.pools.peak["other"] == 100
    assert sim.throttles == {"account-concurrency": 200}


def test_provisioned_concurrency_serves_without_cold_starts_then_spills_over() -> None:
    fn = LambdaFunction("api", duration=5, init_duration=1, provisioned=20)
    sim = run([fn], [at_once("api", 30)])
    kinds = [e.attempts[0]["environment"] for e in sim.events]
    assert kinds.count("provisioned") == 20 and kinds.count("cold") == 10
    assert sim.pools.cold_starts == 10


def test_cold_start_a_warm_environment_serves_the_next_invocation_without_init() -> None:
    fn = LambdaFunction("api", duration=1, init_duration=2)
    sim = run([fn], [Source("sync", "api", count=3, every=10)])
    assert [e.attempts[0]["environment"] for e in sim.events] == ["cold", "warm", "warm"]
    invoke = [e for e in sim.trace if e.kind == "invoke"]
    assert invoke[0].rule == "cold-start" and "cold start 2 s" in invoke[0].detail


def test_scaling_rate_1000_new_environments_at_once_then_about_100_a_second() -> None:
    fn = LambdaFunction("burst", duration=60, init_duration=0)
    sim = run(
        [fn],
        [at_once("burst", 1500), Source("sync", "burst", count=800, start=5, every=0)],
        account_concurrency=10_000,
        duration=30,
    )
    first = [e for e in sim.events if e.created == 0]
    assert sum(1 for e in first if e.final != "throttled-429") == 1000
    later = [e for e in sim.events if e.created == 5]
    started = sum(1 for e in later if e.final != "throttled-429")
    assert 495 <= started <= 505  # 5 s of refill at 1,000 per 10 s
    assert set(sim.throttles) == {"scaling-rate"}


def test_sync_throttle_a_synchronous_caller_gets_429_at_once() -> None:
    sim = run([LambdaFunction("api", duration=1, reserved=1)], [at_once("api", 2)])
    throttled = [e for e in sim.events if e.final == "throttled-429"]
    assert len(throttled) == 1 and len(throttled[0].attempts) == 1  # no retry by Lambda
    assert any(e.rule == "sync-throttle" for e in sim.trace)


def test_async_throttle_retry_backs_off_until_the_maximum_event_age() -> None:
    fn = LambdaFunction("worker", duration=1, reserved=0, max_event_age=60, on_failure="dlq")
    sim = run([fn], [at_once("worker", 1, kind="async")], duration=900)
    [event] = sim.events
    times = attempt_times(event)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert gaps == [1, 2, 4, 8, 16]  # doubling from 1 s ...
    assert event.final == "on-failure:dlq"  # ... until the next wait passes the 60 s age


def test_async_throttle_retry_waits_are_capped_at_5_minutes() -> None:
    fn = LambdaFunction("worker", duration=1, reserved=0)
    sim = run([fn], [at_once("worker", 1, kind="async")], duration=3_000)
    times = attempt_times(sim.events[0])
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert max(gaps) == 300 and gaps.count(300) >= 3


def test_async_function_error_is_retried_twice_one_then_two_minutes_later() -> None:
    fn = LambdaFunction("worker", duration=1, init_duration=0, fail_payloads=["bad"])
    sim = run([fn], [at_once("worker", 1, kind="async", payload="bad-{n}")], duration=900)
    [event] = sim.events
    assert attempt_times(event) == [0, 61, 182]  # 1 s run, then 60 s wait; 1 s, then 120 s
    assert event.final == "discarded"


def test_async_function_error_maximum_retry_attempts_zero_means_one_attempt() -> None:
    fn = LambdaFunction("worker", duration=1, fail_payloads=["bad"], max_retry_attempts=0)
    sim = run([fn], [at_once("worker", 1, kind="async", payload="bad")])
    assert len(sim.events[0].attempts) == 1


def test_async_on_failure_destination_receives_the_event() -> None:
    result = run_demo("lambda", SCENARIOS / "lambda-async-retries.yaml")
    corrupt = [r for r in result.results if str(r["payload"]).startswith("corrupt")]
    assert {r["final"] for r in corrupt} == {"on-failure:failed-thumbnails-queue"}
    others = {r["final"] for r in result.results if r not in corrupt}
    assert others == {"ok"}  # throttled events were retried until they ran


def test_async_ok_the_caller_is_not_told_about_throttles() -> None:
    sim = run([LambdaFunction("w", duration=1, reserved=1)], [at_once("w", 3, kind="async")])
    assert finals(sim) == {"ok": 3}  # all queued, all eventually run


def test_sqs_scaling_starts_with_5_batches_and_adds_300_a_minute() -> None:
    fn = LambdaFunction("proc", duration=120, init_duration=0)
    source = Source("sqs", "proc", count=5000, every=0, batch_size=1, visibility_timeout=300)
    sim = run([fn], [source], duration=61)
    starts = [e.time for e in sim.trace if e.kind == "invoke"]
    assert sum(1 for t in starts if t == 0) == 5
    assert sum(1 for t in starts if t <= 1) == 10  # + 5 in the first second
    assert 300 <= len([t for t in starts if t <= 60]) <= 310  # 5 + 300 in a minute


def test_sqs_max_concurrency_caps_batches_so_reserved_concurrency_is_not_overrun() -> None:
    def go(cap: int | None) -> LambdaSim:
        fn = LambdaFunction("proc", duration=5, reserved=10)
        src = Source("sqs", "proc", count=400, every=0, batch_size=1, maximum_concurrency=cap)
        return run([fn], [src], duration=120)

    assert go(None).throttles.get("reserved-concurrency", 0) > 0
    capped = go(10)
    assert capped.throttles == {} and capped.pools.peak["proc"] == 10


def test_sqs_batch_failure_returns_messages_after_the_visibility_timeout_then_dlq() -> None:
    fn = LambdaFunction("proc", duration=1, fail_payloads=["poison"])
    src = Source("sqs", "proc", count=1, payload="poison", visibility_timeout=20,
                 max_receive_count=3, dlq="dead")  # fmt: skip
    sim = run([fn], [src], duration=200)
    [event] = sim.events
    assert attempt_times(event) == [0, 20, 40]  # each retry after the visibility timeout
    assert event.final == "dlq:dead"


def test_sqs_batch_ok_a_processed_batch_is_deleted() -> None:
    fn = LambdaFunction("proc", duration=1)
    sim = run([fn], [Source("sqs", "proc", count=25, every=0, batch_size=10)])
    assert finals(sim) == {"ok": 25}
    assert sum(1 for e in sim.trace if e.kind == "invoke") == 3  # 10 + 10 + 5


def test_stream_shard_order_each_shard_in_order_one_batch_at_a_time() -> None:
    fn = LambdaFunction("s", duration=1)
    src = Source("stream", "s", count=20, every=0.1, shards=2, batch_size=2)
    sim = run([fn], [src])
    for shard in (0, 1):
        mine = [e for e in sim.events if e.lane[0] == shard]
        done = [attempt_times(e)[0] for e in mine]
        assert done == sorted(done)
    assert sim.pools.peak["s"] == 2  # one batch per shard at a time


def test_stream_shard_order_parallelization_factor_runs_more_batches_per_shard() -> None:
    fn = LambdaFunction("s", duration=1)
    src = Source("stream", "s", count=40, every=0, shards=1, batch_size=2, parallelization=4)
    assert run([fn], [src]).pools.peak["s"] == 4


def test_stream_retry_blocks_a_failing_batch_holds_up_its_shard_only() -> None:
    result = run_demo("lambda", SCENARIOS / "lambda-stream.yaml")
    audit = [r for r in result.results if r["function"] == "audit"]
    stuck = [r for r in audit if r["final"] == "in-queue"]
    assert stuck and all(int(str(r["id"]).split("-")[-1]) % 2 == 1 for r in stuck)  # shard 1
    assert all(r["final"] == "ok" for r in audit if int(str(r["id"]).split("-")[-1]) % 2 == 0)


def test_stream_on_failure_bisect_and_retry_limit_let_the_shard_move_on() -> None:
    result = run_demo("lambda", SCENARIOS / "lambda-stream.yaml")
    bisect = [r for r in result.results if r["function"] == "audit-bisect"]
    assert [r["payload"] for r in bisect if r["final"] != "ok"] == ["change-7"]
    assert {r["final"] for r in bisect if r["payload"] == "change-7"} == {
        "on-failure:audit-failures-queue"
    }


def test_stream_retention_records_older_than_the_maximum_age_are_discarded() -> None:
    fn = LambdaFunction("s", duration=1, fail_payloads=["r-1"])
    src = Source("stream", "s", count=3, every=30, batch_size=1, max_record_age=60, payload="r-{n}")
    sim = run([fn], [src], duration=200)
    assert [e.final for e in sim.events] == ["discarded", "ok", "ok"]
    assert any(e.rule == "stream-on-failure" and "older than 60 s" in e.detail for e in sim.trace)
