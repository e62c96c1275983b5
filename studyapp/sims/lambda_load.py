"""Reading a Lambda scenario: the account, the functions and their event sources.

Refused as Lambda refuses them: reservations that leave fewer than 100 unreserved,
provisioned concurrency above a function's reserved concurrency, retry attempts above 2,
a maximum event age outside 60 s to 6 h, an SQS maximum concurrency outside 2 to 1,000.
"""

from __future__ import annotations

from .lambda_model import LambdaFunction
from .lambda_rules import ACCOUNT_CONCURRENCY, ASYNC_MAX_AGE, SQS_MAX_BATCHES, UNRESERVED_MINIMUM
from .lambda_sim import SOURCE_KINDS, LambdaScenario, Source
from .scenario import Section


def _function(item: Section, account: int) -> LambdaFunction:
    fn = LambdaFunction(
        name=item.get_str("name"),
        duration=item.get_num("duration", 0.2, lo=0.001, hi=900),
        init_duration=item.get_num("init_duration", 0.5, lo=0, hi=10),
        reserved=item.get_int("reserved_concurrency", None, lo=0, hi=account),
        provisioned=item.get_int("provisioned_concurrency", 0, lo=0, hi=account),
        failure_rate=item.get_num("failure_rate", 0.0, lo=0, hi=1),
        fail_payloads=[str(p) for p in item.get_list("fail_payloads", [])],
    )
    errors = item.get_section("async", None)
    if errors is not None:
        fn.max_retry_attempts = errors.get_int("maximum_retry_attempts", 2, lo=0, hi=2)
        fn.max_event_age = errors.get_int("maximum_event_age", ASYNC_MAX_AGE, lo=60, hi=21_600)
        fn.on_failure = errors.get_str("on_failure", None)
        errors.done()
    if fn.reserved is not None and fn.provisioned > fn.reserved:
        raise item.fail(
            "provisioned_concurrency",
            f"{fn.provisioned} is above the function's reserved concurrency ({fn.reserved})",
        )
    item.done()
    return fn


def _source(item: Section, functions: set[str]) -> Source:
    kind = item.get_str("type", choices=SOURCE_KINDS)
    source = Source(kind=kind, function=item.get_str("function"))
    if source.function not in functions:
        raise item.fail("function", f"no function named '{source.function}'")
    source.count = item.get_int("count", 10, lo=1, hi=50_000)
    rate = item.get_num("rate", None, lo=0.001, hi=100_000)
    source.every = 1 / rate if rate is not None else item.get_num("every", 0.0, lo=0)
    source.start = item.get_num("start", 0.0, lo=0)
    source.payload = item.get_str("payload", f"{kind}-{{n}}")
    if kind == "sqs":
        source.batch_size = item.get_int("batch_size", 10, lo=1, hi=10_000)
        source.maximum_concurrency = item.get_int(
            "maximum_concurrency", None, lo=2, hi=SQS_MAX_BATCHES
        )
        source.visibility_timeout = item.get_int("visibility_timeout", 30, lo=0, hi=43_200)
        redrive = item.get_section("redrive", None)
        if redrive is not None:
            source.dlq = redrive.get_str("dlq")
            source.max_receive_count = redrive.get_int("max_receive_count", 10, lo=1, hi=1000)
            redrive.done()
    if kind == "stream":
        source.batch_size = item.get_int("batch_size", 100, lo=1, hi=10_000)
        source.shards = item.get_int("shards", 1, lo=1, hi=500)
        source.parallelization = item.get_int("parallelization_factor", 1, lo=1, hi=10)
        source.keys = item.get_int("keys", 100, lo=1, hi=1_000_000)
        source.max_retry_attempts = item.get_int("maximum_retry_attempts", -1, lo=-1, hi=10_000)
        source.max_record_age = item.get_int("maximum_record_age", -1, lo=-1, hi=604_800)
        if 0 <= source.max_record_age < 60:
            raise item.fail("maximum_record_age", "-1 (no limit) or 60..604800 seconds")
        source.bisect = item.get_bool("bisect_batch_on_function_error", False)
        source.on_failure = item.get_str("on_failure", None)
    item.done()
    return source


def load_lambda(doc: Section, name: str) -> LambdaScenario:
    duration = doc.get_num("duration", 300.0, lo=1, hi=7 * 86_400)
    account = ACCOUNT_CONCURRENCY
    section = doc.get_section("account", None)
    if section is not None:
        account = section.get_int("concurrency_limit", ACCOUNT_CONCURRENCY, lo=10, hi=1_000_000)
        section.done()
    items = doc.get_sections("functions")
    functions = [_function(item, account) for item in items]
    names = [f.name for f in functions]
    if len(set(names)) != len(names):
        raise doc.fail("functions", "function names must be unique")
    claimed = sum(f.reserved for f in functions if f.reserved is not None)
    claimed += sum(f.provisioned for f in functions if f.reserved is None)
    if account - claimed < UNRESERVED_MINIMUM:
        raise doc.fail(
            "functions",
            f"reserved and provisioned concurrency add up to {claimed}, leaving "
            f"{account - claimed} unreserved; at least {UNRESERVED_MINIMUM} must stay "
            "unreserved",
        )
    sources = [_source(item, set(names)) for item in doc.get_sections("sources")]
    return LambdaScenario(name, functions, sources, account, duration)
