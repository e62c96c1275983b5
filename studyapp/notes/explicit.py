"""Explicit cards, Obsidian spaced-repetition plugin syntax.

``front::back`` (basic), ``front:::back`` (reversed: two cards), a multi-line card (front lines,
a line with just ``?`` or ``??``, back lines, ended by the paragraph's end) and ``==cloze==``
deletions (one card per highlighted span). ``::`` inside ARNs, IPv6 addresses, URLs, C++ names and
inline code is not a separator; a ``::`` right after ``?`` or with a space on either side always is.
A ``::`` that is not read as a card and is not such a token is reported, so the learner knows.
"""

from __future__ import annotations

import re

from studyapp.notes.model import BASIC, CLOZE, REVERSED, CardDraft
from studyapp.notes.text import highlights, mask_code, plain, strip_comments

_SEP = re.compile(r"(?<!:):{2,3}(?!:)")
_HEXISH = re.compile(r"^[\[(]?[0-9A-Fa-f:.%/]*[\])]?[,.;]?$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_ARN = re.compile(r"(?<![A-Za-z])arn:[^\s:]+:[^\s:]*:", re.I)


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


_CPP_NAMESPACES = frozenset(
    "std boost absl llvm folly qt cv eigen torch c10 detail chrono fs filesystem aws".split()
)
_CAMEL = re.compile(r"^[A-Z][a-z0-9]+[A-Z]\w*$")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*(\w+)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")

# A verdict on one "::": None is a separator; "" is not one, silently (an ARN, an IPv6 address,
# a URL, a namespace such as std::vector); any other text is not one, and says why to the learner.
Verdict = str | None
SILENT = ""
_CAMEL_REASON = (
    "it looks like a code name such as Class::Method; "
    "end the front with '?' or put spaces around '::' to make a card"
)


def _verdict(masked: str, start: int, end: int, earlier: Verdict) -> Verdict:
    left, right = _token_bounds(masked, start, end)
    token = masked[left:right]
    before = masked[start - 1] if start > 0 else " "
    after = masked[end] if end < len(masked) else " "
    if before == "?":
        return None  # "...CodeDeploy?::DeploymentPreference", "Front?::[link=http://e.x]y"
    if "://" in token or token.lower().startswith("www.") or _ARN.search(token):
        return SILENT
    if (
        _HEXISH.match(token)
        and token.strip(":[](),.;")
        and (any(c.isdigit() for c in token) or token.startswith(":"))
    ):
        return SILENT  # ::1, 2001:db8::1234
    if before.isspace() or after.isspace():
        return None  # "front :: back"
    if earlier is not None:
        return earlier  # an earlier "::" on the line was not a separator, so neither is this one
    if token.count("::") > 1 or any(c in token for c in "(<>~{}$"):
        return SILENT  # a::b::c, Foo::bar(), ${AWS::Region}
    head, tail = token[: start - left], token[end - left :]
    if ":" in head or ":" in tail.rstrip(":,.;"):
        return SILENT  # aws:iam::123:role, a:b::c look like ARNs or paths, not a card
    word_before = _WORD_BEFORE.search(masked[left:start])
    word_after = _WORD_AFTER.search(masked[end:right])
    if word_before and word_before.group(1).lower() in _CPP_NAMESPACES:
        return SILENT  # std::vector, AWS::Region
    if word_before and word_after:
        if _CAMEL.match(word_before.group(1)) and _CAMEL.match(word_after.group(1)):
            return _CAMEL_REASON  # MyClass::GetName
    return None


def inspect_inline(line: str) -> tuple[tuple[str, str, bool] | None, Verdict]:
    """A one-line card ``(front, back, reversed)`` or None, and why not when the learner
    should hear about it (None when there is no ``::`` or it is silently not a separator)."""
    if "::" not in line:
        return None, None
    masked = mask_code(line)
    if "](" in masked:
        masked = _LINK_TARGET.sub(lambda m: "\x00" * len(m.group(0)), masked)
    earlier: Verdict = None
    for match in _SEP.finditer(masked):
        start, end = match.span()
        verdict = _verdict(masked, start, end, earlier)
        if verdict is not None:
            if earlier is None:
                earlier = verdict
            continue
        front = plain(_LIST_MARK.sub("", line[:start]))
        back = plain(line[end:])
        if front and back:
            return (front, back, end - start == 3), None
        return None, "there is no text on one side of it"
    return None, earlier or None


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


def _multiline(
    segment: list[tuple[int, str]], topic_path: tuple[str, ...]
) -> list[CardDraft] | None:
    """The card of a segment written as front lines, a lone ``?``/``??``, back lines."""
    for k, (_no, text) in enumerate(segment):
        mark = text.strip()
        if mark not in ("?", "??") or k == 0 or k == len(segment) - 1:
            continue
        front = "\n".join(p for _, t in segment[:k] if (p := plain(_LIST_MARK.sub("", t))))
        back = "\n".join(p for _, t in segment[k + 1 :] if (p := plain(t)))
        if not (front and back):
            continue
        first = segment[0][0]
        if mark == "?":
            return [CardDraft(topic_path, BASIC, front, back, first)]
        return [
            CardDraft(topic_path, REVERSED, front, back, first),
            CardDraft(topic_path, REVERSED, back, front, first),
        ]
    return None


def _clozes(
    text: str, spans: list[re.Match[str]], no: int, topic_path: tuple[str, ...]
) -> list[CardDraft]:
    cards: list[CardDraft] = []
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
    return cards


def explicit_cards(
    lines: list[tuple[int, str]], topic_path: tuple[str, ...]
) -> tuple[list[CardDraft], set[int], list[tuple[int, str]], list[tuple[int, str]]]:
    """Cards written explicitly in one block: the cards, the lines they used, the cleaned lines
    and ``(line, reason)`` for lines whose ``::`` was not read as a card but looks meant as one.

    A line that is a whole ``front::back`` card stands alone: it ends the lines before it, so a
    multi-line ``?`` card right under (or above) it without a blank line keeps its own front.
    """
    cards: list[CardDraft] = []
    used: set[int] = set()
    rejected: list[tuple[int, str]] = []
    lines = _clean_lines(lines)
    inline: dict[int, tuple[str, str, bool]] = {}
    segments: list[list[tuple[int, str]]] = [[]]
    for no, text in lines:
        split, reason = inspect_inline(text)
        if split is not None:
            inline[no] = split
            segments.append([(no, text)])
            segments.append([])
            continue
        if reason:
            rejected.append((no, reason))
        segments[-1].append((no, text))
    for segment in segments:
        if not segment:
            continue
        multi = _multiline(segment, topic_path) if len(segment) > 2 else None
        if multi is not None:
            cards.extend(multi)
            used.update(n for n, _ in segment)
            continue
        for no, text in segment:
            split = inline.get(no)
            if split is not None:
                front, back, both = split
                cards.append(CardDraft(topic_path, REVERSED if both else BASIC, front, back, no))
                if both:
                    cards.append(CardDraft(topic_path, REVERSED, back, front, no))
                used.add(no)
                continue
            spans = highlights(text)
            if spans:
                cards.extend(_clozes(text, spans, no, topic_path))
                used.add(no)
    rejected = [(no, reason) for no, reason in rejected if no not in used]
    return cards, used, lines, rejected
