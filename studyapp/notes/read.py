"""Turn a notes file's bytes into text, whatever state the file is in.

Text is data: nothing here raises for bad content. Every problem becomes an
:class:`ImportWarning` carrying the file's display path and a 1-based line (0 for the whole file).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import ftfy

from studyapp.notes.model import ImportWarning

MAX_BYTES = 16 * 1024 * 1024  # files larger than this are skipped, not read

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _lead_chars() -> str:
    """Characters a UTF-8 lead byte becomes when read as cp1252, latin-1 or Mac Roman."""
    chars: set[str] = set()
    for byte in range(0xC2, 0xF5):
        for enc in ("cp1252", "latin-1", "mac_roman"):
            try:
                chars.add(bytes([byte]).decode(enc))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(chars))


# A line can only hold mojibake if it has one of these characters (fast pre-filter).
_MOJIBAKE_LEAD = re.compile("[" + re.escape(_lead_chars()) + "]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(slots=True)
class ReadResult:
    """Decoded text (None when the file was skipped) and what happened on the way."""

    text: str | None
    warnings: list[ImportWarning] = field(default_factory=list)
    repaired: bool = False


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def size_warning(path: str, size: int, max_bytes: int) -> ImportWarning:
    """The warning for a file skipped because it is larger than ``max_bytes``."""
    return ImportWarning(
        path,
        0,
        f"file skipped: its size {_human(size)} ({size} bytes) is over the limit of "
        f"{_human(max_bytes)} ({max_bytes} bytes)",
    )


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: many NULs in every other byte position."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > 0.4 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.4 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _is_binary(data: bytes) -> bool:
    """Mostly control characters (or a known binary signature): not a notes file."""
    if data.startswith((b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")):
        return True
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.1 * len(sample)


def _truncated_at_end(data: bytes, err: UnicodeDecodeError) -> bool:
    """Only the last character is cut short: the rest of the file is valid UTF-8."""
    if err.reason != "unexpected end of data" or len(data) - err.start > 3:
        return False
    try:
        data[: err.start].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> ReadResult:
    """Decode raw bytes into text, repairing what can be repaired."""
    result = ReadResult(text=None)
    warn = result.warnings
    if len(data) > max_bytes:
        warn.append(size_warning(path, len(data), max_bytes))
        return result
    if not data.strip():
        warn.append(ImportWarning(path, 0, "file is empty"))
        result.text = ""
        return result
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(enc, errors="replace")
            break
    if text is None and (enc16 := _looks_utf16(data)) is not None:
        text = data.decode(enc16, errors="replace")
    if text is None:
        if _is_binary(data):
            warn.append(ImportWarning(path, 0, "file skipped: it looks binary, not text"))
            return result
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = _line_of_offset(data, err.start)
            if _truncated_at_end(data, err):
                text = data[: err.start].decode("utf-8")
                warn.append(
                    ImportWarning(
                        path,
                        line,
                        "the file ends in the middle of a character (cut-off UTF-8); "
                        "that last character is left out",
                    )
                )
        if text is None:
            try:
                text = data.decode("cp1252")
                enc = "cp1252"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                enc = "latin-1"
            warn.append(
                ImportWarning(
                    path,
                    line,
                    f"not valid UTF-8 (first bad byte on this line); read as {enc}: check its "
                    "accented letters, and save the file as UTF-8",
                )
            )
    if "\x00" in text:
        first = text.index("\x00")
        warn.append(
            ImportWarning(
                path, text.count("\n", 0, first) + 1, "NUL bytes removed (first on this line)"
            )
        )
        text = text.replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _repair(text, path, result)
    result.text = text
    return result


def _repair_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if not _MOJIBAKE_LEAD.search(run):
        return run
    for enc in ("mac_roman", "cp1252"):
        try:
            return run.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return run


def repair_line(line: str) -> str:
    """Undo UTF-8-read-as-cp1252/Mac Roman damage in one line (ftfy, then a Mac Roman pass)."""
    fixed = _NON_ASCII_RUN.sub(_repair_run, ftfy.fix_encoding(line))
    # ftfy reads Java's two-byte NUL (C0 80) as U+0000: a "repair" that makes control
    # characters the line did not hold is no repair
    if _CONTROL.search(fixed) and not _CONTROL.search(line):
        return line
    return fixed


def _repair(text: str, path: str, result: ReadResult) -> str:
    lines = text.split("\n")
    first = 0
    count = 0
    for i, line in enumerate(lines):
        if line.isascii() or not _MOJIBAKE_LEAD.search(line):
            continue
        fixed = repair_line(line)
        if fixed != line:
            lines[i] = fixed
            count += 1
            first = first or i + 1
    if not count:
        return text
    result.repaired = True
    result.warnings.append(
        ImportWarning(
            path,
            first,
            f"mis-encoded characters (mojibake) repaired on {count} line"
            f"{'s' if count != 1 else ''}, first on line {first}; check that they read right",
        )
    )
    return "\n".join(lines)
