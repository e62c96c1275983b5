"""A whole review session with real keys: flip, rate 1-4, undo, bury, suspend, restart."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.study.settings import StudySettings
from studyapp.tui.app import StudyApp
from studyapp.tui.factory import make_app
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config
from studyapp.usecases.importing import import_paths
from tests.conftest import FakeClock

NOTE = "\n".join(f"# Topic {i}\n\nQuestion {i}?::Answer {i}\n" for i in range(1, 8))


def _db(tmp_path: Path) -> Path:
    note = tmp_path / "n.md"
    note.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    repo = Collection.open(db)
    import_paths(repo, [note])
    repo.close()
    return db


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _stored(db: Path) -> tuple[int, set[int]]:
    repo = Collection.open(db)
    try:
        reviews = repo.counts()["reviews"]
        rows = repo.list_cards()
        suspended = {c.id for c in rows if c.suspended}
    finally:
        repo.close()
    return reviews, suspended


async def test_a_whole_session_with_real_keys(tmp_path: Path, clock: FakeClock) -> None:
    db = _db(tmp_path)
    app = make_app(db, import_bundled=False, config=Config(), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ReviewScreen)
        assert _text(app, "#review-front") == "Question 1?"
        assert _text(app, "#review-back") == ""
        await pilot.press("space")
        assert "Answer 1" in _text(app, "#review-back")
        ratings = _text(app, "#review-ratings")
        assert "1 Again 1m" in ratings and "2 Hard 6m" in ratings and "3 Good 10m" in ratings
        await pilot.press("1")  # Again: the card comes back when its 1-minute step is due
        assert _text(app, "#review-front") == "Question 2?"
        for key, question in (("2", 3), ("3", 4)):
            await pilot.press("space", key)
            assert _text(app, "#review-front") == f"Question {question}?"
        await pilot.press("space", "space")  # a second space rates Good
        await pilot.press("space", "4")
        assert app.screen.session.stats.reviewed == 5
        await pilot.press("u")  # undo the Easy rating: that card is shown again
        assert app.screen.session.stats.reviewed == 4
        assert _text(app, "#review-notice") == "Undid the last rating."
        undone = app.screen.session.current_id
        await pilot.press("minus")  # bury it until tomorrow
        assert app.screen.session.current_id != undone
        suspended = app.screen.session.current_id
        await pilot.press("at")  # suspend the next one
        assert "Suspended" in _text(app, "#review-notice")
        assert _stored(db)[1] == {suspended}
        await pilot.press("u")  # u after @ undoes the suspend, not an older rating
        assert _text(app, "#review-notice") == "Undid the suspend."
        assert app.screen.session.current_id == suspended
        assert _stored(db) == (4, set())
        await pilot.press("at")
        clock.advance(minutes=1)  # Question 1's step is due: it comes before Question 7
        await pilot.press("space", "3")
        assert _text(app, "#review-front") == "Question 1?"
    reviews, suspended_ids = _stored(db)
    assert reviews == 5
    assert suspended_ids == {suspended}

    # A restart finds everything as it was left, and undo goes on in order.
    again = make_app(db, import_bundled=False, config=Config(), clock=clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert "Reviewed today: 5" in _text(again, "#home-stats")
        await pilot.press("s")
        await pilot.pause()
        for notice in ("Undid the last rating.", "Undid the suspend.", "Undid the bury."):
            await pilot.press("u")
            await pilot.pause()
            assert _text(again, "#review-notice") == notice
        assert _stored(db) == (4, set())
        assert again.screen.session.current_id == undone  # the buried card is back


async def test_waiting_for_a_learning_step_then_showing_it(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = _db(tmp_path)
    settings = StudySettings(new_per_day=1, learn_ahead_minutes=0)
    app = make_app(db, import_bundled=False, config=Config(study=settings), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s", "space", "3")  # Good: 10 minutes
        assert isinstance(app.screen, ReviewScreen)
        assert "The next learning card is due in 10m" in _text(app, "#review-front")
        clock.advance(minutes=10)
        app.screen.check_learning()  # what the screen's timer runs
        await pilot.pause()
        assert _text(app, "#review-front") == "Question 1?"
