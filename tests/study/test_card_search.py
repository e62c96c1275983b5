"""The card browser's search line: words, topic:, domain:, is: and -is:, and clear refusals."""

from __future__ import annotations

import pytest

from studyapp.study.search import CardSearch, SearchError, parse_search


def test_terms_of_every_kind() -> None:
    search = parse_search(
        'visibility "dead letter" topic:"Queues compared" domain:SAA-C03:2.1 is:due -is:leech'
    )
    assert search == CardSearch(
        words=("visibility", "dead letter"),
        topics=("Queues compared",),
        domains=("saa-c03:2.1",),
        states=("due",),
        not_states=("leech",),
    )


def test_an_empty_line_finds_everything() -> None:
    assert parse_search("  ").empty


def test_a_word_with_a_colon_that_is_no_term_stays_a_word() -> None:
    assert parse_search("arn:aws:iam").words == ("arn:aws:iam",)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "is:later",
            "is:later: the states are new, learning, review, due, suspended, buried, leech",
        ),
        ("topic:", "topic: needs some text"),
        ("domain:saa-c03:x", "domain:saa-c03:x: write an exam code"),
        ('topic:"open', "close the quote"),
    ],
)
def test_what_it_cannot_read_it_says(text: str, says: str) -> None:
    with pytest.raises(SearchError, match=None) as caught:
        parse_search(text)
    assert says in str(caught.value)
