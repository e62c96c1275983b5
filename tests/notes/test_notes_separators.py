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
    note = parse("- Role: arn:aws:iam::123456789012:role/x\n")
    assert basic_pairs("- Role: arn:aws:iam::123456789012:role/x\n") == []
    assert [c.kind for c in note.cards] == ["definition"]
    assert note.warnings == []


def test_a_piece_of_an_arn_is_not_a_card_and_says_how_to_make_one() -> None:
    note = parse("The aws:iam::123:role part\n")
    assert note.cards == []
    assert [str(w) for w in note.warnings] == [
        "n.md:3: '::' not read as a card: aws:iam::123:role looks like part of an ARN or a "
        "path; put it in backticks to say so, or spaces around '::' to make a card"
    ]


def test_a_colon_on_one_side_only_still_makes_a_card() -> None:
    assert basic_pairs("iam:PassRole::lets a user hand a role to a service\n") == [
        ("iam:PassRole", "lets a user hand a role to a service")
    ]


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


def test_a_separator_with_nothing_on_one_side_is_reported_with_its_line() -> None:
    note = parse("Intro line\n\n- Launch type::\n\n::only a back\n")
    assert note.cards == []
    assert [str(w) for w in note.warnings] == [
        "n.md:5: '::' not read as a card (there is no text on one side of it)",
        "n.md:7: '::' not read as a card (there is no text on one side of it)",
    ]


def test_camel_case_names_make_a_card_with_a_warning_naming_the_line() -> None:
    note = parse("Intro line\n\nCodeDeploy::DeploymentPreference\n")
    assert [(c.front, c.back, c.line) for c in note.cards] == [
        ("CodeDeploy", "DeploymentPreference", 5)
    ]
    assert [str(w) for w in note.warnings] == [
        "n.md:5: '::' read as a card separator, though CodeDeploy::DeploymentPreference looks "
        "like a code name (Class::Method); put code in backticks to keep it out of the cards"
    ]


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


# Issue 15: cards that used to vanish without a word, each under the rule that dropped it.


def test_hex_letters_and_digits_around_the_separator_are_a_card_not_an_ipv6_address() -> None:
    note = parse("Default port of a DB::3306\n\nHex of 255::FF\n")
    assert [(c.front, c.back, c.line) for c in note.cards if c.kind == BASIC] == [
        ("Default port of a DB", "3306", 3),
        ("Hex of 255", "FF", 5),
    ]
    assert note.warnings == []


def test_only_a_certain_ipv6_address_keeps_its_double_colon_out_of_the_cards() -> None:
    body = (
        "- loopback ::1 and 2001:db8::1234\n"
        "- link-local range fe80::/10, default route ::/0\n"
        "- the instance metadata at [fd00:ec2::254]\n"
        "- mapped ::ffff:192.0.2.1\n"
    )
    note = parse(body)
    assert [c for c in note.cards if c.kind == BASIC] == []
    assert note.warnings == []


def test_a_short_address_with_digits_on_both_sides_makes_a_card_with_a_warning() -> None:
    note = parse("Gateway fe80::1 answers\n")
    assert basic_pairs("Gateway fe80::1 answers\n") == [("Gateway fe80", "1 answers")]
    assert [str(w) for w in note.warnings] == [
        "n.md:3: '::' read as a card separator, though fe80::1 could be an IPv6 address; "
        "put an address in backticks to keep it out of the cards"
    ]


def test_html_tags_braces_and_dollars_before_the_separator_are_a_card_not_a_code_name() -> None:
    note = parse("<b>Bold</b>::x\n\n{{t}}::x\n\n$x$::x\n")
    assert [(c.front, c.back) for c in note.cards] == [
        ("<b>Bold</b>", "x"),
        ("{{t}}", "x"),
        ("$x$", "x"),
    ]
    assert note.warnings == []


def test_a_url_after_the_separator_is_part_of_the_back_not_a_reason_to_drop_the_card() -> None:
    note = parse("[bold red]Injected[/]::[link=http://x]click[/link]\n")
    assert [(c.front, c.back) for c in note.cards] == [
        ("[bold red]Injected[/]", "[link=http://x]click[/link]")
    ]
    assert note.warnings == []


def test_a_double_colon_inside_a_url_is_still_not_a_separator() -> None:
    note = parse("Docs at https://example.com/a::b/c and more\n")
    assert [c for c in note.cards if c.kind == BASIC] == []
    assert note.warnings == []


def test_code_names_stay_out_of_the_cards_without_a_warning() -> None:
    body = (
        "- Foo::bar() is called\n"
        "- the type AWS::EC2::Instance\n"
        "- std::vector then MyClass::GetName\n"
    )
    note = parse(body)
    assert [c for c in note.cards if c.kind == BASIC] == []
    assert note.warnings == []
