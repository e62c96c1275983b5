"""Plain-text outlines: underlined headings, indentation as structure, bullets, auto-detection."""

from __future__ import annotations

from pathlib import Path

from studyapp.notes.model import BASIC, CHOICE, DEFINITION, FACT, LIST
from studyapp.notes.parse import looks_like_markdown, parse_file, parse_text

OUTLINE = """\
Messaging
=========

SQS
\tVisibility timeout
\t\tDefault: 30 seconds
\t\thides a message while a consumer processes it
\tQueue types
\t\t- Standard: at-least-once delivery
\t\t- FIFO: exactly-once processing
\t\t\t• ordered within a message group
Retention::how long a message is kept

Networking
----------
VPC
    Subnets
        1. Public subnet: has a route to an internet gateway
    TODO
        - NACL: stateless subnet firewall
"""


def test_outline_topics_nest_by_underline_and_indentation() -> None:
    note = parse_text(OUTLINE, "aws.txt")
    assert [t.path for t in note.topics] == [
        ("Messaging",),
        ("Messaging", "SQS"),
        ("Messaging", "SQS", "Visibility timeout"),
        ("Messaging", "SQS", "Queue types"),
        ("Messaging", "Networking"),
        ("Messaging", "Networking", "VPC"),
        ("Messaging", "Networking", "VPC", "Subnets"),
    ]
    assert [t.line for t in note.topics[:3]] == [1, 4, 5]


def test_outline_cards_match_markdown_rules() -> None:
    cards = parse_text(OUTLINE, "aws.txt").cards
    got = {(c.kind, c.front, c.back) for c in cards}
    assert (FACT, "Visibility timeout: Default: [...]", "30 seconds") in got
    # a heading of kinds: one "which one" card per kind and one list card
    assert (CHOICE, "SQS › Queue types — which one: at-least-once delivery?", "Standard") in got
    assert (CHOICE, "SQS › Queue types — which one: exactly-once processing?", "FIFO") in got
    assert (LIST, "SQS › Queue types: name all 2?", "Standard; FIFO") in got
    assert (DEFINITION, "Subnets — Public subnet", "has a route to an internet gateway") in got
    assert (BASIC, "Retention", "how long a message is kept") in got


def test_outline_todo_line_makes_no_topic() -> None:
    note = parse_text(OUTLINE, "aws.txt")
    assert "TODO" not in [t.title for t in note.topics]
    nacl = next(c for c in note.cards if c.front.endswith("NACL"))
    assert nacl.topic_path == ("Messaging", "Networking", "VPC")


def test_outline_body_is_the_topics_own_lines() -> None:
    topics = {t.title: t for t in parse_text(OUTLINE, "aws.txt").topics}
    assert "Default: 30 seconds" in topics["Visibility timeout"].body
    assert "Standard" not in topics["Visibility timeout"].body


def test_auto_detection_of_outline_and_markdown(tmp_path: Path) -> None:
    assert not looks_like_markdown("SQS\n    Default: 30 seconds\n")
    assert looks_like_markdown("# SQS\n\ntext\n")
    note = parse_text("SQS\n    Visibility\n        Default: 30 seconds\n", "notes.md")
    assert [t.path for t in note.topics] == [("SQS",), ("SQS", "Visibility")]
    path = tmp_path / "outline.txt"
    path.write_text("Lambda\n  Timeout: max 15 minutes\n", encoding="utf-8")
    parsed = parse_file(path)
    assert [t.title for t in parsed.topics] == ["Lambda"]
    assert [(c.front, c.back) for c in parsed.cards] == [
        ("Lambda: Timeout: max [...]", "15 minutes")
    ]


def test_forced_markdown_and_forced_outline() -> None:
    text = "Title\n\n    indented: code in markdown\n"
    assert parse_text(text, "x.md", outline=False).cards == []
    assert parse_text(text, "x.md", outline=True).cards[0].back == "code in markdown"
