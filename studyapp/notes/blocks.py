"""The intermediate shape both readers (Markdown, plain-text outline) produce.

A file becomes a list of :class:`Section` (one per topic, plus an optional preamble) holding the
text blocks card extraction looks at. Code, HTML comments, images and tables of contents never get
here as text blocks, so nothing in them can become a card.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studyapp.notes.model import TopicDraft

PARA = "para"
ITEM = "item"
TABLE = "table"
MAX_TABLE_COLUMNS = 30  # wider tables are kept for reading but make no cards


@dataclass(slots=True)
class Block:
    kind: str  # PARA, ITEM or TABLE
    line: int  # 1-based line of the block's first line
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line, raw Markdown text)
    depth: int = 0  # list nesting depth for items (0 = top-level list)
    parent: str = ""  # plain text of the enclosing list item, if any (context for cards)
    children: list[str] = field(default_factory=list)  # plain text of direct sub-items
    label: str = ""  # pseudo-heading (bold-only line) in effect above this block
    header: list[str] = field(default_factory=list)  # TABLE only
    rows: list[list[str]] = field(default_factory=list)  # TABLE only
    joined: bool = True  # lines may be soft-wrapped statements (Markdown); False in outlines


@dataclass(slots=True)
class Section:
    topic: TopicDraft
    blocks: list[Block] = field(default_factory=list)
