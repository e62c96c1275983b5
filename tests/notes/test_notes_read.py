"""Reading bytes as text: encodings, damaged and hostile files never raise."""

from __future__ import annotations

import codecs
from pathlib import Path

from studyapp.notes.parse import parse_file
from studyapp.notes.read import decode

NOTE = "# SQS\n\n- Visibility timeout: hides a received message from other consumers\n"


def write(tmp_path: Path, data: bytes, name: str = "notes.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def titles(note) -> list[str]:
    return [t.title for t in note.topics]


def test_utf8_with_bom_is_read_without_the_bom(tmp_path: Path) -> None:
    note = parse_file(write(tmp_path, codecs.BOM_UTF8 + NOTE.encode()))
    assert titles(note) == ["SQS"]
    assert note.warnings == [] and not note.skipped


def test_utf16_with_bom_le_and_be(tmp_path: Path) -> None:
    for enc, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        note = parse_file(write(tmp_path, bom + NOTE.encode(enc)))
        assert titles(note) == ["SQS"], enc
        assert note.cards[0].front.endswith("Visibility timeout")


def test_utf16_without_bom_is_detected(tmp_path: Path) -> None:
    note = parse_file(write(tmp_path, NOTE.encode("utf-16-le")))
    assert titles(note) == ["SQS"]
    assert note.warnings == []


def test_utf32_with_bom(tmp_path: Path) -> None:
    note = parse_file(write(tmp_path, codecs.BOM_UTF32_LE + NOTE.encode("utf-32-le")))
    assert titles(note) == ["SQS"]


def test_non_utf8_falls_back_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    data = "# Caf\u00e9\n\nline two\n- Prix: 5 \u20ac\n".encode("cp1252")
    note = parse_file(write(tmp_path, data), display_path="notes/cafe.md")
    assert titles(note) == ["Caf\u00e9"]
    [warning] = note.warnings
    assert warning.path == "notes/cafe.md"
    assert warning.line == 1
    assert "cp1252" in warning.message


def test_nul_bytes_are_removed_with_a_warning(tmp_path: Path) -> None:
    note = parse_file(write(tmp_path, b"# SQS\n\nfirst\nsec\x00ond: x\x00y\n"))
    assert titles(note) == ["SQS"]
    assert "\x00" not in note.topics[0].body
    assert any("NUL" in w.message and w.line == 4 for w in note.warnings)


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    note = parse_file(write(tmp_path, png, "image.md"))
    assert note.topics == [] and note.cards == []
    assert note.skipped
    assert any("binary" in w.message and w.line == 0 for w in note.warnings)
    zipped = b"PK\x03\x04" + bytes(200)
    assert any("binary" in w.message for w in parse_file(write(tmp_path, zipped)).warnings)


def test_empty_file_warns(tmp_path: Path) -> None:
    note = parse_file(write(tmp_path, b""))
    assert note.topics == [] and not note.skipped  # read fine, just nothing in it
    assert [w.message for w in note.warnings] == ["file is empty"]
    assert note.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_oversized_file_is_skipped_with_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path, NOTE.encode() * 10)
    note = parse_file(path, max_bytes=100)
    assert note.topics == [] and note.skipped
    [warning] = note.warnings
    assert str(path.stat().st_size) in warning.message and "100 bytes" in warning.message
    assert note.sha256  # still identifies the file


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    import hashlib

    data = codecs.BOM_UTF8 + NOTE.encode()
    assert parse_file(write(tmp_path, data)).sha256 == hashlib.sha256(data).hexdigest()


def test_mojibake_is_repaired_and_reported_once(tmp_path: Path) -> None:
    good = (
        "# Proxy\n\nApp \u2194 Proxy\n\n\u2705 Benefits\n- it\u2019s pooled: yes\n\U0001f4e6 box\n"
    )
    damaged = good.encode("utf-8").decode("mac_roman").encode("utf-8")
    note = parse_file(write(tmp_path, damaged), display_path="p.md")
    assert note.repaired
    assert "App \u2194 Proxy" in note.topics[0].body
    assert "\U0001f4e6 box" in note.topics[0].body
    [warning] = [w for w in note.warnings if "mojibake" in w.message]
    assert warning.path == "p.md" and warning.line == 3
    assert "4 lines" in warning.message


def test_cp1252_mojibake_is_repaired() -> None:
    result = decode("don\u00e2\u20ac\u2122t".encode(), "x.md")
    assert result.text == "don\u2019t"
    assert result.repaired


def test_legitimate_accents_are_left_alone() -> None:
    result = decode("na\u00efve caf\u00e9 M\u00fcller \u00a9".encode(), "x.md")
    assert result.text == "na\u00efve caf\u00e9 M\u00fcller \u00a9"
    assert not result.repaired and result.warnings == []


def test_unreadable_path_warns(tmp_path: Path) -> None:
    note = parse_file(tmp_path / "missing.md")
    assert note.skipped and note.warnings and note.warnings[0].line == 0


def test_a_java_style_nul_is_not_made_by_mojibake_repair() -> None:
    # C0 80 is not UTF-8: read as cp1252 it is "À€", which ftfy would "repair" into U+0000
    result = decode(b"a\xc0\x80", "java.md")
    assert result.text is not None and "\x00" not in result.text
    assert any("not valid UTF-8" in w.message for w in result.warnings)
