"""Rich markup and terminal escapes in every field of a note are shown as typed, in review and
in browse: `[bold]` stays literal text, ESC/BEL/CSI show as `\\x1b`, `\\x07`, `\\x9b`; nothing
crashes, also on a 1,000-column table or a 100 KiB heading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Static, Tree

from studyapp.tui.app import StudyApp
from studyapp.tui.factory import make_app
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config

NOTE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "markup" / "markup_escapes.md"
RAW = ("\x1b", "\x07", "\x9b")
MARKUP = NOTE.read_text(encoding="utf-8")
NotesDb = Callable[..., Path]


def _static(app: StudyApp, selector: str) -> str:
    """The text a Static shows on screen, its rendered lines joined (wrapped lines rejoined)."""
    widget = app.screen.query_one(selector, Static)
    lines = [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]
    shown = "\n".join(lines)
    assert not any(c in shown for c in RAW)
    return shown


async def test_review_shows_markup_and_escapes_literally(notes_db: NotesDb) -> None:
    app = make_app(notes_db(MARKUP, NOTE.name), import_bundled=False, config=Config())
    async with app.run_test(size=(160, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ReviewScreen)
        assert "[bold]Heading[/bold] \\x1b[31mred [/]" in _static(app, "#review-topic")
        assert _static(app, "#review-front").strip() == "[bold]Front[/bold] \\x1b[31mx?"
        await pilot.press("space")
        assert "[link=http://e.x]Back[/link] \\x9b1m [/]" in _static(app, "#review-back")
        await pilot.press("3")
        assert _static(app, "#review-front").strip() == (
            "[bold]Caption[/bold] \\x1b[31m — [link=http://e.x]SQS[/link]: "
            "[/] Limit \\x1b]0;title\\x07?"
        )
        await pilot.press("space")
        assert "[bold]256 KB[/bold] \\x9b1m" in _static(app, "#review-back")


async def test_browse_shows_markup_and_escapes_literally(notes_db: NotesDb) -> None:
    app = make_app(notes_db(MARKUP, NOTE.name), import_bundled=False, config=Config())
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one("#browse-tree", Tree)
        await pilot.press("down", "enter", "down")
        await pilot.pause()
        node = tree.cursor_node
        assert node is not None and node.data is not None
        assert str(node.label) == "  2 [bold]Heading[/bold] \\x1b[31mred [/]"
        assert "[bold]Heading[/bold] \\x1b[31mred [/]" in _static(app, "#browse-title")
        notes = _static(app, "#browse-notes")
        assert "[link=http://e.x]a link[/link]" in notes
        assert "\\x1b]0;title\\x07 and \\x9b1m [/] here." in notes
        table = app.screen.query_one("#browse-table", DataTable)
        assert table.display and table.row_count == 1
        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["[bold]Service[/bold] \\x1b[31m", "[/] Limit \\x1b]0;title\\x07"]
        assert [str(c) for c in table.get_row_at(0)] == [
            "[link=http://e.x]SQS[/link]",
            "[bold]256 KB[/bold] \\x9b1m",
        ]
        cards = _static(app, "#browse-cards")
        assert "[basic] [bold]Front[/bold] \\x1b[31mx?" in cards


async def test_browse_survives_a_1000_column_table_and_a_100_kib_heading(
    notes_db: NotesDb,
) -> None:
    header = "| Key | " + " | ".join(f"C{c}" for c in range(1, 1000)) + " |"
    rows = ["|" + "---|" * 1000, "| r0 | " + " | ".join(f"v{c}" for c in range(1, 1000)) + " |"]
    heading = ("renews public certificates " * 4000)[: 100 * 1024]
    db = notes_db(
        f"# {heading}\n\nQ?::A\n\n# Wide\n\n" + "\n".join([header, *rows, "| r1 | x |"]) + "\n",
        "wide.md",
    )
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
        tree = app.screen.query_one("#browse-tree", Tree)
        await pilot.press("down", "enter", "down")
        await pilot.pause()
        assert tree.cursor_node is not None
        title = "renews public certificates " * 7 + "renews pub…"
        assert str(tree.cursor_node.label) == "  1 " + title
        await pilot.press("down")
        await pilot.pause()
        table = app.screen.query_one("#browse-table", DataTable)
        assert table.display and len(table.columns) == 1000 and table.row_count == 2
        assert [str(c) for c in table.get_row_at(1)][:3] == ["r1", "x", ""]
        assert "0 cards" in _static(app, "#browse-cards")
