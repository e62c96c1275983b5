"""The database file: migrations, pragmas, clear messages for bad files."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from studyapp.store.collection import Collection
from studyapp.store.errors import DatabaseError
from studyapp.store.migrate import backup_path, current_revision
from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS
from studyapp.util import locations


def test_head_revision_constant_matches_the_migrations() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(locations.migrations_dir()))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD_REVISION
    assert {r.revision for r in script.walk_revisions()} == set(KNOWN_REVISIONS)


def test_new_database_is_migrated_with_wal_and_foreign_keys(db_path: Path) -> None:
    repo = Collection.open(db_path)
    assert repo.counts()["cards"] == 0
    repo.close()
    assert current_revision(db_path) == HEAD_REVISION
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # kept in the file
    con.close()


def test_every_connection_enforces_foreign_keys(db_path: Path) -> None:
    repo = Collection.open(db_path)
    with pytest.raises(DatabaseError, match="FOREIGN KEY"):
        with repo._write() as con:
            con.execute(
                "INSERT INTO topics (source_id, path_key, title, level, line, position, body,"
                " domains, retired) VALUES (999, 'x', 'x', 1, 1, 0, '', '', 0)"
            )
    repo.close()


def test_database_from_a_newer_studyapp_is_refused_with_a_clear_message(db_path: Path) -> None:
    Collection.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="newer studyapp"):
        Collection.open(db_path)


def test_garbage_file_is_reported_as_damaged(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseError, match="damaged"):
        Collection.open(db_path)


def test_migrations_create_exactly_the_tables_the_code_uses(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from studyapp.store.schema import metadata

    Collection.open(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
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
    assert current_revision(db_path) == "0001"
    repo = Collection.open(db_path)
    assert repo.counts()["sources"] == 1
    repo.close()
    assert current_revision(db_path) == HEAD_REVISION
    backup = backup_path(db_path, "0001")
    assert backup.exists() and current_revision(backup) == "0001"
