"""RDS Proxy rules, one test per documented rule (aws-facts.md section E)."""

from __future__ import annotations

from studyapp.sims.rds_proxy import ClientGroup, ProxyConfig, RdsProxySim, RdsScenario
from studyapp.sims.rds_proxy_rules import pin_cause


def burst(proxy: ProxyConfig, count: int = 100, max_conn: int = 20, **group: object) -> RdsProxySim:
    params: dict[str, object] = {"count": count, "transaction_time": 1.0, **group}
    scenario = RdsScenario("t", "mysql", max_conn, proxy, [ClientGroup("lambda", **params)])  # type: ignore[arg-type]
    sim = RdsProxySim(scenario, seed=1)
    sim.run()
    return sim


def outcomes(sim: RdsProxySim) -> list[str]:
    return [str(r["error"] or r["outcome"]) for r in sim.requests]


def test_without_proxy_connections_past_max_connections_are_refused() -> None:
    sim = burst(ProxyConfig(enabled=False))
    assert outcomes(sim).count("served") == 20
    assert outcomes(sim).count("too-many-connections") == 80
    refused = next(r for r in sim.requests if r["outcome"] == "error")
    assert refused["message"] == "ERROR 1040 (HY000): Too many connections"


def test_proxy_queues_requests_instead_of_refusing_them() -> None:
    sim = burst(ProxyConfig())
    assert outcomes(sim) == ["served"] * 100
    waits = sorted(float(r["waited"]) for r in sim.requests)  # type: ignore[arg-type]
    assert waits[0] == 0 and waits[-1] > 3  # 100 one-second transactions through 20 connections


def test_pool_is_capped_at_max_connections_percent_of_max_connections() -> None:
    sim = burst(ProxyConfig(max_connections_percent=50))
    assert sim.pool_size == 10 and sim.peak_db_connections == 10


def test_borrow_timeout_returns_error_9501_after_waiting_the_timeout() -> None:
    sim = burst(ProxyConfig(connection_borrow_timeout=2))
    errors = [r for r in sim.requests if r["outcome"] == "error"]
    assert errors and all(r["error"] == "borrow-timeout" for r in errors)
    assert all(r["waited"] == 2 for r in errors)
    assert "ERROR 9501" in str(errors[0]["message"])
    served = [r for r in sim.requests if r["outcome"] == "served"]
    assert max(float(r["waited"]) for r in served) <= 2  # type: ignore[arg-type]


def test_borrow_timeout_zero_waits_forever() -> None:
    sim = burst(ProxyConfig(connection_borrow_timeout=0), count=200, max_conn=5)
    assert outcomes(sim) == ["served"] * 200


def test_multiplexing_reuses_a_connection_after_each_transaction() -> None:
    sim = burst(ProxyConfig(), count=30, max_conn=100, transactions=5, think_time=2.0, spread=3.0)
    # 30 sessions, 150 transactions: the pool never needs one DB connection per session
    assert outcomes(sim) == ["served"] * 150
    assert sim.peak_db_connections < 30
    assert any(e.kind == "multiplex" or e.rule == "borrow" for e in sim.trace)


def test_pinning_holds_the_connection_until_the_client_disconnects() -> None:
    free = burst(ProxyConfig(), count=30, max_conn=100, transactions=5, think_time=2.0, spread=3.0)
    pinned = burst(
        ProxyConfig(),
        count=30,
        max_conn=100,
        transactions=5,
        think_time=2.0,
        statements=["set_variable", "select"],
    )
    assert pinned.peak_db_connections == 30 > free.peak_db_connections
    assert {r["pinned"] for r in pinned.requests[30:]} == {"user/system variable SET"}


def test_pinned_sessions_starve_other_clients_into_borrow_timeouts() -> None:
    scenario = RdsScenario(
        "t",
        "mysql",
        10,
        ProxyConfig(connection_borrow_timeout=3),
        [
            ClientGroup(
                "pinned",
                count=10,
                transactions=10,
                transaction_time=0.5,
                think_time=1,
                statements=["temp_table"],
            ),
            ClientGroup("api", count=5, start=1, transactions=1, transaction_time=0.5),
        ],
    )
    sim = RdsProxySim(scenario)
    sim.run()
    api = [r for r in sim.requests if str(r["client"]).startswith("api")]
    assert [r["error"] for r in api] == ["borrow-timeout"] * 5


def test_pinning_causes_by_engine_and_filter() -> None:
    assert pin_cause("select", "mysql") is None
    assert pin_cause("set_tracked", "mysql") is None
    assert pin_cause("set_local", "mysql") is None
    assert pin_cause("set_variable", "mysql") is not None
    assert pin_cause("set_variable", "mysql", ("EXCLUDE_VARIABLE_SETS",)) is None
    assert pin_cause("set_tracked", "postgresql") is not None
    for kind in ("prepared_statement", "temp_table", "large_statement"):
        assert pin_cause(kind, "mysql") and pin_cause(kind, "postgresql")
    assert pin_cause("get_lock", "mysql") and pin_cause("advisory_lock", "postgresql")


def test_idle_connections_above_max_idle_percent_close_after_5_minutes() -> None:
    sim = burst(ProxyConfig(max_idle_connections_percent=25), count=20, max_conn=20)
    closes = [e for e in sim.trace if e.kind == "idle-close"]
    assert len(closes) == 20 - 5 and min(e.time for e in closes) >= 300
    kept = burst(ProxyConfig(), count=10, max_conn=20)  # default idle limit = 50% = 10
    assert not [e for e in kept.trace if e.kind == "idle-close"]


def failover_run(enabled: bool) -> RdsProxySim:
    scenario = RdsScenario(
        "t",
        "mysql",
        50,
        ProxyConfig(enabled=enabled),
        [ClientGroup("app", count=5, transactions=10, transaction_time=1.0, think_time=1.0)],
        failover_at=4.5,
        failover_duration=10,
    )
    sim = RdsProxySim(scenario)
    sim.run()
    return sim


def test_failover_behind_proxy_cancels_in_flight_and_queues_new_requests() -> None:
    sim = failover_run(True)
    errors = [r["error"] for r in sim.requests if r["outcome"] == "error"]
    assert errors == ["cancelled"] * 5
    late = [r for r in sim.requests if r["outcome"] == "served" and float(r["waited"]) > 0]  # type: ignore[arg-type]
    assert late and all(float(r["requested_at"]) + float(r["waited"]) >= 14.5 for r in late)  # type: ignore[arg-type]


def test_failover_without_proxy_gives_connection_errors_while_writer_is_down() -> None:
    sim = failover_run(False)
    kinds = {r["error"] for r in sim.requests if r["outcome"] == "error"}
    assert "writer-unavailable" in kinds
