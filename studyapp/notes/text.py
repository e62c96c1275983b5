"""Small text helpers shared by the Markdown and outline readers and the card extractors.

Card text is plain text: Markdown emphasis, links and code backticks are removed, everything else
(emoji, literal ``[bold]``, backslashes) is kept exactly as written; the UI escapes on display.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[(?:\\.|[^\]\\])*\]\([^)]*\)")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_STRONG = re.compile(
    r"(?<![\\*])\*\*(?=\S)(.+?)(?<=\S)\*\*"
    r"|(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)"
)
_EM = re.compile(
    r"(?<![\w\\*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w\\])_(?=\S)([^_]+?)(?<=\S)_(?!\w)"
)
_STRAY_STARS = re.compile(r"(?<!\\)\*{2,}")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"(`+)(.+?)\1")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BR = re.compile(r"<br\s*/?>", re.I)
_HIGHLIGHT = re.compile(r"(?<![=<])==(?=[^\s=])(.+?)(?<=[^\s=])==(?![=>])")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
_LINK_ONLY_STRIP = re.compile(r"[\s\-*+•,;|>#()0-9.]+")


def strip_comments(text: str) -> str:
    """Remove HTML comments (including ``<!--SR:...-->`` scheduling comments)."""
    return _COMMENT.sub("", text) if "<!--" in text else text


def plain(text: str, keep_highlight: bool = False) -> str:
    """Markdown inline source to plain text (one line, whitespace collapsed)."""
    if "<" in text:
        text = strip_comments(text)
        text = _BR.sub(" ", text)
        text = _AUTOLINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(lambda m: m.group(2).strip(), text)
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
    return _CODE.sub(lambda m: "\x00" * len(m.group(0)), text)


def highlights(text: str) -> list[re.Match[str]]:
    """The ``==cloze==`` spans of a line (outside inline code)."""
    if "==" not in text:
        return []
    masked = mask_code(text)
    return list(_HIGHLIGHT.finditer(masked))
