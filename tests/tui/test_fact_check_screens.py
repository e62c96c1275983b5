"""The fact check beside the card: in Review once the answer is shown, and in Browse's card list.
The card's own text is shown as the learner wrote it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static, Tree

from studyapp.tui.app import StudyApp
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config

NOTE = """# Amazon SQS

## Message size

- Up to 256 KB of [bold]text[/bold]
"""


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_review_shows_the_finding_with_the_answer_not_before(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    app = StudyApp(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ReviewScreen)
        assert "[...]" in _text(app, "#review-front")
        assert _text(app, "#review-facts").strip() == ""  # it would give the answer away
        await pilot.press("space")
        assert "256 KB" in _text(app, "#review-back")
        facts = _text(app, "#review-facts")
        assert "Fact check: outdated: the note says 256 KB" in facts
        assert "1 MiB" in facts and "docs.aws.amazon.com" in facts
        await pilot.press("3")  # rated: the next card (none) clears it
        assert _text(app, "#review-facts").strip() == ""


async def test_browse_lists_the_finding_under_its_card_and_keeps_the_card_text(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    app = StudyApp(db, import_bundled=False, config=Config())
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one("#browse-tree", Tree)
        await pilot.press("down", "enter", "down", "enter", "down")
        await pilot.pause()
        assert tree.cursor_node is not None and "Message size" in str(tree.cursor_node.label)
        cards = _text(app, "#browse-cards")
        assert "Up to [...] of [bold]text[/bold]" in cards  # literal, not markup
        assert "⚠ Fact check: outdated: the note says 256 KB" in cards
