"""When ``::`` is a card separator, and the warning when a ``::`` that looks meant is not one."""

from __future__ import annotations

from studyapp.notes.model import BASIC
from studyapp.notes.parse import parse_text


def parse(body: str):
    return parse_text(f"# ECS\n\n{body}", "n.md")


def basic_pairs(body: str) -> list[tuple[str, str]]:
    return [(c.front, c.back) for c in parse(body).cards if c.kind == BASIC]


def test_colon_at_the_start_of_the_answer_keeps_the_card() -> None:
    assert basic_pairs("What runs tasks without servers?::Fargate: no instances to manage\n") == [
        ("What runs tasks without servers?", "Fargate: no instances to manage")
    ]
    assert basic_pairs("Serverless containers::Fargate: no instances to manage\n") == [
        ("Serverless containers", "Fargate: no instances to manage")
    ]


def test_arn_like_tokens_stay_silent_non_cards() -> None:
    note = parse("- Role: arn:aws:iam::123456789012:role/x\n\nThe aws:iam::123:role part\n")
    assert basic_pairs("- Role: arn:aws:iam::123456789012:role/x\n") == []
    assert [c.kind for c in note.cards] == ["definition"]
    assert note.warnings == []


def test_question_mark_or_space_makes_a_separator_between_camel_case_words() -> None:
    body = (
        "Which setting shifts traffic through CodeDeploy?::DeploymentPreference\n\n"
        "Which CodeDeploy setting shifts traffic :: DeploymentPreference\n"
    )
    assert basic_pairs(body) == [
        ("Which setting shifts traffic through CodeDeploy?", "DeploymentPreference"),
        ("Which CodeDeploy setting shifts traffic", "DeploymentPreference"),
    ]


def test_one_line_card_is_not_merged_into_a_following_multiline_card() -> None:
    body = "Port of HTTPS::443\nName the two\nqueue types\n?\nStandard\nFIFO\n"
    cards = parse(body).cards
    assert [(c.front, c.back, c.line) for c in cards] == [
        ("Port of HTTPS", "443", 3),
        ("Name the two\nqueue types", "Standard\nFIFO", 4),
    ]


def test_one_line_card_after_a_multiline_card_stays_its_own() -> None:
    body = "Two queue types\n?\nStandard\nFIFO\nPort of HTTPS::443\n"
    assert basic_pairs(body) == [("Two queue types", "Standard\nFIFO"), ("Port of HTTPS", "443")]


def test_a_rejected_separator_is_reported_with_its_line() -> None:
    note = parse("Intro line\n\nCodeDeploy::DeploymentPreference\n\n- Launch type::\n")
    assert note.cards == []
    assert [w.line for w in note.warnings] == [5, 7]
    assert all(
        str(w).startswith(f"n.md:{w.line}: '::' not read as a card (") for w in note.warnings
    )
    assert "Class::Method" in note.warnings[0].message


def test_arns_ipv6_urls_and_namespaces_make_no_warning() -> None:
    body = (
        "- arn:aws:s3:::example-bucket/*\n"
        '- "arn:aws:s3:::example-bucket" is the bucket\n'
        "- localhost is ::1 and docs at 2001:db8::1234\n"
        "- see http://example.com::8080/path\n"
        "- use std::vector or MyClass::GetName in C++\n"
        "- boost::asio::io_context runs handlers\n"
        "- the ${AWS::Region} pseudo parameter and AWS::Region\n"
        "- run `a::b` here\n"
    )
    note = parse(body)
    assert note.warnings == []
    assert [c for c in note.cards if c.kind == BASIC] == []
