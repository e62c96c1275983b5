"""The runner's public API: JSON shapes, text output, stepping, questions."""

from __future__ import annotations

import json

import pytest

from studyapp.sims.questions import all_questions, load_question_texts, questions_for
from studyapp.sims.runner import SIMULATORS, open_demo, run_demo

TOP = {"simulator", "title", "description", "scenario", "seed", "summary", "results", "trace"}
TRACE = {"time", "kind", "detail", "rule", "url", "data"}


@pytest.mark.parametrize("kind", SIMULATORS)
def test_json_shape_is_stable_and_serialisable(kind: str) -> None:
    data = run_demo(kind, seed=1).to_json()
    assert set(data) == TOP and data["simulator"] == kind
    assert all(set(event) == TRACE for event in data["trace"])  # type: ignore[union-attr]
    json.dumps(data)


def test_route53_json_gives_each_query_its_answer() -> None:
    data = run_demo("route53").to_json()
    results = data["results"]
    assert isinstance(results, list)
    keys = {"time", "client", "resolver", "from_cache", "records", "values", "rule"}
    assert all(set(r) == keys for r in results)
    assert {v for r in results for v in r["values"]} == {"192.0.2.10", "192.0.2.20"}


def test_route53_default_scenario_moves_all_answers_off_the_failed_record() -> None:
    result = run_demo("route53")
    down = next(e.time for e in result.trace if e.kind == "health")
    late = [r for r in result.results if float(r["time"]) > down + 30]  # type: ignore[arg-type]
    assert late and all(r["values"] == ["192.0.2.20"] for r in late)


def test_sqs_json_gives_each_message_its_deliveries_and_end() -> None:
    data = run_demo("sqs").to_json()
    results = data["results"]
    assert isinstance(results, list)
    for entry in results:
        assert set(entry) == {"id", "body", "group", "deliveries", "final", "queue"}
        assert all(set(d) == {"consumer", "time", "receive_count"} for d in entry["deliveries"])
    finals = {r["body"]: r["final"] for r in results}
    assert finals["poison-order"] == "dlq"
    assert finals["order-1"] == "deleted"


def test_rds_proxy_json_gives_each_request_its_outcome() -> None:
    data = run_demo("rds-proxy").to_json()
    results = data["results"]
    assert isinstance(results, list)
    keys = {"client", "request", "requested_at", "outcome", "waited", "error", "message", "pinned"}
    assert all(set(r) == keys for r in results)
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert summary["errors"] == {} and summary["max_wait_s"] > 0


def test_text_output_has_trace_outcome_and_rule_links() -> None:
    text = run_demo("rds-proxy").to_text()
    assert "Outcome:" in text and "Rules applied" in text
    assert "https://docs.aws.amazon.com/AmazonRDS/" in text


def test_step_reset_and_run_give_the_same_trace() -> None:
    _, sim = open_demo("sqs", seed=5)
    first = sim.step()
    assert first and not sim.done
    sim.run()
    full = list(sim.trace)
    sim.reset()
    assert sim.trace == []
    stepped = []
    while not sim.done:
        stepped.extend(sim.step())
    assert stepped == full


def test_different_seeds_can_change_random_choices_same_seed_never_does() -> None:
    a = run_demo("route53", seed=1).to_json()
    assert a == run_demo("route53", seed=1).to_json()
    assert any(
        a["results"] != run_demo("route53", seed=s).to_json()["results"] for s in range(2, 6)
    )


@pytest.mark.parametrize("kind", SIMULATORS)
def test_each_simulator_has_three_predict_then_run_questions(kind: str) -> None:
    questions = questions_for(load_question_texts(), kind)
    assert len(questions) >= 3
    for question in questions:
        assert len(question.correct) == 1
        assert {o.id for o in question.options} >= set(question.correct)
        assert all(o.explanation for o in question.options)
        assert question.reference.startswith("https://docs.aws.amazon.com/")


def test_question_answers_match_the_documented_outcomes() -> None:
    picked = {
        q.id: next(o.text for o in q.options if o.id in q.correct)
        for q in all_questions(load_question_texts())
    }
    assert picked["r53-weighted-unhealthy"] == "All of them go to B"
    assert picked["r53-failover-both-down"] == "The primary record"
    assert picked["r53-geo-no-default"] == "An empty (no-answer) response"
    assert picked["sqs-redrive"] == "3"
    assert picked["sqs-change-visibility"] == "At 25 s"
    assert picked["rds-no-proxy"] == "80"
    assert picked["rds-pinning"] == "They time out (ERROR 9501)"
