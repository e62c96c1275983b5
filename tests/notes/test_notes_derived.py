"""Derived cards do not repeat each other, skip example numbers and read ``=`` only as a term."""

from __future__ import annotations

from studyapp.notes.model import DEFINITION, FACT
from studyapp.notes.parse import parse_text


def cards_of(body: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.front, c.back) for c in parse_text(f"# EC2\n\n{body}", "n.md").cards]


def test_meaning_that_is_just_a_limit_gives_one_card() -> None:
    assert cards_of("- CPU credit burst: up to 70%\n") == [
        (FACT, "EC2: CPU credit burst: up to [...]", "70%")
    ]


def test_number_followed_by_a_clause_gives_one_card() -> None:
    assert cards_of("- Warm-up: 30 seconds before the instance takes traffic\n") == [
        (FACT, "EC2: Warm-up: [...] before the instance takes traffic", "30 seconds")
    ]


def test_meaning_with_several_numbers_is_one_definition() -> None:
    assert cards_of("- Retention: 1 day to 35 days, default 7 days\n") == [
        (DEFINITION, "EC2 — Retention", "1 day to 35 days, default 7 days")
    ]


def test_numbers_given_as_examples_are_not_facts() -> None:
    body = (
        "- Latency: low, e.g. 100 ms, 200 ms\n"
        "- Pick a size for example 2 vCPUs or 4 vCPUs; the default is 30 seconds\n"
        "\nTimeouts vary (100 ms, 200 ms, 1 s) by client.\n"
    )
    cards = cards_of(body)
    assert (DEFINITION, "EC2 — Latency", "low, e.g. 100 ms, 200 ms") in cards
    assert [b for k, _, b in cards if k == FACT] == ["30 seconds"]


def test_parenthesised_limits_are_still_facts() -> None:
    backs = [b for k, _, b in cards_of("Timeouts (default 30 seconds, max 12 hours) apply.\n")]
    assert backs == ["30 seconds", "12 hours"]


def test_equals_sign_in_prose_is_not_a_definition() -> None:
    body = (
        "The instance name m7g reads as general purpose family, and\n"
        "generation 7, g = Graviton processor\n\n"
        "- Generation 7, g = Graviton processor\n"
        "- g => Graviton processor\n"
        "- a wrapped sentence goes on\n"
        "  and on = not a term\n"
    )
    assert [c for c in cards_of(body) if c[0] == DEFINITION] == []


def test_short_term_with_equals_is_a_definition() -> None:
    assert cards_of(
        "- m7g = general purpose, generation 7, Graviton\n\nDAX = DynamoDB cache\n"
    ) == [
        (DEFINITION, "EC2 — m7g", "general purpose, generation 7, Graviton"),
        (DEFINITION, "EC2 — DAX", "DynamoDB cache"),
    ]
