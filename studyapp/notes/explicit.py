"""Explicit cards, Obsidian spaced-repetition plugin syntax.

``front::back`` (basic), ``front:::back`` (reversed: two cards), a multi-line card (front lines,
a line with just ``?`` or ``??``, back lines, ended by the paragraph's end) and ``==cloze==``
deletions (one card per highlighted span). ``::`` inside ARNs, IPv6 addresses, URLs, C++ names and
inline code is not a separator.
"""

from __future__ import annotations

import re

from studyapp.notes.model import BASIC, CLOZE, REVERSED, CardDraft
from studyapp.notes.text import highlights, mask_code, plain, strip_comments

_SEP = re.compile(r"(?<!:):{2,3}(?!:)")
_HEXISH = re.compile(r"^[\[(]?[0-9A-Fa-f:.%/]*[\])]?[,.;]?$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


_CPP_NAMESPACES = frozenset(
    "std boost absl llvm folly qt cv eigen torch c10 detail chrono fs filesystem".split()
)
_CAMEL = re.compile(r"^[A-Z][a-z0-9]+[A-Z]\w*$")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*(\w+)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def _is_separator(masked: str, start: int, end: int) -> bool:
    left, right = _token_bounds(masked, start, end)
    token = masked[left:right]
    if "arn:" in token.lower() or "://" in token:
        return False
    if _HEXISH.match(token) and (any(c.isdigit() for c in token) or token.startswith(":")):
        return False  # ::1, 2001:db8::1234
    if "::" in masked[:start]:
        return False  # an earlier "::" on the line was code, so this one is too
    tight_left = start > 0 and not masked[start - 1].isspace()
    tight_right = end < len(masked) and not masked[end].isspace()
    if tight_left and tight_right:
        if token.count("::") > 1 or any(c in token for c in "(<>~"):
            return False
        if ":" in token[: start - left] or ":" in token[end - left :]:
            return False  # a:b::c looks like an ARN or a path, not a card
        before = _WORD_BEFORE.search(masked[left:start])
        after = _WORD_AFTER.search(masked[end:right])
        if before and before.group(1).lower() in _CPP_NAMESPACES:
            return False  # std::vector
        if before and after and _CAMEL.match(before.group(1)) and _CAMEL.match(after.group(1)):
            return False  # MyClass::GetName
    return True


def split_inline(line: str) -> tuple[str, str, bool] | None:
    """``(front, back, reversed)`` when ``line`` is a one-line card, else None."""
    if "::" not in line:
        return None
    masked = mask_code(line)
    if "](" in masked:
        masked = _LINK_TARGET.sub(lambda m: "\x00" * len(m.group(0)), masked)
    for match in _SEP.finditer(masked):
        start, end = match.span()
        if not _is_separator(masked, start, end):
            continue
        front = plain(_LIST_MARK.sub("", line[:start]))
        back = plain(line[end:])
        if front and back:
            return front, back, end - start == 3
        return None
    return None


def _clean_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop HTML comments (also multi-line ones and ``<!--SR:...-->``) from a block's lines."""
    out: list[tuple[int, str]] = []
    in_comment = False
    for no, text in lines:
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
        out.append((no, text))
    return out


def explicit_cards(
    lines: list[tuple[int, str]], topic_path: tuple[str, ...]
) -> tuple[list[CardDraft], set[int], list[tuple[int, str]]]:
    """Cards written explicitly in one block; also the lines they used and the cleaned lines."""
    cards: list[CardDraft] = []
    used: set[int] = set()
    lines = _clean_lines(lines)
    # Multi-line card: the block's lines before a lone ? / ?? are the front, after it the back.
    for k, (_no, text) in enumerate(lines):
        mark = text.strip()
        if mark not in ("?", "??") or k == 0 or k == len(lines) - 1:
            continue
        front = "\n".join(p for _, t in lines[:k] if (p := plain(_LIST_MARK.sub("", t))))
        back = "\n".join(p for _, t in lines[k + 1 :] if (p := plain(t)))
        if front and back:
            first = lines[0][0]
            kind = BASIC if mark == "?" else REVERSED
            cards.append(CardDraft(topic_path, kind, front, back, first))
            if mark == "??":
                cards.append(CardDraft(topic_path, REVERSED, back, front, first))
            used.update(n for n, _ in lines)
            return cards, used, lines
    for no, text in lines:
        split = split_inline(text)
        if split is not None:
            front, back, both = split
            cards.append(CardDraft(topic_path, REVERSED if both else BASIC, front, back, no))
            if both:
                cards.append(CardDraft(topic_path, REVERSED, back, front, no))
            used.add(no)
            continue
        spans = highlights(text)
        if not spans:
            continue
        for target in spans:
            parts: list[str] = []
            pos = 0
            for span in spans:
                parts.append(text[pos : span.start()])
                inner = text[span.start() + 2 : span.end() - 2]
                parts.append("[...]" if span is target else inner)
                pos = span.end()
            parts.append(text[pos:])
            front = plain(_LIST_MARK.sub("", "".join(parts)))
            back = plain(text[target.start() + 2 : target.end() - 2])
            if back and front:
                cards.append(CardDraft(topic_path, CLOZE, front, back, no))
        used.add(no)
    return cards, used, lines
