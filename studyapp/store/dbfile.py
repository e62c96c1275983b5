"""The database file itself: is it writable, which backups lie beside it, putting one back.

Used on files `Collection.open` refuses (damaged, or a newer schema), by the app's screens and
`studyapp doctor`. A restore never deletes anything: the file it replaces is kept aside as
`<name>.damaged-<time>` (with its `-wal`), and the backup itself stays where it was.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from studyapp.store.errors import DatabaseDamaged, DatabaseError
from studyapp.store.revision import KNOWN_REVISIONS

SIDE_FILES = ("-wal", "-shm")
PRIVATE_MODE = 0o600  # the database holds what a learner got wrong and when: theirs alone


def create_private(path: Path) -> None:
    """Create `path` empty and readable by its owner only, if it does not exist yet. SQLite gives
    the `-wal` and `-shm` files it makes later the database file's own mode, so they follow."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def read_only_file(path: Path) -> bool:
    """Whether the database file must not be written: no write permission bit at all (this holds
    for root too, who could write it anyway), or this user may not write it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_IMODE(mode) & 0o222 == 0 or not os.access(path, os.W_OK)


def ro_uri(path: Path, mode: str = "ro") -> str:
    """An SQLite URI opening `path` read-only (or `mode=rw`); any character in the path is safe."""
    return f"file:{quote(str(path))}?mode={mode}"


def read_revision(con: sqlite3.Connection) -> str | None:
    """The schema revision an open database holds (None: no studyapp tables in it)."""
    has_version = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if has_version is None:
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def schema_revision(path: Path, busy_timeout_s: float = 5.0) -> str | None:
    """The schema revision stored in the file (None: no studyapp database there yet).
    Raises sqlite3.Error for a file that is not a readable database."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(ro_uri(path), uri=True, timeout=busy_timeout_s)
    try:
        return read_revision(con)
    finally:
        con.close()


def free_path(path: Path, suffix: str) -> Path:
    """`<name><suffix>` beside `path`, with `-2`, `-3`... added if taken (never overwritten)."""
    candidate = path.with_name(f"{path.name}{suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}{suffix}-{n}")
    return candidate


def copy_database(src: Path, dst: Path) -> None:
    """A consistent copy through SQLite's backup API (not a byte copy of a file in use)."""
    source = sqlite3.connect(ro_uri(src), uri=True)
    try:
        create_private(dst)
        target = sqlite3.connect(str(dst))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def backups(path: Path) -> list[Path]:
    """`<name>.bak-*` files beside the database (before a migration, before a repair), newest
    first."""
    found = [
        p
        for p in path.parent.glob(f"{_glob_escape(path.name)}.bak-*")
        if p.is_file() and not p.name.endswith((*SIDE_FILES, "-journal"))  # a backup's own files
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_backup(path: Path) -> Path | None:
    found = backups(path)
    return found[0] if found else None


def damaged_path(path: Path, now: datetime | None = None) -> Path:
    """Where the replaced file is kept: `<name>.damaged-<YYYYmmdd-HHMMSS>` (never overwritten)."""
    return free_path(path, f".damaged-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}")


def restore_newest_backup(path: Path) -> tuple[Path, Path]:
    """Put the newest backup in place of `path`; returns (backup used, where `path` was kept).

    The backup is checked before anything moves; the restored copy is checked after, and if that
    fails the original file is put back. Raises DatabaseError saying why nothing was done."""
    backup = newest_backup(path)
    if backup is None:
        raise DatabaseError(
            f"{path}: there is no backup beside it (`{path.name}.bak-*`); nothing was changed."
        )
    if not path.exists():
        raise DatabaseError(f"{path}: no database here; nothing to restore over.")
    problem = check_file(backup)
    if problem is not None:
        raise DatabaseDamaged(
            f"{backup}: the newest backup cannot be used either ({problem}); nothing was changed."
        )
    damaged = damaged_path(path)
    os.replace(path, damaged)
    for side in SIDE_FILES:  # a -wal left beside belongs to the damaged file, not the backup
        if path.with_name(path.name + side).exists():
            os.replace(path.with_name(path.name + side), damaged.with_name(damaged.name + side))
    try:
        copy_database(backup, path)
        problem = check_file(path)
        if problem is not None:
            raise DatabaseDamaged(f"{path}: the restored copy does not check out ({problem})")
    except (OSError, sqlite3.Error, DatabaseError) as exc:
        for side in ("", *SIDE_FILES):
            path.with_name(path.name + side).unlink(missing_ok=True)
        os.replace(damaged, path)
        for side in SIDE_FILES:
            if damaged.with_name(damaged.name + side).exists():
                os.replace(damaged.with_name(damaged.name + side), path.with_name(path.name + side))
        raise DatabaseError(
            f"{path}: restoring {backup.name} failed ({exc}); the file was put back as it was."
        ) from exc
    return backup, damaged


def check_file(path: Path) -> str | None:
    """Why `path` is not a usable studyapp database (None: it is): SQLite's quick check, and a
    schema this studyapp knows."""
    try:
        con = sqlite3.connect(ro_uri(path), uri=True)
        try:
            problems = [r[0] for r in con.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                return problems[0]
            if (
                con.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
                ).fetchone()
                is None
            ):
                return "no studyapp tables in it"
            revision = read_revision(con)
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    if revision not in KNOWN_REVISIONS:
        return f"schema {revision or 'none'} is not one this studyapp knows"
    return None


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
