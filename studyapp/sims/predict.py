"""Predict, then run: questions about the scenario on screen, judged by the run itself.

`predictions_for(scenario)` builds questions from the scenario's own records, queues,
clients, functions or workloads (only those the scenario can answer). Each carries a
`judge` that reads the `DemoResult` of the very run the learner watches and returns the
right option(s) with the figures of that run. Nothing is decided before the run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .dynamodb_rules import RULES as DDB_RULES
from .dynamodb_sim import DynamoScenario
from .lambda_rules import RULES as LAMBDA_RULES
from .lambda_sim import LambdaScenario
from .rds_proxy import RdsScenario
from .rds_proxy_rules import RULES as RDS_RULES
from .route53_rules import RULES as R53_RULES
from .route53_sim import Route53Scenario
from .runner import DemoResult, Scenario
from .sqs_rules import RULES as SQS_RULES
from .sqs_sim import SqsScenario
from .trace import Rule


@dataclass(frozen=True)
class Judgement:
    correct: tuple[int, ...]  # indexes into the options
    figures: str  # what the run showed, with its numbers


@dataclass(frozen=True, eq=False)
class Prediction:
    id: str
    simulator: str
    stem: str
    options: tuple[str, ...]
    rule: Rule
    judge: Callable[[DemoResult], Judgement]


def _share(count: int, total: int) -> int:
    """Which of None / some (under half) / half or more / all a count is."""
    if count == 0:
        return 0
    if count == total:
        return 3
    return 1 if count < total / 2 else 2


SHARES = ("None of them", "Some, fewer than half", "Half or more, but not all", "All of them")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def verdict(prediction: Prediction, choice: int, judgement: Judgement) -> str:
    """What the learner is told once the run they watched has finished."""
    right = ", ".join(f"{'abcd'[i]}. {prediction.options[i]}" for i in judgement.correct)
    head = (
        "Your prediction held."
        if choice in judgement.correct
        else f"Your prediction did not hold. The run's answer: {right}"
    )
    rule = prediction.rule
    run = f"In the run you just watched: {judgement.figures}"
    return f"{head}\n{run}\nWhy ({rule.id}): {rule.text}\n{rule.url}"


# -- Route 53 --------------------------------------------------------------------------
def _r53_most(model: Route53Scenario) -> Prediction | None:
    records = [r.id for r in model.records]
    if len(records) > 4 or len(records) < 2:
        return None
    options = list(records)
    empty = model.policy in ("geolocation", "ip") and len(options) < 4
    if empty:
        options.append("No answer (an empty response)")

    def judge(result: DemoResult) -> Judgement:
        counts: Counter[str] = Counter()
        for r in result.results:
            ids = r["records"]
            assert isinstance(ids, list)
            counts.update([str(i) for i in ids] or ["(empty)"])
        tally = [counts[rid] for rid in records] + ([counts["(empty)"]] if empty else [])
        best = max(tally)
        figures = ", ".join(f"{label}: {n}" for label, n in zip(options, tally, strict=True))
        return Judgement(
            tuple(i for i, n in enumerate(tally) if n == best),
            f"{len(result.results)} answers - {figures}",
        )

    return Prediction(
        "r53-most-answered",
        "route53",
        f"{model.policy.capitalize()} routing for {model.record_name}. Over the whole run, "
        "which record will be answered most often (cached answers included)?",
        tuple(options),
        R53_RULES["weighted-share" if model.policy == "weighted" else "fail-open"],
        judge,
    )


def _first_failure(model: Route53Scenario) -> tuple[str, float, int | None] | None:
    for check in model.health_checks:
        for switch in sorted(check.switches, key=lambda s: s.at):
            if switch.passing is not None or not switch.healthy:
                return check.id, switch.at, switch.passing
    return None


def _unhealthy_at(result: DemoResult, check: str, after: float) -> tuple[float, str] | None:
    for event in result.trace:
        if event.kind == "health" and event.data.get("check") == check:
            if event.time >= after and event.data.get("healthy") is False:
                return event.time, event.detail
    return None


def _r53_flip(model: Route53Scenario) -> Prediction | None:
    found = _first_failure(model)
    if found is None:
        return None
    check_id, at, passing = found
    check = next(c for c in model.health_checks if c.id == check_id)
    if check.kind != "endpoint":
        return None
    low = at + (check.failure_threshold - 1) * check.interval
    high = at + check.failure_threshold * check.interval
    what = (
        "stops answering"
        if passing is None
        else f"answers only {passing} of its {check.checkers} checkers"
    )
    stem = (
        f"From {at:g} s the endpoint behind health check {check_id} {what} "
        f"({check.checkers} checkers, every {check.interval} s, failure threshold "
        f"{check.failure_threshold}). When will Route 53 consider it unhealthy?"
    )
    options = (
        f"At {at:g} s, at once",
        f"Between {low:g} and {high:g} s, once most checkers saw {check.failure_threshold} "
        "failures in a row",
        "Not before the record's TTL has expired as well",
        "Never during the run: enough checkers still see it healthy",
    )

    def judge(result: DemoResult) -> Judgement:
        flip = _unhealthy_at(result, check_id, at)
        if flip is None:
            return Judgement(
                (3,), f"{check_id} stayed healthy (more than 18% of checkers saw it up)"
            )
        when, detail = flip
        index = 0 if when <= at + 1e-6 else 1 if when <= high + 1e-6 else 2
        return Judgement((index,), f"at {when:g} s: {detail}")

    return Prediction(
        "r53-health-flip", "route53", stem, options, R53_RULES["checker-quorum"], judge
    )


def _r53_cache(model: Route53Scenario) -> Prediction | None:
    found = _first_failure(model)
    if found is None:
        return None
    check_id, at, _ = found
    record = next((r for r in model.records if r.health_check == check_id and r.values), None)
    if record is None:
        return None
    options = (
        f"Yes, from resolvers' caches, for at most its TTL ({record.ttl} s)",
        "No, no client gets it again",
        "Yes, Route 53 keeps answering it (there is nothing healthy to answer instead)",
    )

    def judge(result: DemoResult) -> Judgement:
        flip = _unhealthy_at(result, check_id, at)
        if flip is None:
            return Judgement((1,), f"{check_id} never became unhealthy in this run")
        down = flip[0]
        back = next(
            (
                e.time
                for e in result.trace
                if e.kind == "health" and e.data.get("check") == check_id and e.time > down
            ),
            float("inf"),
        )
        hits = [
            r
            for r in result.results
            if down < float(str(r["time"])) < back and set(record.values) & set(_vals(r))
        ]
        fresh = [r for r in hits if not r["from_cache"]]
        if fresh:
            return Judgement((2,), f"{len(fresh)} fresh answers still gave {record.id}")
        if hits:
            last = max(float(str(r["time"])) for r in hits)
            return Judgement(
                (0,),
                f"{len(hits)} cached answers gave {record.id} after {down:g} s, the last at "
                f"{last:g} s ({last - down:g} s later)",
            )
        return Judgement((1,), f"no answer gave {record.id} after {down:g} s")

    return Prediction(
        "r53-cached-after-failure",
        "route53",
        f"After Route 53 marks {check_id} unhealthy, will clients still get {record.id}'s "
        f"address ({', '.join(record.values)})?",
        options,
        R53_RULES["ttl-cache"],
        judge,
    )


def _vals(entry: dict[str, object]) -> list[str]:
    values = entry["values"]
    return [str(v) for v in values] if isinstance(values, list) else []


# -- SQS -------------------------------------------------------------------------------
def _sqs(model: SqsScenario) -> list[Prediction]:
    sends = [s for p in model.producers for s in p.sends]
    total = len(sends)
    out: list[Prediction] = []

    def twice(result: DemoResult) -> Judgement:
        many = [r for r in result.results if _deliveries(r) > 1]
        names = ", ".join(f"{r['body']} x{_deliveries(r)}" for r in many[:4])
        return Judgement(
            (_share(len(many), len(result.results)),),
            f"delivered more than once: {len(many)} of {len(result.results)}"
            + (f" ({names}{', ...' if len(many) > 4 else ''})" if many else ""),
        )

    out.append(
        Prediction(
            "sqs-more-than-once",
            "sqs",
            f"{_plural(total, 'message')} are sent. How many will be delivered more than once?",
            SHARES,
            SQS_RULES["visibility-expired"],
            twice,
        )
    )
    first = min(sends, key=lambda s: s.at) if sends else None
    if first is not None:
        options = ("Once", "Twice", "Three times", "Four times or more")

        def count_first(result: DemoResult) -> Judgement:
            entry = next((r for r in result.results if r["body"] == first.body), None)
            n = _deliveries(entry) if entry else 0
            index = min(max(n, 1), 4) - 1
            where = entry["final"] if entry else "not sent"
            said = f"'{first.body}' was delivered {_plural(n, 'time')}"
            return Judgement((index,), f"{said}; it ended {where}")

        out.append(
            Prediction(
                "sqs-first-message",
                "sqs",
                f"How many times will '{first.body}' (sent at {first.at:g} s) be delivered?",
                options,
                SQS_RULES["receive-count"],
                count_first,
            )
        )
    dlq = next((q for q in model.queues if q.dlq), None)
    if dlq is not None:

        def in_dlq(result: DemoResult) -> Judgement:
            moved = [r for r in result.results if str(r["final"]).startswith("dlq")]
            return Judgement(
                (_share(len(moved), len(result.results)),),
                f"in the dead-letter queue: {len(moved)} of {len(result.results)}",
            )

        out.insert(
            0,
            Prediction(
                "sqs-dlq",
                "sqs",
                f"Queue {dlq.name} moves a message to {dlq.dlq} after {dlq.max_receive_count} "
                f"receives. How many of the {_plural(total, 'message')} end in {dlq.dlq}?",
                SHARES,
                SQS_RULES["redrive-dlq"],
                in_dlq,
            ),
        )
    return out


def _deliveries(entry: dict[str, object] | None) -> int:
    value = entry["deliveries"] if entry else []
    return len(value) if isinstance(value, list) else 0


# -- RDS Proxy -------------------------------------------------------------------------
_RDS_ERRORS = (
    "None: every transaction is served",
    "ERROR 9501, timed out waiting for a pooled connection",
    "Too many connections (the database refuses them)",
    "Failover errors (cancelled, or cannot connect to the writer)",
)


def _rds(model: RdsScenario) -> list[Prediction]:
    total = sum(g.count * g.transactions for g in model.clients)

    def errors(result: DemoResult) -> Judgement:
        bad = [r for r in result.results if r["outcome"] == "error"]
        kinds = Counter(str(r["error"]) for r in bad)
        return Judgement(
            (_share(len(bad), len(result.results)),),
            f"{len(bad)} of {len(result.results)} transactions failed"
            + (f" ({', '.join(f'{k}: {v}' for k, v in kinds.most_common())})" if bad else ""),
        )

    def kind(result: DemoResult) -> Judgement:
        kinds = Counter(str(r["error"]) for r in result.results if r["outcome"] == "error")
        if not kinds:
            return Judgement((0,), "no transaction failed")
        group = {"borrow-timeout": 1, "too-many-connections": 2}
        by_option: Counter[int] = Counter()
        for name, n in kinds.items():
            by_option[group.get(name, 3)] += n
        best = max(by_option.values())
        figures = ", ".join(f"{k}: {v}" for k, v in kinds.most_common())
        return Judgement(tuple(sorted(i for i, n in by_option.items() if n == best)), figures)

    where = "through RDS Proxy" if model.proxy.enabled else "straight to the database"
    out = [
        Prediction(
            "rds-errors",
            "rds-proxy",
            f"{_plural(total, 'transaction')} from {sum(g.count for g in model.clients)} "
            f"client sessions go {where} (max_connections {model.max_connections}). "
            "How many fail?",
            SHARES,
            RDS_RULES["borrow-queue" if model.proxy.enabled else "db-max-connections"],
            errors,
        ),
        Prediction(
            "rds-error-kind",
            "rds-proxy",
            "Which error will these clients see most?",
            _RDS_ERRORS,
            RDS_RULES["pinning" if model.proxy.enabled else "db-max-connections"],
            kind,
        ),
    ]
    if model.failover_at is not None and not model.proxy.enabled:
        up = model.failover_at + model.failover_duration

        def reconnect(result: DemoResult) -> Judgement:
            later = [
                float(str(r["requested_at"]))
                for r in result.results
                if r["outcome"] == "served" and float(str(r["requested_at"])) >= up
            ]
            if not later:
                return Judgement((2,), "no transaction was served after the failover")
            first = min(later)
            index = 0 if first < up + 0.5 else 1
            return Judgement((index,), f"the first connection after {up:g} s worked at {first:g} s")

        out.append(
            Prediction(
                "rds-dns-delay",
                "rds-proxy",
                f"The new writer is up at {up:g} s. When can these clients, connecting "
                "straight to the database endpoint, connect again?",
                (
                    "At once",
                    f"About {model.dns_delay:g} s later, once the old DNS answer has expired",
                    "Not during the run",
                ),
                RDS_RULES["failover-dns"],
                reconnect,
            )
        )
    return out


# -- Lambda ----------------------------------------------------------------------------
def _lambda(model: LambdaScenario) -> list[Prediction]:
    total = sum(s.count for s in model.sources)

    def throttled(result: DemoResult) -> Judgement:
        hit = [r for r in result.results if any(_outcome(a) == "throttled" for a in _attempts(r))]
        reasons: Counter[str] = Counter(
            str(a.get("reason"))
            for r in result.results
            for a in _attempts(r)
            if _outcome(a) == "throttled"
        )
        figures = f"{len(hit)} of {len(result.results)} were throttled at least once"
        if reasons:
            figures += f" ({', '.join(f'{k}: {v}' for k, v in reasons.most_common())} throttles)"
        return Judgement((_share(len(hit), len(result.results)),), figures)

    def cold(result: DemoResult) -> Judgement:
        n = int(str(result.summary["cold_starts"]))
        index = 0 if n == 0 else 1 if n <= 10 else 2 if n <= 100 else 3
        return Judgement((index,), f"{n} cold starts")

    out = [
        Prediction(
            "lambda-throttled",
            "lambda",
            f"{_plural(total, 'request or event')} reach the functions. How many will be "
            "throttled at least once?",
            SHARES,
            LAMBDA_RULES["reserved-concurrency"],
            throttled,
        ),
        Prediction(
            "lambda-cold-starts",
            "lambda",
            "How many cold starts will there be?",
            ("None", "A few (1 to 10)", "Dozens (11 to 100)", "More than 100"),
            LAMBDA_RULES["cold-start"],
            cold,
        ),
    ]
    if any(f.fail_payloads or f.failure_rate for f in model.functions):

        def fate(result: DemoResult) -> Judgement:
            failed = [
                r for r in result.results if any(_outcome(a) == "error" for a in _attempts(r))
            ]
            if not failed:
                return Judgement((1,), "no invocation failed")
            finals = Counter(str(r["final"]) for r in failed)
            group: Counter[int] = Counter()
            for name, n in finals.items():
                if name.startswith(("on-failure", "dlq")):
                    group[0] += n
                elif name in ("in-queue", "pending"):
                    group[1] += n
                elif name == "discarded":
                    group[2] += n
                else:
                    group[3] += n
            best = max(group.values())
            figures = ", ".join(f"{k}: {v}" for k, v in finals.most_common())
            return Judgement(tuple(sorted(i for i, n in group.items() if n == best)), figures)

        out.append(
            Prediction(
                "lambda-failed-events",
                "lambda",
                "Some payloads always make the function fail. Where do most of them end up?",
                (
                    "In a dead-letter queue or on-failure destination",
                    "Still being retried when the run ends",
                    "Discarded, with no record kept",
                    "Returned to the caller as an error",
                ),
                LAMBDA_RULES["async-on-failure"],
                fate,
            )
        )
    return out


def _attempts(entry: dict[str, object]) -> list[dict[str, object]]:
    value = entry["attempts"]
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _outcome(attempt: dict[str, object]) -> str:
    return str(attempt.get("outcome"))


# -- DynamoDB --------------------------------------------------------------------------
def _category(reason: str) -> int:
    if "KeyRange" in reason:
        return 2
    if reason.startswith("Index"):
        return 3
    if "OnDemand" in reason:
        return 3
    return 1


def _dynamodb(model: DynamoScenario) -> list[Prediction]:
    if not model.workloads:
        return []
    main = max(model.workloads, key=lambda w: w.rate * w.units)
    out = []

    def share(result: DemoResult) -> Judgement:
        rows = [r for r in result.results if r["workload"] == main.name]
        asked = sum(int(str(r["requests"])) for r in rows)
        ok = sum(int(str(r["served"])) for r in rows)
        cut = asked - ok
        ratio = cut / asked if asked else 0.0
        index = 0 if cut == 0 else 1 if ratio < 0.1 else 2 if ratio <= 0.5 else 3
        return Judgement((index,), f"{main.name}: {cut} of {asked} throttled ({ratio:.0%})")

    out.append(
        Prediction(
            "ddb-throttled-share",
            "dynamodb",
            f"What share of {main.name}'s {main.op}s ({main.rate:g} a second, {main.item_kb:g} KB) "
            "will be throttled?",
            ("None", "Under 10%", "10% to half", "More than half"),
            DDB_RULES["provisioned-throttle"],
            share,
        )
    )

    def reason(result: DemoResult) -> Judgement:
        reasons = result.summary.get("throttled")
        assert isinstance(reasons, dict)
        if not reasons:
            return Judgement((0,), "nothing was throttled")
        group: Counter[int] = Counter()
        for name, n in reasons.items():
            group[_category(str(name))] += int(n)
        best = max(group.values())
        figures = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()))
        return Judgement(tuple(sorted(i for i, n in group.items() if n == best)), figures)

    out.append(
        Prediction(
            "ddb-throttle-reason",
            "dynamodb",
            f"Table {model.table} ({model.mode}). Which throttling reason will DynamoDB "
            "report most?",
            (
                "None: nothing is throttled",
                "The table's provisioned throughput (...ProvisionedThroughputExceeded)",
                "A hot partition (...KeyRangeThroughputExceeded)",
                "A GSI's capacity or an on-demand limit (Index... / ...OnDemand...)",
            ),
            DDB_RULES["partition-limit"],
            reason,
        )
    )
    sample = model.workloads[0]
    unit = "RCU" if sample.op == "read" else "WCU"
    candidates = [sample.units]
    blocks_r = max(1, -(-sample.item_kb // 4))
    blocks_w = max(1, -(-sample.item_kb // 1))
    for guess in (blocks_r, blocks_r / 2, blocks_r * 2, blocks_w, blocks_w * 2, sample.item_kb):
        if guess not in candidates:
            candidates.append(float(guess))
    options = sorted(candidates[:4])

    def units(result: DemoResult) -> Judgement:
        row = next((r for r in result.results if r["workload"] == sample.name), None)
        each = float(str(row["units_each"])) if row else sample.units
        index = min(range(len(options)), key=lambda i: abs(options[i] - each))
        return Judgement((index,), f"each {sample.op} of {sample.name} took {each:g} {unit}")

    kind = sample.mode if sample.op == "read" else f"{sample.mode} write"
    out.append(
        Prediction(
            "ddb-units",
            "dynamodb",
            f"One {kind} of a {sample.item_kb:g} KB item ({sample.name}): how many {unit}?",
            tuple(f"{o:g} {unit}" for o in options),
            DDB_RULES["read-units" if sample.op == "read" else "write-units"],
            units,
        )
    )
    return out


def predictions_for(scenario: Scenario) -> list[Prediction]:
    """The questions this scenario can answer, the most telling first."""
    model = scenario.model
    if isinstance(model, Route53Scenario):
        found = [_r53_flip(model), _r53_cache(model), _r53_most(model)]
        return [p for p in found if p is not None] or [
            _r53_fallback(model),
        ]
    if isinstance(model, SqsScenario):
        return _sqs(model)
    if isinstance(model, RdsScenario):
        return _rds(model)
    if isinstance(model, LambdaScenario):
        return _lambda(model)
    assert isinstance(model, DynamoScenario)
    return _dynamodb(model)


def _r53_fallback(model: Route53Scenario) -> Prediction:
    def judge(result: DemoResult) -> Judgement:
        most = max((len(_vals(r)) for r in result.results), default=0)
        index = 0 if most <= 1 else 1 if most <= 8 else 2
        return Judgement((index,), f"the largest answer held {_plural(most, 'address')}")

    return Prediction(
        "r53-answer-size",
        "route53",
        f"{model.policy.capitalize()} routing, {_plural(len(model.records), 'record')}. How "
        "many addresses will the largest answer hold?",
        ("One", "Two to eight", "More than eight"),
        R53_RULES["multivalue-healthy" if model.policy == "multivalue" else "simple-all-values"],
        judge,
    )
