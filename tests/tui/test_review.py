"""A whole review session with real keys: flip, rate 1-4, undo, bury, suspend, restart."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.tui.app import StudyApp
from studyapp.tui.factory import make_app
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config
from studyapp.usecases.importing import import_paths

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


async def test_a_whole_session_with_real_keys(tmp_path: Path) -> None:
    db = _db(tmp_path)
    app = make_app(db, import_bundled=False, config=Config())
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
        assert "1 Again 1m" in ratings and "3 Good 10m" in ratings
        await pilot.press("1")  # Again: the card comes back later in the session
        assert _text(app, "#review-front") == "Question 2?"
        for key, question in (("2", 3), ("3", 4)):
            await pilot.press("space", key)
            assert _text(app, "#review-front") == f"Question {question}?"
        await pilot.press("space", "space")  # a second space rates Good
        await pilot.press("space", "4")
        assert app.screen.session.stats.reviewed == 5
        await pilot.press("u")  # undo the Easy rating: that card is shown again
        assert app.screen.session.stats.reviewed == 4
        undone = app.screen.session.current_id
        await pilot.press("minus")  # bury it until tomorrow
        assert app.screen.session.current_id != undone
        suspended = app.screen.session.current_id
        await pilot.press("at")  # suspend the next one
        assert "Suspended" in _text(app, "#review-notice")
    reviews, suspended_ids = _stored(db)
    assert reviews == 4
    assert suspended_ids == {suspended}

    # A restart finds everything as it was left.
    again = make_app(db, import_bundled=False, config=Config())
    async with again.run_test(size=(100, 30)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert "Reviewed today: 4" in _text(again, "#home-stats")
        await pilot.press("s")
        await pilot.pause()
        # undo works across the restart: the last rating made before it is taken back
        await pilot.press("u")
        await pilot.pause()
        assert _text(again, "#review-notice") == "Undid the last rating."
        assert _stored(db)[0] == 3
        seen = set()
        while again.screen.session.current_id is not None:
            seen.add(again.screen.session.current_id)
            again.screen.session.queue.pop(0)
        assert suspended not in seen and undone not in seen
