"""Small text helpers shared by the Markdown and outline readers and the card extractors.

Card text is plain text: Markdown emphasis, links and code backticks are removed, everything else
(emoji, literal ``[bold]``, backslashes) is kept exactly as written; the UI escapes on display.

Every helper here takes time linear in its input, whatever the input: a delimiter such as
``**``, ``==``, ``~~`` or ``[`` that is never closed must not make each later opener scan to the
end of the line again (a 60 KB line of ``**a `` used to take 17 s). So an emphasis span cannot
hold its own delimiter (``**a **b**`` is ``**a`` then bold ``b``, as in CommonMark), a link's
text and target stop at the next bracket, and code spans are paired in one pass.
"""

from __future__ import annotations

import re

# Link text: no brackets inside (so an unclosed "[" costs one scan to the next bracket).
_LABEL = r"(?:\\.|[^\[\]\\\n])*+"
# Link target: no brackets, no parentheses except one balanced level ("wiki/Foo_(bar)").
_TARGET = r"(?:[^()\[\]\s]|\([^()\[\]\s]*\))*+"
_IMAGE = re.compile(rf"!\[{_LABEL}\]\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*+\)")
_LINK = re.compile(rf"\[({_LABEL})\]\({_TARGET}(?:[ \t]++\"[^\"\n]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")


def _span(delim: str, before: str = "", after: str = "") -> str:
    """A span between two ``delim`` that cannot hold ``delim`` itself (linear to search)."""
    d = re.escape(delim)
    return rf"{before}{d}(?=\S)((?:(?!{d}).)+?)(?<=\S){d}{after}"


_STRONG = re.compile(
    _span("**", before=r"(?<![\\*])") + "|" + _span("__", before=r"(?<![\w\\])", after=r"(?!\w)")
)
_EM = re.compile(
    r"(?<![\w\\*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w\\])_(?=\S)([^_]+?)(?<=\S)_(?!\w)"
)
_STRAY_STARS = re.compile(r"(?<!\\)\*{2,}")
_STRIKE = re.compile(_span("~~"))
_HIGHLIGHT = re.compile(r"(?<![=<])==(?=[^\s=])((?:(?!==).)+?)(?<=[^\s=])==(?![=>])")
_BACKTICKS = re.compile(r"`+")
_BR = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
_LINK_ONLY_STRIP = re.compile(r"[\s\-*+•,;|>#()0-9.]+")


def strip_comments(text: str) -> str:
    """Remove HTML comments (including ``<!--SR:...-->`` scheduling comments); an unclosed
    ``<!--`` is kept as written."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def code_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each inline code span: a run of backticks up to the next run of the
    same length (CommonMark's rule), found in one pass."""
    if "`" not in text:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    following: list[int] = [-1] * len(runs)  # index of the next run of the same length
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        width = runs[k][1] - runs[k][0]
        following[k] = last.get(width, -1)
        last[width] = k
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(runs):
        close = following[k]
        if close < 0:
            k += 1
            continue
        spans.append((runs[k][0], runs[close][1]))
        k = close + 1
    return spans


def _replace_code(text: str, spans: list[tuple[int, int]], masked: bool) -> str:
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        if masked:
            parts.append("\x00" * (end - start))
        else:
            inner = text[start:end].strip("`")
            parts.append(inner.strip())
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def plain(text: str, keep_highlight: bool = False) -> str:
    """Markdown inline source to plain text (one line, whitespace collapsed)."""
    if "<" in text:
        text = strip_comments(text)
        text = _BR.sub(" ", text)
        text = _AUTOLINK.sub(r"\1", text)
    if "`" in text:
        text = _replace_code(text, code_spans(text), masked=False)
    if "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
        text = _EM.sub(lambda m: m.group(1) or m.group(2), text)
        if "**" in text:
            text = _STRAY_STARS.sub("", text)  # "** Simple Routing**", "Retrieval***"
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if not keep_highlight and "==" in text:
        text = _HIGHLIGHT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def is_link_only(text: str) -> bool:
    """True for a line that holds nothing but links, images or URLs (a TOC or link list entry)."""
    if "](" not in text and "http" not in text and "www." not in text:
        return False
    rest = _IMAGE.sub("", text)
    rest = _LINK.sub("", rest)
    rest = _AUTOLINK.sub("", rest)
    rest = _URL.sub("", rest)
    return not _LINK_ONLY_STRIP.sub("", rest)


def is_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def mask_code(text: str) -> str:
    """Same length as ``text`` with inline code spans blanked, so separators inside are ignored."""
    if "`" not in text:
        return text
    return _replace_code(text, code_spans(text), masked=True)


def highlights(text: str) -> list[re.Match[str]]:
    """The ``==cloze==`` spans of a line (outside inline code)."""
    if "==" not in text:
        return []
    masked = mask_code(text)
    return list(_HIGHLIGHT.finditer(masked))
