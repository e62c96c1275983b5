"""The Lambda and DynamoDB runs behind the "predict, then run" questions of the same ids in
`content/sim_questions.yaml`: each reports the answer and the figures the simulators compute."""

from __future__ import annotations

from typing import Any

from .dynamodb import read_units, write_units
from .dynamodb_sim import DynamoScenario, DynamoSim, Gsi, Workload
from .lambda_load import load_lambda
from .lambda_model import LambdaFunction
from .lambda_sim import LambdaScenario, LambdaSim, Source
from .scenario import ScenarioError, parse_document
from .sim_question import Outcome, builds


def _run_lambda(functions: list[LambdaFunction], sources: list[Source], seed: int) -> LambdaSim:
    sim = LambdaSim(LambdaScenario("q", functions, sources, duration=900), seed)
    sim.run()
    return sim


@builds("lambda-reserved-429")
def lambda_reserved_429(seed: int) -> Outcome:
    fn = LambdaFunction("api", duration=2, reserved=10)
    sim = _run_lambda([fn], [Source("sync", "api", count=30, every=0)], seed)
    throttled = sum(1 for e in sim.events if e.final == "throttled-429")
    return Outcome(str(throttled), {"throttled": throttled})


@builds("lambda-async-attempts")
def lambda_async_attempts(seed: int) -> Outcome:
    fn = LambdaFunction("worker", duration=1, fail_payloads=["event"])
    sim = _run_lambda([fn], [Source("async", "worker", count=1)], seed)
    runs = sum(1 for a in sim.events[0].attempts if a["outcome"] != "throttled")
    return Outcome(str(runs), {"runs": runs})


@builds("lambda-max-reservation")
def lambda_max_reservation(seed: int) -> Outcome:
    def accepted(reserved: int) -> bool:
        text = (
            "simulator: lambda\nfunctions:\n"
            f"  - {{name: f, reserved_concurrency: {reserved}}}\n"
            "sources:\n  - {type: sync, function: f, count: 1}\n"
        )
        try:
            load_lambda(parse_document(text, "q.yaml"), "q")
        except ScenarioError:
            return False
        return True

    best = max(r for r in (500, 900, 999, 1000) if accepted(r))
    return Outcome(str(best), {"best": best})


@builds("lambda-scaling-rate")
def lambda_scaling_rate(seed: int) -> Outcome:
    fn = LambdaFunction("burst", duration=60)
    functions, sources = [fn], [Source("sync", "burst", count=3000, every=0)]
    sim = LambdaSim(LambdaScenario("q", functions, sources, 10_000, duration=5), seed)
    sim.run()
    started = sim.pools.peak["burst"]
    return Outcome(str(started), {"started": started})


@builds("ddb-read-units")
def ddb_read_units(seed: int) -> Outcome:
    strong = 10 * read_units(9, "strong")
    eventual = 10 * read_units(9, "eventual")
    return Outcome(f"{strong:g}", {"strong": strong, "eventual": eventual})


@builds("ddb-transactional-writes")
def ddb_transactional_writes(seed: int) -> Outcome:
    need = 10 * write_units(1.5, transactional=True)
    return Outcome(f"{need:g}", {"need": need})


def _run_dynamo(seed: int, workload: Workload, **table: Any) -> DynamoSim:
    """Run one workload against a table named "q" (`table`: DynamoScenario's fields)."""
    sim = DynamoSim(DynamoScenario("q", workloads=[workload], **table), seed)
    sim.run()
    return sim


@builds("ddb-gsi-backpressure")
def ddb_gsi_backpressure(seed: int) -> Outcome:
    writes = Workload("w", "write", "standard", item_kb=1, rate=50)
    gsi = Gsi("by-status", rcu=10, wcu=10)
    sim = _run_dynamo(seed, writes, rcu=100, wcu=100, gsis=[gsi], duration=10)
    served = sum(int(str(r["served"])) for r in sim.results)
    asked = sum(int(str(r["requests"])) for r in sim.results)
    answer = "throttled" if served < asked else "index-lags"
    return Outcome(answer, {"served": served, "asked": asked})


@builds("ddb-burst")
def ddb_burst(seed: int) -> Outcome:
    reads = Workload("r", "read", "strong", item_kb=4, rate=200)
    sim = _run_dynamo(seed, reads, rcu=100, wcu=10, idle_before=300, duration=400)
    first = next((float(str(r["time"])) for r in sim.results if r["throttled"]), None)
    if first is None:
        return Outcome("never", verdict="never")
    answer = "about-5-minutes" if 250 <= first <= 350 else "other"
    return Outcome(answer, {"first": first}, verdict="throttled")
