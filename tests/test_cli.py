"""`studyapp import` and `studyapp cards`: the summary a learner reads and the JSON tools read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.cli.main import main

NOTE = """# SQS

## Visibility timeout

What is the default visibility timeout?::30 seconds
Standard queue:::A queue with at-least-once delivery and best-effort ordering
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_import_prints_a_summary_per_file_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(NOTE, encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    code, out = run(capsys, "--db", db, "import", str(note))
    assert code == 0
    assert f"{note}: imported: 2 topics, 3 cards (basic 1, reversed 2)" in out
    assert "3 new, 0 updated, 0 retired, 0 unchanged" in out

    code, out = run(capsys, "--db", db, "import", "--json", str(tmp_path))
    data = json.loads(out)
    [f] = data["files"]
    assert f["status"] == "unchanged" and f["unchanged"] == 3 and f["cards"] == 3
    assert f["cards_by_kind"] == {"basic": 1, "reversed": 2}
    assert data["totals"]["files"] == 1 and data["totals"]["warnings"] == 0


def test_db_can_come_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(NOTE, encoding="utf-8")
    monkeypatch.setenv("STUDYAPP_DB", str(tmp_path / "env.sqlite3"))
    assert run(capsys, "import", str(note))[0] == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_cards_lists_topic_kind_front_back_and_source_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "sqs.md"
    note.write_text(NOTE + "\n# SNS\n\nWhat does SNS fan out to?::Subscribers\n", encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    run(capsys, "--db", db, "import", str(note))
    code, out = run(capsys, "--db", db, "cards", "--json", "--topic", "visibility")
    data = json.loads(out)
    assert data["count"] == 3
    first = data["cards"][0]
    assert first["topic"] == "SQS > Visibility timeout"
    assert (first["kind"], first["front"], first["back"]) == (
        "basic",
        "What is the default visibility timeout?",
        "30 seconds",
    )
    assert first["source"] == str(note) and first["line"] == 5
    code, out = run(capsys, "--db", db, "cards", "--topic", "SNS")
    assert "Q: What does SNS fan out to?" in out and "A: Subscribers" in out
    assert "1 cards in topics matching 'SNS'" in out


def test_terminal_escapes_in_notes_are_printed_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "evil.md"
    note.write_text("# T\n\nRed \x1b[31mtext\x1b[0m?::[bold]yes[/bold]\n", encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    run(capsys, "--db", db, "import", str(note))
    _, out = run(capsys, "--db", db, "cards")
    assert "\x1b" not in out
    assert "\\x1b[31m" in out and "[bold]yes[/bold]" in out


def test_damaged_database_gives_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"\x00garbage" * 500)
    code = main(["--db", str(db), "cards"])
    err = capsys.readouterr().err
    assert code == 2 and "damaged" in err and "Traceback" not in err
