"""Bringing a database file to the schema this studyapp writes, safely under concurrency.

The revision is read with the stdlib driver; Alembic (and SQLAlchemy under it) is imported only
when the schema really needs upgrading, so a normal start pays for neither.

Any number of processes may open a new or old file at once. The first to take SQLite's write
lock (`BEGIN IMMEDIATE`) reads the revision again under it, backs the file up, and runs every
migration in that one transaction; the others wait on the lock, then find the schema current.
So the schema is migrated once, and a migration killed halfway leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studyapp.store import dbfile
from studyapp.store.database import connect
from studyapp.store.errors import DatabaseError, DatabaseReadOnly, NewerSchema
from studyapp.store.explain import explain
from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS

# Waiting for another process's migration: long enough for a big file's upgrade.
MIGRATION_WAIT_S = 120.0


@dataclass(frozen=True, slots=True)
class Migrated:
    """What `migrate` did: from which revision (None: a new file) to HEAD, and the backup."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def current_revision(path: Path, busy_timeout_s: float = 5.0) -> str | None:
    """The schema revision stored in the file (None: no studyapp database there yet)."""
    try:
        return dbfile.schema_revision(path, busy_timeout_s)
    except sqlite3.Error as exc:
        raise explain(path, exc) from exc


def backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.bak-{revision}")


def check_known(path: Path, revision: str | None) -> None:
    """Refuse a schema written by a newer studyapp, pointing at the backup made before it."""
    if revision is None or revision in KNOWN_REVISIONS:
        return
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


def migrate(path: Path, revision: str | None = None) -> Migrated | None:
    """Bring the schema to HEAD_REVISION (None: it already was). `revision`: what the caller
    already read from the file, if it did (saves a read on the common path)."""
    if revision is None:
        revision = current_revision(path)
    if revision == HEAD_REVISION:
        return None
    check_known(path, revision)
    if revision is not None and dbfile.read_only_file(path):
        raise DatabaseReadOnly(
            f"{path}: the database is read-only and needs upgrading to schema {HEAD_REVISION} "
            "first. Make the file writable (chmod u+w) and open it again."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    con = connect(path, busy_timeout_s=MIGRATION_WAIT_S)
    try:
        return _migrate_locked(path, con)
    finally:
        con.close()


def _migrate_locked(path: Path, con: sqlite3.Connection) -> Migrated | None:
    """Take the write lock, read the revision again under it, back up, run Alembic, commit.

    Everything goes through one SQLAlchemy connection over `con`, begun only after SQLAlchemy
    has set the connection up (its first-connect checks end with a rollback)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from studyapp.util import locations

    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)
    cfg = Config()
    cfg.set_main_option("script_location", str(locations.migrations_dir()))
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # one migrator at a time; others wait
                revision = dbfile.read_revision(raw)  # again, under the lock
            except Exception as exc:
                raise _explained(path, exc) from exc
            if revision == HEAD_REVISION:  # another process migrated it while this one waited
                conn.rollback()
                return None
            check_known(path, revision)
            backup = None
            if revision is not None:  # a file with data: a consistent copy first
                backup = backup_path(path, revision)
                dbfile.copy_database(path, backup)
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")  # inside this transaction (Alembic sees it open)
                conn.commit()
            except BaseException as exc:
                if raw.in_transaction:
                    raw.execute("ROLLBACK")
                if isinstance(exc, Exception) and not isinstance(exc, DatabaseError):
                    raise _explained(path, exc) from exc
                raise
            return Migrated(revision, HEAD_REVISION, backup)
    finally:
        engine.dispose(close=False)  # `con` belongs to the caller


def _explained(path: Path, exc: Exception) -> DatabaseError:
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    return explain(path, orig if isinstance(orig, Exception) else exc)


def upgrade_to(path: Path, revision: str) -> None:
    """Create or upgrade a file to an older `revision` (tests: a file as an older studyapp left
    it)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from studyapp.util import locations

    con = connect(path)
    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)
    cfg = Config()
    cfg.set_main_option("script_location", str(locations.migrations_dir()))
    try:
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
    finally:
        engine.dispose(close=False)
        con.close()
