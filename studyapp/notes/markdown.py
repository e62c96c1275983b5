"""Markdown notes -> sections of blocks, from markdown-it-py's block token stream.

Only block parsing is run (markdown-it's ``inline`` core rule is disabled): card text is made
plain by :func:`studyapp.notes.text.plain` from the source, which is cheaper and keeps the learner's
escapes exactly as written.

Choices worth knowing:
- A paragraph line that is only bold text (``**What is RDS Proxy?**``), or a short line that starts
  with an emoji (``✅ Benefits of RDS Proxy``), is a *pseudo-heading*: not a topic (topics mirror
  real headings), but the label used as context in the fronts of the cards below it and as the
  caption of a table right under it, until the next heading or pseudo-heading.
- A list made only of links before the first heading or as the first block after it is a table of
  contents: not a topic, no cards, and left out of the topic's body.
- ``TODO`` and empty headings make no topic; what follows them belongs to the parent topic.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from studyapp.notes.blocks import ITEM, PARA, TABLE, Block, Section
from studyapp.notes.guards import (
    MAX_NESTING,
    check_fence,
    check_table,
    flatten_deep,
    short_title,
)
from studyapp.notes.model import ImportWarning, TopicDraft
from studyapp.notes.text import is_link_only, plain

_MD = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
_MD.disable(["inline", "text_join"])

_TODO = re.compile(r"^\W*(?:todo|tbd|fixme)\b", re.I)
_DOMAINS = re.compile(r"^\s*<!--\s*domains?\s*:(.*?)-->\s*$", re.I | re.S)
_DOMAIN_ITEM = re.compile(r"^[a-z]{2,4}-[a-z]\d{2}:\d+(?:\.\d+)?$")
_BOLD_ONLY = re.compile(r"^\W{0,6}\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$")
_EMOJI_LABEL_MAX = 60


def is_todo_heading(title: str) -> bool:
    return not title.strip(" #*_`-") or bool(_TODO.match(title))


def parse_domains(
    comment: str, path: str, line: int, warnings: list[ImportWarning]
) -> tuple[str, ...] | None:
    """``<!-- domains: saa-c03:1.2, dva-c02:2 -->`` -> ("saa-c03:1.2", "dva-c02:2")."""
    m = _DOMAINS.match(comment)
    if not m:
        return None
    found: list[str] = []
    for raw in re.split(r"[,\s]+", m.group(1).strip()):
        item = raw.strip().lower()
        if not item:
            continue
        if _DOMAIN_ITEM.match(item):
            found.append(item)
        else:
            warnings.append(
                ImportWarning(path, line, f"domain {raw!r} not understood (expected saa-c03:1.2)")
            )
    return tuple(found)


def pseudo_heading(line: str) -> str | None:
    """The label of a bold-only or emoji-led short line, else None."""
    stripped = line.strip()
    if not stripped:
        return None
    if _BOLD_ONLY.match(stripped):
        return plain(stripped).rstrip(":").strip() or None
    first = stripped[0]
    if (
        len(stripped) <= _EMOJI_LABEL_MAX
        and ord(first) > 0x2000
        and not first.isalnum()
        and not stripped.endswith(".")
        and ":" not in stripped[:-1]
        and "==" not in stripped
    ):
        return plain(stripped).rstrip(":").strip() or None
    return None


class _Reader:
    def __init__(self, text: str, path: str, stem: str) -> None:
        self.text = text
        self.path = path
        self.stem = stem
        self.warnings: list[ImportWarning] = []
        self.sections: list[Section] = []
        self.preamble = Section(TopicDraft((stem,), stem, 1, 1))
        self.current = self.preamble
        self.stack: list[tuple[int, Section]] = []  # (markdown heading level, section)
        self.items: list[tuple[Block | None, list[str]]] = []  # open list items
        self.label = ""
        self.blocks_since_heading = 0
        self.seen_heading = False
        self.skipped: list[tuple[int, int]] = []  # 0-based [start, end) line ranges (TOC)
        self.heading_lines: list[tuple[int, int, Section | None]] = []  # start, end, topic
        self._line = 0  # line of the token being read, for a warning if reading fails
        self._item_fresh = False  # the open list item has not had its first paragraph yet
        self.lines: list[str] = []

    # -- helpers --------------------------------------------------------------------------
    def _add(self, block: Block) -> None:
        block.label = self.label
        self.current.blocks.append(block)

    def _heading(self, tokens: list[Token], i: int) -> int:
        tok = tokens[i]
        level = int(tok.tag[1:])
        inline = tokens[i + 1]
        start, end = tok.map or (0, 1)
        title = short_title(plain(inline.content), self.path, start + 1, self.warnings)
        self.seen_heading = True
        self.blocks_since_heading = 0
        self.label = ""
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        if is_todo_heading(title):
            self.current = parent if parent is not None else self.preamble
            self.heading_lines.append((start, end, None))
            return i + 3
        parent_path = parent.topic.path if parent else ()
        domains = parent.topic.domains if parent else ()
        nxt = tokens[i + 3] if i + 3 < len(tokens) else None
        if nxt is not None and nxt.type == "html_block" and nxt.map and nxt.map[0] <= end + 1:
            found = parse_domains(nxt.content, self.path, nxt.map[0] + 1, self.warnings)
            if found is not None:
                domains = found
        topic = TopicDraft(parent_path + (title,), title, len(parent_path) + 1, start + 1)
        topic.domains = domains
        section = Section(topic)
        self.sections.append(section)
        self.stack.append((level, section))
        self.current = section
        self.heading_lines.append((start, end, section))
        return i + 3

    def _is_toc(self, tokens: list[Token], i: int) -> int | None:
        """Index after the list's close when the list at ``i`` is a table of contents."""
        if self.items or (self.seen_heading and self.blocks_since_heading > 0):
            return None
        if len(self.sections) > 1:
            return None
        depth = 0
        j = i
        any_link = False
        while j < len(tokens):
            t = tokens[j]
            if t.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif t.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                if depth == 0:
                    return j + 1 if any_link else None
            elif t.type == "inline":
                if not is_link_only(t.content):
                    return None
                any_link = True
            elif t.type not in ("list_item_open", "list_item_close", "paragraph_open"):
                if t.type != "paragraph_close":
                    return None
            j += 1
        return None

    def _paragraph(self, tok: Token, inline: Token) -> None:
        start = (tok.map or (0, 1))[0]
        lines = [(start + k + 1, s) for k, s in enumerate(inline.content.split("\n"))]
        in_item = bool(self.items) and self.items[-1][0] is None and self._item_fresh
        if not in_item and lines:
            label = pseudo_heading(lines[0][1])
            if label is not None:
                self.label = label
                lines = lines[1:]
        if not lines or all(is_link_only(s) or not plain(s) for _, s in lines):
            if in_item:
                self._item_fresh = False
            return
        if in_item:
            parent = self._parent_text()
        else:
            own = self.items[-1][0] if self.items else None
            parent = plain(own.lines[0][1]) if own is not None else ""
        if in_item:
            children = self.items[-1][1]
            block = Block(ITEM, lines[0][0], lines, depth=len(self.items) - 1, parent=parent)
            block.children = children
            self.items[-1] = (block, children)
            self._item_fresh = False
        else:
            block = Block(PARA, lines[0][0], lines, parent=parent)
        self._add(block)

    def _parent_text(self) -> str:
        for block, _ in reversed(self.items[:-1] if self.items else []):
            if block is not None:
                return plain(block.lines[0][1])
        return ""

    def _table(self, tokens: list[Token], i: int) -> int:
        start = (tokens[i].map or (0, 1))[0]
        header: list[str] = []
        rows: list[list[str]] = []
        row: list[str] | None = None
        in_head = False
        j = i + 1
        while j < len(tokens) and tokens[j].type != "table_close":
            t = tokens[j]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close" and row is not None:
                (header.extend(row) if in_head else rows.append(row))
                row = None
            elif t.type == "inline" and row is not None:
                row.append(plain(t.content))
            j += 1
        width = max([len(header)] + [len(r) for r in rows])
        header += [""] * (width - len(header))
        rows = [r + [""] * (width - len(r)) for r in rows if any(r)]
        check_table(tokens[i:j], len(header), self.lines, self.path, self.warnings)
        self._add(Block(TABLE, start + 1, header=header, rows=rows))
        return j + 1

    # -- main loop --------------------------------------------------------------------------
    def read(self) -> list[Section]:
        tokens = _MD.parse(self.text)
        flat = flatten_deep(self.text, tokens, self.path, self.warnings)
        if flat is not None:
            self.text = flat
            tokens = _MD.parse(flat)
        self.lines = self.text.split("\n")
        try:
            self._walk(tokens)
        except Exception as err:  # noqa: BLE001 - keep what was read, say where it stopped
            self.warnings.append(
                ImportWarning(self.path, self._line, f"rest of the file skipped: {err!r}")
            )
        self._bodies()
        if any(b for b in self.preamble.blocks):
            return [self.preamble, *self.sections]
        return self.sections

    def _walk(self, tokens: list[Token]) -> None:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if tok.map:
                self._line = tok.map[0] + 1
            if kind == "heading_open":
                i = self._heading(tokens, i)
                continue
            if kind in ("bullet_list_open", "ordered_list_open") and not self.items:
                end = self._is_toc(tokens, i)
                if end is not None:
                    first = (tok.map or (0, 0))[0]
                    last = (tok.map or (0, 0))[1]
                    self.skipped.append((first, last))
                    i = end
                    continue
                self.blocks_since_heading += 1
            elif kind == "list_item_open":
                self.items.append((None, []))
                self._item_fresh = True
            elif kind == "list_item_close":
                block, _ = self.items.pop()
                self._item_fresh = False
                if block is not None and self.items:
                    self.items[-1][1].append(plain(block.lines[0][1]))
            elif kind == "paragraph_open":
                self._paragraph(tok, tokens[i + 1])
                if not self.items:
                    self.blocks_since_heading += 1
                i += 3
                continue
            elif kind == "table_open":
                i = self._table(tokens, i)
                self.blocks_since_heading += 1
                continue
            elif kind in ("fence", "code_block", "html_block", "hr") and not self.items:
                self.blocks_since_heading += 1
                if kind != "html_block":
                    self._item_fresh = False
            elif kind in ("fence", "code_block"):
                self._item_fresh = False
            if kind == "fence":
                check_fence(tok, self.lines, self.path, self.warnings)
            i += 1

    def _bodies(self) -> None:
        lines = self.lines
        skip: set[int] = set()
        for a, b in self.skipped:
            skip.update(range(a, b))
        topics = [(s, e, sec) for s, e, sec in self.heading_lines if sec is not None]
        for k, (_, end, section) in enumerate(topics):
            stop = topics[k + 1][0] if k + 1 < len(topics) else len(lines)
            own = [lines[j] for j in range(end, stop) if j not in skip]
            section.topic.body = "\n".join(own).strip("\n")  # type: ignore[union-attr]
        first = topics[0][0] if topics else len(lines)
        pre = [lines[j] for j in range(0, first) if j not in skip]
        self.preamble.topic.body = "\n".join(pre).strip("\n")


def read_markdown(text: str, path: str, stem: str) -> tuple[list[Section], list[ImportWarning]]:
    """Sections (one per topic, plus a preamble topic named after the file if it has content)."""
    reader = _Reader(text, path, stem)
    sections = reader.read()
    return sections, reader.warnings
