""" "Predict, then run": questions whose correct answer the simulators compute.

Each question's text is content (`content/sim_questions.yaml`, read by `question_texts.py`);
each builder here sets up a small case, runs the simulator and reports which option the run
makes right and the figures its verdict quotes. Nothing here hard-codes an answer.
"""

from __future__ import annotations

import random
from collections import Counter

from . import questions_serverless  # noqa: F401 - registers the Lambda and DynamoDB builders
from .question_texts import QuestionTexts, load_question_texts
from .rds_proxy import ClientGroup, ProxyConfig, RdsProxySim, RdsScenario
from .route53 import Client, Record, choose
from .sim_question import BUILDERS, Option, Outcome, SimQuestion, build, builds
from .sqs import QueueConfig, SqsQueue
from .sqs_rules import RULES as SQS_RULES
from .sqs_sim import Consumer, Producer, Send, SqsScenario, SqsSim
from .trace import Tracer

__all__ = [
    "BUILDERS",
    "Option",
    "QuestionTexts",
    "SimQuestion",
    "all_questions",
    "load_question_texts",
    "questions_for",
]


# -- Route 53 --------------------------------------------------------------------------
@builds("r53-weighted-unhealthy")
def weighted_unhealthy(seed: int) -> Outcome:
    records = [Record("a", ["192.0.2.1"], weight=70), Record("b", ["192.0.2.2"], weight=30)]
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    rule = ""
    queries = 1000
    for _ in range(queries):
        choice = choose("weighted", records, Client("x"), lambda r: r.id != "a", rng)
        counts.update(r.id for r in choice.records)
        rule = choice.rule
    share_b = counts["b"] / queries
    answer = "all-to-b" if share_b == 1 else "by-weight"
    return Outcome(answer, {"queries": queries, "share_b": share_b}, rule=rule)


@builds("r53-failover-both-down")
def failover_both_unhealthy(seed: int) -> Outcome:
    records = [
        Record("primary", ["192.0.2.1"], failover="primary", health_check="p"),
        Record("secondary", ["192.0.2.2"], failover="secondary", health_check="s"),
    ]
    choice = choose("failover", records, Client("x"), lambda r: False, random.Random(seed))
    answered = [r.id for r in choice.records]
    answer = "empty" if not answered else "both" if len(answered) > 1 else answered[0]
    return Outcome(answer, rule=choice.rule)


@builds("r53-geo-no-default")
def geolocation_no_default(seed: int) -> Outcome:
    records = [
        Record("us", ["192.0.2.1"], location="US"),
        Record("eu", ["192.0.2.2"], location="EU"),
    ]
    client = Client("tokyo", continent="AS", country="JP")
    choice = choose("geolocation", records, client, lambda r: True, random.Random(seed))
    return Outcome("one-record" if choice.records else "empty", rule=choice.rule)


# -- SQS -------------------------------------------------------------------------------
@builds("sqs-slow-consumer")
def sqs_slow_consumer(seed: int) -> Outcome:
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
    answer = "loop" if count > 3 and outcome["final"] == "in-queue" else str(count)
    return Outcome(answer, {"count": count})


@builds("sqs-redrive")
def sqs_redrive_count(seed: int) -> Outcome:
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
    return Outcome(str(deliveries), {"deliveries": deliveries})


@builds("sqs-change-visibility")
def sqs_change_visibility(seed: int) -> Outcome:
    queue = SqsQueue(
        QueueConfig("q", visibility_timeout=60), Tracer(SQS_RULES), random.Random(seed)
    )
    queue.send(0, "m")
    [message] = queue.receive(0, "c", long_poll=True)
    queue.change_visibility(15, message, message.receipt, 10)
    when = next(t for t in range(0, 120) if queue.receive(float(t), "d", long_poll=True))
    return Outcome(str(when), {"when": when})


# -- RDS Proxy -------------------------------------------------------------------------
def _burst(proxy: ProxyConfig) -> RdsProxySim:
    scenario = RdsScenario(
        "q", "mysql", 20, proxy, [ClientGroup("lambda", 100, transaction_time=1)]
    )
    sim = RdsProxySim(scenario)
    sim.run()
    return sim


@builds("rds-no-proxy")
def rds_no_proxy_errors(seed: int) -> Outcome:
    sim = _burst(ProxyConfig(enabled=False))
    refused = sum(1 for r in sim.requests if r["error"] == "too-many-connections")
    return Outcome(str(refused), {"refused": refused})


@builds("rds-proxy-queue")
def rds_proxy_queue(seed: int) -> Outcome:
    sim = _burst(ProxyConfig())
    errors = sum(1 for r in sim.requests if r["outcome"] == "error")
    waited = any(float(str(r["waited"])) > 0 for r in sim.requests)
    return Outcome("queued" if errors == 0 and waited else "other", {"errors": errors})


@builds("rds-pinning")
def rds_pinning(seed: int) -> Outcome:
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
    return Outcome(api_errors.pop() if len(api_errors) == 1 else "mixed")


def questions_for(texts: QuestionTexts, simulator: str, seed: int = 0) -> list[SimQuestion]:
    """The questions about one simulator, in the content's order, each built from its run."""
    return [build(text, seed) for text in texts.questions if text.simulator == simulator]


def all_questions(texts: QuestionTexts, seed: int = 0) -> list[SimQuestion]:
    return [build(text, seed) for text in texts.questions]
