"""Cards and comparison tables for one section: explicit cards first, then derived ones.

Rules, in order, per text block:
1. explicit cards (``::``, ``:::``, ``?``/``??``, ``==cloze==``) use their lines up;
2. a definition (``Term: meaning``...) becomes a DEFINITION card, unless its meaning starts with
   its only number with a unit, which makes a FACT cloze instead (``Default: 30 seconds``,
   ``Burst: up to 70%``): both would ask the same thing. A later number in the meaning adds
   a FACT cloze next to the definition; numbers given as examples ("e.g. 100 ms") make none;
3. other numbers with units become FACT clozes with the topic (and list context) in front.
The same front never appears twice in one topic. Tables give one TABLE_ROW card per cell outside
the key column, and a :class:`TableDraft` kept whole for display.
"""

from __future__ import annotations

import re

from studyapp.notes.blocks import ITEM, MAX_TABLE_COLUMNS, TABLE, Block, Section
from studyapp.notes.derived import fact_spans, sentence_around, split_definition, table_prompt
from studyapp.notes.explicit import explicit_cards
from studyapp.notes.model import DEFINITION, FACT, TABLE_ROW, CardDraft, TableDraft
from studyapp.notes.text import is_link_only, plain

_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_DIGIT = re.compile(r"\d")
MAX_CHILDREN = 8
MAX_CHILD_CHARS = 150
MAX_CONTEXT_CHARS = 60
# Words that may come before the value in a meaning that is just a value ("up to 70%").
_VALUE_LEAD = re.compile(
    r"^(?:\W|\b(?:up|to|max(?:imum)?|min(?:imum)?|of|at|least|most|about|around|approx(?:\.|imately)?|"
    r"roughly|only|default|by|is|are)\b)*$",
    re.I,
)


_GENERIC_TITLES = frozenset(
    (
        "key points",
        "overview",
        "key features",
        "features",
        "use cases",
        "important notes",
        "notes",
        "summary",
        "benefits",
        "pricing",
        "cost",
        "security",
        "examples",
        "example",
        "limitations",
        "performance",
        "introduction",
        "basics",
        "details",
        "considerations",
        "best practices",
        "important exam points",
        "exam tips",
        "definition",
        "advantages",
    )
)


def _topic_context(path: tuple[str, ...]) -> str:
    """The topic's title, led by its parent's when the title alone says little ("Key Points")."""
    title = path[-1] if path else ""
    if len(path) > 1 and title.casefold() in _GENERIC_TITLES:
        return f"{path[-2]} › {title}"
    return title


class _Collector:
    def __init__(self, section: Section) -> None:
        self.path = section.topic.path
        self.title = _topic_context(self.path)
        self.cards: list[CardDraft] = []
        self.tables: list[TableDraft] = []
        self._fronts: set[str] = set()
        self.rejected: list[tuple[int, str]] = []  # (line, why its "::" made no card)

    def add(self, kind: str, front: str, back: str, line: int) -> None:
        key = " ".join(front.casefold().split())
        if not front or not back or key in self._fronts:
            return
        self._fronts.add(key)
        self.cards.append(CardDraft(self.path, kind, front, back, line))

    def add_card(self, card: CardDraft) -> None:
        self.add(card.kind, card.front, card.back, card.line)


def _units(lines: list[tuple[int, str]], used: set[int], joined: bool) -> list[tuple[int, str]]:
    """Logical statements of a block: a line, with soft-wrapped continuation lines joined."""
    units: list[tuple[int, list[str]]] = []  # parts joined once at the end: linear time
    for no, text in lines:
        if no in used:
            continue
        text = _LIST_MARK.sub("", text, count=1).strip()
        if not text:
            continue
        if (
            joined
            and units
            and text[0].islower()
            and not units[-1][1][-1].endswith((".", ":", "!", "?"))
            and split_definition(text, continuation=True) is None
        ):
            units[-1][1].append(text)
        else:
            units.append((no, [text]))
    return [(no, " ".join(parts)) for no, parts in units]


def _context(block: Block, title: str) -> list[str]:
    """Context words for a card front: topic title, then the nearest list parent or label."""
    near = ""
    if block.parent:
        split = split_definition(block.parent)
        near = split[0] if split else block.parent
        if len(near) > MAX_CONTEXT_CHARS:
            near = ""
    if not near:
        near = block.label
    parts = [title] if title else []
    if near and near.casefold() not in title.casefold():
        parts.append(near)
    return parts


def _prefix(parts: list[str], text: str) -> str:
    """Context pieces not already said in ``text``, joined as "Topic › Sub-context"."""
    folded = text.casefold()
    keep = [p for p in parts if p.casefold() not in folded]
    return " › ".join(keep)


def _facts(col: _Collector, ctx: list[str], text: str, line: int, only: str = "") -> None:
    for start, end in fact_spans(text):
        found = sentence_around(text, start, end)
        if found is None:
            continue
        sentence, s, e = found
        if only and sentence[s:e] not in only:
            continue
        cloze = f"{sentence[:s]}[...]{sentence[e:]}".strip()
        head = _prefix(ctx, sentence)
        if head:
            cloze = f"{head} {cloze}" if head.endswith(":") else f"{head}: {cloze}"
        col.add(FACT, cloze, sentence[s:e], line)


def _value_led(meaning: str, first_value: int) -> bool:
    """True when a meaning starts with its number ("30 seconds before a retry", "up to 70%").
    With one number only, a fact cloze of it asks what the definition asks: only the fact is
    kept. A meaning holding several numbers keeps its definition, which asks for all of them."""
    return not meaning[:first_value].strip() or bool(_VALUE_LEAD.match(meaning[:first_value]))


def _text_block(col: _Collector, block: Block) -> None:
    cards, used, lines, rejected = explicit_cards(block.lines, col.path)
    col.rejected.extend(rejected)
    for card in cards:
        col.add_card(card)
    ctx = _context(block, col.title)
    first_line = block.lines[0][0] if block.lines else 0
    for no, raw in _units(lines, used, block.joined):
        if is_link_only(raw):
            continue
        text = plain(raw)
        if not text:
            continue
        definition = split_definition(raw)
        has_digit = bool(_DIGIT.search(text))
        if definition is not None:
            term, meaning = definition
            children = block.children if no == first_line else []
            if not meaning and block.kind == ITEM and 0 < len(children) <= MAX_CHILDREN:
                if all(len(c) <= MAX_CHILD_CHARS and not c.endswith(":") for c in children):
                    meaning = "; ".join(children)
            if not meaning:
                continue
            spans = fact_spans(meaning) if _DIGIT.search(meaning) else []
            if len(spans) == 1 and _value_led(meaning, spans[0][0]):
                _facts(col, ctx, text, no)  # the definition would ask the same thing
                continue
            head = _prefix(ctx, term)
            col.add(DEFINITION, f"{head} — {term}" if head else term, meaning, no)
            if spans:
                _facts(col, ctx, text, no, only=meaning)
            continue
        if has_digit:
            _facts(col, ctx, text, no)


def _table_block(col: _Collector, block: Block) -> None:
    caption = block.label or col.title
    width = len(block.header)
    col.tables.append(TableDraft(col.path, caption, block.header, block.rows, block.line))
    if width > MAX_TABLE_COLUMNS:  # the reader has warned: not a comparison to drill
        return
    for k, row in enumerate(block.rows):
        key = row[0] if row else ""
        if not key:
            continue
        for j in range(1, width):
            cell = row[j]
            if cell:
                front = table_prompt(caption, key, block.header[j], width)
                col.add(TABLE_ROW, front, cell, block.line + 2 + k)


def section_cards(
    section: Section,
) -> tuple[list[CardDraft], list[TableDraft], list[tuple[int, str]]]:
    """All cards and tables of one section, in source order, and ``(line, reason)`` for each
    line whose ``::`` looked meant as a card but was not read as one."""
    col = _Collector(section)
    for block in section.blocks:
        if block.kind == TABLE:
            _table_block(col, block)
        else:
            _text_block(col, block)
    return col.cards, col.tables, col.rejected
