"""Predict, then run: questions about the scenario at hand, judged from the run itself."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from studyapp.sims.predict import predictions_for, verdict
from studyapp.sims.runner import (
    SCENARIOS,
    SIMULATORS,
    DemoResult,
    Scenario,
    load_scenario,
    make_simulator,
    result_of,
)


def watch(scenario: Scenario, seed: int = 0) -> DemoResult:
    sim = make_simulator(scenario, seed)
    sim.run()
    return result_of(scenario, sim, seed)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_scenario_has_questions_its_run_can_judge(path: Path) -> None:
    scenario = load_scenario(path)
    predictions = predictions_for(scenario)
    assert predictions
    result = watch(scenario)
    for prediction in predictions:
        assert prediction.simulator == scenario.kind
        assert 2 <= len(prediction.options) <= 4
        judgement = prediction.judge(result)
        assert judgement.correct and all(
            0 <= i < len(prediction.options) for i in judgement.correct
        )
        assert judgement.figures
        assert prediction.rule.url.startswith(("https://docs.aws.amazon.com/", "https://repost"))


def test_questions_name_what_this_scenario_holds() -> None:
    route53 = load_scenario(SCENARIOS / "route53-default.yaml")
    stems = " ".join(p.stem for p in predictions_for(route53))
    assert "hc-blue" in stems and "blue" in stems
    assert "both" not in stems  # no question about a situation the scenario never has
    sqs = load_scenario(SCENARIOS / "sqs-default.yaml")
    stems = " ".join(p.stem for p in predictions_for(sqs))
    assert "orders-dlq" in stems and "'order-1'" in stems


def test_the_verdict_comes_from_the_run_given_not_from_a_run_of_its_own() -> None:
    scenario = load_scenario(SCENARIOS / "sqs-default.yaml")
    twice = next(p for p in predictions_for(scenario) if p.id == "sqs-more-than-once")
    before = twice.judge(watch(scenario))
    assert "delivered more than once: 2 of 4" in before.figures
    edited = copy.deepcopy(scenario)
    assert isinstance(edited.model.queues[0].visibility_timeout, int)  # type: ignore[union-attr]
    edited.model.queues[0].visibility_timeout = 60  # type: ignore[union-attr]
    after = twice.judge(watch(edited))  # same question object, another run: another answer
    assert "delivered more than once: 1 of 4" in after.figures
    assert before.correct != after.correct


def test_the_verdict_text_quotes_the_runs_figures_and_the_rule() -> None:
    scenario = load_scenario(SCENARIOS / "rds-proxy-no-proxy.yaml")
    prediction = predictions_for(scenario)[0]
    judgement = prediction.judge(watch(scenario))
    text = verdict(prediction, judgement.correct[0], judgement)
    assert text.startswith("Your prediction held.")
    assert "In the run you just watched: 240 of 300 transactions failed" in text
    wrong = next(i for i in range(len(prediction.options)) if i not in judgement.correct)
    assert verdict(prediction, wrong, judgement).startswith("Your prediction did not hold.")


@pytest.mark.parametrize("kind", SIMULATORS)
def test_each_simulator_asks_about_its_default_scenario(kind: str) -> None:
    scenario = load_scenario(SCENARIOS / f"{kind}-default.yaml")
    assert len(predictions_for(scenario)) >= 2
