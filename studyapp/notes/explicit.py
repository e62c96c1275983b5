"""Explicit cards, in the syntax of Obsidian's spaced-repetition plugin.

- ``front::back`` (basic) and ``front:::back`` (reversed: two cards), one line each;
- a multi-line card: front lines, a line holding only ``?`` (``??``: both directions; spaces
  around the mark are allowed), back lines, up to the paragraph's end; the back (or the front)
  may hold a fenced code block, kept line for line;
- ``==cloze==`` deletions: a paragraph holding highlights is one cloze note, one card per
  deletion with the whole paragraph as its front; ``==text==^[hint]`` shows ``[hint]`` in place of
  ``[...]``, ``==text==[^1]`` asks the deletions sharing a number together, and ``[^ahs]``
  letters say per card whether a deletion is asked, hidden or shown;
- ``#tags`` at the start of a card (question-specific deck tags) and lines of tags only (deck
  tags) are left out of card text; ``<!--SR:...-->`` schedule comments are ignored.

``::`` is not a separator only where it certainly is something else: inside inline code, a link
target, a URL, an ARN (``arn:aws:iam::123456789012:role/x``), an IPv6 address that cannot be a
card (``::1``, ``2001:db8::1``, ``fe80::/10``), a name with several ``::`` (``AWS::EC2::Instance``)
or a C++-style name (``std::vector``, ``Foo::bar()``, ``AWS::Region``). Anything else is a card;
where it might also be code or an address (``MyClass::GetName``, ``fe80::1``) a warning says how
to keep it out of the cards.

Every step is linear in the block's length: the text around each ``::`` is examined once.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache

from studyapp.notes.budget import check as check_budget
from studyapp.notes.model import BASIC, CLOZE, REVERSED, CardDraft
from studyapp.notes.text import highlights, mask_code, plain, strip_comments

_SEP = re.compile(r"(?<!:):{2,3}(?!:)")
_TOKEN = re.compile(r"\S+")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_URL = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://\S*|(?<!\S)www\.\S+", re.I)
_ARN = re.compile(r"(?<![\w-])arn:[\w-]+:[\w-]*:\S*", re.I)
# A link's target, masked so a "::" in it is never a separator (linear: stops at a bracket).
_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*+\)")
_IPV6_CHARS = re.compile(r"^[0-9A-Fa-f:.]+(?:%[\w.-]+)?(?:/\d{1,3})?$")
_TOKEN_TRIM = "[](){}<>,.;!?\"'"
_CAMEL = re.compile(r"^[A-Z][a-z0-9]+[A-Z]\w*$")
# C++ namespaces: "std::vector" is code when a lower-case name follows (never "std::A0").
_CPP_NAMESPACES = frozenset("std boost absl llvm folly chrono filesystem".split())
# CloudFormation's pseudo parameters: AWS::Region and the like are never cards.
_AWS_PSEUDO = frozenset(
    "AccountId NotificationARNs NoValue Partition Region StackId StackName URLSuffix".split()
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SEPARATOR_LINES = {"?": False, "??": True}  # the mark -> both directions

MAX_CLOZES = 50  # deletions asked from one paragraph; more are named in a warning
MAX_CLOZE_GROUP_CHARS = 1500  # a longer paragraph's deletions take their own line as context
MAX_CLOZE_FRONT = 2000  # a longer line is cut around the deletion it asks
CLOZE_WINDOW = 300  # characters kept on each side of the deletion in a cut line

# A verdict on one "::".
SEPARATOR = "separator"
SILENT = "silent"  # certainly not a separator (an ARN, a URL, an IPv6 address)
CODE = "code"  # a code name: a later CamelCase::Name on the line is code too
ARN_LIKE = "arn-like"  # colons on both sides (aws:iam::123:role): not a card, with a warning
_CAMEL_NOTE = (
    "'::' read as a card separator, though {token} looks like a code name (Class::Method); "
    "put code in backticks to keep it out of the cards"
)
_IPV6_NOTE = (
    "'::' read as a card separator, though {token} could be an IPv6 address; "
    "put an address in backticks to keep it out of the cards"
)
_LONE_MARK = (
    "'{mark}' line makes no card: a multi-line card needs its front right above it and its back "
    "right under it, with no blank line between"
)
_EMPTY_SIDE = "'::' not read as a card (there is no text on one side of it)"
_ARN_NOTE = (
    "'::' not read as a card: {token} looks like part of an ARN or a path; put it in backticks "
    "to say so, or spaces around '::' to make a card"
)


def _ipv6(token: str) -> str | None:
    """The token as an IPv6 address or network (punctuation around it trimmed), else None."""
    core = token.strip(_TOKEN_TRIM)
    if not core or len(core) > 64 or not _IPV6_CHARS.match(core) or not core.strip(":"):
        return None
    return _valid_ipv6(core)


@lru_cache(maxsize=1024)
def _valid_ipv6(core: str) -> str | None:
    try:
        if "/" in core:
            ipaddress.IPv6Network(core, strict=False)
        else:
            ipaddress.IPv6Address(core)
    except ValueError:
        return None
    return core


def _certain_ipv6(core: str) -> bool:
    """An address that cannot be a card: ``::1``, ``a::``, ``2001:db8::1``, ``fe80::/10``."""
    address = core.split("/")[0].split("%")[0]
    return (
        "/" in core
        or address.startswith("::")
        or address.endswith("::")
        or address.count(":") > 2
        or "." in address
    )


@dataclass(slots=True)
class _Line:
    """One line of a block: its text with code spans and link targets masked, its tokens."""

    text: str
    masked: str
    tokens: list[tuple[int, int]]
    urls: list[tuple[int, int]]
    arns: list[tuple[int, int]]


def _line_info(line: str) -> _Line:
    masked = mask_code(line)
    if "](" in masked:
        masked = _LINK_TARGET.sub(lambda m: "\x00" * len(m.group(0)), masked)
    tokens = [m.span() for m in _TOKEN.finditer(masked)]
    urls = [m.span() for m in _URL.finditer(masked)] if "://" in masked or "www." in masked else []
    arns = [m.span() for m in _ARN.finditer(masked)] if "arn:" in masked.lower() else []
    return _Line(line, masked, tokens, urls, arns)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _word_before(text: str, start: int, floor: int) -> str:
    k = start
    while k > floor and (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    return text[k:start]


def _word_after(text: str, end: int, ceiling: int) -> tuple[str, str]:
    """The identifier right after ``end`` and the character following it."""
    k = end
    while k < ceiling and (text[k].isalnum() or text[k] == "_"):
        k += 1
    return text[end:k], text[k] if k < ceiling else ""


def _token_facts(masked: str, left: int, right: int) -> tuple[bool, bool]:
    """(certainly an IPv6 address, holds several "::") for the token ``masked[left:right]``."""
    token = masked[left:right]
    core = _ipv6(token)
    return core is not None and _certain_ipv6(core), token.count("::") > 1


def _verdict(
    info: _Line, start: int, end: int, left: int, right: int, code: bool, facts: tuple[bool, bool]
) -> str:
    masked = info.masked
    before = masked[start - 1] if start > 0 else " "
    after = masked[end] if end < len(masked) else " "
    if before == "?":
        return SEPARATOR  # "...CodeDeploy?::DeploymentPreference"
    if _inside(info.urls, start, end) or _inside(info.arns, start, end):
        return SILENT
    address, several = facts
    if address:
        return SILENT
    if before.isspace() or after.isspace():
        return SEPARATOR  # "front :: back", "Launch type::"
    if several:
        return CODE  # AWS::EC2::Instance, boost::asio::io_context
    word = _word_before(masked, start, left)
    name, following = _word_after(masked, end, right)
    if word in _CPP_NAMESPACES and name[:1].islower() or word == "AWS" and name in _AWS_PSEUDO:
        return CODE  # std::vector, AWS::Region, ${AWS::Region}
    if word and name and not name[0].isdigit() and following in ("(", "<"):
        return CODE  # Foo::bar(), vector::iterator<int>
    if code and _CAMEL.match(word) and _CAMEL.match(name):
        return CODE  # "use std::vector or MyClass::GetName"
    if ":" in masked[left:start] and ":" in masked[end:right].rstrip(":,.;"):
        return ARN_LIKE  # "aws:iam::123:role": a piece of an ARN
    return SEPARATOR


def _note(info: _Line, start: int, end: int, left: int, right: int) -> str | None:
    """A warning for a separator that might have been meant as code or an address."""
    masked = info.masked
    word = _word_before(masked, start, left)
    name, _ = _word_after(masked, end, right)
    token = info.text[left:right]
    if _CAMEL.match(word) and _CAMEL.match(name):
        return _CAMEL_NOTE.format(token=token)
    core = _ipv6(masked[left:right])
    if core is not None:
        head, _, tail = core.partition("::")
        if any(c.isdigit() for c in head) and any(c.isdigit() for c in tail):
            return _IPV6_NOTE.format(token=token)
    return None


def inspect_inline(line: str) -> tuple[tuple[str, str, bool] | None, str | None]:
    """A one-line card ``(front, back, reversed)`` or None, and a warning for the learner
    (the card was made but might be meant otherwise, or a ``::`` made no card) or None."""
    if "::" not in line:
        return None, None
    info = _line_info(line)
    tokens = info.tokens
    ti = -1
    facts = (False, False)
    code = False
    refused: str | None = None
    for match in _SEP.finditer(info.masked):
        start, end = match.span()
        was = ti
        ti = max(ti, 0)
        while ti < len(tokens) and tokens[ti][1] <= start:
            ti += 1
        left, right = tokens[ti] if ti < len(tokens) else (start, end)
        if ti != was:  # a new token: what it is, worked out once
            facts = _token_facts(info.masked, left, right)
        verdict = _verdict(info, start, end, left, right, code, facts)
        if verdict == CODE:
            code = True
            continue
        if verdict == SILENT:
            continue
        if verdict == ARN_LIKE:
            refused = refused or _ARN_NOTE.format(token=line[left:right])
            continue
        front = plain(strip_tags(_LIST_MARK.sub("", line[:start])))
        back = plain(line[end:])
        if front and back:
            return (front, back, end - start == 3), _note(info, start, end, left, right)
        return None, _EMPTY_SIDE
    return None, refused


def holds_card(content: str) -> bool:
    """Text that holds explicit card syntax: a ``::`` card, a ``?``/``??`` line after its
    first, or a ``==highlight==``."""
    lines = content.split("\n")
    if "::" in content and any(inspect_inline(line)[0] for line in lines):
        return True
    if "?" in content and any(s.strip() in _SEPARATOR_LINES for s in lines[1:]):
        return True
    return "==" in content and any(highlights(line) for line in lines)


# --- tags ----------------------------------------------------------------------------------


def _is_tag(word: str) -> bool:
    """An Obsidian tag: ``#`` then letters, digits, ``_``, ``-`` or ``/``, not only digits."""
    if len(word) < 2 or word[0] != "#":
        return False
    body = word[1:]
    return all(c.isalnum() or c in "_-/" for c in body) and not body.isdigit()


def strip_tags(line: str) -> str:
    """The line without the ``#tags`` it starts with (a card's question-specific tags)."""
    if "#" not in line[:2] and not line.lstrip().startswith("#"):
        return line
    rest = line.lstrip()
    while rest.startswith("#"):
        word, _, tail = rest.partition(" ")
        if not _is_tag(word.rstrip("\t")):
            break
        rest = tail.lstrip()
    return rest


def is_tag_line(line: str) -> bool:
    """A line of tags only (``#flashcards/aws #exam``): a deck tag, not card text."""
    if "#" not in line:
        return False
    words = line.split()
    return bool(words) and all(_is_tag(w) for w in words)


# --- a block's lines -----------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    no: int
    text: str  # comments removed
    code: bool = False  # a line of a fenced code block (kept verbatim, never a card)
    fence: bool = False  # the fence line itself (left out of card text)


def _rows(lines: list[tuple[int, str]]) -> list[_Row]:
    """The block's lines with HTML comments (also multi-line ones and ``<!--SR:...-->``) and
    tag-only lines removed, and the lines of fenced code blocks marked."""
    rows: list[_Row] = []
    in_comment = False
    fence = ""
    for no, text in lines:
        check_budget(no)
        if fence:
            stripped = text.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                rows.append(_Row(no, text, code=True, fence=True))
                fence = ""
            else:
                rows.append(_Row(no, text, code=True))
            continue
        if not in_comment and (m := _FENCE.match(text)):
            fence = m.group(1)
            rows.append(_Row(no, text, code=True, fence=True))
            continue
        if in_comment:
            end = text.find("-->")
            if end < 0:
                continue
            text = text[end + 3 :]
            in_comment = False
        if "<!--" in text:
            text = strip_comments(text)
            open_at = text.find("<!--")
            if open_at >= 0:
                text = text[:open_at]
                in_comment = True
        if is_tag_line(text):
            continue
        rows.append(_Row(no, text))
    return rows


def _card_text(rows: list[_Row], front: bool) -> str:
    """Plain text of card lines, one per line; code lines verbatim, fence lines left out. A
    front loses its list markers and leading tags; a back keeps its bullets."""
    out: list[str] = []
    for row in rows:
        if row.fence:
            continue
        if row.code:
            out.append(row.text.rstrip())
        elif part := plain(strip_tags(_LIST_MARK.sub("", row.text)) if front else row.text):
            out.append(part)
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out)


def _multiline(segment: list[_Row], topic_path: tuple[str, ...]) -> list[CardDraft] | None:
    """The card of a segment written as front lines, a lone ``?``/``??``, back lines."""
    for k, row in enumerate(segment):
        if row.code or k == 0 or k == len(segment) - 1:
            continue
        both = _SEPARATOR_LINES.get(row.text.strip())
        if both is None:
            continue
        front = _card_text(segment[:k], front=True)
        back = _card_text(segment[k + 1 :], front=False)
        if not (front and back):
            continue
        first = segment[0].no
        if not both:
            return [CardDraft(topic_path, BASIC, front, back, first)]
        return [
            CardDraft(topic_path, REVERSED, front, back, first),
            CardDraft(topic_path, REVERSED, back, front, first),
        ]
    return None


# --- clozes --------------------------------------------------------------------------------

_HIGHLIGHT = re.compile(r"(?<![=<])==(?=[^\s=])((?:(?!==).)+?)(?<=[^\s=])==(?![=>])")
_CLOZE_SUFFIX = re.compile(r"(?:\^\[([^\[\]\n]*)\])?(?:\[\^([0-9]+|[ahsAHS]+)\])?")
_MARK = "\ufdd0"  # a noncharacter: stands for a hidden deletion while the text is made plain


@dataclass(slots=True)
class _Deletion:
    row: int  # index of its line in the group
    start: int
    end: int  # end of the deletion with its hint and sequence
    answer: str  # the hidden text, as written
    hint: str
    seq: str  # "" (one card of its own), a number (asked with the same number) or a/h/s letters


def _deletions(text: str, row: int) -> list[_Deletion]:
    if "==" not in text:
        return []
    masked = mask_code(text)
    found: list[_Deletion] = []
    for m in _HIGHLIGHT.finditer(masked):
        suffix = _CLOZE_SUFFIX.match(masked, m.end())
        end = suffix.end() if suffix else m.end()
        hint = suffix.group(1) or "" if suffix else ""
        seq = suffix.group(2) or "" if suffix else ""
        found.append(_Deletion(row, m.start(), end, text[m.start() + 2 : m.end() - 2], hint, seq))
    return found


def _card_sets(dels: list[_Deletion]) -> list[tuple[list[int], list[int]]]:
    """Cards of a cloze note: per card, the deletions asked and the ones hidden without being
    asked (``h`` in ``[^ahs]``); the others are shown."""
    if any(d.seq and not d.seq.isdigit() for d in dels):  # generalized: a/h/s per card
        width = max(len(d.seq) for d in dels if not d.seq.isdigit())
        sets: list[tuple[list[int], list[int]]] = []
        for k in range(width):
            asked, hidden = [], []
            for i, d in enumerate(dels):
                if not d.seq or d.seq.isdigit():
                    continue
                act = d.seq[k].lower() if k < len(d.seq) else "h"
                if act == "a":
                    asked.append(i)
                elif act == "h":
                    hidden.append(i)
            if asked:
                sets.append((asked, hidden))
        return sets
    groups: dict[str, list[int]] = {}
    order: list[str] = []
    for i, d in enumerate(dels):
        key = d.seq if d.seq else f"#{i}"
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(i)
    if any(d.seq for d in dels):
        order.sort(key=lambda key: (0, int(key)) if key.isdigit() else (1, int(key[1:])))
    return [(groups[key], []) for key in order]


def _window(text: str, dels: list[_Deletion], target: _Deletion) -> tuple[int, int]:
    """The part of a very long line kept around the deletion it asks (not cutting another)."""
    a = max(0, target.start - CLOZE_WINDOW)
    b = min(len(text), target.end + CLOZE_WINDOW)
    for d in dels:
        if d.start < a < d.end:
            a = d.start
        if d.start < b < d.end:
            b = d.end
    return a, b


def _front(
    texts: list[str], by_row: list[list[int]], dels: list[_Deletion], shown: set[int], target: int
) -> str:
    lines: list[str] = []
    for r, text in enumerate(texts):
        idx = by_row[r]
        a, b = 0, len(text)
        if len(text) > MAX_CLOZE_FRONT and idx:
            a, b = _window(text, [dels[i] for i in idx], dels[target])
        parts: list[str] = ["… " if a > 0 else ""]
        pos = a
        marks: list[str] = []
        for i in idx:
            d = dels[i]
            if d.start < a or d.end > b:
                continue
            parts.append(text[pos : d.start])
            if i in shown:
                parts.append(d.answer)
            else:
                marks.append(f"[{d.hint or '...'}]")
                parts.append(_MARK)
            pos = d.end
        parts.append(text[pos:b])
        parts.append(" …" if b < len(text) else "")
        line = plain(strip_tags(_LIST_MARK.sub("", "".join(parts))))
        for mark in marks:
            line = line.replace(_MARK, mark, 1)
        if line:
            lines.append(line)
    return "\n".join(lines)


def _cloze_cards(
    rows: list[_Row], topic_path: tuple[str, ...], notes: list[tuple[int, str]]
) -> list[CardDraft]:
    """The cards of one cloze note (the lines of a paragraph, or one long line)."""
    texts = [r.text for r in rows]
    dels: list[_Deletion] = []
    for r, text in enumerate(texts):
        dels.extend(_deletions(text, r))
    if not dels:
        return []
    if any(_MARK in t for t in texts):  # a noncharacter in the notes: cannot mark safely
        return []
    sets = _card_sets(dels)
    if len(sets) > MAX_CLOZES:
        left_out = dels[sets[MAX_CLOZES][0][0]]
        notes.append(
            (
                rows[left_out.row].no,
                f"{len(sets)} cloze deletions in one paragraph: cards are made for the first "
                f"{MAX_CLOZES} (this line holds the first one left out; split the paragraph)",
            )
        )
        sets = sets[:MAX_CLOZES]
    by_row: list[list[int]] = [[] for _ in texts]
    for i, d in enumerate(dels):
        by_row[d.row].append(i)
    cards: list[CardDraft] = []
    for asked, hidden in sets:
        check_budget(rows[dels[asked[0]].row].no)
        covered = set(asked) | set(hidden)
        shown = {i for i in range(len(dels)) if i not in covered}
        front = _front(texts, by_row, dels, shown, asked[0])
        back = "; ".join(a for i in asked if (a := plain(dels[i].answer)))
        if front and back:
            cards.append(CardDraft(topic_path, CLOZE, front, back, rows[dels[asked[0]].row].no))
    return cards


def _cloze_notes(
    segment: list[_Row], topic_path: tuple[str, ...], notes: list[tuple[int, str]]
) -> tuple[list[CardDraft], set[int]]:
    """Cloze cards of a segment: one note for the whole paragraph, or one per line when the
    paragraph is long. Returns the cards and the lines they used."""
    rows = [r for r in segment if not r.code]
    with_cloze = [r for r in rows if "==" in r.text and _deletions(r.text, 0)]
    if not with_cloze:
        return [], set()
    if len(rows) > 1 and sum(len(r.text) for r in rows) <= MAX_CLOZE_GROUP_CHARS:
        return _cloze_cards(rows, topic_path, notes), {r.no for r in rows}
    cards: list[CardDraft] = []
    for row in with_cloze:
        cards.extend(_cloze_cards([row], topic_path, notes))
    return cards, {r.no for r in with_cloze}


# --- a block -------------------------------------------------------------------------------


def explicit_cards(
    lines: list[tuple[int, str]], topic_path: tuple[str, ...]
) -> tuple[list[CardDraft], set[int], list[tuple[int, str]], list[tuple[int, str]]]:
    """Cards written explicitly in one block: the cards, the lines they used, the block's lines
    left for other rules (comments, tag lines and code removed) and ``(line, warning)`` for
    the learner (a ``::`` that made no card, or a card that might be meant otherwise).

    A line that is a whole ``front::back`` card stands alone: it ends the lines before it, so a
    multi-line ``?`` card right under (or above) it without a blank line keeps its own front.
    """
    cards: list[CardDraft] = []
    used: set[int] = set()
    notes: list[tuple[int, str]] = []
    rows = _rows(lines)
    inline: dict[int, tuple[str, str, bool]] = {}
    segments: list[list[_Row]] = [[]]
    for row in rows:
        if not row.code:
            split, note = inspect_inline(row.text)
            if note:
                notes.append((row.no, note))
            if split is not None:
                inline[row.no] = split
                segments.append([row])
                segments.append([])
                continue
        segments[-1].append(row)
    for segment in segments:
        if not segment:
            continue
        if len(segment) == 1 and segment[0].no in inline:
            no = segment[0].no
            front, back, both = inline[no]
            cards.append(CardDraft(topic_path, REVERSED if both else BASIC, front, back, no))
            if both:
                cards.append(CardDraft(topic_path, REVERSED, back, front, no))
            used.add(no)
            continue
        multi = _multiline(segment, topic_path) if len(segment) > 2 else None
        if multi is not None:
            cards.extend(multi)
            used.update(r.no for r in segment)
            continue
        for row in segment:
            if not row.code and (mark := row.text.strip()) in _SEPARATOR_LINES:
                notes.append((row.no, _LONE_MARK.format(mark=mark)))
                break
        clozes, cloze_lines = _cloze_notes(segment, topic_path, notes)
        cards.extend(clozes)
        used |= cloze_lines
    kept = [(r.no, r.text) for r in rows if not r.code]
    empty_side = {no for no, note in notes if note == _EMPTY_SIDE}
    notes = [(no, note) for no, note in notes if no not in used or no not in empty_side]
    return cards, used, kept, notes
