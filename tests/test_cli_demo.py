"""`studyapp demo`: a simulation run without the app, as text or as the documented JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.cli.main import main

WEIGHTED = """simulator: route53
title: "Two targets \\e[31mred\\e[0m"
record_set:
  policy: weighted
  records:
    - {id: blue, values: [192.0.2.10], weight: 70, health_check: hc-blue}
    - {id: green, values: [192.0.2.20], weight: 30}
health_checks:
  - {id: hc-blue, healthy: false}
clients:
  - {name: alice}
queries:
  - {client: alice, start: 0, every: 61, count: 5}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_default_scenario_prints_trace_outcome_and_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(tmp_path / "db"), "demo", "route53")
    assert code == 0
    assert out.startswith("Weighted 70/30, then the 70 target fails  (route53, seed 0)")
    assert "Outcome:" in out and "queries: 125" in out
    assert "weighted-share: https://docs.aws.amazon.com/Route53/" in out
    assert not (tmp_path / "db").exists()  # a demo never touches the database


def test_bundled_scenario_by_short_name_and_json_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "--db", str(tmp_path / "db"), "demo", "rds-proxy", "no-proxy", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["simulator"] == "rds-proxy"
    assert data["scenario"].endswith("rds-proxy-no-proxy.yaml")
    assert data["summary"]["proxy"] is False
    assert data["summary"]["errors"]["too-many-connections"] > 0
    assert {"time", "kind", "detail", "rule", "url", "data"} <= set(data["trace"][0])


def test_seed_changes_a_random_run_and_is_repeatable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db")
    runs = [
        json.loads(run(capsys, "--db", db, "demo", "route53", "--json", "--seed", s)[1])
        for s in ("1", "1", "2")
    ]
    assert runs[0] == runs[1]
    assert runs[0]["seed"] == 1 and runs[2]["seed"] == 2
    assert runs[0]["results"] != runs[2]["results"]


def test_own_scenario_file_with_control_characters_printed_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(WEIGHTED, encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(tmp_path / "db"), "demo", "route53", str(path))
    assert code == 0
    assert "\x1b" not in out
    assert "Two targets \\x1b[31mred" in out
    assert "answers: 192.0.2.20: 5" in out  # the unhealthy 70-weight record gets nothing


def test_malformed_scenario_names_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(WEIGHTED.replace("weight: 30", "weight: 300"), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "db"), "demo", "route53", str(path))
    assert code == 2
    assert out == ""
    assert f"{path}:7: field 'record_set.records[1].weight'" in err
    assert "outside the allowed range 0..255" in err
    assert "Traceback" not in err


def test_raw_control_character_in_the_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "raw.yaml"
    path.write_text(WEIGHTED.replace("\\e", "\x1b"), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "db"), "demo", "route53", str(path))
    assert code == 2 and out == ""
    assert f"{path}:2: not valid YAML (control character U+001B is not allowed in YAML" in err
    assert "\x1b" not in err and "Traceback" not in err


def test_wrong_simulator_and_unknown_name_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(WEIGHTED, encoding="utf-8")
    db = str(tmp_path / "db")
    code, _, err = run(capsys, "--db", db, "demo", "sqs", str(path))
    assert code == 2 and "field 'simulator': this is a route53 scenario, not sqs" in err
    code, _, err = run(capsys, "--db", db, "demo", "sqs", "no-such-thing")
    assert code == 2
    assert "no-such-thing" in err and "bundled: default, fifo" in err


def test_unknown_simulator_is_refused_by_the_parser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "db"), "demo", "kinesis"])
    assert exc.value.code == 2
    assert "invalid choice: 'kinesis'" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["lambda", "dynamodb"])
def test_lambda_and_dynamodb_json_is_the_documented_shape_and_repeatable_by_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    db = str(tmp_path / "db")
    first = json.loads(run(capsys, "--db", db, "demo", kind, "--json", "--seed", "4")[1])
    again = json.loads(run(capsys, "--db", db, "demo", kind, "--json", "--seed", "4")[1])
    assert first == again and first["seed"] == 4 and first["simulator"] == kind
    keys = {
        "lambda": {"id", "source", "function", "payload", "attempts", "final"},
        "dynamodb": {
            "time",
            "workload",
            "op",
            "requests",
            "units_each",
            "served",
            "throttled",
            "consumed",
        },  # fmt: skip
    }[kind]
    assert all(set(r) == keys for r in first["results"])
    summary = {
        "lambda": {
            "events",
            "invocations",
            "cold_starts",
            "throttles",
            "errors",
            "final",
            "peak_concurrency",
        },  # fmt: skip
        "dynamodb": {
            "requests",
            "served",
            "throttled",
            "consumed_rcu",
            "consumed_wcu",
            "burst_used_rcu",
            "burst_used_wcu",
        },  # fmt: skip
    }[kind]
    assert set(first["summary"]) == summary


def test_lambda_seed_decides_which_invocations_fail_at_random(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "flaky.yaml"
    path.write_text(
        "simulator: lambda\nfunctions: [{name: f, failure_rate: 0.5}]\n"
        "sources: [{type: sync, function: f, count: 40, rate: 10}]\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "db")
    outs = [
        json.loads(run(capsys, "--db", db, "demo", "lambda", str(path), "--json", "--seed", s)[1])
        for s in ("1", "1", "2")
    ]
    assert outs[0] == outs[1] and outs[0]["results"] != outs[2]["results"]


def test_bundled_lambda_and_dynamodb_scenarios_by_short_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db")
    code, out, _ = run(capsys, "--db", db, "demo", "lambda", "scaling")
    assert code == 0 and "scaling-rate: 1401" in out
    code, out, _ = run(capsys, "--db", db, "demo", "dynamodb", "gsi")
    assert code == 0 and "IndexWriteProvisionedThroughputExceeded: 1500" in out
