"""RDS Proxy: IdleClientTimeout, the DNS delay on failover, max_connections from the
instance class, and pinning at the moment the pinning statement runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.sims.rds_instance import MEMORY_GIB, default_max_connections
from studyapp.sims.rds_proxy import ClientGroup, ProxyConfig, RdsProxySim, RdsScenario
from studyapp.sims.runner import SCENARIOS, load_scenario, run_demo
from studyapp.sims.scenario import ScenarioError


def run(scenario: RdsScenario) -> RdsProxySim:
    sim = RdsProxySim(scenario, seed=3)
    sim.run()
    return sim


def test_pinning_happens_when_the_pinning_statement_runs_not_at_commit() -> None:
    group = ClientGroup("s", 1, transactions=2, transaction_time=3.0, think_time=1,
                        statements=["select", "set_variable", "select"])  # fmt: skip
    sim = run(RdsScenario("t", "mysql", 10, ProxyConfig(), [group]))
    [pin] = [e for e in sim.trace if e.kind == "pinned"]
    assert pin.time == 1.0  # the second of three statements in a 3 s transaction
    assert pin.data["statement"] == "set_variable"
    commit = 3.0
    assert pin.time < commit


def test_idle_client_timeout_closes_idle_client_connections_and_frees_pinned_ones() -> None:
    proxy = ProxyConfig(idle_client_timeout=60)
    report = ClientGroup("report", 2, transactions=2, transaction_time=1, think_time=90,
                         statements=["set_variable"])  # fmt: skip
    api = ClientGroup("api", 1, start=70, transaction_time=1)
    sim = run(RdsScenario("t", "mysql", 2, proxy, [report, api]))
    closes = [e for e in sim.trace if e.kind == "idle-client-close"]
    assert [e.time for e in closes] == [61.0, 61.0]  # 60 s after each session went idle
    assert "pinned DB connection" in closes[0].detail
    served_api = [r for r in sim.requests if r["client"] == "api-1"]
    assert served_api[0]["outcome"] == "served" and served_api[0]["waited"] == 0
    assert sim.reconnects == 2  # each report session reconnects for its second transaction


def test_idle_client_timeout_default_is_1800_s_and_at_most_28800(tmp_path: Path) -> None:
    assert ProxyConfig().idle_client_timeout == 1_800
    path = tmp_path / "p.yaml"
    path.write_text(
        "simulator: rds-proxy\ndatabase: {max_connections: 10}\n"
        "proxy: {idle_client_timeout: 28801}\nclients: [{name: c}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError, match="idle_client_timeout"):
        load_scenario(path)


def dns_run(proxy: bool, cache: float) -> RdsProxySim:
    scenario = RdsScenario(
        "t",
        "mysql",
        50,
        ProxyConfig(enabled=proxy),
        [ClientGroup("app", 5, transactions=200, transaction_time=0.5, think_time=0.5)],
        failover_at=5,
        failover_duration=10,
        client_dns_cache=cache,
    )
    return run(scenario)


def test_failover_dns_direct_clients_wait_for_dns_after_the_new_writer_is_up() -> None:
    sim = dns_run(proxy=False, cache=20)
    up = 15.0
    dns = [r for r in sim.requests if r["outcome"] == "error" and "DNS" in str(r["message"])]
    assert dns and all(up <= float(r["requested_at"]) < up + 20 for r in dns)  # type: ignore[arg-type]
    first_ok = min(
        float(r["requested_at"])  # type: ignore[arg-type]
        for r in sim.requests
        if r["outcome"] == "served" and float(r["requested_at"]) >= up  # type: ignore[arg-type]
    )
    assert first_ok >= up + 20


def test_failover_dns_the_endpoint_ttl_alone_delays_by_5_s() -> None:
    sim = dns_run(proxy=False, cache=0)
    assert sim.scenario.dns_delay == 5
    first_ok = min(
        float(r["requested_at"])  # type: ignore[arg-type]
        for r in sim.requests
        if r["outcome"] == "served" and float(r["requested_at"]) >= 15  # type: ignore[arg-type]
    )
    assert 20 <= first_ok < 21


def test_failover_queue_the_proxy_avoids_the_dns_delay() -> None:
    sim = dns_run(proxy=True, cache=20)
    late = [r for r in sim.requests if r["outcome"] == "served" and float(r["waited"]) > 0]  # type: ignore[arg-type]
    assert late and min(float(r["requested_at"]) + float(r["waited"]) for r in late) == 15  # type: ignore[arg-type]
    assert not any("DNS" in str(r["message"]) for r in sim.requests)


@pytest.mark.parametrize(
    ("instance_class", "engine", "expected"),
    [
        ("db.t3.micro", "mysql", 1024**3 // 12_582_880),
        ("db.t3.medium", "mysql", 4 * 1024**3 // 12_582_880),
        ("db.r6g.large", "postgresql", 16 * 1024**3 // 9_531_392),
        ("db.r6g.8xlarge", "postgresql", 5_000),  # LEAST(..., 5000)
    ],
)
def test_max_connections_formula_from_the_instance_class_memory(
    instance_class: str, engine: str, expected: int
) -> None:
    assert default_max_connections(instance_class, engine) == expected


def test_max_connections_formula_memory_follows_the_hardware_table() -> None:
    assert MEMORY_GIB["db.t3.micro"] == 1 and MEMORY_GIB["db.m6g.4xlarge"] == 64
    assert MEMORY_GIB["db.r5.2xlarge"] == 64 and MEMORY_GIB["db.t4g.2xlarge"] == 32


def test_max_connections_formula_scenario_uses_and_explains_it() -> None:
    result = run_demo("rds-proxy", SCENARIOS / "rds-proxy-dns-failover.yaml")
    assert result.summary["max_connections"] == 341
    setup = next(e for e in result.trace if e.kind == "setup")
    assert setup.rule == "max-connections-formula" and "{DBInstanceClassMemory/12582880}" in (
        setup.detail
    )


def test_max_connections_formula_unknown_class_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "simulator: rds-proxy\ndatabase: {instance_class: db.x9.huge}\nclients: [{name: c}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError, match="instance_class"):
        load_scenario(path)
