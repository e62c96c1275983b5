"""Route 53 records: several values, CNAME rules, alias records, calculated checks, traces.

Each test is named after the rule it checks; docs/demos.md gives the AWS page of each.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studyapp.sims.route53 import Client, Record, choose
from studyapp.sims.route53_health import HealthCheck, HealthSwitch
from studyapp.sims.runner import SCENARIOS, load_scenario, run_demo
from studyapp.sims.scenario import ScenarioError

HEAD = """\
simulator: route53
record_set:
  name: {name}
  zone: example.com
  type: {rtype}
  policy: {policy}
  records:
{records}
clients:
  - {{name: c}}
queries:
  - {{client: c, count: {count}, every: {every}}}
"""


def scenario(
    tmp_path: Path,
    records: str,
    *,
    policy: str = "weighted",
    rtype: str = "A",
    name: str = "www.example.com",
    extra: str = "",
    count: int = 1,
    every: float = 10,
) -> Path:
    text = HEAD.format(
        name=name, rtype=rtype, policy=policy, records=records, count=count, every=every
    )
    path = tmp_path / "r53.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("policy", "fields"),
    [
        ("weighted", "weight: 1"),
        ("failover", "failover: primary"),
        ("latency", "region: eu-west-1"),
        ("geolocation", 'location: "*"'),
    ],
)
def test_multiple_values_a_weighted_failover_latency_or_geo_record_answers_all_its_values(
    tmp_path: Path, policy: str, fields: str
) -> None:
    records = f"    - {{id: a, values: [192.0.2.1, 192.0.2.2, 192.0.2.3], {fields}}}\n"
    if policy == "failover":
        records += "    - {id: b, values: [192.0.2.9], failover: secondary}\n"
    result = run_demo("route53", scenario(tmp_path, records, policy=policy))
    assert sorted(result.results[0]["values"]) == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]  # type: ignore[arg-type]
    assert result.results[0]["records"] == ["a"]


def test_multiple_values_a_cname_record_holds_only_one(tmp_path: Path) -> None:
    records = "    - {id: a, values: [a.example.net, b.example.net], weight: 1}\n"
    with pytest.raises(ScenarioError, match="a CNAME record holds one value"):
        load_scenario(scenario(tmp_path, records, rtype="CNAME"))


def test_multiple_values_multivalue_answer_records_hold_one_value_each(tmp_path: Path) -> None:
    records = "    - {id: a, values: [192.0.2.1, 192.0.2.2]}\n"
    with pytest.raises(ScenarioError, match="multivalue answer record holds one value"):
        load_scenario(scenario(tmp_path, records, policy="multivalue"))


def test_alias_apex_a_cname_at_the_zone_apex_is_refused(tmp_path: Path) -> None:
    records = "    - {id: a, values: [www.example.net]}\n"
    path = scenario(tmp_path, records, policy="simple", rtype="CNAME", name="example.com")
    with pytest.raises(ScenarioError, match=r"CNAME record cannot be at the zone apex"):
        load_scenario(path)
    # one label deeper it is fine
    ok = scenario(tmp_path, records, policy="simple", rtype="CNAME", name="www.example.com")
    assert load_scenario(ok).kind == "route53"


TARGETS = """\
alias_targets:
  - {id: alb, resource: elb, values: [192.0.2.10, 192.0.2.11], ttl: 60,
     switches: [{at: 30, healthy: false}]}
  - {id: site, resource: s3-website, values: [198.51.100.80]}
"""


def test_alias_apex_an_alias_record_can_sit_at_the_zone_apex(tmp_path: Path) -> None:
    records = "    - {id: a, alias: {target: site}}\n"
    path = scenario(tmp_path, records, policy="simple", name="example.com", extra=TARGETS)
    result = run_demo("route53", path)
    assert result.results[0]["values"] == ["198.51.100.80"]


def test_alias_apex_an_apex_alias_cannot_point_to_a_cname_record(tmp_path: Path) -> None:
    extra = """\
alias_targets:
  - id: other
    record_set:
      policy: simple
      type: CNAME
      records:
        - {id: o, values: [www.example.net]}
"""
    records = "    - {id: a, alias: {target: other}}\n"
    path = scenario(tmp_path, records, policy="simple", name="example.com", extra=extra)
    with pytest.raises(ScenarioError, match="cannot point to a CNAME"):
        load_scenario(path)


def failover_alias(tmp_path: Path, eth: bool) -> Path:
    records = (
        "    - {id: p, failover: primary, alias: {target: alb, evaluate_target_health: "
        f"{'true' if eth else 'false'}}}}}\n"
        "    - {id: s, failover: secondary, alias: {target: site}}\n"
    )
    return scenario(tmp_path, records, policy="failover", extra=TARGETS, count=10, every=20)


def test_alias_target_health_an_unhealthy_target_moves_answers_to_the_secondary(
    tmp_path: Path,
) -> None:
    result = run_demo("route53", failover_alias(tmp_path, eth=True))
    fresh = [r for r in result.results if not r["from_cache"]]
    before = [r["values"] for r in fresh if float(r["time"]) < 30]  # type: ignore[arg-type]
    after = [r["values"] for r in fresh if float(r["time"]) >= 30]  # type: ignore[arg-type]
    assert before == [["192.0.2.10", "192.0.2.11"]]
    assert after and all(v == ["198.51.100.80"] for v in after)
    assert any(e.rule == "alias-target-health" for e in result.trace)


def test_alias_no_eth_without_evaluate_target_health_the_alias_stays_healthy(
    tmp_path: Path,
) -> None:
    result = run_demo("route53", failover_alias(tmp_path, eth=False))
    assert {tuple(r["values"]) for r in result.results} == {("192.0.2.10", "192.0.2.11")}  # type: ignore[arg-type]


def test_alias_target_health_cloudfront_alias_cannot_evaluate_target_health(
    tmp_path: Path,
) -> None:
    extra = "alias_targets:\n  - {id: cdn, resource: cloudfront, values: [192.0.2.5]}\n"
    records = "    - {id: a, alias: {target: cdn, evaluate_target_health: true}}\n"
    with pytest.raises(ScenarioError, match="CloudFront"):
        load_scenario(scenario(tmp_path, records, policy="simple", extra=extra))


def test_alias_target_health_a_record_set_target_backs_out_of_a_dead_branch() -> None:
    result = run_demo("route53", SCENARIOS / "route53-alias-tree.yaml")
    ny = [r for r in result.results if r["client"] == "new-york" and not r["from_cache"]]
    early = [r["values"] for r in ny if float(r["time"]) < 60]  # type: ignore[arg-type]
    late = [r["values"] for r in ny if float(r["time"]) > 120]  # type: ignore[arg-type]
    assert early and all(set(v) <= {"192.0.2.1", "192.0.2.2", "192.0.2.3"} for v in early)
    assert late and all(set(v) <= {"203.0.113.1", "203.0.113.2", "203.0.113.3"} for v in late)


def test_alias_apex_multivalue_alias_records_are_refused(tmp_path: Path) -> None:
    records = "    - {id: a, alias: {target: site}}\n"
    with pytest.raises(ScenarioError, match="multivalue answer alias"):
        load_scenario(scenario(tmp_path, records, policy="multivalue", extra=TARGETS))


def test_alias_target_health_an_alias_loop_is_refused(tmp_path: Path) -> None:
    extra = """\
alias_targets:
  - id: one
    record_set: {policy: simple, records: [{id: x, alias: {target: two}}]}
  - id: two
    record_set: {policy: simple, records: [{id: y, alias: {target: one}}]}
"""
    records = "    - {id: a, alias: {target: one}}\n"
    with pytest.raises(ScenarioError, match="leads back to itself"):
        load_scenario(scenario(tmp_path, records, policy="simple", extra=extra))


def test_calculated_check_healthy_while_at_least_the_threshold_of_children_are() -> None:
    result = run_demo("route53", SCENARIOS / "route53-calculated.yaml")
    flips = [e for e in result.trace if e.rule == "calculated-check"]
    assert len(flips) == 1 and flips[0].data["healthy_children"] == 1
    assert flips[0].time > 120  # one child down at 40 s was not enough
    fresh = [r for r in result.results if not r["from_cache"]]
    assert all(r["records"] == ["main"] for r in fresh if float(r["time"]) < 120)  # type: ignore[arg-type]
    assert fresh[-1]["records"] == ["standby"]


@pytest.mark.parametrize(("threshold", "healthy"), [(0, True), (3, False)])
def test_calculated_check_threshold_zero_is_always_healthy_above_children_never(
    tmp_path: Path, threshold: int, healthy: bool
) -> None:
    extra = f"""\
health_checks:
  - {{id: calc, kind: calculated, children: [one, two], health_threshold: {threshold}}}
  - {{id: one}}
  - {{id: two}}
"""
    records = (
        "    - {id: a, values: [192.0.2.1], failover: primary, health_check: calc}\n"
        "    - {id: b, values: [192.0.2.2], failover: secondary}\n"
    )
    result = run_demo("route53", scenario(tmp_path, records, policy="failover", extra=extra))
    assert result.results[0]["records"] == (["a"] if healthy else ["b"])


def test_calculated_check_children_cannot_be_calculated_checks(tmp_path: Path) -> None:
    extra = """\
health_checks:
  - {id: outer, kind: calculated, children: [inner]}
  - {id: inner, kind: calculated, children: [leaf]}
  - {id: leaf}
"""
    records = "    - {id: a, values: [192.0.2.1], health_check: outer}\n"
    with pytest.raises(ScenarioError, match="cannot be nested"):
        load_scenario(scenario(tmp_path, records, extra=extra))


def test_calculated_check_inverted_and_disabled_checks(tmp_path: Path) -> None:
    extra = """\
health_checks:
  - {id: upside-down, inverted: true}
  - {id: off, disabled: true, healthy: false}
"""
    records = (
        "    - {id: a, values: [192.0.2.1], weight: 1, health_check: upside-down}\n"
        "    - {id: b, values: [192.0.2.2], weight: 1, health_check: off}\n"
    )
    result = run_demo("route53", scenario(tmp_path, records, extra=extra, count=20, every=1))
    assert {tuple(r["records"]) for r in result.results} == {("b",)}  # type: ignore[arg-type]


def test_checker_view_each_result_against_the_view_is_traced_with_its_count() -> None:
    result = run_demo("route53", SCENARIOS / "route53-default.yaml")
    steps = [e for e in result.trace if e.kind == "checker" and e.rule == "checker-threshold"]
    flips = [e for e in result.trace if e.kind == "checker" and e.rule == "checker-quorum"]
    assert len(steps) == 15 * 2 and len(flips) == 15  # threshold 3: two fails, then the flip
    assert "1 of 3 in a row" in steps[0].detail
    stay = next(e for e in flips if e.data["healthy_checkers"] == 3)
    assert "3/15 checkers see it healthy (20% > 18%): hc-blue stays healthy" in stay.detail
    down = next(e for e in flips if e.data["healthy_checkers"] == 2)
    assert "(13% <= 18%): hc-blue is now unhealthy" in down.detail


def test_weighted_share_the_trace_shows_each_share_and_the_records_skipped() -> None:
    result = run_demo("route53", SCENARIOS / "route53-default.yaml")
    fresh = [e for e in result.trace if e.kind == "query" and e.rule == "weighted-share"]
    assert "blue 70/100 = 70%, green 30/100 = 30%" in fresh[0].detail
    assert "green 30/30 = 100%; skipped as unhealthy: blue" in fresh[-1].detail
    assert fresh[-1].detail.startswith("-> 192.0.2.20")  # the answer comes first


def test_fail_open_choose_still_answers_when_no_record_is_healthy() -> None:
    records = [Record("a", ["192.0.2.1"], weight=1), Record("b", ["192.0.2.2"], weight=3)]
    choice = choose("weighted", records, Client("x"), lambda r: False, random.Random(1))
    assert choice.rule == "fail-open" and "no record is healthy" in choice.why


def test_checker_quorum_board_applies_results_in_time_order_across_checks() -> None:
    from studyapp.sims.route53_health import HealthBoard
    from studyapp.sims.route53_rules import RULES
    from studyapp.sims.trace import Tracer

    checks = [
        HealthCheck("late", interval=30, switches=[HealthSwitch(10, False)]),
        HealthCheck("early", interval=10, switches=[HealthSwitch(10, False)]),
    ]
    tracer = Tracer(RULES)
    board = HealthBoard(checks, random.Random(2), tracer)
    board.advance(500)
    times = [e.time for e in tracer.events]
    assert times == sorted(times)
    flips = [e.data["check"] for e in tracer.events if e.kind == "health"]
    assert flips == ["early", "late"]
