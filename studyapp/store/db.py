"""Opening the database: pragmas, a cheap schema-version check, migrations with a backup first.

Alembic is imported only when the schema actually needs upgrading, so a normal start pays for
neither Alembic nor a migration run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, ExceptionContext

from studyapp.store import dbfile
from studyapp.store.dbfile import restore_newest_backup as restore_newest_backup  # re-exported
from studyapp.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DiskFull,
    NewerSchema,
)
from studyapp.store.errors import DatabaseError as DatabaseError  # re-exported
from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS
from studyapp.util import locations

BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path) -> Engine:
    """An engine with our pragmas; over a read-only file (see `dbfile.read_only_file`) every
    connection is opened read-only, so reading works and the first write says why it failed."""
    if dbfile.read_only_file(path):
        uri = dbfile.ro_uri(path)

        def connect_ro() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False)

        engine = create_engine(f"sqlite:///{path}", future=True, creator=connect_ro)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "handle_error", lambda ctx: _learner_error(path, ctx))
    return engine


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, read with the stdlib driver (fast)."""
    try:
        return dbfile.schema_revision(path, BUSY_TIMEOUT_MS / 1000)
    except sqlite3.DatabaseError as exc:
        raise error_for(path, exc) from exc


def error_for(path: Path, exc: BaseException) -> DatabaseError:
    """An SQLite error explained for the learner, with what to do next, as the kind of
    DatabaseError the app can offer a way out of."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"{path}: the database is busy (another studyapp is writing to it); "
            "try again in a moment."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(f"{path}: the database file is damaged ({exc}). {_way_out(path)}")
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(read_only_message(path))
    if "full" in text:  # "database or disk is full" (SQLITE_FULL)
        return DiskFull(
            f"{path}: the disk is full; nothing was saved. Free some space and try again."
        )
    return DatabaseError(f"{path}: {exc}")


def _learner_error(path: Path, ctx: ExceptionContext) -> DatabaseError | None:
    """Any statement on the engine that fails because the file is busy, damaged, read-only or
    full raises the explained DatabaseError instead of SQLAlchemy's (so every screen and command
    shows the message, not a traceback); other errors (bugs) stay as they are."""
    found = error_for(path, ctx.original_exception)
    return None if type(found) is DatabaseError else found


def _explain(path: Path, exc: BaseException) -> str:
    return str(error_for(path, exc))


def read_only_message(path: Path) -> str:
    return (
        f"{path}: the database is read-only: you can study and browse, but nothing will be saved. "
        "Make the file writable (chmod u+w) to save again."
    )


def _way_out(path: Path) -> str:
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


def backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.bak-{revision}")


def migrate(path: Path) -> None:
    """Bring the schema to HEAD_REVISION, backing the file up first when it holds data."""
    revision = current_revision(path)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        backup = dbfile.newest_backup(path)
        raise NewerSchema(
            f"{path}: this database was written by a newer studyapp (schema {revision}); "
            "upgrade studyapp"
            + (
                f", or run `studyapp doctor --restore-backup` to go back to the newest backup "
                f"({backup.name}), made before that upgrade (this file is kept beside it)."
                if backup is not None
                else "; there is no backup beside it to go back to."
            )
        )
    if revision is not None and dbfile.read_only_file(path):
        raise DatabaseReadOnly(
            f"{path}: the database is read-only and needs upgrading to schema {HEAD_REVISION} "
            "first. Make the file writable (chmod u+w) and open it again."
        )
    if revision is not None:
        _backup(path, revision)
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(locations.migrations_dir()))
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DatabaseError:
        raise
    except Exception as exc:  # sqlite errors come wrapped by SQLAlchemy
        raise error_for(path, getattr(exc, "orig", None) or exc) from exc
    finally:
        engine.dispose()


def _backup(path: Path, revision: str) -> None:
    dbfile.copy_database(path, backup_path(path, revision))


def open_engine(path: Path) -> Engine:
    """Create the folder, migrate if needed, and return an engine with our pragmas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    migrate(path)
    return make_engine(path)
