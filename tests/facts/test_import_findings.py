"""`studyapp import` reports the fact check's findings: file, line, the note's words, the
documented value and its link, in the text summary and as `fact_findings` in --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.cli.main import main

NOTE = """# Amazon SQS

## Message size

- Up to 256 KB of text in any format

## Visibility timeout

- Default: 30 seconds
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_import_json_lists_each_finding_with_its_file_line_words_value_and_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(NOTE, encoding="utf-8")
    data = json.loads(_run(capsys, "--db", str(tmp_path / "db"), "import", "--json", str(note)))
    assert data["totals"]["fact_findings"] == 1
    (finding,) = data["fact_findings"]
    assert finding["path"] == str(note) and finding["line"] == 5
    assert finding["quote"] == "Message size: Up to 256 KB of text in any format"
    assert finding["claimed"] == "256 KB" and finding["claimed_kind"] == "maximum"
    assert finding["thing"] == "Amazon SQS" and finding["fact"] == "sqs.message-size"
    assert "1 MiB" in finding["documented"] and finding["outdated"] is True
    assert finding["link"].startswith("https://docs.aws.amazon.com/")
    assert finding["message"].startswith("outdated: the note says 256 KB")


def test_import_text_prints_findings_under_their_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(NOTE, encoding="utf-8")
    out = _run(capsys, "--db", str(tmp_path / "db"), "import", str(note))
    assert f"  fact check: {note}:5: Message size: Up to 256 KB of text in any format" in out
    assert "    outdated: the note says 256 KB; AWS documents Amazon SQS" in out
    assert out.rstrip().endswith("; 1 fact-check findings")


def test_an_unchanged_file_is_not_checked_again_and_a_clean_one_reports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(NOTE, encoding="utf-8")
    db = str(tmp_path / "db")
    _run(capsys, "--db", db, "import", str(note))
    again = json.loads(_run(capsys, "--db", db, "import", "--json", str(note)))
    assert again["files"][0]["status"] == "unchanged" and again["fact_findings"] == []
    clean = tmp_path / "clean.md"
    clean.write_text("# SQS\n\n- Visibility timeout default: 30 seconds\n", encoding="utf-8")
    data = json.loads(_run(capsys, "--db", db, "import", "--json", str(clean)))
    assert data["fact_findings"] == [] and data["totals"]["fact_findings"] == 0


REPEATED = """# Notes

## SQS

### Limits

- Message size: up to 256 KB

### Recap

- Message size: up to 256 KB
"""


def test_a_claim_repeated_in_a_later_topic_is_one_card_but_flagged_at_both_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(REPEATED, encoding="utf-8")
    data = json.loads(_run(capsys, "--db", str(tmp_path / "db"), "import", "--json", str(note)))
    assert [(f["line"], f["fact"]) for f in data["fact_findings"]] == [
        (7, "sqs.message-size"),
        (11, "sqs.message-size"),
    ]
    assert data["totals"]["cards"] == 1
