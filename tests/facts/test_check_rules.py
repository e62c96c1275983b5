"""Each rule of the fact check, on cards shaped as the importer makes them.

A finding needs the thing, the property and a number that contradicts every documented value it
could mean; anything less is left alone (a false alarm is worse than a miss).
"""

from __future__ import annotations

from dataclasses import replace

from studyapp.facts import check_note
from studyapp.facts.check import Finding, card_text
from studyapp.notes.parse import parse_text
from studyapp.usecases import content
from studyapp.usecases.factcheck import card_findings as findings_for_card


def _flags(front: str, back: str = "", topic: str | tuple[str, ...] = ()) -> list[Finding]:
    return findings_for_card(front, back, topic)


def _facts(front: str, back: str = "", topic: str | tuple[str, ...] = ()) -> list[str]:
    return [f.fact for f in _flags(front, back, topic)]


# --- what is flagged ----------------------------------------------------------------------


def test_an_outdated_quota_is_flagged_with_the_documented_value_and_the_old_one_named() -> None:
    (f,) = _flags("SQS Message Size: Up to [...] of text in any format", "256 KB")
    assert f.fact == "sqs.message-size" and f.outdated
    assert f.claimed == "256 KB" and f.claimed_kind == "maximum"
    assert "1 MiB" in f.documented and "256 KiB" in f.message()
    assert f.link.startswith("https://docs.aws.amazon.com/")


def test_a_wrong_value_is_flagged_without_calling_it_outdated() -> None:
    (f,) = _flags("Lambda@Edge — Max execution time: [...]", "1 - 10 secs")
    assert f.fact == "lambda-edge.timeout" and not f.outdated
    assert "5 seconds or 30 seconds" in f.documented
    assert f.message().startswith("differs from the AWS docs: the note says 1 - 10 secs")


def test_a_wrong_default_is_flagged() -> None:
    assert _facts("SQS visibility timeout default: [...]", "60 seconds") == [
        "sqs.visibility-timeout"
    ]


def test_the_property_may_come_from_the_cards_own_topic_title() -> None:
    topic = ("Amazon SQS", "SQS Message Size")
    assert _facts("SQS Message Size: Up to [...]", "256 KB", topic) == ["sqs.message-size"]
    assert _facts("Limits: up to [...]", "256 KB", ("Amazon SQS", "Message size")) == [
        "sqs.message-size"
    ]


def test_a_parent_topics_property_is_not_borrowed() -> None:
    # "Message size" is two levels up: this line is about something else under it
    topic = ("Amazon SQS", "Message size", "Extended client")
    assert _facts("Extended client: up to [...]", "2 GB", topic) == []


def test_the_thing_nearest_the_number_wins_in_a_comparison_table() -> None:
    caption = "SQS vs SNS vs Kinesis — Message Retention"
    assert _facts(f"{caption}: Amazon Kinesis?", "Configurable retention (up to 7 days)") == [
        "kds.retention"
    ]
    assert _facts(f"{caption}: Amazon SQS (Simple Queue Service)?", "Up to 14 days") == []


def test_a_table_cell_without_a_unit_takes_the_unit_its_column_names() -> None:
    assert _facts("EBS volume types — gp3: Max IOPS?", "16,000") == ["ebs-gp3.iops"]
    assert _facts("EBS volume types — io2: Max IOPS?", "256,000") == []


def test_a_count_is_checked_against_a_count_of_the_same_thing() -> None:
    assert _facts("Aurora Global: up to [...] secondary regions", "5") == ["aurora-global.regions"]
    assert _facts("Aurora Global: up to [...] secondary regions", "10") == []


# --- what is left alone -------------------------------------------------------------------


def test_a_documented_value_is_not_flagged() -> None:
    for front, back in (
        ("SQS Visibility Timeout: Default: [...]", "30 seconds"),
        ("SQS Visibility Timeout: Configurable up to [...]", "12 hours"),
        ("AWS Lambda Overview: Max execution time: [...] (15 minutes)", "900secs"),
        ("DynamoDB: Item max size is [...]", "400KB"),
        ("Kinesis Data Streams — Data retention period", "24 hours (default) to 365 days"),
    ):
        assert _flags(front, back) == [], front


def test_units_are_normalised_first() -> None:
    assert _flags("Lambda: maximum timeout [...]", "15 minutes") == []
    assert _flags("Lambda: maximum timeout [...]", "900 seconds") == []
    assert _flags("Lambda memory: up to [...]", "10 GB") == []
    assert _flags("Lambda memory: up to [...]", "10,240 MB") == []
    assert _facts("Lambda: maximum timeout [...]", "5 minutes") == ["lambda.timeout"]


def test_a_value_inside_a_documented_range_is_fine() -> None:
    # a plain value right by its property, between the minimum and the maximum
    assert _flags("SQS message retention period: [...]", "7 days") == []
    assert _facts("SQS message retention period: [...]", "30 days") == ["sqs.retention"]


def test_a_range_is_checked_at_both_ends() -> None:
    assert _flags("SQS: retention configurable from [...]", "60 seconds to 14 days") == []
    assert _facts("SQS: retention configurable from [...]", "1 minute to 7 days") == [
        "sqs.retention"
    ]
    assert _flags("RAM: from [...] up to 10GB", "128MB", "AWS Lambda") == []


def test_a_maximum_range_is_checked_only_at_its_top() -> None:
    assert _flags("Lambda@Edge max execution time: [...]", "1 - 30 seconds") == []


def test_examples_and_hypotheticals_are_not_claims() -> None:
    for front in (
        "SQS: e.g. a message size of up to [...]",
        "Suppose SQS messages are up to [...]",
        "If TTL = 300s (5 minutes) and SQS message size up to [...]",
        "Let's say the SQS message size is up to [...]",
        "For example, SQS messages of up to [...]",
    ):
        assert _flags(front, "256 KB") == [], front
    assert _flags("Up to [...]", "256 KB", ("Amazon SQS", "Message size", "Example")) == []


def test_history_comparisons_negations_and_approximations_are_not_claims() -> None:
    for front in (
        "SQS message size: was [...], now 1 MiB",
        "SQS message size: previously up to [...]",
        "SQS message size is not [...]",
        "SQS message size: about [...]",
        "SQS message size: ~[...]",
        "SQS message size: more than [...] needs the Extended Client",
        "Lambda timeout vs API Gateway: up to [...]",
    ):
        assert _flags(front, "256 KB" if "SQS" in front else "15 minutes") == [], front


def test_a_plain_number_far_from_its_property_is_not_read_as_a_claim() -> None:
    text = "SQS visibility timeout: a consumer that needs [...] more should extend it"
    assert _flags(text, "15 hours") == []


def test_words_that_put_a_claim_outside_the_facts_case_keep_it_quiet() -> None:
    # SQS batches hold 10 messages, but a Lambda event source can take 10,000 from a queue
    assert _flags("Lambda SQS event source: batch size up to [...]", "10,000 messages") == []
    assert _facts("SQS batch requests: up to [...]", "25 messages") == ["sqs.batch"]


def test_a_number_that_is_not_about_a_catalogued_property_is_ignored() -> None:
    assert _flags("SQS: Nearly unlimited throughput, [...] in cost", "40%") == []
    assert _flags("Route 53: [...] per hosted zone", "$0.50/month") == []


# --- reporting ------------------------------------------------------------------------------


def test_the_learners_text_is_never_rewritten() -> None:
    note = parse_text("# SQS\n\n## Message size\n\n- Up to 256 KB\n", "sqs.md")
    before = [(c.front, c.back) for c in note.cards]
    (f,) = check_note(note, content.facts()[0])
    assert [(c.front, c.back) for c in note.cards] == before
    assert (f.path, f.line, f.quote) == ("sqs.md", 5, "Message size: Up to 256 KB")


def test_one_claim_in_several_cards_of_a_line_is_reported_once() -> None:
    text = "# Kinesis\n\n- Kinesis Data Streams:\n  - Retention: up to 7 days (24 hours default)\n"
    note = parse_text(text, "k.md")
    card = note.cards[0]
    note.cards.append(replace(card, kind="definition"))  # a second card from the same line
    found = check_note(note, content.facts()[0])
    assert [(f.line, f.fact, f.claimed) for f in found] == [(4, "kds.retention", "7 days")]


def test_a_finding_has_a_stable_json_shape() -> None:
    (f,) = _flags("SQS Message Size: Up to [...]", "256 KB")
    assert set(f.to_json()) == {
        "path",
        "line",
        "quote",
        "claimed",
        "claimed_kind",
        "thing",
        "property",
        "documented",
        "outdated",
        "link",
        "fact",
        "message",
    }


def test_a_card_is_read_as_one_statement() -> None:
    assert card_text("Default: [...]", "30 seconds") == "Default: 30 seconds"
    assert card_text("SQS — Retention?", "4 days") == "SQS — Retention? 4 days"
    assert card_text("SQS — Retention", "4 days") == "SQS — Retention: 4 days"


def test_a_very_long_card_is_read_only_as_far_as_the_limit() -> None:
    long_front = "SQS message size: up to [...] " + "word " * 5000
    assert _facts(long_front, "256 KB") == ["sqs.message-size"]
    assert _flags("word " * 5000 + "SQS message size: up to [...]", "256 KB") == []
