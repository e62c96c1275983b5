"""An unexpected error inside the parser becomes a warning; what was parsed so far is kept."""

from __future__ import annotations

import pytest

from studyapp.notes import cards, markdown, outline
from studyapp.notes.parse import parse_text

DOC = "# Good\n\n- Alpha: first letter\n\n# Bad\n\n- Beta: second letter\n\n# Later\n\ntext\n"


def test_error_in_one_topics_cards_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cards.split_definition

    def flaky(raw: str, *args: bool, **kwargs: bool):  # type: ignore[no-untyped-def]
        if raw.startswith("Beta"):
            raise RuntimeError("boom")
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(cards, "split_definition", flaky)
    note = parse_text(DOC, "d.md")
    assert [t.title for t in note.topics] == ["Good", "Bad", "Later"]
    assert [c.front for c in note.cards] == ["Good — Alpha"]
    [warning] = note.warnings
    assert (warning.path, warning.line) == ("d.md", 5) and "boom" in warning.message


def test_error_while_reading_keeps_earlier_topics(monkeypatch: pytest.MonkeyPatch) -> None:
    real = markdown.plain

    def flaky(text: str, keep_highlight: bool = False) -> str:
        if text == "Bad":
            raise RuntimeError("boom")
        return real(text, keep_highlight)

    monkeypatch.setattr(markdown, "plain", flaky)
    note = parse_text(DOC, "d.md")
    assert [t.title for t in note.topics] == ["Good"]
    assert [c.front for c in note.cards] == ["Good — Alpha"]
    assert [(w.line, "boom" in w.message) for w in note.warnings] == [(5, True)]


def test_error_while_reading_an_outline_keeps_earlier_topics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = outline.plain

    def flaky(text: str, keep_highlight: bool = False) -> str:
        if text == "Bad":
            raise RuntimeError("boom")
        return real(text, keep_highlight)

    monkeypatch.setattr(outline, "plain", flaky)
    text = "Good\n  Alpha: first letter\nBad\n  Beta: second letter\n"
    note = parse_text(text, "o.txt")
    assert [t.title for t in note.topics] == ["Good"]
    assert [w.line for w in note.warnings] == [3]


def test_outline_domains_comment_under_a_heading() -> None:
    text = "SQS\n<!-- domains: dva-c02:2 -->\n  Visibility\n    Default: 30 seconds\nEC2\n  x\n"
    topics = {t.title: t for t in parse_text(text, "o.txt").topics}
    assert topics["SQS"].domains == ("dva-c02:2",)
    assert topics["Visibility"].domains == ("dva-c02:2",)
    assert topics["EC2"].domains == ()


def test_old_mac_line_endings_are_lines_too() -> None:
    """A bare carriage return ends a line, as markdown-it reads it (no crash, right lines)."""
    from studyapp.notes.parse import parse_text

    note = parse_text("\r\r# 1. \r\rWhat is SQS?::A queue\r", "x.md", outline=False)
    assert [w.message for w in note.warnings] == []
    assert [(c.front, c.back, c.line) for c in note.cards] == [("What is SQS?", "A queue", 5)]
