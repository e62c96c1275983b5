"""A topic's notes as the learner reads them in Browse: the card syntax turned into prose.

`front::back` lines become "front → back" list items (`:::` gives ↔), a multi-line card's `?`
line becomes an arrow, and `==cloze==` highlights become bold. The result is Markdown whose
card text is escaped, so nothing in the notes is read as markup; fenced code is left as it is.
"""

from __future__ import annotations

import re

from studyapp.notes.explicit import inspect_inline
from studyapp.notes.text import highlights

_ESCAPE = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~=])")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ARROWS = {"?": "→", "??": "↔"}
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def escape(text: str) -> str:
    """`text` with Markdown's punctuation backslash-escaped: shown as written."""
    return _ESCAPE.sub(r"\\\1", text)


def _bold_highlights(line: str) -> str:
    spans = highlights(line)
    if not spans:
        return line
    out, at = [], 0
    for m in spans:
        out += [line[at : m.start()], "**", line[m.start(1) : m.end(1)], "**"]
        at = m.end()
    out.append(line[at:])
    return "".join(out)


def _without_tables(lines: list[str]) -> list[str]:
    """`lines` less their pipe tables (a header line, a delimiter row, the rows after it)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (
            "|" in lines[i]
            and i + 1 < len(lines)
            and "-" in lines[i + 1]
            and _DELIMITER.match(lines[i + 1])
        ):
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return out


def readable_notes(body: str, drop_tables: bool = False) -> str:
    """Markdown for `body` with its card syntax made readable (see the module's docstring);
    `drop_tables`: leave out the pipe tables (the screen draws them itself)."""
    lines: list[str] = []
    fence = ""
    source = body.split("\n")
    for line in _without_tables(source) if drop_tables else source:
        opened = _FENCE.match(line)
        if fence:
            lines.append(line)
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            lines.append(line)
            continue
        stripped = line.strip()
        if stripped in _ARROWS:
            lines.append(f"\n{_ARROWS[stripped]}\n")
            continue
        card, _warning = inspect_inline(line)
        if card is not None:
            front, back, both = card
            lines.append(f"- {escape(front)} {'↔' if both else '→'} {escape(back)}")
            continue
        lines.append(_bold_highlights(line))
    return "\n".join(lines)
