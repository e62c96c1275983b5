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
- YAML front matter (``---`` lines around ``tags: [flashcards]``... at the top) is not text.
- An HTML block that must be closed (``<pre>``, ``<script>``, ``<style>``, ``<textarea>``,
  ``<!--``, ``<?``, ``<!X``, ``<![CDATA[``) but never is would swallow the rest of the file: it
  is ended at its first blank line or heading instead, with a warning, and the rest is read as
  notes.
- A multi-line card (front, ``?``, back) may hold fenced code blocks: a paragraph, fences and
  paragraphs touching each other with a ``?``/``??`` line among them are one block.
- Underlined text that holds a card (``Q::A`` above ``---``) is a card, not a heading.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_block.html_block import html_block as _commonmark_html_block
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token

from studyapp.notes.blocks import ITEM, PARA, TABLE, Block, Section
from studyapp.notes.budget import BudgetExceeded
from studyapp.notes.budget import check as check_budget
from studyapp.notes.explicit import holds_card, inspect_inline
from studyapp.notes.guards import (
    MAX_NESTING,
    check_fence,
    check_table,
    flatten_deep,
    short_title,
)
from studyapp.notes.model import ImportWarning, TopicDraft
from studyapp.notes.text import is_link_only, plain

# HTML blocks of CommonMark's types 1-5 end only at their closing text: (opener, closer) shown.
_CLOSERS = {0: "", 1: "-->", 2: "?>", 3: ">", 4: "]]>"}
_TAG_NAME = re.compile(r"<(\w+)")


_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")


def _line_at(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's HTML block, except that a block of types 1-5 whose closing text appears
    nowhere after it ends at its first blank line or heading (recorded for a warning), not at
    the file's end: an unclosed ``<pre>`` or ``<!--`` must not turn the rest of the file, later
    headings included, into nothing."""
    if silent:
        return _commonmark_html_block(state, start, end, silent)
    pos = state.bMarks[start] + state.tShift[start]
    if pos >= len(state.src) or state.src[pos] != "<" or state.is_code_block(start):
        return _commonmark_html_block(state, start, end, silent)
    first = state.src[pos : state.eMarks[start]]
    kind = next((k for k, seq in enumerate(HTML_SEQUENCES) if seq[0].search(first)), None)
    if kind is None or kind not in _CLOSERS:
        return _commonmark_html_block(state, start, end, silent)
    last = state.env.setdefault("_last_close", {})
    if kind not in last:  # where this kind's closing text last appears (one scan per file)
        last[kind] = max(
            (m.start() for m in HTML_SEQUENCES[kind][1].finditer(state.src)), default=-1
        )
    if last[kind] >= pos:
        return _commonmark_html_block(state, start, end, silent)
    stop = start + 1
    while stop < end and not state.isEmpty(stop) and not _ATX.match(_line_at(state, stop)):
        stop += 1
    found = _commonmark_html_block(state, start, stop, silent)
    state.env.setdefault("unclosed_html", []).append((start, state.line, first, stop < end))
    return found


# Blocks a multi-line card may hold after its first paragraph, read from their source lines.
_CHAIN_CONTAINERS = ("bullet_list_open", "ordered_list_open", "table_open", "blockquote_open")
_SEQUENCED = re.compile(r"==(?:\^\[[^\[\]\n]*\])?\[\^(?:[0-9]+|[ahsAHS]+)\]")

# Where a block rule can start: after container marks (quote `>`, list bullets and numbers) and
# blanks, one of these. Searched once over a note: a rule whose start occurs nowhere cannot
# match, so it is left out of that note's parser. markdown-it tries every paragraph-ending rule
# on every line of a paragraph and scans a paragraph twice (setext headings): without this, a
# note of many short lines costs seven rule calls a line.
_LEAD = r"(?m)^[ \t>*+\-0-9.)]*"
_RULE_STARTS: dict[str, re.Pattern[str]] = {
    "table": re.compile(r"\|"),
    "fence": re.compile(r"```|~~~"),
    "blockquote": re.compile(_LEAD + ">"),
    "hr": re.compile(r"(?m)^(?=(?:[^\n*_-]*[*_-]){3})[ \t>*+\-_0-9.)]+$"),
    "list": re.compile(r"(?m)^[ \t>]*(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|$)"),
    "reference": re.compile(_LEAD + r"\["),
    "html_block": re.compile(_LEAD + "<"),
    "heading": re.compile(_LEAD + "#"),
    "lheading": re.compile(r"(?m)^[ \t>*+\-0-9.)=]*[=-][ \t]*$"),
}


@functools.lru_cache(maxsize=64)
def _parser(absent: frozenset[str]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.disable(["inline", "text_join"])
    md.block.ruler.at("html_block", _html_block, {"alt": ["paragraph", "reference", "blockquote"]})
    if absent:
        md.disable(sorted(absent))
    return md


def parser_for(text: str) -> MarkdownIt:
    """The block parser for ``text``: CommonMark with tables, without the rules that cannot
    start anywhere in it (the same tokens, in a fraction of the time on long paragraphs)."""
    return _parser(frozenset(r for r, start in _RULE_STARTS.items() if not start.search(text)))


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


@dataclass(slots=True)
class _Part:
    """One block of a card chain: its token, its inline content (paragraphs), its lines."""

    token: Token
    inline: Token | None
    start: int  # 0-based first line
    stop: int  # 0-based line after the part's last line kept


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
        self._closes: dict[int, int] = {}  # index of a container's open token -> its close
        self._no_chain_until = 0  # paragraphs before this token index are in no card chain
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
        if holds_card(inline.content):
            if tok.markup in ("=", "-"):  # "Q::A" above "---": a card, then a rule
                self.warnings.append(
                    ImportWarning(
                        self.path,
                        end,
                        f"the {tok.markup * 3} line under a card is read as a rule, not as a "
                        "heading underline (put a blank line above it to say so)",
                    )
                )
                self._paragraph(tok, inline, card=True)
                self.blocks_since_heading += 1
                return i + 3
            if inspect_inline(inline.content)[0] is not None:
                self.warnings.append(
                    ImportWarning(
                        self.path,
                        start + 1,
                        "a heading is a topic title, not a card: its '::' makes no card "
                        "(write the card on a line under the heading)",
                    )
                )
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

    def _paragraph(self, tok: Token, inline: Token, card: bool = False) -> Block | None:
        """The block of a paragraph (None when it holds nothing to read); ``card``: it is part
        of a multi-line card, so its first line is never a label."""
        start = (tok.map or (0, 1))[0]
        lines = [(start + k + 1, s) for k, s in enumerate(inline.content.split("\n"))]
        in_item = bool(self.items) and self.items[-1][0] is None and self._item_fresh
        if not in_item and lines and not card:
            label = pseudo_heading(lines[0][1])
            if label is not None and not holds_card(inline.content):
                self.label = label
                lines = lines[1:]
        if not lines or all(is_link_only(s) or not plain(s) for _, s in lines):
            if in_item:
                self._item_fresh = False
            return None
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
        return block

    def _card_chain(self, tokens: list[Token], i: int) -> int | None:
        """Index after a card made of the paragraph at ``i`` and the blocks touching it (no
        blank line between: paragraphs, fenced code, lists, tables, quotes), read as one block,
        as the plugin reads up to a blank line: when a ``?``/``??`` line is among them (not
        first), or a cloze deletion numbered ``[^1]`` or lettered ``[^ahs]``. None otherwise.
        A list that goes on after a blank line ends the card there; its later items are read
        as usual."""
        if i < self._no_chain_until:
            return None
        parts: list[_Part] = []
        j = i
        level = tokens[i].level
        edge = -1
        while j < len(tokens):
            t = tokens[j]
            if t.level != level or not t.map or (edge >= 0 and t.map[0] != edge):
                break
            start, end = t.map
            if t.type == "paragraph_open" and j + 2 < len(tokens):
                parts.append(_Part(t, tokens[j + 1], start, end))
                j += 3
            elif t.type == "fence":
                parts.append(_Part(t, None, start, end))
                j += 1
            elif t.type in _CHAIN_CONTAINERS and parts and j in self._closes:
                close = self._closes[j]
                resume, stop = self._list_break(tokens, j, close)
                parts.append(_Part(t, None, start, stop))
                j = close + 1 if resume is None else resume
                if resume is not None:
                    break
            else:
                break
            edge = parts[-1].stop
            while edge > start and edge <= len(self.lines) and not self.lines[edge - 1].strip():
                edge -= 1  # a list's lines may end in blank lines: the next block must touch
        if len(parts) < 2 or not self._chain_is_card(parts):
            self._no_chain_until = j
            return None
        first = parts[0]
        block = self._paragraph(first.token, first.inline or first.token, card=True)
        for part in parts[1:]:
            if part.inline is not None:
                texts = part.inline.content.split("\n")
                more = [(part.start + k + 1, text) for k, text in enumerate(texts)]
            elif part.token.type == "fence":
                check_fence(part.token, self.lines, self.path, self.warnings)
                more = _fence_lines(part.token, self.lines)
            else:
                more = [(k + 1, self.lines[k]) for k in range(part.start, part.stop)]
            if block is not None:
                block.lines.extend(more)
        return j

    def _list_break(self, tokens: list[Token], open_at: int, close: int) -> tuple[int | None, int]:
        """Where a card holding the list at ``open_at`` stops: ``(None, end line)`` when the
        card takes the whole list, or ``(index of the first item after a blank line, that
        line)`` when the list goes on after one (the walk resumes at that item)."""
        start, end = tokens[open_at].map or (0, 0)
        end = min(end, len(self.lines))
        blank = next((k for k in range(start, end) if not self.lines[k].strip()), end)
        if blank == end:
            return None, end
        level = tokens[open_at].level + 1
        for k in range(open_at + 1, close):
            t = tokens[k]
            if t.type == "list_item_open" and t.level == level and t.map and t.map[0] >= blank:
                return k, blank
        if any(self.lines[k].strip() for k in range(blank, end)):
            return None, end  # a blank line inside the last item: the card takes all of it
        return None, blank

    def _chain_is_card(self, parts: list[_Part]) -> bool:
        first = True
        for part in parts:
            if part.token.type == "fence":
                first = False
                continue
            if part.inline is not None:
                texts = part.inline.content.split("\n")
            else:
                texts = self.lines[part.start : part.stop]
            for text in texts:
                if not first and text.strip() in ("?", "??"):
                    return True
                first = False
                if "[^" in text and "==" in text and _SEQUENCED.search(text):
                    return True
        return False

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
        # markdown-it ends a line at \r\n, \r or \n: so must our line numbers
        self.text = without_front_matter(self.text.replace("\r\n", "\n").replace("\r", "\n"))
        env: dict[str, object] = {}
        tokens = parser_for(self.text).parse(self.text, env)
        check_budget()
        flat = flatten_deep(self.text, tokens, self.path, self.warnings)
        if flat is not None:
            self.text = flat
            env = {}
            tokens = parser_for(flat).parse(flat, env)
            check_budget()
        self.lines = self.text.split("\n")
        self._closes = _matching_closes(tokens)
        self._unclosed_html(env)
        try:
            self._walk(tokens)
        except BudgetExceeded:
            raise
        except Exception as err:  # noqa: BLE001 - keep what was read, say where it stopped
            self.warnings.append(
                ImportWarning(self.path, self._line, f"rest of the file skipped: {err!r}")
            )
        self._bodies()
        if any(b for b in self.preamble.blocks):
            return [self.preamble, *self.sections]
        return self.sections

    def _unclosed_html(self, env: dict[str, object]) -> None:
        found = env.get("unclosed_html")
        if not isinstance(found, list):
            return
        for start, stop, first, recovered in found:
            name = _TAG_NAME.match(first)
            kind = next(k for k, seq in enumerate(HTML_SEQUENCES) if seq[0].search(first))
            if kind == 0 and name:
                opener, closer = f"<{name.group(1).lower()}>", f"</{name.group(1).lower()}>"
            else:
                opener = {1: "<!--", 2: "<?", 3: first[:2] + "...", 4: "<![CDATA["}[kind]
                closer = _CLOSERS[kind]
            if stop - start == 1:
                where, verb = f"line {start + 1} is", "makes"
            else:
                where, verb = f"lines {start + 1}-{stop} are", "make"
            if recovered:
                what = (
                    f"it is ended at the first blank line or heading ({where} read as HTML "
                    f"and {verb} no cards) and the rest of the file is read as notes"
                )
            else:
                what = f"{where} read as HTML up to the end of its block and {verb} no cards"
            self.warnings.append(
                ImportWarning(
                    self.path,
                    start + 1,
                    f"{opener} opened here is never closed (no {closer} after it): {what}; "
                    f"add {closer} where it should end",
                )
            )

    def _walk(self, tokens: list[Token]) -> None:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if tok.map:
                self._line = tok.map[0] + 1
            check_budget(self._line)
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
            elif kind == "list_item_close" and self.items:
                block, _ = self.items.pop()
                self._item_fresh = False
                if block is not None and self.items:
                    self.items[-1][1].append(plain(block.lines[0][1]))
            elif kind == "paragraph_open":
                end = self._card_chain(tokens, i)
                if end is None:
                    self._paragraph(tok, tokens[i + 1])
                    end = i + 3
                if not self.items:
                    self.blocks_since_heading += 1
                i = end
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


def _matching_closes(tokens: list[Token]) -> dict[int, int]:
    """For each list, table and quote opening token, the index of its closing token."""
    closes: dict[int, int] = {}
    stack: list[int] = []
    for k, tok in enumerate(tokens):
        if tok.nesting == 1:
            stack.append(k)
        elif tok.nesting == -1 and stack:
            opened = stack.pop()
            if tokens[opened].type in _CHAIN_CONTAINERS:
                closes[opened] = k
    return closes


def _fence_lines(tok: Token, lines: list[str]) -> list[tuple[int, str]]:
    """A fenced code block as block lines: its opening fence, its code, its closing fence."""
    start, end = tok.map or (0, 1)
    mark = tok.markup or "```"
    out = [(start + 1, f"{mark}{tok.info}")]
    code = tok.content.split("\n")
    if code and code[-1] == "":
        code.pop()
    out.extend((start + 2 + k, text) for k, text in enumerate(code))
    last = lines[end - 1].strip() if start < end - 1 < len(lines) else ""
    if last.startswith(mark) and not last.strip(mark[0]):
        out.append((end, mark))
    return out


_YAML_LINE = re.compile(r"^(?:\s*#|\s*-(?:\s|$)|\s+\S|[^\s:#-][^:]*:(?:\s|$))")


def front_matter_end(text: str) -> int | None:
    """The 0-based index of the line closing YAML front matter (``---`` on the first line, then
    ``key: value`` lines, up to a ``---`` or ``...`` line), or None when the text has none: a
    rule, a card and a rule at the top of a file are notes, not front matter."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n", 1)
    if lines[0].rstrip() != "---" or len(lines) < 2:
        return None
    for k, line in enumerate(lines[1].split("\n"), start=1):
        if line.rstrip() in ("---", "..."):
            return k
        if line.strip() and not _YAML_LINE.match(line):
            return None
    return None


def without_front_matter(text: str) -> str:
    """The text with its YAML front matter (Obsidian's ``tags:``, ``aliases:``) blanked, line
    for line, so line numbers stay right."""
    end = front_matter_end(text)
    if end is None:
        return text
    rest = text.split("\n", end + 1)
    return "\n" * (end + 1) + (rest[end + 1] if len(rest) > end + 1 else "")


def read_markdown(text: str, path: str, stem: str) -> tuple[list[Section], list[ImportWarning]]:
    """Sections (one per topic, plus a preamble topic named after the file if it has content)."""
    reader = _Reader(text, path, stem)
    sections = reader.read()
    return sections, reader.warnings
