"""Database faults: busy, read-only, full disk, damaged, newer schema. Each gives the learner a
clear message and a way out, never a traceback, and nothing is half-written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.store import database
from studyapp.store.collection import Collection
from studyapp.store.dbfile import restore_newest_backup
from studyapp.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    DiskFull,
    NewerSchema,
)
from studyapp.store.migrate import backup_path, current_revision, upgrade_to
from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS
from studyapp.usecases.importing import import_paths

WriteNotes = Callable[..., Path]
BUSY = "the database is busy (another studyapp is writing to it); try again in a moment."
READ_ONLY = "the database is read-only: you can study and browse, but nothing will be saved."
FULL = "the disk is full; nothing was saved. Free some space and try again."


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(path: Path) -> dict[str, int]:
    repo = Collection.open(path)
    try:
        return repo.counts()
    finally:
        repo.close()


def cli(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rate_first_card(repo: Collection) -> int:
    now = datetime.now(UTC)
    card = repo.list_cards()[0]
    return repo.record_review(card.id, 3, now, '{"state": 1}', now).review_id


@pytest.fixture
def with_backup(tmp_path: Path, write_notes: WriteNotes) -> Path:
    """A collection created at the previous schema and upgraded by the app (so the automatic
    `.bak-<previous>` lies beside it), with notes imported after the upgrade."""
    path = tmp_path / "db.sqlite3"
    previous = KNOWN_REVISIONS[-2]
    upgrade_to(path, previous)
    repo = Collection.open(path)
    import_paths(repo, [write_notes(tmp_path / "notes", 6, cards=20)])
    repo.close()
    assert backup_path(path, previous).is_file()
    return path


@pytest.fixture
def writer_lock(collection: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection holding the write lock (until the test releases it)."""
    holder = sqlite3.connect(collection, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


# ---- busy ------------------------------------------------------------------------------------
def test_an_import_while_another_studyapp_writes_says_busy_and_works_once_it_is_done(
    collection: Path,
    writer_lock: sqlite3.Connection,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_notes: WriteNotes,
) -> None:
    before = counts(collection)
    repo = Collection.open(collection, busy_timeout_s=0.05)
    more = write_notes(tmp_path / "more", 3, tag="m")
    with pytest.raises(DatabaseBusy) as caught:
        import_paths(repo, [more])
    assert str(caught.value) == f"{collection}: {BUSY}"
    writer_lock.execute("ROLLBACK")
    import_paths(repo, [more])  # the way out: try again
    assert repo.counts()["sources"] == before["sources"] + 3
    repo.close()


def test_a_rating_while_another_studyapp_writes_says_busy_and_saves_nothing(
    collection: Path, writer_lock: sqlite3.Connection
) -> None:
    repo = Collection.open(collection)
    repo.set_busy_timeout(0.05)
    with pytest.raises(DatabaseBusy, match="busy"):
        rate_first_card(repo)
    writer_lock.execute("ROLLBACK")
    assert repo.counts()["reviews"] == 0
    rate_first_card(repo)
    assert repo.counts()["reviews"] == 1
    repo.close()


def test_the_cli_says_busy_without_a_traceback(
    collection: Path,
    writer_lock: sqlite3.Connection,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_notes: WriteNotes,
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.05)
    code, _, err = cli(capsys, collection, "import", str(write_notes(tmp_path / "m", 2, tag="m")))
    assert code == 2
    assert err == f"studyapp: {collection}: {BUSY}\n"


# ---- read-only -------------------------------------------------------------------------------
def test_a_read_only_file_can_be_browsed_and_says_so_on_the_first_write(
    collection: Path, tmp_path: Path, write_notes: WriteNotes
) -> None:
    os.chmod(collection, 0o444)  # works as root too: no write bit means read-only to studyapp
    before = sha(collection)
    repo = Collection.open(collection)
    assert len(repo.list_cards()) == 12  # browsing works
    with pytest.raises(DatabaseReadOnly) as caught:
        import_paths(repo, [write_notes(tmp_path / "more", 2, tag="r")])
    assert str(caught.value).startswith(f"{collection}: {READ_ONLY}")
    with pytest.raises(DatabaseReadOnly, match="nothing will be saved"):
        rate_first_card(repo)
    repo.close()
    assert sha(collection) == before
    os.chmod(collection, 0o644)
    assert counts(collection)["reviews"] == 0


def test_the_cli_lists_cards_of_a_read_only_file_and_refuses_to_import(
    collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], write_notes: WriteNotes
) -> None:
    os.chmod(collection, 0o444)
    code, out, _ = cli(capsys, collection, "cards")
    assert code == 0 and "What is fact 0.0?" in out
    code, _, err = cli(capsys, collection, "import", str(write_notes(tmp_path / "m", 1, tag="r")))
    assert code == 2
    assert err.startswith(f"studyapp: {collection}: {READ_ONLY}")
    assert "chmod u+w" in err


def test_a_read_only_file_that_needs_upgrading_is_refused_untouched(with_backup: Path) -> None:
    previous = KNOWN_REVISIONS[-2]
    backup_path(with_backup, previous).unlink()
    con = sqlite3.connect(with_backup)
    con.execute("UPDATE alembic_version SET version_num = ?", (previous,))
    con.commit()
    con.close()
    os.chmod(with_backup, 0o444)
    before = sha(with_backup)
    with pytest.raises(DatabaseReadOnly) as caught:
        Collection.open(with_backup)
    assert str(caught.value) == (
        f"{with_backup}: the database is read-only and needs upgrading to schema "
        f"{HEAD_REVISION} first. Make the file writable (chmod u+w) and open it again."
    )
    assert sha(with_backup) == before
    assert not backup_path(with_backup, previous).exists()
    os.chmod(with_backup, 0o644)


# ---- full disk -------------------------------------------------------------------------------
def full_disk(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Every new connection may not grow the file past its current size (SQLITE_FULL)."""
    con = sqlite3.connect(path)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    plain = database.apply_settings

    def limited(con: sqlite3.Connection, read_only: bool, busy_timeout_s: float) -> None:
        plain(con, read_only, busy_timeout_s)
        con.execute(f"PRAGMA max_page_count={pages}")

    monkeypatch.setattr(database, "apply_settings", limited)


def test_a_full_disk_stops_the_import_with_nothing_half_written(
    collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_notes: WriteNotes
) -> None:
    before = counts(collection)
    full_disk(monkeypatch, collection)
    repo = Collection.open(collection)
    with pytest.raises(DiskFull) as caught:
        import_paths(repo, [write_notes(tmp_path / "big", 30, cards=30, tag="f")])
    assert str(caught.value) == f"{collection}: {FULL}"
    repo.close()
    monkeypatch.undo()
    assert counts(collection) == before


def test_the_cli_says_the_disk_is_full(
    collection: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_notes: WriteNotes,
) -> None:
    full_disk(monkeypatch, collection)
    notes = write_notes(tmp_path / "big", 30, cards=30, tag="f")
    code, _, err = cli(capsys, collection, "import", str(notes))
    assert (code, err) == (2, f"studyapp: {collection}: {FULL}\n")


# ---- damaged ---------------------------------------------------------------------------------
def scribble(path: Path) -> bytes:
    """Write garbage over pages in the middle of the file, as a failing disk would: the first
    pages of the cards table and of each of its indexes (the header and schema stay intact)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name='cards'")]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(path.read_bytes())
    for page in roots:
        if page > 1:
            raw[(page - 1) * size : page * size] = (b"scribble" * size)[:size]
    path.write_bytes(bytes(raw))
    return bytes(raw)


def test_garbage_in_the_middle_of_the_file_names_the_backup_and_the_way_out(
    with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scribble(with_backup)
    backup = backup_path(with_backup, KNOWN_REVISIONS[-2])
    repo = Collection.open(with_backup)
    with pytest.raises(DatabaseDamaged) as caught:
        repo.list_cards()
    repo.close()
    message = str(caught.value)
    assert message.startswith(f"{with_backup}: the database file is damaged (")
    assert message.endswith(
        f"Run `studyapp doctor --restore-backup` to put the newest backup ({backup.name}) in "
        "its place; the damaged file is kept beside it."
    )
    code, out, err = cli(capsys, with_backup, "cards")
    assert code == 2 and err == f"studyapp: {message}\n" and "Traceback" not in out + err


def test_restoring_the_newest_backup_keeps_the_damaged_file_aside(with_backup: Path) -> None:
    scribbled = scribble(with_backup)
    used, kept = restore_newest_backup(with_backup)
    assert used == backup_path(with_backup, KNOWN_REVISIONS[-2]) and used.is_file()
    assert (
        kept.name.startswith(f"{with_backup.name}.damaged-") and kept.parent == with_backup.parent
    )
    assert kept.read_bytes() == scribbled
    assert counts(with_backup)["sources"] == 0  # the collection as it was before the upgrade
    con = sqlite3.connect(with_backup)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()


def test_without_a_backup_the_damage_message_says_how_to_start_afresh(collection: Path) -> None:
    scribble(collection)
    repo = Collection.open(collection)
    with pytest.raises(DatabaseDamaged, match="There is no backup beside it") as caught:
        repo.list_cards()
    repo.close()
    assert "move the file away to start afresh" in str(caught.value)
    before = collection.read_bytes()
    with pytest.raises(DatabaseError, match="no backup beside it.*nothing was changed"):
        restore_newest_backup(collection)
    assert collection.read_bytes() == before


def test_a_damaged_backup_is_not_restored_over_the_file(with_backup: Path) -> None:
    backup = backup_path(with_backup, KNOWN_REVISIONS[-2])
    backup.write_bytes(b"not a database either" * 100)
    before = with_backup.read_bytes()
    with pytest.raises(DatabaseDamaged, match="the newest backup cannot be used either"):
        restore_newest_backup(with_backup)
    assert with_backup.read_bytes() == before
    assert not list(with_backup.parent.glob("*.damaged-*"))


# ---- newer schema ----------------------------------------------------------------------------
def test_a_newer_schema_names_the_backup_and_restoring_it_opens_again(
    with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(with_backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    backup = backup_path(with_backup, KNOWN_REVISIONS[-2])
    expected = (
        f"{with_backup}: this database was written by a newer studyapp (schema 9999); upgrade "
        f"studyapp, or run `studyapp doctor --restore-backup` to go back to the newest backup "
        f"({backup.name}), made before that upgrade (this file is kept beside it)."
    )
    with pytest.raises(NewerSchema) as caught:
        Collection.open(with_backup)
    assert str(caught.value) == expected
    code, _, err = cli(capsys, with_backup, "cards")
    assert (code, err) == (2, f"studyapp: {expected}\n")
    _, kept = restore_newest_backup(with_backup)
    assert current_revision(kept) == "9999"
    assert counts(with_backup)["cards"] == 0
    assert current_revision(with_backup) == HEAD_REVISION
