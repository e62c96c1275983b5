"""Custom study with real keys: today's new-card limit raised from home, and a topic with nothing
due studied beyond the limits instead of a dead end."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.study.settings import StudySettings
from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.custom_study import CustomStudyScreen
from studyapp.tui.factory import make_app
from studyapp.tui.screens.home import HomeScreen
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


def _spent(tmp_path: Path, clock: FakeClock) -> StudyApp:
    """The app on a collection whose new cards for today are spent (new_per_day 0)."""
    settings = StudySettings(new_per_day=0)
    return make_app(_db(tmp_path), import_bundled=False, config=Config(study=settings), clock=clock)


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_raising_todays_new_card_limit_from_home(tmp_path: Path, clock: FakeClock) -> None:
    settings = StudySettings(new_per_day=2)
    app = make_app(_db(tmp_path), import_bundled=False, config=Config(study=settings), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "New: 2" in _text(app, "#home-stats")
        await pilot.press("s", "space", "4", "space", "4")  # today's two new cards, Easy
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.current_id is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "New: 0" in _text(app, "#home-stats")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen)
        await pilot.press("1", "backspace", "backspace", "3", "enter")  # raise it by 3
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.total == 3
        assert _text(app, "#review-front") == "Question 3?"
        await pilot.press("escape")
        await pilot.pause()
        assert "New: 3" in _text(app, "#home-stats")  # home agrees with the session


async def test_a_scope_with_nothing_due_offers_custom_study(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = _spent(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, HomeScreen)  # nothing to study within the limits
        await pilot.press("c", "5")  # custom study: choose an exam, a domain or a topic
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # "Everything": nothing due, no new cards left today
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen)
        assert "today's new cards are done" in _text(app, "#custom-why")
        await pilot.press("5", "enter")  # study it beyond today's limits, 20 new cards
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.total == 7


async def test_s_on_a_browse_topic_with_nothing_due_offers_custom_study(
    tmp_path: Path, clock: FakeClock
) -> None:
    app = _spent(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "enter", "down", "s")  # the file, then its first topic
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen)
        assert "is due within today's limits" in _text(app, "#custom-why")
        await pilot.press("5", "enter")  # study it beyond today's limits
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.total == 1
