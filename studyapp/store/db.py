"""Opening the database: pragmas, a cheap schema-version check, migrations with a backup first.

Alembic is imported only when the schema actually needs upgrading, so a normal start pays for
neither Alembic nor a migration run.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from studyapp import locations

# The newest revision under migrations/versions. tests/store/test_migrations.py checks that it
# matches Alembic's head, so this constant cannot drift.
HEAD_REVISION = "0005"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """A database problem explained for the learner (no traceback)."""


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, read with the stdlib driver (fast)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            row = con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if row is None:
                return None
            found = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return found[0] if found else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_explain(path, exc)) from exc


def _explain(path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"{path}: the database is busy (another studyapp is writing to it); try again."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"{path}: the database file is damaged ({exc}). Restore a backup "
            f"(see `{path.name}.bak-*` beside it) or move the file away to start afresh."
        )
    if "readonly" in text or "read-only" in text:
        return f"{path}: the database is read-only; check the file's permissions."
    if "disk" in text and "full" in text:
        return f"{path}: the disk is full; free some space and try again."
    return f"{path}: {exc}"


def backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.bak-{revision}")


def migrate(path: Path) -> None:
    """Bring the schema to HEAD_REVISION, backing the file up first when it holds data."""
    revision = current_revision(path)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{path}: this database was written by a newer studyapp (schema {revision}); "
            "upgrade studyapp, or restore a backup made before that version."
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
    except Exception as exc:  # sqlite errors come wrapped by SQLAlchemy
        raise DatabaseError(_explain(path, exc)) from exc
    finally:
        engine.dispose()


def _backup(path: Path, revision: str) -> None:
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(backup_path(path, revision)))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def open_engine(path: Path) -> Engine:
    """Create the folder, migrate if needed, and return an engine with our pragmas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    migrate(path)
    return make_engine(path)


def restore_backup(path: Path, revision: str) -> None:
    shutil.copyfile(backup_path(path, revision), path)
