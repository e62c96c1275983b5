"""Markdown structure: topics, bodies, TOC, TODO headings, domains, pseudo-headings, tables."""

from __future__ import annotations

from studyapp.notes.model import DEFINITION, TABLE_ROW
from studyapp.notes.parse import parse_text

DOC = """\
# Messaging

- [SQS](#sqs)
  - [Visibility](#visibility)
- [SNS](#sns)

Intro text.

## SQS
<!-- domains: saa-c03:1.2, dva-c02:2.1 -->

Queues decouple producers from consumers.

### Visibility

- Visibility timeout: hides a message while a consumer works on it

### TODO

- Retention: how long unprocessed messages stay in the queue

SNS
---

- Fan-out: one message delivered to many subscribers

##

- Topic: a named channel that publishers send to
"""


def test_atx_and_setext_headings_become_topics_with_paths() -> None:
    note = parse_text(DOC, "messaging.md")
    assert [t.path for t in note.topics] == [
        ("Messaging",),
        ("Messaging", "SQS"),
        ("Messaging", "SQS", "Visibility"),
        ("Messaging", "SNS"),
    ]
    assert [t.level for t in note.topics] == [1, 2, 3, 2]
    assert [t.line for t in note.topics] == [1, 9, 14, 22]


def test_body_is_the_sections_own_source_without_toc_or_subsections() -> None:
    topics = {t.title: t for t in parse_text(DOC, "m.md").topics}
    assert topics["Messaging"].body == "Intro text."
    assert "Queues decouple" in topics["SQS"].body
    assert "Visibility timeout" not in topics["SQS"].body
    assert topics["Visibility"].body.startswith("- Visibility timeout")


def test_toc_link_list_is_no_topic_and_no_card() -> None:
    note = parse_text(DOC, "m.md")
    assert all("#sqs" not in c.back and "SQS" != c.front for c in note.cards)
    assert not any("](#" in t.body for t in note.topics)


def test_link_list_elsewhere_makes_no_card() -> None:
    text = (
        "# A\n\nSome text.\n\n- [Docs](https://docs.aws.amazon.com/sqs)\n- https://aws.amazon.com\n"
    )
    assert parse_text(text, "a.md").cards == []


def test_todo_and_empty_headings_make_no_topic_and_content_goes_to_parent() -> None:
    note = parse_text(DOC, "m.md")
    assert "TODO" not in [t.title for t in note.topics]
    by_front = {c.front: c for c in note.cards}
    assert by_front["SQS — Retention"].topic_path == ("Messaging", "SQS")
    assert by_front["Messaging — Topic"].topic_path == ("Messaging",)


def test_domains_comment_applies_to_topic_and_subtopics() -> None:
    topics = {t.title: t for t in parse_text(DOC, "m.md").topics}
    assert topics["SQS"].domains == ("saa-c03:1.2", "dva-c02:2.1")
    assert topics["Visibility"].domains == ("saa-c03:1.2", "dva-c02:2.1")
    assert topics["SNS"].domains == ()
    assert topics["Messaging"].domains == ()


def test_bad_domain_is_a_warning() -> None:
    note = parse_text("# A\n<!-- domains: saa-c03:1.2, bogus -->\n\ntext\n", "a.md")
    assert note.topics[0].domains == ("saa-c03:1.2",)
    [warning] = note.warnings
    assert warning.line == 2 and "bogus" in warning.message


def test_nested_and_numbered_lists_give_definitions_at_any_depth() -> None:
    text = (
        "# EC2\n\n1. Purchasing:\n   - Spot:\n     - Spot Fleet: a set of Spot and On-Demand"
        " Instances\n     * Strategies:\n       1. Lowest price: cheapest pools first\n"
        "2. Placement = where instances land\n"
    )
    cards = {c.front: c.back for c in parse_text(text, "e.md").cards if c.kind == DEFINITION}
    assert cards["EC2 — Spot Fleet"] == "a set of Spot and On-Demand Instances"
    assert cards["EC2 › Strategies — Lowest price"] == "cheapest pools first"
    assert cards["EC2 — Placement"] == "where instances land"
    # a "Term:" item whose sub-items are terms with their own cards is not repeated as one card
    assert "EC2 › Spot — Strategies" not in cards
    assert "EC2 — Purchasing" not in cards  # its only sub-item is another heading-like term


def test_bold_only_line_is_context_not_a_topic() -> None:
    text = (
        "# RDS Proxy\n\n**Why use a proxy?**\n- Pooling: reuses open database connections\n\n"
        "**Limits**\n\n| Setting | Value |\n|---|---|\n| Idle timeout | 30 minutes |\n"
    )
    note = parse_text(text, "p.md")
    assert [t.title for t in note.topics] == ["RDS Proxy"]
    fronts = [c.front for c in note.cards]
    assert "RDS Proxy › Why use a proxy? — Pooling" in fronts
    assert note.tables[0].caption == "Limits"


def test_table_becomes_table_draft_and_one_card_per_cell() -> None:
    text = (
        "## SQS vs SNS\n\n| Feature | SQS | SNS |\n|---|---|---|\n"
        "| **Model** | Pull (polling) | Push |\n| Ordering | FIFO queues |\n| | orphan | x |\n"
    )
    note = parse_text(text, "t.md")
    [table] = note.tables
    assert table.caption == "SQS vs SNS"
    assert table.header == ["Feature", "SQS", "SNS"]
    assert table.rows[1] == ["Ordering", "FIFO queues", ""]  # ragged row padded
    cards = [(c.front, c.back) for c in note.cards if c.kind == TABLE_ROW]
    assert cards == [
        ("SQS vs SNS — Model: SQS?", "Pull (polling)"),
        ("SQS vs SNS — Model: SNS?", "Push"),
        ("SQS vs SNS — Ordering: SQS?", "FIFO queues"),
    ]


def test_two_column_table_with_generic_header_asks_about_the_key() -> None:
    text = "# DynamoDB\n\n| Feature | Description |\n|---|---|\n| DAX | In-memory cache |\n"
    [card] = parse_text(text, "d.md").cards
    assert (card.front, card.back) == ("DynamoDB — DAX?", "In-memory cache")


def test_no_card_from_image_code_block_or_bare_heading() -> None:
    text = (
        "# A\n\n## B\n\n![diagram: 5 minutes](img.png)\n\n```\nTerm: meaning\nx::y\n```\n\n"
        "    Indented: code block\n"
    )
    note = parse_text(text, "a.md")
    assert [t.title for t in note.topics] == ["A", "B"]
    assert note.cards == []


def test_card_text_is_plain_but_literal_brackets_and_escapes_stay() -> None:
    text = "# T\n\n- **Key** - a [link](http://x.y) with *em*, `code`, [bold] and \\* 🚀\n"
    [card] = parse_text(text, "t.md").cards
    assert card.front == "T — Key"
    assert card.back == "a link with em, code, [bold] and \\* 🚀"
