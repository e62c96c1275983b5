"""`studyapp cards search` and the browser's actions from the command line, as JSON reads them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studyapp.cli.main import main

NOTE = """# Messaging
<!-- domains: saa-c03:2.1 -->

## Queues

What is the default SQS visibility timeout?::30 seconds
How long can SQS keep a message?::14 days

# Storage
<!-- domains: saa-c03:3 -->

Largest single S3 object?::5 TB
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def ids(data: dict[str, Any]) -> list[int]:
    return [c["id"] for c in data["cards"]]


def test_search_by_text_topic_domain_and_state(
    notes_db: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(notes_db(NOTE))
    code, data = run(capsys, "--db", db, "cards", "search", "sqs", "--json")
    assert code == 0 and data["count"] == 2 and data["query"] == "sqs"
    first = data["cards"][0]
    assert first["front"] == "What is the default SQS visibility timeout?"
    assert first["state"] == "new" and first["due"] is None and first["reviews"] == 0
    assert first["topic"] == "Messaging > Queues" and first["line"] == 6
    _, data = run(capsys, "--db", db, "cards", "search", "topic:storage", "--json")
    assert [c["front"] for c in data["cards"]] == ["Largest single S3 object?"]
    _, data = run(capsys, "--db", db, "cards", "search", "domain:saa-c03:2", "--json")
    assert data["count"] == 2
    _, data = run(capsys, "--db", db, "cards", "search", "domain:saa-c03:2.2", "--json")
    assert data["count"] == 0
    _, data = run(capsys, "--db", db, "cards", "search", "is:new", "14 days", "--json")
    assert [c["back"] for c in data["cards"]] == ["14 days"]


def test_suspend_unsuspend_bury_unbury_forget_by_id(
    notes_db: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(notes_db(NOTE))
    _, data = run(capsys, "--db", db, "cards", "search", "sqs", "--json")
    sqs = ids(data)
    code, done = run(capsys, "--db", db, "cards", "suspend", *map(str, sqs), "--json")
    assert code == 0 and done == {"action": "suspend", "ids": sqs, "changed": 2, "unknown": []}
    _, data = run(capsys, "--db", db, "cards", "search", "is:suspended", "--json")
    assert ids(data) == sqs
    _, done = run(capsys, "--db", db, "cards", "unsuspend", str(sqs[0]), "--json")
    assert done["changed"] == 1
    _, data = run(capsys, "--db", db, "cards", "search", "is:suspended", "--json")
    assert ids(data) == sqs[1:]
    _, done = run(capsys, "--db", db, "cards", "bury", str(sqs[0]), "--json")
    assert done["changed"] == 1
    _, data = run(capsys, "--db", db, "cards", "search", "is:buried", "--json")
    assert ids(data) == sqs[:1] and data["cards"][0]["buried"] is True
    _, done = run(capsys, "--db", db, "cards", "unbury", str(sqs[0]), "--json")
    assert done["changed"] == 1
    _, data = run(capsys, "--db", db, "cards", "search", "is:buried", "--json")
    assert data["count"] == 0
    # a new card has nothing to forget
    _, done = run(capsys, "--db", db, "cards", "forget", str(sqs[0]), "--json")
    assert done["changed"] == 0


def test_unknown_ids_are_named_and_fail(
    notes_db: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(notes_db(NOTE))
    code = main(["--db", db, "cards", "suspend", "1", "999"])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 of 1 cards suspended" in out and "no card 999" in out


def test_a_bad_search_says_what_is_allowed(
    notes_db: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(notes_db(NOTE))
    code = main(["--db", db, "cards", "search", "is:later"])
    out = capsys.readouterr().out
    assert code == 2
    assert "is:later: the states are new, learning, review, due, suspended, buried, leech" in out


def test_the_plain_cards_listing_still_works(
    notes_db: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(notes_db(NOTE))
    code = main(["--db", db, "cards", "--json", "--topic", "storage"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["count"] == 1
