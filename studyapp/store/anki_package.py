"""Reading an Anki package (.apkg, .colpkg) as plain rows: its notes, cards, decks, note types
and review log. The package is a zip holding an SQLite collection; which one depends on the
Anki that wrote it:

- `collection.anki21b` (Anki 2.1.50+, the default): zstd-compressed, schema 18 (decks, note
  types, fields and templates in tables of their own; note types' and templates' settings in
  protobuf messages, of which we read the two or three fields we need);
- `collection.anki21` (the "support older Anki versions" export): schema 11, the decks and note
  types as JSON in the `col` row;
- `collection.anki2` (Anki 2.0): schema 11. A modern package also carries one, holding a single
  note that asks to update Anki: it is read only when the package has nothing newer.

The file is extracted to a temporary folder and opened read-only with the stdlib `sqlite3`;
nothing of it is executed or rendered. Media files are not read: only counted, to say so.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

MODERN = "collection.anki21b"
LEGACY = ("collection.anki21", "collection.anki2")
FIELD_SEP = "\x1f"
MAX_COLLECTION_BYTES = 4 << 30  # a collection that unpacks larger than this is refused


class PackageError(Exception):
    """The file is not an Anki package we can read; the message names the file and says why."""


@dataclass(frozen=True, slots=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]  # in order
    templates: tuple[tuple[str, str, str], ...]  # (name, question format, answer format) by ord


@dataclass(frozen=True, slots=True)
class AnkiNote:
    id: int
    guid: str
    notetype_id: int
    fields: tuple[str, ...]  # raw HTML, one per field of its note type
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnkiCard:
    id: int
    note_id: int
    deck_id: int
    ord: int  # which template (or which cloze number - 1)
    queue: int  # -1 suspended, -2/-3 buried, 0 new, 1/3 learning, 2 review
    type: int  # 0 new, 1 learning, 2 review, 3 relearning


@dataclass(frozen=True, slots=True)
class AnkiReview:
    id: int  # milliseconds since the epoch when the answer was given: unique in a collection
    card_id: int
    ease: int  # 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual reschedule
    time_ms: int  # how long the answer took
    type: int  # 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled


@dataclass(slots=True)
class AnkiPackage:
    path: str
    member: str  # which collection file inside the zip was read
    schema: int
    decks: dict[int, tuple[str, ...]] = field(default_factory=dict)  # id -> ("AWS", "SQS")
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    notes: list[AnkiNote] = field(default_factory=list)
    cards: list[AnkiCard] = field(default_factory=list)
    reviews: list[AnkiReview] = field(default_factory=list)
    media_files: int = 0
    # Anki's first scheduler (v1) showed three buttons while learning: ease 2 was Good, 3 Easy
    sched_v1: bool = False


def read_package(path: Path) -> AnkiPackage:
    """Read `path` (.apkg or .colpkg). Raises PackageError naming the file and the reason."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackageError(f"{path}: not an Anki package (not a zip file: {exc})") from exc
    with archive, tempfile.TemporaryDirectory(prefix="studyapp-anki-") as tmp:
        names = set(archive.namelist())
        member = next((n for n in (MODERN, *LEGACY) if n in names), None)
        if member is None:
            raise PackageError(
                f"{path}: not an Anki package (no collection.anki21b, collection.anki21 or"
                " collection.anki2 inside)"
            )
        info = archive.getinfo(member)
        if info.file_size > MAX_COLLECTION_BYTES:
            raise PackageError(f"{path}: {member} is larger than 4 GiB; not read")
        db = Path(tmp) / "collection.db"
        try:
            with archive.open(member) as src, db.open("wb") as out:
                if member == MODERN:
                    _unzstd(path, src, out)
                else:
                    shutil.copyfileobj(src, out)
        except (OSError, zipfile.BadZipFile, EOFError) as exc:
            raise PackageError(f"{path}: {member} cannot be read ({exc})") from exc
        media = _media_count(archive, modern=member == MODERN)
        try:
            package = _read_collection(path, db, member)
        except (sqlite3.Error, TypeError, ValueError, AttributeError, KeyError) as exc:
            # not SQLite, not Anki's tables, or values of the wrong kind where Anki keeps numbers
            raise PackageError(
                f"{path}: {member} is not a readable Anki collection ({exc})"
            ) from exc
        package.media_files = media
        return package


def _unzstd(path: Path, src: IO[bytes], out: IO[bytes]) -> None:
    try:
        import zstandard
    except ImportError as exc:  # pragma: no cover - a pinned dependency
        raise PackageError(
            f"{path}: this package is in Anki's newest format (zstd-compressed) and the"
            " zstandard module is missing; reinstall studyapp"
        ) from exc
    written = 0
    try:
        with zstandard.ZstdDecompressor().stream_reader(src) as reader:
            while chunk := reader.read(1 << 20):
                written += len(chunk)
                if written > MAX_COLLECTION_BYTES:
                    raise PackageError(f"{path}: {MODERN} unpacks larger than 4 GiB; not read")
                out.write(chunk)
    except zstandard.ZstdError as exc:
        raise PackageError(f"{path}: {MODERN} is damaged ({exc})") from exc


def _media_count(archive: zipfile.ZipFile, modern: bool) -> int:
    """How many media files the package lists (they are not imported)."""
    try:
        raw = archive.read("media")
    except KeyError:
        return 0
    try:
        if raw[:4] == b"\x28\xb5\x2f\xfd":  # zstd: the modern protobuf list
            import zstandard

            data = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
            return sum(1 for number, _ in _protobuf(data) if number == 1)
        listed = json.loads(raw.decode("utf-8") or "{}")
        return len(listed) if isinstance(listed, dict) else 0
    except Exception:  # a damaged media list only changes the count we report
        return 0


def _read_collection(path: Path, db: Path, member: str) -> AnkiPackage:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        schema = int(con.execute("SELECT ver FROM col").fetchone()[0])
        package = AnkiPackage(path=str(path), member=member, schema=schema)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "notetypes" in tables and "decks" in tables:
            _read_schema18(con, package)
        else:
            _read_schema11(con, package)
        package.notes = [
            AnkiNote(
                int(r[0]),
                str(r[1]),
                int(r[2]),
                tuple(str(r[4]).split(FIELD_SEP)),
                tuple(t for t in str(r[3]).split() if t),
            )
            for r in con.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
        ]
        package.cards = [
            AnkiCard(int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5]))
            for r in con.execute(
                "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, queue, type"
                " FROM cards ORDER BY nid, ord"
            )
        ]
        package.reviews = [
            AnkiReview(int(r[0]), int(r[1]), int(r[2]), int(r[3] or 0), int(r[4]))
            for r in con.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY id")
        ]
        return package
    finally:
        con.close()


def _read_schema11(con: sqlite3.Connection, package: AnkiPackage) -> None:
    models_json, decks_json, conf_json = con.execute(
        "SELECT models, decks, conf FROM col"
    ).fetchone()
    try:
        models = json.loads(models_json or "{}")
        decks = json.loads(decks_json or "{}")
        conf = json.loads(conf_json or "{}")
    except json.JSONDecodeError as exc:
        raise PackageError(f"{package.path}: the note types or decks are not JSON ({exc})") from exc
    package.sched_v1 = isinstance(conf, dict) and conf.get("schedVer", 1) == 1
    for key, d in decks.items():
        package.decks[int(key)] = _deck_path(str(d.get("name", "")), "::")
    for key, m in models.items():
        fields = sorted(m.get("flds", []), key=lambda f: int(f.get("ord", 0)))
        tmpls = sorted(m.get("tmpls", []), key=lambda t: int(t.get("ord", 0)))
        package.notetypes[int(key)] = NoteType(
            id=int(key),
            name=str(m.get("name", "")),
            cloze=int(m.get("type", 0)) == 1,
            fields=tuple(str(f.get("name", "")) for f in fields),
            templates=tuple(
                (str(t.get("name", "")), str(t.get("qfmt", "")), str(t.get("afmt", "")))
                for t in tmpls
            ),
        )


def _read_schema18(con: sqlite3.Connection, package: AnkiPackage) -> None:
    row = con.execute("SELECT val FROM config WHERE key = 'schedVer'").fetchone()
    package.sched_v1 = row is not None and bytes(row[0]).strip() == b"1"
    for did, name in con.execute("SELECT id, name FROM decks"):
        package.decks[int(did)] = _deck_path(str(name), FIELD_SEP)
    fields: dict[int, list[str]] = {}
    for ntid, name in con.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(int(ntid), []).append(str(name))
    templates: dict[int, list[tuple[str, str, str]]] = {}
    for ntid, name, config in con.execute(
        "SELECT ntid, name, config FROM templates ORDER BY ntid, ord"
    ):
        parts = dict(_protobuf(bytes(config or b"")))  # CardTemplate.Config: 1 q, 2 a
        q, a = parts.get(1, b""), parts.get(2, b"")
        templates.setdefault(int(ntid), []).append((str(name), _text(q), _text(a)))
    for ntid, name, config in con.execute("SELECT id, name, config FROM notetypes"):
        kind = dict(_protobuf(bytes(config or b""))).get(1, 0)  # Notetype.Config.kind: 1 cloze
        package.notetypes[int(ntid)] = NoteType(
            id=int(ntid),
            name=str(name),
            cloze=kind == 1,
            fields=tuple(fields.get(int(ntid), [])),
            templates=tuple(templates.get(int(ntid), [])),
        )


def _deck_path(name: str, sep: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in name.split(sep) if part.strip())


def _text(value: int | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def _protobuf(data: bytes) -> list[tuple[int, int | bytes]]:
    """The top-level fields of a protobuf message: (field number, varint or bytes). Enough for
    the few settings we read; groups and fixed-width fields are stepped over."""
    out: list[tuple[int, int | bytes]] = []
    i, n = 0, len(data)

    def varint() -> int:
        nonlocal i
        shift = value = 0
        while i < n:
            b = data[i]
            i += 1
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
        raise ValueError("truncated varint")

    try:
        while i < n:
            key = varint()
            number, wire = key >> 3, key & 7
            if wire == 0:
                out.append((number, varint()))
            elif wire == 2:
                size = varint()
                out.append((number, data[i : i + size]))
                i += size
            elif wire == 1:
                i += 8
            elif wire == 5:
                i += 4
            else:
                break
    except ValueError:
        pass
    return out
