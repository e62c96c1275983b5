"""`studyapp doctor --restore-backup` and schema upgrades: the ways out of an unusable database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.cli.main import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "doctor", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def migrated_from_0004(tmp_path: Path, database_at: Callable[[Path, str], Path]) -> Path:
    """A database created at schema 0004 and upgraded by the app: `.bak-0004` lies beside it."""
    from studyapp.store.collection import Collection

    path = database_at(tmp_path / "db.sqlite3", "0004")
    Collection.open(path).close()
    assert (tmp_path / "db.sqlite3.bak-0004").is_file()
    return path


def test_restore_backup_replaces_a_damaged_file_and_keeps_it_aside(
    migrated_from_0004: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = migrated_from_0004
    db.write_bytes(b"\x00garbage\x00" * 500)
    code, out, err = run(capsys, db)
    assert code == 2 and "--restore-backup" in err

    code, out, err = run(capsys, db, "--restore-backup")
    lines = out.splitlines()
    assert lines[0] == f"restored {db.parent / 'db.sqlite3.bak-0004'} over {db}"
    assert lines[1].startswith("the damaged file was kept as ")
    damaged = Path(lines[1].removeprefix("the damaged file was kept as "))
    assert damaged.read_bytes().startswith(b"\x00garbage")
    assert "integrity: ok" in lines
    assert "schema: schema 0004, this studyapp writes 0005" in lines
    assert code == 1  # the backup predates the upgrade; --repair (or the app) upgrades it

    code, out, _ = run(capsys, db, "--repair")
    assert code == 0, out
    assert out.splitlines()[-1] == "healthy"


def test_restore_backup_json_names_both_files(
    migrated_from_0004: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = migrated_from_0004
    db.write_bytes(b"not a database" * 100)
    code, out, _ = run(capsys, db, "--restore-backup", "--json")
    data = json.loads(out)
    assert data["restore"]["backup"] == str(db.parent / "db.sqlite3.bak-0004")
    assert Path(data["restore"]["damaged"]).read_bytes().startswith(b"not a database")
    assert data["schema"] == {"revision": "0004", "head": "0005"}
    assert data["repair"] is None


def test_restore_backup_without_any_backup_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"not a database" * 100)
    code, out, err = run(capsys, db, "--restore-backup")
    assert code == 2
    assert "backup" in err and "Traceback" not in out + err
    assert db.read_bytes().startswith(b"not a database")


def test_an_older_schema_is_reported_and_upgraded_by_repair(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    database_at: Callable[[Path, str], Path],
) -> None:
    db = database_at(tmp_path / "db.sqlite3", "0004")
    code, out, _ = run(capsys, db)
    assert code == 1
    lines = out.splitlines()
    assert "schema: schema 0004, this studyapp writes 0005" in lines
    assert "    --repair: upgrade it to 0005 (a backup `.bak-0004` is made first)" in lines
    assert "review totals: skipped (schemas before 0005 keep no review totals)" in lines

    code, out, _ = run(capsys, db, "--repair")
    assert code == 0, out
    assert "repaired: old_schema 1" in out
    assert (tmp_path / "db.sqlite3.bak-0004").is_file()
    assert out.splitlines()[-1] == "healthy"
