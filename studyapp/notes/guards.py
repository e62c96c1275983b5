"""Limits that keep hostile notes from costing the learner anything else in the file.

Each guard reports what it did as a warning naming the file and line: lists or quotes nested past
the parser's limit are read flat (markdown-it would swallow the rest of their block), headings are
cut to a title's length, tables that are too wide make no cards, ragged table rows and code fences
never closed are named.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from studyapp.notes.blocks import MAX_TABLE_COLUMNS
from studyapp.notes.model import ImportWarning

MAX_NESTING = 100  # markdown-it token levels: about 50 nested lists or quotes
MAX_TITLE = 200  # characters of a heading kept as a topic title
# Leading list markers, quote markers and indentation of a line (to read it flat).
_CONTAINER_PREFIX = re.compile(r"^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def short_title(title: str, path: str, line: int, warnings: list[ImportWarning]) -> str:
    """A heading's title, cut to :data:`MAX_TITLE` characters (with a warning) if longer."""
    if len(title) <= MAX_TITLE:
        return title
    warnings.append(
        ImportWarning(
            path,
            line,
            f"heading is {len(title)} characters long; its topic title keeps the first "
            f"{MAX_TITLE} (shorten the heading and put the rest under it)",
        )
    )
    return title[: MAX_TITLE - 1].rstrip() + "…"


def flatten_deep(
    text: str, tokens: list[Token], path: str, warnings: list[ImportWarning]
) -> str | None:
    """Lists or quotes nested past markdown-it's limit swallow the rest of their block: read the
    lines of that top-level block as a flat list instead, so nothing after them is lost.
    None when nothing is nested that deep."""
    top: list[int] | None = None
    for tok in tokens:
        if tok.level == 0 and tok.map:
            top = tok.map
        if tok.level >= MAX_NESTING - 1 and top is not None:
            break
    else:
        return None
    lines = text.split("\n")
    first, end = top
    deep = next((t.map[0] for t in tokens if t.level >= MAX_NESTING - 2 and t.map), first)
    for j in range(first, min(end, len(lines))):
        rest = _CONTAINER_PREFIX.sub("", lines[j], count=1)
        lines[j] = rest if rest.startswith("#") else f"- {rest}" if rest.strip() else ""
    warnings.append(
        ImportWarning(
            path,
            deep + 1,
            f"lists or quotes nested more than {MAX_NESTING // 2} levels deep; "
            + (f"line {end}" if end - first == 1 else f"lines {first + 1}-{end}")
            + " read as a flat list (indent less to keep the structure)",
        )
    )
    return "\n".join(lines)


def check_table(
    tokens: list[Token], width: int, lines: list[str], path: str, warnings: list[ImportWarning]
) -> None:
    """Warn about rows whose cell count differs from the header's, and very wide tables."""
    start = (tokens[0].map or (0, 1))[0]
    if width > MAX_TABLE_COLUMNS:
        warnings.append(
            ImportWarning(
                path,
                start + 1,
                f"table has {width} columns; cards are made only from tables of up to "
                f"{MAX_TABLE_COLUMNS} columns (the table is kept for reading)",
            )
        )
    ragged: list[tuple[int, int]] = []
    for t in tokens:
        if t.type == "tr_open" and t.map and t.map[0] < len(lines):
            raw = lines[t.map[0]].strip()
            if not raw.startswith("|"):  # a table inside a quote or a list item
                raw = _CONTAINER_PREFIX.sub("", raw, count=1)
            raw = raw[1:] if raw.startswith("|") else raw
            raw = raw[:-1] if raw.endswith("|") and not raw.endswith("\\|") else raw
            cells = len(_UNESCAPED_PIPE.split(raw))
            if cells != width:
                ragged.append((t.map[0] + 1, cells))
    if ragged:
        line, cells = ragged[0]
        rows = f"{len(ragged)} rows have" if len(ragged) > 1 else "a row has"
        warnings.append(
            ImportWarning(
                path,
                line,
                f"table: {rows} a different number of cells from the header's {width} "
                f"(this one has {cells}); missing cells are left empty, extra cells dropped",
            )
        )


def check_fence(tok: Token, lines: list[str], path: str, warnings: list[ImportWarning]) -> None:
    """A code fence never closed runs to the end of its block: say so, nothing there is read."""
    start, end = tok.map or (0, 0)
    last = lines[end - 1].strip() if start < end - 1 < len(lines) else ""
    mark = tok.markup or "```"
    if last.startswith(mark) and not last.strip(mark[0]):
        return
    warnings.append(
        ImportWarning(
            path,
            start + 1,
            f"code fence {mark} opened here is never closed: everything up to line "
            f"{max(end, start + 1)} is read as code and makes no cards "
            f"(add a closing {mark})",
        )
    )
