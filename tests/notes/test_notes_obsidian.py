"""The syntax of Obsidian's spaced-repetition plugin, as its documentation writes it."""

from __future__ import annotations

from studyapp.notes.model import BASIC, CLOZE, REVERSED
from studyapp.notes.parse import parse_text


def cards(body: str, kind: str | None = None) -> list[tuple[str, str, str, int]]:
    note = parse_text(f"# AWS\n\n{body}", "n.md")
    return [(c.kind, c.front, c.back, c.line) for c in note.cards if kind in (None, c.kind)]


def test_a_cloze_paragraph_over_several_lines_is_one_note_with_a_card_per_deletion() -> None:
    body = "The first female ==prime minister==\nof Australia was ==Julia Gillard==\n"
    assert cards(body) == [
        (CLOZE, "The first female [...]\nof Australia was Julia Gillard", "prime minister", 3),
        (CLOZE, "The first female prime minister\nof Australia was [...]", "Julia Gillard", 4),
    ]


def test_a_cloze_hint_replaces_the_brackets_and_is_left_out_of_the_text() -> None:
    body = (
        "Kaleida, funded to the tune of ==$40 million==^[USD]\n"
        "by Apple Computer and IBM in ==1991==^[year]\n"
    )
    assert [(f, b) for _, f, b, _ in cards(body)] == [
        ("Kaleida, funded to the tune of [USD]\nby Apple Computer and IBM in 1991", "$40 million"),
        ("Kaleida, funded to the tune of $40 million\nby Apple Computer and IBM in [year]", "1991"),
    ]


def test_numbered_deletions_are_asked_together() -> None:
    body = (
        "This is a ==cloze==^[a hint][^1]. This is ==too, but without hint==[^2]. "
        "And this one is asked ==together with the first cloze==[^1].\n"
    )
    assert [(f, b) for _, f, b, _ in cards(body)] == [
        (
            "This is a [a hint]. This is too, but without hint. And this one is asked [...].",
            "cloze; together with the first cloze",
        ),
        (
            "This is a cloze. This is [...]. And this one is asked together with the first cloze.",
            "too, but without hint",
        ),
    ]


def test_lettered_deletions_are_asked_hidden_or_shown_card_by_card() -> None:
    body = (
        "==Context for items 2 and 4==[^hshs]\n"
        "- ==Item 1==[^ashh]\n"
        "- ==Item 2==[^hash]\n"
        "- ==Item 3==[^hhas]\n"
        "- ==Item 4==[^hhha]\n"
    )
    assert [(f, b) for _, f, b, _ in cards(body)] == [
        ("[...]\n[...]\n[...]\n[...]\n[...]", "Item 1"),
        ("Context for items 2 and 4\nItem 1\n[...]\n[...]\n[...]", "Item 2"),
        ("[...]\n[...]\nItem 2\n[...]\n[...]", "Item 3"),
        ("Context for items 2 and 4\n[...]\n[...]\nItem 3\n[...]", "Item 4"),
    ]


def test_a_tag_before_a_card_is_not_part_of_its_front() -> None:
    body = (
        "#flashcards/deckA\n"
        "Question1 (in deckA)::Answer1\n\n"
        "#flashcards/deckB Question4 (in deckB)::Answer4\n\n"
        "#flashcards/language/words #flashcards/trivia\n"
        "A group of cats is called a::clowder\n"
    )
    assert [(f, b) for _, f, b, _ in cards(body)] == [
        ("Question1 (in deckA)", "Answer1"),
        ("Question4 (in deckB)", "Answer4"),
        ("A group of cats is called a", "clowder"),
    ]


def test_a_deck_tag_line_is_not_part_of_a_multiline_front_or_a_cloze() -> None:
    body = "#flashcards\nName the queue types\n?\nStandard\n\n#flashcards\nKept ==4 days==\n"
    assert cards(body) == [
        (BASIC, "Name the queue types", "Standard", 4),
        (CLOZE, "Kept [...]", "4 days", 9),
    ]


def test_a_separator_line_may_have_spaces_around_its_mark() -> None:
    body = "Max message size\n ?\n256 KiB\n\nPort of HTTPS\n  ??  \n443\n"
    assert [(k, f, b) for k, f, b, _ in cards(body)] == [
        (BASIC, "Max message size", "256 KiB"),
        (REVERSED, "Port of HTTPS", "443"),
        (REVERSED, "443", "Port of HTTPS"),
    ]


def test_an_answer_may_hold_a_fenced_code_block_kept_line_for_line() -> None:
    body = (
        "How do you list buckets?\n?\n```bash\naws s3 ls\n  --recursive  # a::b is code\n```\n\n"
        "What does this print?\n```python\nprint(1 == 1)\n```\n?\nTrue\n"
    )
    assert [(f, b) for _, f, b, _ in cards(body)] == [
        ("How do you list buckets?", "aws s3 ls\n  --recursive  # a::b is code"),
        ("What does this print?\nprint(1 == 1)", "True"),
    ]


def test_an_answer_may_be_a_list_right_under_the_separator() -> None:
    body = "Name the two SQS queue types\n?\n- Standard\n- FIFO\n\n- Later: a definition\n"
    note = parse_text(f"# AWS\n\n{body}", "n.md")
    assert [(c.kind, c.front, c.back) for c in note.cards][0] == (
        BASIC,
        "Name the two SQS queue types",
        "- Standard\n- FIFO",
    )
    assert ("AWS — Later", "a definition") in [(c.front, c.back) for c in note.cards]


def test_front_matter_tags_are_not_a_topic_or_a_card() -> None:
    for text in (
        "---\ntags: [flashcards]\n---\n# SQS\n\nQ::A\n",
        "---\ntags:\n  - flashcards/aws\n---\nQ::A\n",
    ):
        note = parse_text(text, "n.md")
        assert [t.title for t in note.topics] == [note.topics[0].title]
        assert "tags" not in note.topics[0].title
        assert [(c.front, c.back) for c in note.cards] == [("Q", "A")]
        assert "flashcards" not in note.topics[0].body


def test_schedule_comments_are_ignored_on_the_card_line_and_under_it() -> None:
    body = (
        "Queue::SQS <!--SR:!2024-05-01,3,250-->\n\n"
        "Topic?\n?\nSNS\n<!--SR:!2024-05-02,1,230-->\n\n"
        "Kept ==4 days== <!--SR:!2024-05-03,1,230-->\n"
    )
    assert [(f, b) for _, f, b, _ in cards(body)] == [
        ("Queue", "SQS"),
        ("Topic?", "SNS"),
        ("Kept [...]", "4 days"),
    ]


def test_a_card_above_a_rule_is_a_card_not_an_underlined_heading() -> None:
    text = "# AWS\n\nQ::A\n---\nName the types\n?\nStandard\n---\n"
    note = parse_text(text, "n.md")
    assert [t.title for t in note.topics] == ["AWS"]
    assert [(c.front, c.back) for c in note.cards] == [("Q", "A"), ("Name the types", "Standard")]
    assert [(w.line, w.message) for w in note.warnings] == [
        (
            4,
            "the --- line under a card is read as a rule, not as a heading underline "
            "(put a blank line above it to say so)",
        ),
        (
            8,
            "the --- line under a card is read as a rule, not as a heading underline "
            "(put a blank line above it to say so)",
        ),
    ]


def test_a_bold_card_front_is_not_taken_for_a_label() -> None:
    assert [(f, b) for _, f, b, _ in cards("**What is SQS?**\n?\nA queue\n")] == [
        ("What is SQS?", "A queue")
    ]
    assert [(f, b) for _, f, b, _ in cards("**The limit is ==256 KiB==**\n")] == [
        ("The limit is [...]", "256 KiB")
    ]


def test_a_heading_with_a_double_colon_stays_a_topic_and_says_so() -> None:
    note = parse_text("# AWS\n\n## Port of HTTPS::443\n\ntext\n", "n.md")
    assert [t.title for t in note.topics] == ["AWS", "Port of HTTPS::443"]
    assert [(w.line, w.message) for w in note.warnings] == [
        (
            3,
            "a heading is a topic title, not a card: its '::' makes no card "
            "(write the card on a line under the heading)",
        )
    ]


def test_a_paragraph_with_more_than_50_deletions_makes_50_cards_and_says_so() -> None:
    note = parse_text("# AWS\n\n" + " ".join(f"w{k} ==a{k}==" for k in range(60)) + "\n", "n.md")
    assert [c.back for c in note.cards] == [f"a{k}" for k in range(50)]
    assert [str(w) for w in note.warnings] == [
        "n.md:3: 60 cloze deletions in one paragraph: cards are made for the first 50 (this "
        "line holds the first one left out; split the paragraph)"
    ]


def test_a_very_long_line_asks_its_deletion_with_the_text_around_it() -> None:
    line = "word " * 1000 + "==the answer== " + "more " * 1000
    [card] = [c for c in parse_text(f"# AWS\n\n{line}\n", "n.md").cards if c.kind == CLOZE]
    assert card.back == "the answer"
    assert card.front.startswith("… word") and card.front.endswith("more …")
    assert "word [...] more" in card.front and len(card.front) < 700
