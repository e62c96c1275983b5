"""Plain-text outlines -> sections of blocks (the same shape the Markdown reader gives).

- a line underlined with ``===`` (level 1) or ``---`` (level 2) is a heading;
- a line (not a bullet) followed by more-indented lines (tabs or spaces) heads them, to any depth;
- a bullet (``-``, ``*``, ``•``, ``+``, ``1.``) followed by more-indented lines is a list item whose
  sub-items explain it (used as context and as the meaning of ``Term:`` items); so is a
  ``front::back`` card line, which never becomes a topic;
- a multi-line card's ``?``/``??`` line counts as indented like the line above it, so ``  ?``
  does not make the front a topic;
- everything else is text of the current topic; consecutive lines at one indent form a paragraph.
"""

from __future__ import annotations

import re

from studyapp.notes.blocks import ITEM, PARA, Block, Section
from studyapp.notes.budget import BudgetExceeded
from studyapp.notes.budget import check as check_budget
from studyapp.notes.explicit import holds_card, inspect_inline
from studyapp.notes.guards import short_title
from studyapp.notes.markdown import is_todo_heading, parse_domains
from studyapp.notes.model import ImportWarning, TopicDraft
from studyapp.notes.text import plain

_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_BULLET = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SETEXT_RANK = -100  # setext headings rank above any indentation
MAX_DEPTH = 20  # topic levels; lines nested deeper are read as list items of the deepest topic


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _card_regions(
    lines: list[str], structural: list[int], widths: dict[int, int], underline: dict[int, int]
) -> dict[int, int]:
    """Multi-line cards: the lines touching a ``?``/``??`` line (no blank line between) at its
    indent or deeper, above it (the front) and below it (the back), bullets included. Maps a
    card's first line to its last, and each of its other lines to -1."""
    regions: dict[int, int] = {}

    def touching(k: int, step: int) -> int | None:
        j = k + step
        if not 0 <= j < len(structural):
            return None
        a, b = structural[k], structural[j]
        if abs(a - b) != 1 or b in regions or b in underline:
            return None
        return j

    for k, i in enumerate(structural):
        if i in regions or lines[i].strip() not in ("?", "??"):
            continue
        width = widths[i]
        top = k
        while (j := touching(top, -1)) is not None and widths[structural[j]] >= width:
            top = j
        bottom = k
        while (j := touching(bottom, 1)) is not None and widths[structural[j]] >= width:
            bottom = j
        if top == k or bottom == k:
            continue
        regions[structural[top]] = structural[bottom]
        for j in range(top + 1, bottom + 1):
            regions[structural[j]] = -1
    return regions


def read_outline(text: str, path: str, stem: str) -> tuple[list[Section], list[ImportWarning]]:
    lines = text.split("\n")
    warnings: list[ImportWarning] = []
    n = len(lines)
    underline: dict[int, int] = {}  # heading line index -> level
    skip: set[int] = set()
    in_fence = False
    fence_line = 0
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            fence_line = i + 1
            skip.add(i)
            continue
        if in_fence:
            skip.add(i)
            continue
        m = _UNDERLINE.match(line)
        if m and len(m.group(1)) >= 3 and i > 0 and i - 1 not in skip:
            prev = lines[i - 1].strip()
            if prev and not _BULLET.match(prev) and not _UNDERLINE.match(prev):
                skip.add(i)
                if holds_card(prev):  # "Q::A" above "---": a card, then a rule
                    warnings.append(
                        ImportWarning(
                            path,
                            i + 1,
                            f"the {m.group(1)[0] * 3} line under a card is read as a rule, not "
                            "as a heading underline (put a blank line above it to say so)",
                        )
                    )
                    continue
                underline[i - 1] = 1 if m.group(1)[0] == "=" else 2
    if in_fence:
        warnings.append(
            ImportWarning(
                path,
                fence_line,
                "code fence opened here is never closed: the rest of the file is read as code "
                "and makes no cards (add a closing ```)",
            )
        )
    content = [i for i in range(n) if i not in skip and lines[i].strip()]
    structural = [i for i in content if not lines[i].lstrip().startswith("<!--")]
    next_of = {structural[k]: structural[k + 1] for k in range(len(structural) - 1)}
    widths: dict[int, int] = {}
    for k, i in enumerate(structural):
        if k and lines[i].strip() in ("?", "??"):  # a card's separator: indented as its front
            widths[i] = widths[structural[k - 1]]
        else:
            widths[i] = _indent(lines[i])
    cards = _card_regions(lines, structural, widths, underline)

    preamble = Section(TopicDraft((stem,), stem, 1, 1))
    sections: list[Section] = []
    topic_stack: list[tuple[int, Section]] = []
    item_stack: list[tuple[int, Block]] = []
    current = preamble
    topic_starts: list[tuple[int, Section]] = []
    last_para: tuple[int, int, Block] | None = None  # (indent, line index, block)
    just_headed: Section | None = None

    def open_topic(rank: int, title: str, i: int) -> Section | None:
        nonlocal current
        while topic_stack and topic_stack[-1][0] >= rank:
            topic_stack.pop()
        parent = topic_stack[-1][1] if topic_stack else None
        if is_todo_heading(title):
            current = parent or preamble
            return None
        ppath = parent.topic.path if parent else ()
        title = short_title(title, path, i + 1, warnings)
        topic = TopicDraft(ppath + (title,), title, len(ppath) + 1, i + 1)
        topic.domains = parent.topic.domains if parent else ()
        section = Section(topic)
        sections.append(section)
        topic_stack.append((rank, section))
        topic_starts.append((i, section))
        current = section
        return section

    line_no = 0
    too_deep = False
    try:
        for i in content:
            line_no = i + 1
            check_budget(line_no)
            raw = lines[i]
            stripped = raw.strip()
            if stripped.startswith("<!--"):
                if just_headed is not None:
                    found = parse_domains(stripped, path, i + 1, warnings)
                    if found is not None:
                        just_headed.topic.domains = found
                continue
            just_headed = None
            if i in cards:  # a multi-line card: one block, whatever its lines look like
                last = cards[i]
                if last < 0:
                    continue
                while topic_stack and widths[i] <= topic_stack[-1][0]:
                    topic_stack.pop()
                    current = topic_stack[-1][1] if topic_stack else preamble
                item_stack.clear()
                last_para = None
                span = [(j + 1, lines[j].strip()) for j in range(i, last + 1) if j in widths]
                current.blocks.append(Block(PARA, i + 1, span, joined=False))
                continue
            if i in underline:
                item_stack.clear()
                last_para = None
                just_headed = open_topic(_SETEXT_RANK + underline[i], plain(stripped), i)
                continue
            width = widths[i]
            nxt = next_of.get(i)
            heads = nxt is not None and nxt not in underline and widths[nxt] > width
            bullet = _BULLET.match(stripped) or (
                "::" in stripped and inspect_inline(stripped)[0] is not None
            )
            while topic_stack and width <= topic_stack[-1][0]:
                topic_stack.pop()
                current = topic_stack[-1][1] if topic_stack else preamble
            deep = heads and not bullet and len(topic_stack) >= MAX_DEPTH
            if deep:
                if not too_deep:
                    too_deep = True
                    warnings.append(
                        ImportWarning(
                            path,
                            i + 1,
                            f"outline nested more than {MAX_DEPTH} levels deep; deeper lines "
                            "are read as list items of the topic above (indent less)",
                        )
                    )
            if heads and not bullet and not deep:
                item_stack.clear()
                last_para = None
                just_headed = open_topic(width, plain(stripped), i)
                continue
            while item_stack and item_stack[-1][0] >= width:
                item_stack.pop()
            text = _BULLET.sub("", stripped, count=1)
            parent_block = item_stack[-1][1] if item_stack else None
            parent = plain(parent_block.lines[0][1]) if parent_block else ""
            if bullet or deep or parent_block is not None:  # deep: an item of the deepest topic
                block = Block(ITEM, i + 1, [(i + 1, text)], depth=len(item_stack), parent=parent)
                block.joined = False
                current.blocks.append(block)
                if parent_block is not None:
                    parent_block.children.append(plain(text))
                if heads:
                    item_stack.append((width, block))
                last_para = None
                continue
            if last_para and last_para[0] == width and last_para[1] == i - 1:
                last_para[2].lines.append((i + 1, text))
                last_para = (width, i, last_para[2])
                continue
            block = Block(PARA, i + 1, [(i + 1, text)], joined=False)
            current.blocks.append(block)
            last_para = (width, i, block)
    except BudgetExceeded:
        raise
    except Exception as err:  # noqa: BLE001 - keep what was read, say where it stopped
        warnings.append(ImportWarning(path, line_no, f"rest of the file skipped: {err!r}"))

    for k, (start, section) in enumerate(topic_starts):
        stop = topic_starts[k + 1][0] if k + 1 < len(topic_starts) else n
        body = [lines[j] for j in range(start + 1, stop) if not _UNDERLINE.match(lines[j])]
        section.topic.body = "\n".join(body).strip("\n")
    first = topic_starts[0][0] if topic_starts else n
    preamble.topic.body = "\n".join(lines[:first]).strip("\n")
    result = ([preamble] if preamble.blocks else []) + sections
    return result, warnings
