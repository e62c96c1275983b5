""" "Predict, then run": questions whose correct answer the simulators compute.

Each builder sets up a small case, runs the simulator, and marks as correct the option
that matches what the simulator did. Nothing here hard-codes an answer.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from .questions_serverless import DYNAMODB_BUILDERS, LAMBDA_BUILDERS
from .rds_proxy import ClientGroup, ProxyConfig, RdsProxySim, RdsScenario
from .rds_proxy_rules import RULES as RDS_RULES
from .route53 import Client, Record, choose
from .route53_rules import RULES as R53_RULES
from .sim_question import Option, SimQuestion
from .sim_question import make_question as _question
from .sqs import QueueConfig, SqsQueue
from .sqs_rules import RULES as SQS_RULES
from .sqs_sim import Consumer, Producer, Send, SqsScenario, SqsSim
from .trace import Tracer

__all__ = ["Option", "SimQuestion", "all_questions", "questions_for"]


# -- Route 53 --------------------------------------------------------------------------
def weighted_unhealthy(seed: int = 0) -> SimQuestion:
    records = [Record("a", ["192.0.2.1"], weight=70), Record("b", ["192.0.2.2"], weight=30)]
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    rule = ""
    for _ in range(1000):
        choice = choose("weighted", records, Client("x"), lambda r: r.id != "a", rng)
        counts.update(r.id for r in choice.records)
        rule = choice.rule
    share_b = counts["b"] / 1000
    answer = "All of them go to B" if share_b == 1 else "About 70% to A, 30% to B"
    return _question(
        "r53-weighted-unhealthy",
        "route53",
        "Two weighted records: A (weight 70) and B (weight 30). A's health check fails. "
        "Where do new DNS answers point?",
        (rule, R53_RULES[rule].url),
        [
            ("All of them go to B", "weights are only shared among healthy records."),
            (
                "About 70% to A, 30% to B",
                "an unhealthy record is skipped while another is healthy.",
            ),
            ("Half to A, half to B", "nothing in weighted routing evens shares out on failure."),
            ("No answer until A recovers", "Route 53 still answers with the healthy record."),
        ],
        lambda text: text == answer,
        f"In 1000 simulated queries B got {share_b:.0%}.",
    )


def failover_both_unhealthy(seed: int = 0) -> SimQuestion:
    records = [
        Record("primary", ["192.0.2.1"], failover="primary", health_check="p"),
        Record("secondary", ["192.0.2.2"], failover="secondary", health_check="s"),
    ]
    choice = choose("failover", records, Client("x"), lambda r: False, random.Random(seed))
    got = choice.records[0].id if choice.records else "nothing"
    texts = {"primary": "The primary record", "secondary": "The secondary record"}
    return _question(
        "r53-failover-both-down",
        "route53",
        "Failover routing: both the primary and the secondary record are unhealthy. "
        "What does Route 53 answer?",
        (choice.rule, R53_RULES[choice.rule].url),
        [
            ("The primary record", "the documented fallback is the primary."),
            ("The secondary record", "the secondary is only used while it is healthy."),
            ("An empty answer", "failover records never answer with nothing."),
            ("Both records", "failover answers one record."),
        ],
        lambda text: text == texts.get(got, "An empty answer"),
        "With both failover records unhealthy Route 53 answers the primary.",
    )


def geolocation_no_default(seed: int = 0) -> SimQuestion:
    records = [
        Record("us", ["192.0.2.1"], location="US"),
        Record("eu", ["192.0.2.2"], location="EU"),
    ]
    client = Client("tokyo", continent="AS", country="JP")
    choice = choose("geolocation", records, client, lambda r: True, random.Random(seed))
    got = "An empty (no-answer) response" if not choice.records else "One of the records"
    return _question(
        "r53-geo-no-default",
        "route53",
        "Geolocation records exist for the United States and for Europe, with no default. "
        "A user in Japan queries. What comes back?",
        (choice.rule, R53_RULES[choice.rule].url),
        [
            ("An empty (no-answer) response", "nothing matches and there is no default."),
            ("One of the records", "geolocation does not guess a nearest location."),
            ("The record with the lowest latency", "that is latency routing."),
            ("NXDOMAIN for the name", "the name exists; only no record fits this location."),
        ],
        lambda text: text == got,
        "Add a default ('*') record to catch locations without their own record.",
    )


# -- SQS -------------------------------------------------------------------------------
def sqs_slow_consumer(seed: int = 0) -> SimQuestion:
    scenario = SqsScenario(
        "q",
        [QueueConfig("jobs", visibility_timeout=30)],
        [Producer("jobs", [Send(0, "job")])],
        [Consumer("a", "jobs", 45, wait_time=20), Consumer("b", "jobs", 45, start=1, wait_time=20)],
        duration=200,
    )
    sim = SqsSim(scenario, seed)
    sim.run()
    outcome = sim.outcomes()[0]
    count = len(outcome["deliveries"])  # type: ignore[arg-type]
    loop = "Again and again: no delete ever takes effect"
    answer = loop if count > 3 and outcome["final"] == "in-queue" else str(count)
    return _question(
        "sqs-slow-consumer",
        "sqs",
        "Visibility timeout 30 s, two consumers, each needs 45 s per message and deletes it "
        "when done. One message is sent. How many times is it delivered in 200 s?",
        ("visibility-expired", SQS_RULES["visibility-expired"].url),
        [
            ("1", "the message reappears at 30 s, before the first consumer deletes it."),
            (
                "2",
                "by the time the first delete arrives the message was received again, so "
                "that delete carries an out-of-date receipt handle and removes nothing.",
            ),
            (loop, "a delete with the latest receipt handle would end the loop."),
            ("It is lost", "SQS keeps an undeleted message until its retention period ends."),
        ],
        lambda text: text == answer,
        f"The simulator delivered it {count} times: each receive hides it for 30 s, each "
        "consumer needs 45 s, and a delete only works with the latest receipt handle. "
        "Raise the visibility timeout above the processing time (or extend it).",
    )


def sqs_redrive_count(seed: int = 0) -> SimQuestion:
    dlq = SqsQueue(QueueConfig("dlq"), Tracer(SQS_RULES), random.Random(seed))
    queue = SqsQueue(
        QueueConfig("q", visibility_timeout=10, dlq="dlq", max_receive_count=3),
        Tracer(SQS_RULES),
        random.Random(seed),
        dlq,
    )
    queue.send(0, "poison")
    deliveries = 0
    for step in range(10):
        deliveries += len(queue.receive(step * 10.0, "c", long_poll=True))
    return _question(
        "sqs-redrive",
        "sqs",
        "A redrive policy has maxReceiveCount 3. Every consumer fails on one message and "
        "never deletes it. How many times is it delivered before it lands in the DLQ?",
        ("redrive-dlq", SQS_RULES["redrive-dlq"].url),
        [
            ("2", "the count must exceed 3, not reach it."),
            ("3", "the move happens when a fourth receive would be needed."),
            ("4", "the fourth receive moves the message instead of delivering it."),
            ("It retries forever", "the redrive policy stops that."),
        ],
        lambda text: text == str(deliveries),
        f"The simulator delivered it {deliveries} times, then moved it.",
    )


def sqs_change_visibility(seed: int = 0) -> SimQuestion:
    queue = SqsQueue(
        QueueConfig("q", visibility_timeout=60), Tracer(SQS_RULES), random.Random(seed)
    )
    queue.send(0, "m")
    [message] = queue.receive(0, "c", long_poll=True)
    queue.change_visibility(15, message, message.receipt, 10)
    when = next(t for t in range(0, 120) if queue.receive(float(t), "d", long_poll=True))
    return _question(
        "sqs-change-visibility",
        "sqs",
        "Queue visibility timeout 60 s. 15 s after receiving a message the consumer calls "
        "ChangeMessageVisibility with 10 s. When can another consumer receive it?",
        ("change-visibility", SQS_RULES["change-visibility"].url),
        [
            ("At 25 s", "the new timeout counts from the call."),
            ("At 70 s", "the value replaces the timeout, it is not added to it."),
            ("At 10 s", "the new timeout counts from the call, not the receive."),
            ("At 60 s", "the change takes effect immediately."),
        ],
        lambda text: text == f"At {when} s",
        f"The simulator showed it again at {when} s.",
    )


# -- RDS Proxy -------------------------------------------------------------------------
def _burst(proxy: ProxyConfig) -> RdsProxySim:
    scenario = RdsScenario(
        "q", "mysql", 20, proxy, [ClientGroup("lambda", 100, transaction_time=1)]
    )
    sim = RdsProxySim(scenario)
    sim.run()
    return sim


def rds_no_proxy_errors(seed: int = 0) -> SimQuestion:
    sim = _burst(ProxyConfig(enabled=False))
    refused = sum(1 for r in sim.requests if r["error"] == "too-many-connections")
    return _question(
        "rds-no-proxy",
        "rds-proxy",
        "100 Lambda invocations start at once, each opening its own connection to a MySQL "
        "database with max_connections 20 (no proxy). How many get an error?",
        ("db-max-connections", RDS_RULES["db-max-connections"].url),
        [
            ("0", "the database refuses connections past its limit."),
            ("20", "20 connections succeed; the rest fail."),
            ("80", "everything past the first 20 is refused."),
            ("100", "the first 20 connect."),
        ],
        lambda text: text == str(refused),
        f"The simulator refused {refused} with 'Too many connections'.",
    )


def rds_proxy_queue(seed: int = 0) -> SimQuestion:
    sim = _burst(ProxyConfig())
    errors = sum(1 for r in sim.requests if r["outcome"] == "error")
    waited = any(float(str(r["waited"])) > 0 for r in sim.requests)
    answer = "None fail; some wait for a pooled connection" if errors == 0 and waited else "Other"
    return _question(
        "rds-proxy-queue",
        "rds-proxy",
        "The same 100-invocation burst goes through RDS Proxy (defaults: 100% of "
        "max_connections 20, borrow timeout 120 s). Each transaction takes 1 s. What happens?",
        ("borrow-queue", RDS_RULES["borrow-queue"].url),
        [
            ("None fail; some wait for a pooled connection", "requests queue up to the timeout."),
            ("80 fail with Too many connections", "the proxy never opens more than its pool."),
            ("The proxy opens 100 database connections", "the pool is capped at 20."),
            ("All fail with ERROR 9501", "the waits are far below 120 s."),
        ],
        lambda text: text == answer,
        f"The simulator served all with {errors} errors; the longest wait was a few seconds.",
    )


def rds_pinning(seed: int = 0) -> SimQuestion:
    scenario = RdsScenario(
        "q",
        "mysql",
        10,
        ProxyConfig(connection_borrow_timeout=3),
        [
            ClientGroup(
                "report",
                10,
                transactions=10,
                transaction_time=0.5,
                think_time=1,
                statements=["set_variable"],
            ),
            ClientGroup("api", 5, start=1, transaction_time=0.5),
        ],
    )
    sim = RdsProxySim(scenario)
    sim.run()
    api_errors = {str(r["error"]) for r in sim.requests if str(r["client"]).startswith("api")}
    answer = "They time out (ERROR 9501)" if api_errors == {"borrow-timeout"} else "Other"
    return _question(
        "rds-pinning",
        "rds-proxy",
        "Ten sessions each run SET @x = ... and then keep working; the pool holds 10 "
        "connections and the borrow timeout is 3 s. Five other clients run one SELECT each. "
        "What happens to them?",
        ("pinning", RDS_RULES["pinning"].url),
        [
            ("They time out (ERROR 9501)", "pinned connections are never returned to the pool."),
            ("They reuse a connection between the others' transactions", "pinning stops that."),
            ("They get Too many connections", "the proxy queues instead of refusing."),
            ("The proxy opens extra connections", "the pool is at its maximum."),
        ],
        lambda text: text == answer,
        "A variable SET pins the session to its DB connection until it disconnects.",
    )


BUILDERS: dict[str, list[Callable[[int], SimQuestion]]] = {
    "route53": [weighted_unhealthy, failover_both_unhealthy, geolocation_no_default],
    "sqs": [sqs_slow_consumer, sqs_redrive_count, sqs_change_visibility],
    "rds-proxy": [rds_no_proxy_errors, rds_proxy_queue, rds_pinning],
    "lambda": LAMBDA_BUILDERS,
    "dynamodb": DYNAMODB_BUILDERS,
}


def questions_for(simulator: str, seed: int = 0) -> list[SimQuestion]:
    return [build(seed) for build in BUILDERS[simulator]]


def all_questions(seed: int = 0) -> list[SimQuestion]:
    return [q for kind in BUILDERS for q in questions_for(kind, seed)]
