"""Lambda and DynamoDB quiz questions whose correct answers the simulators compute."""

from __future__ import annotations

from collections.abc import Callable

from .dynamodb import read_units, write_units
from .dynamodb_rules import RULES as DDB_RULES
from .dynamodb_sim import DynamoScenario, DynamoSim, Gsi, Workload
from .lambda_load import load_lambda
from .lambda_model import LambdaFunction
from .lambda_rules import RULES as LAMBDA_RULES
from .lambda_sim import LambdaScenario, LambdaSim, Source
from .scenario import ScenarioError, parse_document
from .sim_question import SimQuestion, make_question


def _run_lambda(functions: list[LambdaFunction], sources: list[Source], seed: int) -> LambdaSim:
    sim = LambdaSim(LambdaScenario("q", functions, sources, duration=900), seed)
    sim.run()
    return sim


def lambda_reserved_429(seed: int = 0) -> SimQuestion:
    fn = LambdaFunction("api", duration=2, reserved=10)
    sim = _run_lambda([fn], [Source("sync", "api", count=30, every=0)], seed)
    throttled = sum(1 for e in sim.events if e.final == "throttled-429")
    return make_question(
        "lambda-reserved-429",
        "lambda",
        "A function has reserved concurrency 10. 30 synchronous requests arrive at the same "
        "moment and each runs for 2 s. How many callers get a 429 (TooManyRequestsException)?",
        ("reserved-concurrency", LAMBDA_RULES["reserved-concurrency"].url),
        [
            ("0", "reserved concurrency is also the function's ceiling."),
            ("10", "10 run; it is the other 20 that are refused."),
            ("20", "everything past the 10 reserved instances is throttled."),
            ("30", "the first 10 run."),
        ],
        lambda text: text == str(throttled),
        f"The simulator throttled {throttled}: reserved concurrency is both a floor and a "
        "ceiling, and a synchronous caller gets the 429 at once.",
    )


def lambda_async_attempts(seed: int = 0) -> SimQuestion:
    fn = LambdaFunction("worker", duration=1, fail_payloads=["event"])
    sim = _run_lambda([fn], [Source("async", "worker", count=1)], seed)
    runs = sum(1 for a in sim.events[0].attempts if a["outcome"] != "throttled")
    return make_question(
        "lambda-async-attempts",
        "lambda",
        "An asynchronously invoked function fails on an event every time; its error handling "
        "is left at the defaults. How many times does Lambda run it on that event?",
        ("async-function-error", LAMBDA_RULES["async-function-error"].url),
        [
            ("1", "Lambda retries asynchronous events that fail."),
            ("2", "the default is two retries after the first attempt."),
            ("3", "one attempt and two retries (1 and 2 minutes apart)."),
            ("Until 6 hours have passed", "6 hours bounds throttled events, not failing ones."),
        ],
        lambda text: text == str(runs),
        f"The simulator ran it {runs} times, then handed the event to the on-failure path.",
    )


def lambda_max_reservation(seed: int = 0) -> SimQuestion:
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
    return make_question(
        "lambda-max-reservation",
        "lambda",
        "An account has the default 1,000 concurrent executions and no reservations yet. "
        "What is the most reserved concurrency one function can be given?",
        ("unreserved-minimum", LAMBDA_RULES["unreserved-minimum"].url),
        [
            ("500", "more than half can be reserved."),
            ("900", "100 must stay unreserved for the other functions."),
            ("999", "the minimum left unreserved is 100, not 1."),
            ("1000", "Lambda keeps 100 unreserved."),
        ],
        lambda text: text == str(best),
        f"The simulator's loader accepts {best} and refuses more.",
    )


def lambda_scaling_rate(seed: int = 0) -> SimQuestion:
    fn = LambdaFunction("burst", duration=60)
    functions, sources = [fn], [Source("sync", "burst", count=3000, every=0)]
    sim = LambdaSim(LambdaScenario("q", functions, sources, 10_000, duration=5), seed)
    sim.run()
    started = sim.pools.peak["burst"]
    return make_question(
        "lambda-scaling-rate",
        "lambda",
        "An account's concurrency was raised to 10,000. 3,000 synchronous requests hit one "
        "function at the same instant, each running a minute. How many start at once?",
        ("scaling-rate", LAMBDA_RULES["scaling-rate"].url),
        [
            ("1000", "a function adds at most 1,000 environments every 10 seconds."),
            ("3000", "the scaling rate stops that, not the account limit."),
            ("500", "the old 500 burst no longer applies."),
            ("100", "100 a second is the refill, not the start."),
        ],
        lambda text: text == str(started),
        f"The simulator started {started}; the rest were throttled with 429.",
    )


def ddb_read_units(seed: int = 0) -> SimQuestion:
    strong = 10 * read_units(9, "strong")
    eventual = 10 * read_units(9, "eventual")
    return make_question(
        "ddb-read-units",
        "dynamodb",
        "An application reads ten 9 KB items a second with strongly consistent reads. How "
        "many read capacity units does it need?",
        ("read-units", DDB_RULES["read-units"].url),
        [
            (f"{strong:g}", "9 KB rounds up to 12 KB: three units a read."),
            (f"{eventual:g}", "that is the eventually consistent figure."),
            ("90", "reads count in 4 KB blocks, not 1 KB."),
            ("10", "an item over 4 KB takes more than one unit."),
        ],
        lambda text: text == f"{strong:g}",
        f"Strongly consistent: {strong:g} RCU; eventually consistent would be {eventual:g}.",
    )


def ddb_transactional_writes(seed: int = 0) -> SimQuestion:
    need = 10 * write_units(1.5, transactional=True)
    return make_question(
        "ddb-transactional-writes",
        "dynamodb",
        "Ten 1.5 KB items a second are written inside TransactWriteItems. How many write "
        "capacity units does that take?",
        ("write-units", DDB_RULES["write-units"].url),
        [
            ("15", "write units are whole 1 KB blocks."),
            ("20", "that would be standard writes."),
            (f"{need:g}", "2 blocks, doubled for the transaction."),
            ("10", "1.5 KB is two blocks."),
        ],
        lambda text: text == f"{need:g}",
        f"2 KB rounded, 2 WCU, doubled in a transaction: {need:g} WCU a second.",
    )


def _run_dynamo(scenario: DynamoScenario, seed: int) -> DynamoSim:
    sim = DynamoSim(scenario, seed)
    sim.run()
    return sim


def ddb_gsi_backpressure(seed: int = 0) -> SimQuestion:
    scenario = DynamoScenario(
        "q",
        rcu=100,
        wcu=100,
        gsis=[Gsi("by-status", rcu=10, wcu=10)],
        workloads=[Workload("w", "write", "standard", item_kb=1, rate=50)],
        duration=10,
    )
    sim = _run_dynamo(scenario, seed)
    served = sum(int(str(r["served"])) for r in sim.results)
    asked = sum(int(str(r["requests"])) for r in sim.results)
    answer = (
        "Writes to the table are throttled"
        if served < asked
        else "The table takes every write; only the index lags"
    )
    return make_question(
        "ddb-gsi-backpressure",
        "dynamodb",
        "A table has 100 WCU; its GSI, which every write updates, has 10 WCU. The application "
        "writes 50 one-KB items a second. What happens?",
        ("gsi-backpressure", DDB_RULES["gsi-backpressure"].url),
        [
            ("Writes to the table are throttled", "a write must fit in every GSI it changes."),
            (
                "The table takes every write; only the index lags",
                "DynamoDB throttles the base table instead of letting the index fall behind.",
            ),
            ("The GSI borrows capacity from the table", "capacity is not shared that way."),
            ("Nothing: 50 WCU fits in 100", "the GSI's 10 WCU is the limit that binds."),
        ],
        lambda text: text == answer,
        f"The simulator served {served} of {asked} writes.",
    )


def ddb_burst(seed: int = 0) -> SimQuestion:
    scenario = DynamoScenario(
        "q",
        rcu=100,
        wcu=10,
        idle_before=300,
        workloads=[Workload("r", "read", "strong", item_kb=4, rate=200)],
        duration=400,
    )
    sim = _run_dynamo(scenario, seed)
    first = next((float(str(r["time"])) for r in sim.results if r["throttled"]), None)
    label = "After about 5 minutes" if first is not None and 250 <= first <= 350 else "Other"
    return make_question(
        "ddb-burst",
        "dynamodb",
        "A table with 100 RCU sat idle for 5 minutes. Strongly consistent 4 KB reads then "
        "arrive at 200 a second. When does throttling start?",
        ("burst-capacity", DDB_RULES["burst-capacity"].url),
        [
            ("At once", "unused capacity of the last 5 minutes is saved as burst capacity."),
            ("After about 5 minutes", "30,000 saved units pay for 100 extra a second."),
            ("Never", "burst capacity runs out."),
            ("After 30 seconds", "the saved units last longer than that."),
        ],
        lambda text: text == label,
        f"The simulator throttled from {first:g} s." if first is not None else "No throttling.",
    )


LAMBDA_BUILDERS: list[Callable[[int], SimQuestion]] = [
    lambda_reserved_429,
    lambda_async_attempts,
    lambda_max_reservation,
    lambda_scaling_rate,
]
DYNAMODB_BUILDERS: list[Callable[[int], SimQuestion]] = [
    ddb_read_units,
    ddb_transactional_writes,
    ddb_gsi_backpressure,
    ddb_burst,
]
