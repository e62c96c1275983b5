"""The database file: migrations, pragmas, clear messages for bad files."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from studyapp.store import db
from studyapp.store.repository import Repository
from studyapp.util import locations


def test_head_revision_constant_matches_the_migrations() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(locations.migrations_dir()))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == db.HEAD_REVISION
    assert {r.revision for r in script.walk_revisions()} == set(db.KNOWN_REVISIONS)


def test_new_database_is_migrated_with_wal_and_foreign_keys(db_path: Path) -> None:
    repo = Repository.open(db_path)
    with repo.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    repo.close()
    assert db.current_revision(db_path) == db.HEAD_REVISION
    assert repo.counts()["cards"] == 0


def test_database_from_a_newer_studyapp_is_refused_with_a_clear_message(db_path: Path) -> None:
    Repository.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(db.DatabaseError, match="newer studyapp"):
        Repository.open(db_path)


def test_garbage_file_is_reported_as_damaged(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(db.DatabaseError, match="damaged"):
        Repository.open(db_path)


def test_migrations_create_exactly_the_tables_the_code_uses(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from studyapp.store.schema import metadata

    repo = Repository.open(db_path)
    with repo.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    repo.close()
    assert diff == []


def test_upgrading_an_older_database_keeps_its_data_and_a_backup(
    db_path: Path, database_at: Callable[[Path, str], Path]
) -> None:
    con = sqlite3.connect(database_at(db_path, "0001"))
    with con:
        con.execute(
            "INSERT INTO sources (path, display_path, sha256, kind, bundled, repaired, imported_at)"
            " VALUES ('/n.md', 'n.md', 'x', 'markdown', 0, 0, '2026-11-01 00:00:00')"
        )
    con.close()
    assert db.current_revision(db_path) == "0001"
    repo = Repository.open(db_path)
    assert repo.counts()["sources"] == 1
    repo.close()
    assert db.current_revision(db_path) == db.HEAD_REVISION
    backup = db.backup_path(db_path, "0001")
    assert backup.exists() and db.current_revision(backup) == "0001"
