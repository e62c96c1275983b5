"""The notes importer's entry points: a file or a text in, a :class:`ParsedNote` out.

Nothing here raises for bad content: problems become warnings and whatever was parsed before an
unexpected error is kept.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePath

from studyapp.notes.blocks import Section
from studyapp.notes.cards import section_cards
from studyapp.notes.markdown import read_markdown
from studyapp.notes.merge import merge_repeats
from studyapp.notes.model import ImportWarning, ParsedNote
from studyapp.notes.outline import read_outline
from studyapp.notes.read import MAX_BYTES, decode, size_warning
from studyapp.util.files import file_sha256

_MARKDOWN_SIGNS = re.compile(r"^ {0,3}(?:#{1,6}[ \t]|```|~~~|\|.*\|[ \t]*$)|\]\(", re.M)
_OUTLINE_SUFFIXES = (".txt", ".text", ".outline")


def looks_like_markdown(text: str) -> bool:
    """ATX headings, code fences, table rows or links: the text uses Markdown structure."""
    return bool(_MARKDOWN_SIGNS.search(text))


def parse_text(text: str, path: str, outline: bool | None = None) -> ParsedNote:
    """Parse notes text; ``outline=None`` picks outline for ``.txt`` or text without Markdown."""
    data = text.encode("utf-8", "surrogatepass")
    text = data.decode("utf-8", "replace")  # lone surrogates (never from a file) become U+FFFD
    note = ParsedNote(path=path, sha256=hashlib.sha256(data).hexdigest())
    _fill(note, text, outline)
    return note


def _fill(note: ParsedNote, text: str, outline: bool | None) -> None:
    path = note.path
    stem = PurePath(path).stem or path
    try:
        if outline is None:
            outline = path.lower().endswith(_OUTLINE_SUFFIXES) or not looks_like_markdown(text)
        note.kind = "outline" if outline else "markdown"
        reader = read_outline if outline else read_markdown
        sections: list[Section]
        sections, warnings = reader(text, path, stem)
        note.warnings.extend(warnings)
    except Exception as err:  # noqa: BLE001 - a bad file must never stop an import
        note.warnings.append(ImportWarning(path, 0, f"could not parse the file: {err!r}"))
        return
    for section in sections:
        note.topics.append(section.topic)
        try:
            cards, tables, rejected = section_cards(section)
        except Exception as err:  # noqa: BLE001
            note.warnings.append(
                ImportWarning(path, section.topic.line, f"cards of this topic skipped: {err!r}")
            )
            continue
        note.cards.extend(cards)
        note.tables.extend(tables)
        for line, reason in rejected:
            note.warnings.append(ImportWarning(path, line, f"'::' not read as a card ({reason})"))
    note.cards = merge_repeats(note.cards)


def parse_file(
    path: Path, display_path: str | None = None, max_bytes: int = MAX_BYTES
) -> ParsedNote:
    """Read and parse one notes file; ``sha256`` is the hash of its raw bytes."""
    shown = display_path or str(path)
    note = ParsedNote(path=shown, sha256="")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            note.sha256 = file_sha256(path)
            data = b""
        else:
            data = path.read_bytes()
            note.sha256 = hashlib.sha256(data).hexdigest()
    except OSError as err:
        note.warnings.append(ImportWarning(shown, 0, f"could not read the file: {err.strerror}"))
        note.skipped = True
        return note
    if size > max_bytes:
        note.warnings.append(size_warning(shown, size, max_bytes))
        note.skipped = True
        return note
    try:
        result = decode(data, shown, max_bytes)
    except Exception as err:  # noqa: BLE001
        note.warnings.append(ImportWarning(shown, 0, f"could not decode the file: {err!r}"))
        note.skipped = True
        return note
    note.warnings.extend(result.warnings)
    note.skipped = result.text is None
    note.repaired = result.repaired
    if result.text:
        suffix = path.suffix.lower()
        outline = True if suffix in _OUTLINE_SUFFIXES else None
        _fill(note, result.text, outline)
    return note
