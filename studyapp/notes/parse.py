"""The notes importer's entry points: a file or a text in, a :class:`ParsedNote` out.

Nothing here raises for bad content: problems become warnings and whatever was parsed before an
unexpected error is kept. Reading one file has a time budget (:mod:`studyapp.notes.budget`): a
file still being read when it is spent is skipped with a warning, and the database keeps what it
had for it, so one bad file never stalls the rest of an import.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePath

from studyapp.notes import budget
from studyapp.notes.blocks import Section
from studyapp.notes.cards import section_cards, sibling_topic_cards
from studyapp.notes.explicit import inspect_inline
from studyapp.notes.markdown import front_matter_end, read_markdown, without_front_matter
from studyapp.notes.merge import merge_repeats
from studyapp.notes.model import ImportWarning, ParsedNote
from studyapp.notes.outline import read_outline
from studyapp.notes.read import MAX_BYTES, decode, size_warning
from studyapp.util.files import file_sha256

_MARKDOWN_SIGNS = re.compile(r"^ {0,3}(?:#{1,6}[ \t]|```|~~~|>|\|.*\|[ \t]*$)|\]\(", re.M)
_OUTLINE_SUFFIXES = (".txt", ".text", ".outline")


def looks_like_markdown(text: str) -> bool:
    """ATX headings, code fences, quotes, table rows or links: the text uses Markdown
    structure."""
    return bool(_MARKDOWN_SIGNS.search(text))


def parse_text(
    text: str, path: str, outline: bool | None = None, time_budget: float | None = None
) -> ParsedNote:
    """Parse notes text; ``outline=None`` picks outline for ``.txt`` or text without Markdown.
    ``time_budget`` (seconds, default none): past it the note is returned skipped."""
    data = text.encode("utf-8", "surrogatepass")
    text = data.decode("utf-8", "replace")  # lone surrogates (never from a file) become U+FFFD
    note = ParsedNote(path=path, sha256=hashlib.sha256(data).hexdigest())
    try:
        with budget.limit(time_budget):
            _fill(note, text, outline)
    except budget.BudgetExceeded as over:
        _over_budget(note, over)
    return note


def _over_budget(note: ParsedNote, over: budget.BudgetExceeded) -> None:
    """Drop what was read of a file whose budget ran out, and say so."""
    note.topics.clear()
    note.cards.clear()
    note.repeats.clear()
    note.tables.clear()
    where = f" (it had reached line {over.line})" if over.line else ""
    note.warnings[:] = [
        ImportWarning(
            note.path,
            0,
            f"file skipped: reading it took over {over.seconds:.0f} s, the limit for one file"
            f"{where}; the database keeps what it had for it. Split the file into smaller "
            "notes, or report it as a bug",
        )
    ]
    note.skipped = True


def _fill(note: ParsedNote, text: str, outline: bool | None) -> None:
    path = note.path
    stem = PurePath(path).stem or path
    try:
        if not path.lower().endswith(_OUTLINE_SUFFIXES):
            _front_matter_cards(note, text)
            text = without_front_matter(text)
        if outline is None:
            outline = path.lower().endswith(_OUTLINE_SUFFIXES) or not looks_like_markdown(text)
        note.kind = "outline" if outline else "markdown"
        reader = read_outline if outline else read_markdown
        sections: list[Section]
        sections, warnings = reader(text, path, stem)
        note.warnings.extend(warnings)
    except budget.BudgetExceeded:
        raise
    except Exception as err:  # noqa: BLE001 - a bad file must never stop an import
        note.warnings.append(ImportWarning(path, 0, f"could not parse the file: {err!r}"))
        return
    for section in sections:
        budget.check(section.topic.line)
        note.topics.append(section.topic)
        try:
            cards, tables, rejected = section_cards(section)
        except budget.BudgetExceeded:
            raise
        except Exception as err:  # noqa: BLE001
            note.warnings.append(
                ImportWarning(path, section.topic.line, f"cards of this topic skipped: {err!r}")
            )
            continue
        note.cards.extend(cards)
        note.tables.extend(tables)
        for line, message in rejected:
            note.warnings.append(ImportWarning(path, line, message))
    note.cards.extend(sibling_topic_cards(sections))
    note.cards = merge_repeats(note.cards, note.repeats)


def _front_matter_cards(note: ParsedNote, text: str) -> None:
    """Warn about a ``::`` card written inside front matter, which is not read for cards."""
    end = front_matter_end(text)
    if end is None:
        return
    for k, line in enumerate(text.split("\n", end + 1)[1:end], start=2):
        if "::" in line and inspect_inline(line)[0] is not None:
            note.warnings.append(
                ImportWarning(
                    note.path,
                    k,
                    f"front matter (lines 1-{end + 1}) is not read for cards; move this '::' "
                    "card below its closing ---",
                )
            )


def parse_file(
    path: Path,
    display_path: str | None = None,
    max_bytes: int = MAX_BYTES,
    time_budget: float | None = None,
) -> ParsedNote:
    """Read and parse one notes file; ``sha256`` is the hash of its raw bytes. A file still
    being read after ``time_budget`` seconds (default :func:`budget.for_size`: 10 s plus 5 s per
    MiB) is returned skipped, with a warning."""
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
        seconds = budget.for_size(len(data)) if time_budget is None else time_budget
        with budget.limit(seconds):
            _read(note, path, data, max_bytes)
    except budget.BudgetExceeded as over:
        _over_budget(note, over)
    return note


def _read(note: ParsedNote, path: Path, data: bytes, max_bytes: int) -> None:
    try:
        result = decode(data, note.path, max_bytes)
    except budget.BudgetExceeded:
        raise
    except Exception as err:  # noqa: BLE001
        note.warnings.append(ImportWarning(note.path, 0, f"could not decode the file: {err!r}"))
        note.skipped = True
        return
    note.warnings.extend(result.warnings)
    note.skipped = result.text is None
    note.repaired = result.repaired
    if result.text:
        budget.check()
        suffix = path.suffix.lower()
        outline = True if suffix in _OUTLINE_SUFFIXES else None
        _fill(note, result.text, outline)
