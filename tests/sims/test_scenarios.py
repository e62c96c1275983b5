"""Scenario files: the bundled ones load and run; broken ones name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.sims.runner import SCENARIOS, SIMULATORS, list_scenarios, load_scenario, run_demo
from studyapp.sims.scenario import MAX_BYTES, ScenarioError

AWS_PAGES = ("https://docs.aws.amazon.com/", "https://repost.aws/knowledge-center/")


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ROUTE53 = """\
simulator: route53
record_set:
  policy: weighted
  records:
    - {id: a, values: [192.0.2.1], weight: 70}
    - {id: b, values: [192.0.2.2], weight: 30}
clients:
  - {name: c}
queries:
  - {client: c}
"""


@pytest.mark.parametrize("kind", SIMULATORS)
def test_each_simulator_has_a_default_and_at_least_three_scenarios(kind: str) -> None:
    paths = list_scenarios(kind)
    assert len(paths) >= 3
    assert SCENARIOS / f"{kind}-default.yaml" in paths


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_scenario_loads_and_runs(path: Path) -> None:
    kind = next(k for k in SIMULATORS if path.name.startswith(k + "-"))
    result = run_demo(kind, path, seed=3)
    assert result.results and result.trace
    assert all(event.url.startswith(AWS_PAGES) for event in result.trace if event.rule)


def test_valid_minimal_scenario_loads(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, ROUTE53))
    assert scenario.kind == "route53"


def test_out_of_range_field_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, ROUTE53.replace("weight: 30", "weight: 300"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert message.startswith(f"{path}:6:")
    assert "record_set.records[1].weight" in message and "0..255" in message


def test_unknown_field_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, ROUTE53.replace("  - {name: c}", "  - {name: c, colour: red}"))
    with pytest.raises(ScenarioError, match=r"bad\.yaml:8: field 'clients\[0\]\.colour': unknown"):
        load_scenario(path)


def test_missing_required_field_names_the_mapping_line(tmp_path: Path) -> None:
    path = write(tmp_path, ROUTE53.replace("  policy: weighted\n", ""))
    with pytest.raises(ScenarioError, match=r"bad\.yaml:2: field 'record_set\.policy': required"):
        load_scenario(path)


def test_wrong_type_and_bad_choice_are_reported(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r":3: field 'record_set.policy': 'random' is not one"):
        load_scenario(write(tmp_path, ROUTE53.replace("policy: weighted", "policy: random")))
    sqs = """\
simulator: sqs
queues:
  - {name: q, visibility_timeout: "long"}
producers:
  - {queue: q, count: 1}
"""
    with pytest.raises(ScenarioError, match=r":3: field 'queues\[0\]\.visibility_timeout'"):
        load_scenario(write(tmp_path, sqs))


def test_sqs_limits_are_enforced(tmp_path: Path) -> None:
    base = "simulator: sqs\nqueues:\n  - {name: q, %s}\nproducers:\n  - {queue: q, count: 1}\n"
    for field, value in [
        ("visibility_timeout", 43_201),
        ("retention", 59),
        ("retention", 1_209_601),
        ("delay_seconds", 901),
        ("receive_wait", 21),
    ]:
        with pytest.raises(ScenarioError, match=rf":3: field 'queues\[0\]\.{field}'"):
            load_scenario(write(tmp_path, base % f"{field}: {value}"))


def test_invalid_yaml_reports_its_line(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"bad\.yaml:3: not valid YAML"):
        load_scenario(write(tmp_path, "simulator: sqs\nqueues: x\n  bad: 1\n"))


def test_yaml_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 9):
        prev, cur = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(
        ScenarioError, match=r":1: not valid YAML \(anchors \(&name\) are not allowed"
    ):
        load_scenario(write(tmp_path, "\n".join(lines) + "\n"))


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "# pad\n" * (MAX_BYTES // 6 + 10))
    with pytest.raises(ScenarioError, match="limit"):
        load_scenario(path)


def test_scenario_of_another_simulator_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="route53 scenario, not sqs"):
        run_demo("sqs", write(tmp_path, ROUTE53))


def test_unknown_simulator_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown simulator"):
        run_demo("kinesis")


def test_control_characters_in_a_scenario_are_a_clear_error(tmp_path: Path) -> None:
    from studyapp.sims.scenario import ScenarioError, load_document

    bad = tmp_path / "bad.yaml"
    bad.write_text("title: evil \x1b[31m\nrecords: []\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="not valid YAML") as info:
        load_document(bad)
    assert str(bad) in str(info.value)


def test_every_rule_is_documented_with_its_source() -> None:
    """docs/demos.md lists every rule id the simulators cite, and the page it came from."""
    from studyapp.sims import (
        dynamodb_rules,
        lambda_rules,
        rds_proxy_rules,
        route53_rules,
        sqs_rules,
    )

    docs = (Path(__file__).resolve().parents[2] / "docs" / "demos.md").read_text(encoding="utf-8")
    for module in (route53_rules, sqs_rules, rds_proxy_rules, lambda_rules, dynamodb_rules):
        for rule in module.RULES.values():
            assert f"`{rule.id}`" in docs, rule.id
            assert rule.url.startswith(AWS_PAGES), rule.id
            assert rule.url.split("#")[0] in docs, (rule.id, rule.url)


@pytest.mark.parametrize("field", ["duration", "visibility_timeout", "every"])
def test_a_400_digit_number_is_a_file_line_error_not_a_crash(tmp_path: Path, field: str) -> None:
    huge = "9" * 400
    text = (
        "simulator: sqs\nduration: 60\n"
        "queues:\n  - name: q\n    visibility_timeout: 30\n"
        "producers:\n  - queue: q\n    count: 1\n    every: 1\n"
    )
    text = text.replace(f"{field}: ", f"{field}: {huge}  # ", 1)
    with pytest.raises(ScenarioError, match=r"bad\.yaml:\d+: field '.*" + field + ".*too large"):
        load_scenario(write(tmp_path, text))
