"""SQLite's errors explained for the learner, as the kind of DatabaseError the app can offer a
way out of (restore a backup, try again, free space, make the file writable)."""

from __future__ import annotations

from pathlib import Path

from studyapp.store import dbfile
from studyapp.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    DiskFull,
)


def explain(path: Path, exc: BaseException, *, before_writing: bool = False) -> DatabaseError:
    """An SQLite error as the learner's DatabaseError, with what to do next; `before_writing`:
    it came before anything was written (opening the file), so the message can say so."""
    if isinstance(exc, DatabaseError):
        return exc
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"{path}: the database is busy (another studyapp is writing to it); "
            "try again in a moment."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        kept = "; nothing was written" if before_writing else ""
        return DatabaseDamaged(
            f"{path}: the database file is damaged ({exc}){kept}. {way_out(path)}"
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(read_only_message(path))
    if "full" in text:  # "database or disk is full" (SQLITE_FULL)
        return DiskFull(
            f"{path}: the disk is full; nothing was saved. Free some space and try again."
        )
    return DatabaseError(f"{path}: {exc}")


def read_only_message(path: Path) -> str:
    return (
        f"{path}: the database is read-only: you can study and browse, but nothing will be saved. "
        "Make the file writable (chmod u+w) to save again."
    )


def way_out(path: Path) -> str:
    """What to do about a file the app cannot use: the newest backup beside it, if any."""
    backup = dbfile.newest_backup(path)
    if backup is None:
        return (
            f"There is no backup beside it (`{path.name}.bak-*`): move the file away to start "
            "afresh (notes can be imported again; the review history stays in the moved file)."
        )
    return (
        f"Run `studyapp doctor --restore-backup` to put the newest backup ({backup.name}) in its "
        "place; the damaged file is kept beside it."
    )
