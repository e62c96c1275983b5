"""Browse the topic tree, read a topic's notes and table, drill the table."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Static, Tree

from studyapp.tui.factory import make_app
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.tui.screens.drill import HIDDEN, DrillScreen
from studyapp.usecases.config import Config


def plain(renderable: object) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


NOTE = """# Messaging

## Queues compared

SQS keeps messages [bold]until[/bold] a consumer deletes them.

| Service | Model | Ordering |
|---|---|---|
| SQS | pull | FIFO option |
| SNS | push | none |
"""


async def test_browse_shows_notes_literally_and_the_table_and_drill_reveals(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one("#browse-tree", Tree)
        # source > Messaging > Queues compared
        await pilot.press("down", "enter", "down", "enter", "down")
        await pilot.pause()
        assert tree.cursor_node is not None and "Queues compared" in str(tree.cursor_node.label)
        notes = app.screen.query_one("#browse-notes", Static)
        shown = plain(notes.content)
        assert "SQS keeps messages [bold]until[/bold] a consumer deletes them." in shown
        table = app.screen.query_one("#browse-table", DataTable)
        assert table.display and table.row_count == 2
        assert str(table.get_row_at(1)[0]) == "SNS"
        await pilot.press("d")
        assert isinstance(app.screen, DrillScreen)
        drill = app.screen.query_one("#drill-table", DataTable)
        assert [str(c) for c in drill.get_row_at(0)] == ["SQS", HIDDEN, "FIFO option"]
        await pilot.press("enter")
        assert [str(c) for c in drill.get_row_at(0)] == ["SQS", "pull", "FIFO option"]
        assert str(drill.get_row_at(1)[1]) == HIDDEN
        await pilot.press("c")  # hide the next column instead
        assert [str(c) for c in drill.get_row_at(0)] == ["SQS", "pull", HIDDEN]


DOMAINS_NOTE = """# Encryption keys
<!-- domains: saa-c03:1.3 -->

Customer managed keys rotate yearly when rotation is on.

# Queues

Amazon SQS keeps messages until a consumer deletes them; SQS visibility timeout hides a message
while one consumer works on it, and SQS dead-letter queues catch poison messages.
"""


async def test_m_says_which_domains_a_topic_counts_toward_and_why(
    notes_db: Callable[[str], Path],
) -> None:
    from studyapp.tui.dialogs.topic_domains import TopicDomainsScreen

    db = notes_db(DOMAINS_NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.press("m")  # no topic picked yet: says what to do
        assert any("Pick a topic" in n.message for n in app._notifications)
        await pilot.press("down", "enter", "down")  # source > Encryption keys
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TopicDomainsScreen)
        why = str(app.screen.query_one("#domains-why", Static).render())
        assert "SAA-C03: domain 1. Design Secure Architectures" in why
        assert "set in your notes at line 2" in why
        await pilot.press("escape")
        await pilot.press("down", "m")  # Queues: mapped from the services it names
        await app.workers.wait_for_complete()
        await pilot.pause()
        why = str(app.screen.query_one("#domains-why", Static).render())
        assert "matched Amazon SQS" in why
        assert "<!-- domains:" in why  # how to set them yourself
