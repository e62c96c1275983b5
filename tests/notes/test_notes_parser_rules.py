"""A note is parsed without the block rules that cannot start anywhere in it (a long paragraph
otherwise pays seven rule calls a line). Leaving them out must never change what is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.notes.markdown import _parser, parser_for

ALL_RULES = _parser(frozenset())

# Line pieces that start (or nearly start) every kind of block, in and out of containers.
PIECES = [
    "a",
    "Text with words",
    "# Heading",
    "#NoSpace",
    "## h ##",
    "===",
    "---",
    "- - -",
    "***",
    "___",
    " * * *",
    "- item",
    "* item",
    "+ item",
    "1. one",
    "2) two",
    "10. ten",
    "-item",
    "> quote",
    ">> deep",
    "> - in quote",
    "- > quote in list",
    "- # heading in list",
    "```",
    "~~~",
    "```py",
    "    indented",
    "\tTabbed",
    "<div>",
    "<!-- c -->",
    "<pre>",
    "</div>",
    "| a | b |",
    "|---|---|",
    "a | b",
    "--- | ---",
    "[ref]: http://x",
    "[a]",
    "Q::A",
    "==c==",
    "?",
    "??",
    "1-2",
    "- [ ] task",
    "Term: meaning",
    "",
    "",
    "",
]


def tokens(md: object, text: str) -> list[tuple[object, ...]]:
    out = md.parse(text, {})  # type: ignore[attr-defined]
    return [(t.type, t.map, t.content, t.markup, t.info, t.level) for t in out]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(["", " ", "  ", "    ", "\t"]), st.sampled_from(PIECES)),
        max_size=30,
    )
)
def test_leaving_out_rules_that_cannot_start_reads_the_same_tokens(
    lines: list[tuple[str, str]],
) -> None:
    text = "\n".join(indent + piece for indent, piece in lines) + "\n"
    assert tokens(parser_for(text), text) == tokens(ALL_RULES, text)


ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "notes"


def test_the_bundled_notes_read_the_same_tokens() -> None:
    notes = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests/data").rglob("*.md"))
    assert notes, "no bundled notes found"
    for path in notes:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert tokens(parser_for(text), text) == tokens(ALL_RULES, text), path


def test_the_learners_notes_read_the_same_tokens() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not available (the learners' notes live outside the repo)")
    notes = sorted(p for p in SHARED.rglob("*") if p.is_file())
    for path in notes:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert tokens(parser_for(text), text) == tokens(ALL_RULES, text), path


def test_a_note_of_plain_lines_drops_the_paragraph_ending_rules() -> None:
    md = parser_for("just\nplain\nlines\n")
    active = set(md.block.ruler.get_active_rules())
    assert {"list", "heading", "lheading", "fence", "blockquote", "hr", "html_block"}.isdisjoint(
        active
    )
    assert "paragraph" in active
