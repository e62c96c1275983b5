"""Route 53 routing rules, one test per documented rule (aws-facts.md section C)."""

from __future__ import annotations

import random
from collections import Counter

from studyapp.sims.route53 import Client, Record, biased_distance, choose

ANYONE = Client("anyone")


def rec(rid: str, **kw: object) -> Record:
    return Record(rid, [kw.pop("value", f"10.0.0.{len(rid)}")], **kw)  # type: ignore[arg-type]


def healthy_except(*down: str):
    return lambda record: record.id not in down


def shares(
    policy: str, records: list[Record], down: tuple[str, ...] = (), n: int = 4000
) -> Counter:
    rng = random.Random(7)
    counts: Counter = Counter()
    for _ in range(n):
        choice = choose(policy, records, ANYONE, healthy_except(*down), rng)
        counts.update(r.id for r in choice.records)
    return counts


# -- simple ----------------------------------------------------------------------------
def test_simple_answers_every_value_in_random_order_and_ignores_health() -> None:
    record = Record("web", ["192.0.2.1", "192.0.2.2", "192.0.2.3"], health_check="hc")
    rng = random.Random(1)
    orders = set()
    for _ in range(50):
        choice = choose("simple", [record], ANYONE, lambda r: False, rng)
        assert sorted(choice.records[0].values) == record.values
        orders.add(tuple(choice.records[0].values))
    assert len(orders) > 1


# -- weighted --------------------------------------------------------------------------
def test_weighted_share_is_weight_over_total_within_3_percent() -> None:
    counts = shares("weighted", [rec("a", weight=70), rec("bb", weight=30)])
    assert abs(counts["a"] / 4000 - 0.70) < 0.03
    assert abs(counts["bb"] / 4000 - 0.30) < 0.03


def test_weighted_zero_weight_record_gets_no_traffic_while_others_healthy() -> None:
    counts = shares("weighted", [rec("a", weight=1), rec("bb", weight=0), rec("ccc", weight=3)])
    assert counts["bb"] == 0
    assert counts["a"] > 0 and counts["ccc"] > 0


def test_weighted_zero_weight_records_answer_only_when_all_nonzero_unhealthy() -> None:
    records = [rec("a", weight=5), rec("bb", weight=0), rec("ccc", weight=0)]
    counts = shares("weighted", records, down=("a",), n=1000)
    assert counts["a"] == 0
    assert counts["bb"] + counts["ccc"] == 1000
    assert counts["bb"] > 300 and counts["ccc"] > 300
    rule = choose("weighted", records, ANYONE, healthy_except("a"), random.Random(0)).rule
    assert rule == "weighted-zero-standby"


def test_weighted_all_zero_weights_are_answered_with_equal_probability() -> None:
    records = [rec("a", weight=0), rec("bb", weight=0), rec("ccc", weight=0), rec("dddd", weight=0)]
    counts = shares("weighted", records)
    for rid in ("a", "bb", "ccc", "dddd"):
        assert abs(counts[rid] / 4000 - 0.25) < 0.03


def test_weighted_unhealthy_record_gets_no_traffic() -> None:
    counts = shares("weighted", [rec("a", weight=70), rec("bb", weight=30)], down=("a",))
    assert counts == Counter({"bb": 4000})


def test_fail_open_when_every_record_in_the_set_is_unhealthy() -> None:
    records = [rec("a", weight=70), rec("bb", weight=30)]
    counts = shares("weighted", records, down=("a", "bb"))
    assert abs(counts["a"] / 4000 - 0.70) < 0.03
    assert (
        choose("weighted", records, ANYONE, lambda r: False, random.Random(0)).rule == "fail-open"
    )
    lat = [rec("a", region="eu-west-1"), rec("bb", region="us-east-1")]
    client = Client("x", latency_ms={"eu-west-1": 20, "us-east-1": 90})
    assert choose("latency", lat, client, lambda r: False, random.Random(0)).records[0].id == "a"


# -- latency ---------------------------------------------------------------------------
def test_latency_answers_the_region_with_lowest_latency() -> None:
    records = [rec("eu", region="eu-west-1"), rec("us", region="us-east-1")]
    paris = Client("paris", latency_ms={"eu-west-1": 12, "us-east-1": 85})
    ohio = Client("ohio", latency_ms={"eu-west-1": 95, "us-east-1": 15})
    assert choose("latency", records, paris, lambda r: True, random.Random(0)).records[0].id == "eu"
    assert choose("latency", records, ohio, lambda r: True, random.Random(0)).records[0].id == "us"


def test_latency_skips_an_unhealthy_region_for_the_next_lowest() -> None:
    records = [rec("eu", region="eu-west-1"), rec("us", region="us-east-1")]
    paris = Client("paris", latency_ms={"eu-west-1": 12, "us-east-1": 85})
    choice = choose("latency", records, paris, healthy_except("eu"), random.Random(0))
    assert choice.records[0].id == "us"


# -- failover --------------------------------------------------------------------------
FAILOVER = [
    rec("p", failover="primary", health_check="hp"),
    rec("ss", failover="secondary", health_check="hs"),
]


def test_failover_answers_primary_while_healthy() -> None:
    choice = choose("failover", FAILOVER, ANYONE, lambda r: True, random.Random(0))
    assert [r.id for r in choice.records] == ["p"]


def test_failover_answers_secondary_when_primary_unhealthy() -> None:
    choice = choose("failover", FAILOVER, ANYONE, healthy_except("p"), random.Random(0))
    assert [r.id for r in choice.records] == ["ss"]


def test_failover_both_records_unhealthy_answers_the_primary() -> None:
    choice = choose("failover", FAILOVER, ANYONE, lambda r: False, random.Random(0))
    assert ([r.id for r in choice.records], choice.rule) == (["p"], "failover-both-unhealthy")


# -- geolocation -----------------------------------------------------------------------
GEO = [
    rec("state", location="US-CA", health_check="h1"),
    rec("country", location="US", health_check="h2"),
    rec("continent", location="NA", health_check="h3"),
    rec("default", location="*", health_check="h4"),
]
SAN_JOSE = Client("sj", continent="NA", country="US", subdivision="CA")


def geo(records: list[Record], client: Client, down: tuple[str, ...] = ()) -> list[str]:
    choice = choose("geolocation", records, client, healthy_except(*down), random.Random(0))
    return [r.id for r in choice.records]


def test_geolocation_smallest_matching_region_wins() -> None:
    assert geo(GEO, SAN_JOSE) == ["state"]
    assert geo(GEO, Client("ny", continent="NA", country="US", subdivision="NY")) == ["country"]
    assert geo(GEO, Client("mx", continent="NA", country="MX")) == ["continent"]


def test_geolocation_no_match_uses_the_default_record() -> None:
    assert geo(GEO, Client("berlin", continent="EU", country="DE")) == ["default"]


def test_geolocation_no_match_and_no_default_gives_an_empty_answer() -> None:
    choice = choose(
        "geolocation",
        GEO[:3],
        Client("b", continent="EU", country="DE"),
        lambda r: True,
        random.Random(0),
    )
    assert (choice.records, choice.rule) == ([], "geo-no-match")


def test_geolocation_unhealthy_record_walks_up_to_larger_region_then_default() -> None:
    assert geo(GEO, SAN_JOSE, down=("state",)) == ["country"]
    assert geo(GEO, SAN_JOSE, down=("state", "country", "continent")) == ["default"]


def test_geolocation_every_matching_record_unhealthy_answers_smallest_region() -> None:
    assert geo(GEO, SAN_JOSE, down=("state", "country", "continent", "default")) == ["state"]


# -- geoproximity ----------------------------------------------------------------------
PROX = [
    rec("frankfurt", coordinates=(50.1, 8.7)),
    rec("dublin", coordinates=(53.3, -6.3)),
]
LONDON = Client("london", coordinates=(51.5, -0.1))


def test_geoproximity_bias_formula_matches_the_documented_example() -> None:
    assert biased_distance(150, 50) == 75
    assert biased_distance(150, -50) == 300
    assert biased_distance(150, 0) == 150


def test_geoproximity_answers_nearest_and_positive_bias_enlarges_a_region() -> None:
    near = choose("geoproximity", PROX, LONDON, lambda r: True, random.Random(0))
    assert near.records[0].id == "dublin"  # ~460 km vs ~640 km
    biased = [rec("frankfurt", coordinates=(50.1, 8.7), bias=40), PROX[1]]
    moved = choose("geoproximity", biased, LONDON, lambda r: True, random.Random(0))
    assert moved.records[0].id == "frankfurt"


def test_geoproximity_negative_bias_shrinks_a_region() -> None:
    paris = Client("paris", coordinates=(48.9, 2.35))
    assert (
        choose("geoproximity", PROX, paris, lambda r: True, random.Random(0)).records[0].id
        == "frankfurt"
    )
    shrunk = [rec("frankfurt", coordinates=(50.1, 8.7), bias=-60), PROX[1]]
    assert (
        choose("geoproximity", shrunk, paris, lambda r: True, random.Random(0)).records[0].id
        == "dublin"
    )


# -- IP-based --------------------------------------------------------------------------
CIDRS = {"isp": ["203.0.0.0/16"], "office": ["203.0.113.0/24"], "v6": ["2001:db8::/32"]}
IPREC = [
    rec("isp", cidr_location="isp"),
    rec("office", cidr_location="office"),
    rec("v6", cidr_location="v6"),
    rec("default", cidr_location="*"),
]


def ip(records: list[Record], address: str, down: tuple[str, ...] = ()) -> list[str]:
    choice = choose(
        "ip", records, Client("c", ip=address), healthy_except(*down), random.Random(0), CIDRS
    )
    return [r.id for r in choice.records]


def test_ip_based_answers_the_location_whose_block_contains_the_client() -> None:
    assert ip(IPREC, "203.0.9.9") == ["isp"]
    assert ip(IPREC, "2001:db8:0:1234::1") == ["v6"]


def test_ip_based_longest_listed_prefix_wins_when_blocks_overlap() -> None:
    assert ip(IPREC, "203.0.113.7") == ["office"]


def test_ip_based_unmatched_client_gets_the_default_location() -> None:
    assert ip(IPREC, "100.64.0.1") == ["default"]


def test_ip_based_unmatched_client_without_default_gets_an_empty_answer() -> None:
    assert ip(IPREC[:3], "100.64.0.1") == []


# -- multivalue ------------------------------------------------------------------------
MULTI = [rec(f"r{i:02}", value=f"192.0.2.{i}") for i in range(12)]


def test_multivalue_answers_at_most_eight_healthy_records_in_random_selection() -> None:
    rng = random.Random(3)
    seen: Counter = Counter()
    down = {"r00", "r01"}
    for _ in range(2000):
        choice = choose("multivalue", MULTI, ANYONE, lambda r: r.id not in down, rng)
        ids = [r.id for r in choice.records]
        assert len(ids) == 8 and len(set(ids)) == 8 and not down & set(ids)
        seen.update(ids)
    # 10 healthy records, 8 picked per answer: each appears in ~80% of answers (+-4%).
    for rid in (f"r{i:02}" for i in range(2, 12)):
        assert abs(seen[rid] / 2000 - 0.8) < 0.04


def test_multivalue_with_eight_or_fewer_healthy_returns_all_healthy() -> None:
    up = {"r03", "r05", "r07"}
    choice = choose("multivalue", MULTI, ANYONE, lambda r: r.id in up, random.Random(0))
    assert {r.id for r in choice.records} == up


def test_multivalue_with_no_healthy_record_returns_up_to_eight_unhealthy() -> None:
    choice = choose("multivalue", MULTI, ANYONE, lambda r: False, random.Random(0))
    assert len(choice.records) == 8 and choice.rule == "multivalue-all-unhealthy"
