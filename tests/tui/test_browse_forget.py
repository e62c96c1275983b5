"""Browse's `f`: forget the highlighted topic's file (its cards retired, their reviews kept)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Tree

from studyapp.tui.dialogs.exam_nav import ConfirmScreen
from studyapp.tui.factory import make_app
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.usecases.config import Config

NOTE = """# Messaging

## Queues

What is the default visibility timeout?::30 seconds
What is the longest long-polling wait?::20 seconds
"""


async def test_f_forgets_the_file_after_a_yes_and_keeps_its_reviews(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    con = sqlite3.connect(db)
    (card_id,) = con.execute("SELECT id FROM cards ORDER BY id LIMIT 1").fetchone()
    con.execute(
        "INSERT INTO reviews (card_id, rating, reviewed_at, state_after)"
        " VALUES (?, 3, '2026-01-01 00:00:00+00:00', '{}')",
        (card_id,),
    )
    con.commit()
    con.close()
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("f")  # nothing highlighted yet: says what to do
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("down", "enter", "down")  # notes.md > Messaging
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "notes.md" in str(app.screen.query_one("#confirm-message").content)
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("f", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        tree = app.screen.query_one("#browse-tree", Tree)
        assert list(tree.root.children) == []  # the file's node is gone
        assert any("2 cards retired, reviews kept" in str(n.message) for n in app._notifications)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM cards WHERE retired = 0").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM reviews").fetchone() == (1,)
    con.close()
