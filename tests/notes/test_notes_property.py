"""Property: any text parses without an exception, and warnings always point somewhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.notes.model import CARD_KINDS
from studyapp.notes.parse import parse_text
from studyapp.notes.read import decode

PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "===",
        "---",
        "\n",
        "\n\n",
        "\t",
        "    ",
        "- ",
        "1. ",
        "* ",
        "• ",
        "**",
        "*",
        "`",
        "```",
        "::",
        ":::",
        "?",
        "??",
        "==",
        "<!--",
        "-->",
        "<!-- domains: saa-c03:1.2 -->",
        "| a | b |",
        "|---|---|",
        "[x](y)",
        "![i](p.png)",
        "Term: ",
        "30 seconds",
        "TODO",
        ":",
        "arn:aws:iam::1:role/x",
        "::1",
        "‚Üî",
        "\x00",
        "\r\n",
        "\\",
        "=",
        # hostile pieces: deep nesting, wide or ragged tables, markup and terminal escapes
        "- " * 60,
        "> " * 60,
        "  " * 30 + "- ",
        "| a | b | c | d |\n|---|---|---|---|\n| x |",
        "| 1 | 2 | 3 | 4 | 5 |",
        "```python",
        "~~~",
        "[bold]",
        "[/]",
        "[link=http://e.x]",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x9b",
        "\ufeff",
        "\udcff",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)
# Warnings that mean the parser itself failed (its safety net caught an exception): never expected.
BUG_SIGNS = ("could not parse the file", "rest of the file skipped", "cards of this topic skipped")


def check_warnings(text: str, path: str, warnings: list) -> None:
    """A non-empty path and a line inside the text (0 only for a whole-file problem)."""
    last = text.count("\n") + text.count("\r") + 1
    for w in warnings:
        assert w.path == path and isinstance(w.line, int)
        assert 1 <= w.line <= last, str(w)
        assert not any(sign in w.message for sign in BUG_SIGNS), str(w)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_markdown_importer_takes_any_text(text: str) -> None:
    note = parse_text(text, "any.md", outline=False)
    check_warnings(text, "any.md", note.warnings)
    assert all(c.front and c.back and c.line >= 1 for c in note.cards)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_outline_importer_takes_any_text(text: str) -> None:
    note = parse_text(text, "any.txt", outline=True)
    check_warnings(text, "any.txt", note.warnings)
    assert all(c.front and c.back and c.line >= 1 for c in note.cards)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, outline=st.sampled_from([None, True, False]))
def test_arbitrary_text_never_raises(text: str, outline: bool | None) -> None:
    note = parse_text(text, "prop.md", outline=outline)
    for warning in note.warnings:
        assert warning.path == "prop.md" and warning.line >= 0
    for card in note.cards:
        assert card.kind in CARD_KINDS and card.front and card.back and card.line >= 1
    for topic in note.topics:
        assert topic.title and topic.level >= 1 and topic.line >= 1


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = decode(data, "bytes.md", max_bytes=200)
    for warning in result.warnings:
        assert warning.path == "bytes.md" and warning.line >= 0
    if result.text is not None:
        assert "\x00" not in result.text
