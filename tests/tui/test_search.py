"""The command palette jumps to any topic or card by typing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Tree

from studyapp.tui.factory import make_app
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.usecases.config import Config

NOTE = """# SQS

## Visibility timeout

What is the default [bold]visibility[/bold] timeout?::30 seconds

# SNS

Fan-out to many subscribers?::Yes
"""


async def test_typing_a_card_prompt_opens_its_topic(notes_db: Callable[[str], Path]) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"default [bold]visib")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one("#browse-tree", Tree)
        assert tree.cursor_node is not None
        assert "Visibility timeout" in str(tree.cursor_node.label)
