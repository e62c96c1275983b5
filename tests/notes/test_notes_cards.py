"""Explicit (Obsidian spaced-repetition syntax) and derived cards, and what is never a card."""

from __future__ import annotations

from studyapp.notes.model import BASIC, CLOZE, DEFINITION, FACT, REVERSED
from studyapp.notes.parse import parse_text


def cards_of(body: str, title: str = "SQS"):
    return parse_text(f"# {title}\n\n{body}", "n.md").cards


def pairs(body: str, kind: str | None = None, title: str = "SQS") -> list[tuple[str, str]]:
    return [(c.front, c.back) for c in cards_of(body, title) if kind is None or c.kind == kind]


def test_basic_one_line_card() -> None:
    [card] = cards_of("What does **SQS** stand for?::Simple Queue Service\n")
    assert (card.kind, card.front, card.back, card.line) == (
        BASIC,
        "What does SQS stand for?",
        "Simple Queue Service",
        3,
    )


def test_reversed_one_line_card_makes_two() -> None:
    cards = cards_of("- Port of HTTPS:::443\n")
    assert [(c.kind, c.front, c.back) for c in cards] == [
        (REVERSED, "Port of HTTPS", "443"),
        (REVERSED, "443", "Port of HTTPS"),
    ]


def test_multiline_card_ended_by_blank_line() -> None:
    body = "Name the two SQS\nqueue types\n?\nStandard\nFIFO\n\nLater text: not part of it\n"
    [card, *_] = cards_of(body)
    assert (card.kind, card.front, card.back) == (
        BASIC,
        "Name the two SQS\nqueue types",
        "Standard\nFIFO",
    )


def test_multiline_reversed_card() -> None:
    assert pairs("Max message size\n??\n256 KiB\n", REVERSED) == [
        ("Max message size", "256 KiB"),
        ("256 KiB", "Max message size"),
    ]


def test_cloze_one_card_per_deletion_others_revealed() -> None:
    cards = cards_of("Messages are kept ==4 days== by default, at most ==14 days==.\n")
    assert [(c.kind, c.front, c.back) for c in cards] == [
        (CLOZE, "Messages are kept [...] by default, at most 14 days.", "4 days"),
        (CLOZE, "Messages are kept 4 days by default, at most [...].", "14 days"),
    ]


def test_sr_scheduling_comments_are_stripped() -> None:
    body = "Queue::SQS <!--SR:!2024-05-01,3,250-->\n\nTopic?\n?\nSNS\n<!--SR:!2024-05-02,1,230-->\n"
    assert pairs(body) == [("Queue", "SQS"), ("Topic?", "SNS")]


def test_nothing_in_code_fences_inline_code_or_html_comments_is_a_card() -> None:
    body = (
        "```\nfront::back\n==hidden==\n```\n\n"
        "Run `a::b` and `==x==` here\n\n"
        "<!--\nfront::back\n-->\n\n"
        "text <!-- c::d --> more\n"
    )
    assert cards_of(body) == []


def test_arn_ipv6_url_and_cpp_names_are_not_cards() -> None:
    body = (
        "- Role: arn:aws:iam::123456789012:role/x\n"
        "- arn:aws:s3:::example-bucket/*\n"
        "- localhost is ::1 and docs at 2001:db8::1234\n"
        "- see http://example.com::8080/path\n"
        "- use std::vector or MyClass::GetName in C++\n"
        "- boost::asio::io_context runs handlers\n"
        "- S3 Inventory ==Object List Report==> S3 Select ====> done\n"
    )
    cards = cards_of(body)
    assert all(c.kind not in (BASIC, REVERSED, CLOZE) for c in cards)
    assert ("SQS — Role", "arn:aws:iam::123456789012:role/x") in [(c.front, c.back) for c in cards]


def test_definition_forms() -> None:
    body = (
        "- Visibility timeout: hides a message while it is processed\n"
        "- **DLQ** - where failed messages go\n"
        "- **FIFO:** ordered, exactly-once processing\n"
        "- Long polling = waiting for messages to arrive\n"
        "- **EBS** *Elastic Block Store*\n"
    )
    assert pairs(body, DEFINITION) == [
        ("SQS — Visibility timeout", "hides a message while it is processed"),
        ("SQS — DLQ", "where failed messages go"),
        ("SQS — FIFO", "ordered, exactly-once processing"),
        ("SQS — Long polling", "waiting for messages to arrive"),
        ("SQS — EBS", "Elastic Block Store"),
    ]


def test_definition_limits() -> None:
    body = (
        "- This is a long sentence that goes on and on before a colon: then more\n"
        "- Docs: https://docs.aws.amazon.com/sqs\n"
        "- Empty:\n"
        "- Note: remember this one\n"
        "- http://example.com: nope\n"
    )
    assert pairs(body, DEFINITION) == []


def test_fact_cloze_hides_number_and_unit_with_context() -> None:
    body = "### Visibility timeout\n\n- Default: 30 seconds\n- Messages are kept for max 14 days\n"
    assert pairs(body) == [
        ("Visibility timeout: Default: [...]", "30 seconds"),
        ("Visibility timeout: Messages are kept for max [...]", "14 days"),
    ]
    assert {c.kind for c in cards_of(body)} == {FACT}


def test_fact_units_ranges_and_percentages() -> None:
    body = "Message size up to 256KB.\n\nBatch of 1-10 messages.\n\nError rate 0.5% here.\n"
    assert [b for _, b in pairs(body, FACT)] == ["256KB", "1-10 messages", "0.5%"]


def test_no_fact_from_dates_or_service_names() -> None:
    assert pairs("Policy version 2012-10-17 on EC2 and S3 with Route 53 records.\n", FACT) == []


def test_definition_with_numbers_is_one_card_not_a_definition_and_its_facts() -> None:
    body = "- Retention period: how long SQS keeps a message, from 1 minute up to 14 days\n"
    assert [c.kind for c in cards_of(body)] == [DEFINITION]


def test_explicit_card_line_is_not_also_a_definition_or_fact() -> None:
    assert [c.kind for c in cards_of("- Retention: 14 days::max message retention\n")] == [BASIC]


def test_no_duplicate_fronts_within_a_topic() -> None:
    body = "- Default: 30 seconds\n- Default: 30 seconds\n\nA::B\n\nA::B\n"
    fronts = [c.front for c in cards_of(body)]
    assert len(fronts) == len(set(fronts)) == 2


def test_emoji_kept_and_markdown_stripped() -> None:
    [card] = cards_of("🚀 **Fast** [reads](http://x)::served from *memory* 🧠\n")
    assert (card.front, card.back) == ("🚀 Fast reads", "served from memory 🧠")


def test_generic_heading_is_led_by_its_parent_in_card_fronts() -> None:
    text = "# SNS\n\n## Key Points\n\n- Delivery: at-least-once, pushed to subscribers\n"
    [card] = parse_text(text, "n.md").cards
    assert card.front == "SNS › Key Points — Delivery"
    assert card.topic_path == ("SNS", "Key Points")
