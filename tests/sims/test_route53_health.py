"""Route 53 health checkers, quorum, records without checks, and resolver TTL caches."""

from __future__ import annotations

from studyapp.sims.route53 import Client, Record
from studyapp.sims.route53_health import HealthCheck, HealthSwitch
from studyapp.sims.route53_sim import QueryPlan, Route53Scenario, Route53Sim


def failover_zone(
    check: HealthCheck, ttl: int = 60, queries: int = 60, every: float = 5
) -> Route53Scenario:
    return Route53Scenario(
        name="t",
        policy="failover",
        records=[
            Record("primary", ["192.0.2.1"], ttl=ttl, failover="primary", health_check=check.id),
            Record("secondary", ["192.0.2.2"], ttl=ttl, failover="secondary"),
        ],
        health_checks=[check],
        clients=[Client("c")],
        queries=[QueryPlan("c", start=0, every=every, count=queries)],
    )


def flip_time(sim: Route53Sim) -> float:
    return next(e.time for e in sim.run() if e.kind == "health")


def test_checker_threshold_needs_failure_threshold_consecutive_failures() -> None:
    for threshold in (1, 3, 5):
        check = HealthCheck("hc", failure_threshold=threshold, interval=30, checkers=15)
        check.switches.append(HealthSwitch(100, False))
        sim = Route53Sim(failover_zone(check, ttl=0, queries=200, every=2), seed=4)
        when = flip_time(sim)
        # each checker polls every 30 s: the quorum falls once most checkers saw `threshold`
        # failures, i.e. between (threshold - 1) and threshold intervals after the failure
        assert 100 + (threshold - 1) * 30 < when <= 100 + threshold * 30


def test_checker_quorum_more_than_18_percent_healthy_keeps_endpoint_healthy() -> None:
    three = HealthCheck("hc", checkers=15, switches=[HealthSwitch(10, False, passing=3)])
    sim = Route53Sim(failover_zone(three, ttl=0, queries=100, every=3))
    sim.run()
    assert all(q.records == ["primary"] for q in sim.results)  # 3/15 = 20% > 18%
    two = HealthCheck("hc", checkers=15, switches=[HealthSwitch(10, False, passing=2)])
    sim = Route53Sim(failover_zone(two, ttl=0, queries=100, every=3))
    events = sim.run()
    flip = next(e for e in events if e.kind == "health")
    assert flip.rule == "checker-quorum" and "2/15" in flip.detail  # 13% <= 18%
    assert sim.results[-1].records == ["secondary"]


def test_failover_secondary_without_health_check_counts_as_healthy() -> None:
    check = HealthCheck("hc", initially_healthy=False)
    sim = Route53Sim(failover_zone(check, ttl=0, queries=3))
    sim.run()
    assert [q.rule for q in sim.results] == ["failover-secondary"] * 3


def test_ttl_cache_keeps_serving_the_old_answer_until_it_expires() -> None:
    check = HealthCheck("hc", interval=10, failure_threshold=1, switches=[HealthSwitch(20, False)])
    sim = Route53Sim(failover_zone(check, ttl=300, queries=80, every=5))
    events = sim.run()
    down_at = next(e.time for e in events if e.kind == "health")
    assert down_at < 60
    cached = [q for q in sim.results if down_at < q.time < 300]
    assert cached and all(q.from_cache and q.values == ["192.0.2.1"] for q in cached)
    after = [q for q in sim.results if q.time >= 300]
    assert after[0].values == ["192.0.2.2"] and not after[0].from_cache


def test_resolvers_cache_separately_and_clients_sharing_one_share_its_cache() -> None:
    check = HealthCheck("hc")
    scenario = failover_zone(check, ttl=60, queries=1)
    scenario.clients = [
        Client("a", resolver="r1"),
        Client("b", resolver="r1"),
        Client("c", resolver="r2"),
    ]
    scenario.queries = [QueryPlan("a", 0), QueryPlan("b", 1), QueryPlan("c", 2)]
    sim = Route53Sim(scenario)
    sim.run()
    assert [q.from_cache for q in sim.results] == [False, True, False]


def test_same_seed_gives_same_trace_and_reset_replays_it() -> None:
    check = HealthCheck("hc", switches=[HealthSwitch(30, False)])
    first = Route53Sim(failover_zone(check), seed=9)
    trace = list(first.run())
    first.reset()
    steps = []
    while not first.done:
        steps.extend(first.step())
    assert steps == trace == Route53Sim(failover_zone(check), seed=9).run()
