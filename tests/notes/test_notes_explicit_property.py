"""Property: every explicit card written in a note comes out, whatever Markdown surrounds it.

Notes are generated as random Markdown blocks (headings, prose with emphasis, links and inline
code, lists, tables, closed code fences, quotes, HTML comments and ``<pre>`` blocks, rules, front
matter) with known cards of every kind of the plugin's syntax placed between them; each card
must be among the note's cards with exactly the front and back it was written with. The number
of examples is bounded so the suite stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.notes.model import BASIC, CLOZE, REVERSED
from studyapp.notes.parse import parse_text

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
FIRST = st.text(alphabet=LETTERS, min_size=1, max_size=8)
WORD = st.one_of(
    FIRST,
    st.text(alphabet=LETTERS + "0123456789éüßñ中", min_size=1, max_size=8),
    st.sampled_from(["(AZ)", "50%", "a/b", "x-y", "e.g.", "it's", "$5", "3.5", "1,000", "&", "+"]),
)
PHRASE = st.tuples(FIRST, st.lists(WORD, max_size=6)).map(lambda t: " ".join([t[0], *t[1]]))


@dataclass
class Written:
    """A card as written in the note and the cards it must give ``(kind, front, back)``."""

    text: str
    expected: list[tuple[str, str, str]] = field(default_factory=list)


@st.composite
def explicit_card(draw: st.DrawFn, n: int) -> Written:
    front = f"Q{n} {draw(PHRASE)}"
    back = f"A{n} {draw(PHRASE)}"
    shape = draw(
        st.sampled_from(
            [
                "basic",
                "reversed",
                "spaced",
                "multiline",
                "multiline_reversed",
                "code_answer",
                "list_answer",
                "cloze",
                "list_item",
                "tagged",
                "scheduled",
                "quoted",
                "above_rule",
            ]
        )
    )
    if shape == "basic":
        return Written(f"{front}::{back}", [(BASIC, front, back)])
    if shape == "reversed":
        return Written(f"{front}:::{back}", [(REVERSED, front, back), (REVERSED, back, front)])
    if shape == "spaced":
        return Written(f"{front} :: {back}", [(BASIC, front, back)])
    if shape in ("multiline", "multiline_reversed"):
        fronts = [front, *draw(st.lists(PHRASE, max_size=2))]
        backs = [back, *draw(st.lists(PHRASE, max_size=2))]
        mark = "?" if shape == "multiline" else "??"
        line = draw(st.sampled_from(["", " ", "  "])) + mark + draw(st.sampled_from(["", " "]))
        text = "\n".join([*fronts, line, *backs])
        f, b = "\n".join(fronts), "\n".join(backs)
        if mark == "?":
            return Written(text, [(BASIC, f, b)])
        return Written(text, [(REVERSED, f, b), (REVERSED, b, f)])
    if shape == "code_answer":
        code = draw(
            st.lists(
                st.text(alphabet=LETTERS + " :=#?*_`[]()<>-", min_size=1, max_size=20).filter(
                    lambda s: s.strip() and not s.lstrip().startswith("```")
                ),
                min_size=1,
                max_size=3,
            )
        )
        code = [c.rstrip() for c in code]
        text = "\n".join([front, "?", "```", *code, "```"])
        return Written(text, [(BASIC, front, "\n".join(code))])
    if shape == "list_answer":
        items = [back, *draw(st.lists(PHRASE, min_size=1, max_size=3))]
        text = "\n".join([front, "?", *(f"- {item}" for item in items)])
        return Written(text, [(BASIC, front, "\n".join(f"- {item}" for item in items))])
    if shape == "cloze":
        count = draw(st.integers(1, 3))
        parts = [(f"C{n}.{k} {draw(PHRASE)}", draw(PHRASE), draw(PHRASE)) for k in range(count)]
        text = "\n".join(f"{pre} =={answer}== {post}" for pre, answer, post in parts)
        expected = []
        for target, (_, answer, _) in enumerate(parts):
            shown = [
                f"{pre} {'[...]' if k == target else ans} {post}"
                for k, (pre, ans, post) in enumerate(parts)
            ]
            expected.append((CLOZE, "\n".join(shown), answer))
        return Written(text, expected)
    if shape == "list_item":
        return Written(f"- {front}::{back}", [(BASIC, front, back)])
    if shape == "tagged":
        return Written(f"#flashcards/aws {front}::{back}", [(BASIC, front, back)])
    if shape == "scheduled":
        return Written(f"{front}::{back} <!--SR:!2024-05-01,3,250-->", [(BASIC, front, back)])
    if shape == "quoted":
        return Written(f"> {front}::{back}", [(BASIC, front, back)])
    return Written(f"{front}::{back}\n---", [(BASIC, front, back)])  # above_rule


SURROUNDING = st.one_of(
    PHRASE.map(lambda p: f"# {p}"),
    PHRASE.map(lambda p: f"### {p}"),
    st.just("## TODO"),
    st.lists(PHRASE, min_size=1, max_size=3).map("\n".join),
    PHRASE.map(lambda p: f"Some **bold {p}** and *em* with `x::y` and `==z==` inline"),
    PHRASE.map(lambda p: f"See [{p}](https://example.com/a::b) and ![img](pic.png)"),
    st.lists(PHRASE, min_size=1, max_size=4).map(lambda ps: "\n".join(f"- {p}" for p in ps)),
    PHRASE.map(lambda p: f"- Term: {p}\n  - nested {p}\n1. first\n2. second"),
    PHRASE.map(lambda p: f"| Feature | Value |\n|---|---|\n| {p} | 30 seconds |"),
    PHRASE.map(lambda p: f"```\n{p}::inside code\n==not a cloze==\n?\n```"),
    PHRASE.map(lambda p: f"~~~python\nx = '{p}'\n~~~"),
    PHRASE.map(lambda p: f"> {p}\n> more quoted"),
    PHRASE.map(lambda p: f"<!-- {p}::hidden -->"),
    PHRASE.map(lambda p: f"<!--\n{p}::hidden\n\nstill hidden\n-->"),
    PHRASE.map(lambda p: f"<pre>\n{p}::preformatted\n</pre>"),
    st.just("---"),
    st.just("- [Intro](#intro)\n- [More](#more)"),
    PHRASE.map(lambda p: f"Default timeout: 30 seconds for {p}"),
)


@st.composite
def note(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, str]]]:
    blocks: list[str] = []
    expected: list[tuple[str, str, str]] = []
    if draw(st.booleans()):
        blocks.append("---\ntags: [flashcards, aws]\naliases: [x]\n---")
    for n in range(draw(st.integers(1, 6))):
        blocks.extend(draw(st.lists(SURROUNDING, max_size=3)))
        card = draw(explicit_card(n))
        blocks.append(card.text)
        expected.extend(card.expected)
    blocks.extend(draw(st.lists(SURROUNDING, max_size=2)))
    return "\n\n".join(blocks) + "\n", expected


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note())
def test_every_explicit_card_comes_out_whatever_surrounds_it(
    case: tuple[str, list[tuple[str, str, str]]],
) -> None:
    text, expected = case
    parsed = parse_text(text, "generated.md")
    made = [(c.kind, c.front, c.back) for c in parsed.cards]
    missing = [card for card in expected if card not in made]
    assert not missing, (missing, text)
