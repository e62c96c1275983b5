"""DynamoDB capacity: one test per documented rule (studyapp/sims/dynamodb_rules.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.sims.dynamodb import read_units, write_units
from studyapp.sims.dynamodb_sim import DynamoScenario, DynamoSim, Gsi, Workload
from studyapp.sims.runner import SCENARIOS, load_scenario, run_demo
from studyapp.sims.scenario import ScenarioError


def run(scenario: DynamoScenario) -> DynamoSim:
    sim = DynamoSim(scenario)
    sim.run()
    return sim


def totals(sim: DynamoSim, workload: str) -> tuple[int, int, dict[str, int]]:
    rows = [r for r in sim.results if r["workload"] == workload]
    reasons: dict[str, int] = {}
    for r in rows:
        cut = r["throttled"]
        assert isinstance(cut, dict)
        for k, v in cut.items():
            reasons[k] = reasons.get(k, 0) + int(v)
    asked = sum(int(str(r["requests"])) for r in rows)
    served = sum(int(str(r["served"])) for r in rows)
    return asked, served, reasons


@pytest.mark.parametrize(
    ("kb", "consistency", "units"),
    [
        (3.5, "strong", 1),  # rounds up to 4 KB
        (4, "strong", 1),
        (8, "strong", 2),
        (8, "eventual", 1),  # half
        (8, "transactional", 4),  # double
        (9, "strong", 3),
        (9, "eventual", 1.5),
        (0.1, "eventual", 0.5),
    ],
)
def test_read_units_4_kb_blocks_half_for_eventual_double_for_transactions(
    kb: float, consistency: str, units: float
) -> None:
    assert read_units(kb, consistency) == units


@pytest.mark.parametrize(
    ("kb", "transactional", "units"),
    [(0.5, False, 1), (1, False, 1), (1.5, False, 2), (1.5, True, 4), (3.2, False, 4)],
)
def test_write_units_1_kb_blocks_double_in_a_transaction(
    kb: float, transactional: bool, units: float
) -> None:
    assert write_units(kb, transactional) == units


def writes(rate: float, kb: float = 1, **kw: object) -> Workload:
    return Workload("w", "write", "standard", item_kb=kb, rate=rate, **kw)  # type: ignore[arg-type]


def test_provisioned_throttle_past_the_provisioned_rate_without_burst() -> None:
    sim = run(DynamoScenario("t", rcu=10, wcu=100, workloads=[writes(75, kb=2)], duration=10))
    asked, served, reasons = totals(sim, "w")
    assert (asked, served) == (750, 500)  # 150 WCU asked a second, 100 served
    assert reasons == {"TableWriteProvisionedThroughputExceeded": 250}
    event = next(e for e in sim.trace if e.kind == "write")
    assert "ProvisionedThroughputExceededException" in event.detail


def test_burst_capacity_saves_up_to_300_seconds_of_unused_capacity() -> None:
    idle = DynamoScenario("t", rcu=10, wcu=50, idle_before=900, workloads=[writes(150)])
    idle.duration = 200
    sim = run(idle)
    assert sim.table_w.burst_used == 50 * 300  # capped at 300 s worth, not 900 s
    first = next(r for r in sim.results if r["throttled"])
    assert first["time"] == 150  # 15,000 saved units pay 100 extra a second for 150 s


def test_burst_capacity_builds_up_from_unused_seconds() -> None:
    steps = writes(20, steps=[(10.0, 150.0)])
    sim = run(DynamoScenario("t", rcu=10, wcu=100, workloads=[steps], duration=14))
    # 10 s x 80 unused WCU = 800 saved; 50 extra a second uses it up in 16 s: no throttle yet
    assert totals(sim, "w")[2] == {}
    assert any(e.rule == "burst-capacity" for e in sim.trace)


def test_partition_limit_a_hot_key_is_throttled_while_the_table_has_capacity() -> None:
    result = run_demo("dynamodb", SCENARIOS / "dynamodb-hot-partition.yaml")
    assert result.summary["throttled"] == {"TableWriteKeyRangeThroughputExceeded": 8000}
    assert float(str(result.summary["consumed_wcu"])) < 4000 * 20  # table capacity left over


def test_partition_limit_is_3000_rcu_and_1000_wcu_per_partition() -> None:
    reads = Workload("r", "read", "strong", item_kb=4, rate=5000, keys=1, hot_key_share=1.0)
    sim = run(DynamoScenario("t", rcu=40_000, wcu=10, partitions=10, workloads=[reads], duration=1))
    assert totals(sim, "r")[1] == 3000


def test_adaptive_capacity_lends_a_busy_partition_unused_capacity() -> None:
    hot = writes(600, keys=1000, hot_key_share=0.5)  # partition 1: 300 + 75 = 375 WCU
    sim = run(DynamoScenario("t", rcu=10, wcu=1000, partitions=4, workloads=[hot], duration=5))
    assert totals(sim, "w")[2] == {}  # above the even share of 250, yet served
    [note] = [e for e in sim.trace if e.rule == "adaptive-capacity"]
    assert note.data["partition"] == 1 and "above its even share of 250" in note.detail


def test_on_demand_peak_takes_double_the_previous_peak_at_once() -> None:
    result = run_demo("dynamodb", SCENARIOS / "dynamodb-on-demand.yaml")
    reasons = result.summary["throttled"]
    assert isinstance(reasons, dict)
    assert reasons["TableWriteOnDemandPeakExceeded"] == 2000 * 20  # 8,000 asked, 6,000 served


def test_on_demand_peak_a_new_table_starts_at_4000_writes_and_12000_reads() -> None:
    scenario = DynamoScenario(
        "t",
        mode="on-demand",
        partitions=20,
        workloads=[writes(5000), Workload("r", "read", "strong", rate=13_000)],
        duration=1,
    )
    sim = run(scenario)
    assert totals(sim, "w")[1] == 4000 and totals(sim, "r")[1] == 12_000


def test_on_demand_max_throughput_is_throttled_with_throttling_exception() -> None:
    result = run_demo("dynamodb", SCENARIOS / "dynamodb-on-demand.yaml")
    feed = next(e for e in result.trace if e.kind == "read" and "feed" in e.detail)
    assert feed.rule == "on-demand-max" and "ThrottlingException" in feed.detail


def test_gsi_backpressure_a_gsi_short_of_write_capacity_throttles_table_writes() -> None:
    scenario = DynamoScenario(
        "t", rcu=10, wcu=500, gsis=[Gsi("idx", rcu=5, wcu=50)], workloads=[writes(100)]
    )
    scenario.duration = 10
    sim = run(scenario)
    asked, served, reasons = totals(sim, "w")
    assert (asked, served) == (1000, 500)
    assert reasons == {"IndexWriteProvisionedThroughputExceeded": 500}
    assert sim.table_w.history == [50.0] * 10  # the throttled writes took no table capacity


def test_gsi_backpressure_only_the_share_of_writes_that_change_the_index_counts() -> None:
    scenario = DynamoScenario(
        "t",
        rcu=10,
        wcu=500,
        gsis=[Gsi("idx", rcu=5, wcu=50, write_share=0.5)],
        workloads=[writes(100)],
        duration=1,
    )
    assert totals(run(scenario), "w")[1] == 100


def test_gsi_read_throttle_does_not_touch_the_base_table() -> None:
    result = run_demo("dynamodb", SCENARIOS / "dynamodb-gsi.yaml")
    rows = [r for r in result.results if r["workload"] == "lookups"]
    assert all(r["throttled"] == {} for r in rows)
    dash = [r for r in result.results if r["workload"] == "dashboards"]
    assert all(set(r["throttled"]) == {"IndexReadProvisionedThroughputExceeded"} for r in dash)  # type: ignore[arg-type]


def write_yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_gsi_eventual_a_strongly_consistent_read_from_a_gsi_is_refused(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        "simulator: dynamodb\ntable:\n  rcu: 10\n  wcu: 10\n"
        "  gsis: [{name: g, rcu: 1, wcu: 1}]\n"
        "workloads:\n  - {name: r, op: read, index: g, consistency: strong, rate: 1}\n",
    )
    with pytest.raises(ScenarioError, match="eventual reads only"):
        load_scenario(path)


def test_on_demand_peak_an_on_demand_table_takes_no_capacity_units(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        "simulator: dynamodb\ntable: {mode: on-demand, wcu: 5}\n"
        "workloads: [{name: w, op: write, rate: 1}]\n",
    )
    with pytest.raises(ScenarioError, match="no provisioned capacity units"):
        load_scenario(path)


def test_read_units_the_setup_trace_shows_the_arithmetic() -> None:
    result = run_demo("dynamodb", SCENARIOS / "dynamodb-default.yaml")
    setup = [e.detail for e in result.trace if e.kind == "setup"]
    assert "writers: 1.5 KB standard write = 2 WCU (1 KB blocks)" in setup
    assert "readers: 9 KB eventual read = 1.5 RCU (4 KB blocks)" in setup
