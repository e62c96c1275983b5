"""What the learner sees when the database cannot be used: a damaged or too-new file offers the
automatic backup (restore, or quit); a rating that meets a busy database is not lost silently."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.store.migrate import backup_path, current_revision, upgrade_to
from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS
from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.db_problem import DbProblemScreen
from studyapp.tui.factory import make_app
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config
from studyapp.usecases.importing import import_paths

NOTE = "\n".join(f"# Topic {i}\n\nQuestion {i}?::Answer {i}\n" for i in range(1, 6))


def _collection(tmp_path: Path, from_previous: bool) -> Path:
    """Notes imported into a database; with `from_previous` it was created at the previous
    schema and upgraded by the app, so the automatic `.bak-<previous>` lies beside it."""
    path = tmp_path / "db.sqlite3"
    if from_previous:
        upgrade_to(path, KNOWN_REVISIONS[-2])
    note = tmp_path / "n.md"
    note.write_text(NOTE, encoding="utf-8")
    repo = Collection.open(path)
    import_paths(repo, [note])
    repo.close()
    return path


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_damaged_file_offers_the_backup_and_restoring_it_opens_the_app(
    tmp_path: Path,
) -> None:
    path = _collection(tmp_path, from_previous=True)
    path.write_bytes(b"\x00 a disk wrote this \x00" * 400)
    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DbProblemScreen)
        message = _text(app, "#db-problem-message")
        assert message.startswith(f"{path}: the database file is damaged")
        backup = backup_path(path, KNOWN_REVISIONS[-2])
        assert f"A backup lies beside it: {backup.name}" in _text(app, "#db-problem-backup")
        assert "r  Restore the backup" in _text(app, "#db-problem-choices")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, DbProblemScreen)
        [kept] = tmp_path.glob("db.sqlite3.damaged-*")
        assert kept.read_bytes().startswith(b"\x00 a disk wrote this")
        status = _text(app, "#import-status")
        assert status == f"Restored {backup.name}; the damaged file is kept as {kept.name}."
        # the backup predates the notes: an empty collection, opened and upgraded again
        assert "0 cards in 0 topics from 0 files" in _text(app, "#home-stats")
    assert current_revision(path) == HEAD_REVISION


async def test_a_file_from_a_newer_studyapp_offers_the_backup_or_quits(tmp_path: Path) -> None:
    path = _collection(tmp_path, from_previous=True)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DbProblemScreen)
        assert "written by a newer studyapp (schema 9999)" in _text(app, "#db-problem-message")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running
    assert current_revision(path) == "9999"  # quitting changes nothing
    assert not list(tmp_path.glob("*.damaged-*"))


async def test_without_a_backup_the_home_screen_explains_and_offers_nothing(
    tmp_path: Path,
) -> None:
    path = _collection(tmp_path, from_previous=False)
    path.write_bytes(b"garbage" * 1000)
    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, DbProblemScreen)
        stats = _text(app, "#home-stats")
        assert "the database file is damaged" in stats
        assert "There is no backup beside it" in stats


async def test_a_rating_that_meets_a_busy_database_can_be_made_again(tmp_path: Path) -> None:
    path = _collection(tmp_path, from_previous=False)
    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ReviewScreen)
        assert app.collection is not None
        app.collection.set_busy_timeout(0.05)
        front = _text(app, "#review-front")
        await pilot.press("space")
        other = sqlite3.connect(path, isolation_level=None)  # another studyapp writing
        other.execute("BEGIN EXCLUSIVE")
        await pilot.press("3")
        await pilot.pause()
        notice = _text(app, "#review-notice")
        assert notice == (
            f"Rating not saved: {path}: the database is busy (another studyapp is writing to "
            "it); try again in a moment. Press 3 to rate it again."
        )
        assert isinstance(app.screen, ReviewScreen)
        assert _text(app, "#review-front") == front  # the same card, answer still shown
        assert "3 Good" in _text(app, "#review-ratings")
        other.execute("ROLLBACK")
        other.close()
        await pilot.press("3")
        await pilot.pause()
        assert _text(app, "#review-notice") == "Rated Good."
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM reviews").fetchone() == (1,)
    con.close()


async def test_damage_found_while_reading_the_figures_also_offers_the_backup(
    tmp_path: Path,
) -> None:
    path = _collection(tmp_path, from_previous=True)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name='cards'")]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(path.read_bytes())
    for page in roots:  # the header and schema are intact: the file opens, reading cards fails
        raw[(page - 1) * size : page * size] = (b"scribble" * size)[:size]
    path.write_bytes(bytes(raw))
    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DbProblemScreen)
        assert "database disk image is malformed" in _text(app, "#db-problem-message")
        await pilot.press("escape")  # stay: the home screen keeps the message
        await pilot.pause()
        assert "the database file is damaged" in _text(app, "#home-stats")
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


async def test_a_read_only_file_can_be_studied_and_says_ratings_are_not_saved(
    tmp_path: Path,
) -> None:
    path = _collection(tmp_path, from_previous=False)
    path.chmod(0o444)
    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "5 cards in 5 topics from 1 files" in _text(app, "#home-stats")
        await pilot.press("s", "space", "4")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert _text(app, "#review-notice") == (
            f"Rating not saved: {path}: the database is read-only: you can study and browse, but "
            "nothing will be saved. Make the file writable (chmod u+w) to save again. "
            "Press 4 to rate it again."
        )
    path.chmod(0o644)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM reviews").fetchone() == (0,)
    con.close()
