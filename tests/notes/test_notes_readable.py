"""Browse's notes pane: card syntax shown as prose, the learner's text never read as markup."""

from __future__ import annotations

from studyapp.notes.readable import readable_notes


def test_one_line_cards_become_arrows_and_highlights_bold() -> None:
    body = (
        "SQS keeps messages.\n"
        "What is the default visibility timeout?::30 seconds\n"
        "Standard queue:::At-least-once delivery\n"
        "The maximum retention is ==14 days==.\n"
    )
    assert readable_notes(body).split("\n") == [
        "SQS keeps messages.",
        "- What is the default visibility timeout? → 30 seconds",
        "- Standard queue ↔ At\\-least\\-once delivery",
        "The maximum retention is **14 days**.",
        "",
    ]


def test_a_multiline_card_separator_becomes_an_arrow() -> None:
    assert (
        readable_notes("Which queue keeps order?\n?\nFIFO")
        == "Which queue keeps order?\n\n→\n\nFIFO"
    )


def test_card_text_is_escaped_and_code_is_left_alone() -> None:
    body = "What does *x* mean?::[bold]b[/bold] <b>\n```\na::b\n==c==\n```"
    shown = readable_notes(body).split("\n")
    # the card as review shows it (emphasis dropped), its brackets escaped
    assert shown[0] == "- What does x mean? → \\[bold\\]b\\[/bold\\] \\<b\\>"
    assert shown[1:] == ["```", "a::b", "==c==", "```"]


def test_a_table_drawn_by_the_screen_is_left_out_when_asked() -> None:
    body = "Before\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter"
    assert readable_notes(body, drop_tables=True) == "Before\n\n\nAfter"
    assert "| 1 | 2 |" in readable_notes(body)
