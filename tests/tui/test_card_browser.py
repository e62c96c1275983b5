"""The card browser with real keys: search, sort, mark, suspend, unsuspend, bury, forget, edit."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, HelpPanel, Input, Static

from studyapp.store.collection import Collection
from studyapp.study.search import parse_search
from studyapp.tui.factory import make_app
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.tui.screens.cards import CardBrowserScreen
from studyapp.usecases.config import Config
from studyapp.usecases.studying import StudySession
from studyapp.util.clock import utcnow

NOTE = """# Messaging
<!-- domains: saa-c03:2 -->

## Queues

What is the default SQS visibility timeout?::30 seconds
How long can SQS keep a message?::14 days

# Storage

Largest single S3 object?::5 TB
"""


async def opened(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def fronts(screen: Any) -> list[str]:
    table = screen.query_one("#cards-table", DataTable)
    column = table.get_column_index("prompt")
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


def states(screen: Any) -> list[str]:
    table = screen.query_one("#cards-table", DataTable)
    column = table.get_column_index("state")
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def search(pilot: Any, text: str) -> None:
    await pilot.press("slash")
    field = pilot.app.screen.query_one("#cards-search", Input)
    field.value = ""
    await pilot.press(*text, "enter")
    await opened(pilot)


async def open_browser(pilot: Any) -> Any:
    await opened(pilot)
    await pilot.press("k")
    await opened(pilot)
    assert isinstance(pilot.app.screen, CardBrowserScreen)
    return pilot.app.screen


def card_state(db: Path, front: str) -> Any:
    repo = Collection.open(db)
    try:
        (card,) = [c for c in repo.search_cards(parse_search(""), utcnow()) if c.front == front]
        return card
    finally:
        repo.close()


async def test_search_then_suspend_and_unsuspend_with_keys(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        assert len(fronts(screen)) == 3
        await search(pilot, "sqs")
        assert fronts(screen) == [
            "What is the default SQS visibility timeout?",
            "How long can SQS keep a message?",
        ]
        assert "2 cards match sqs" in str(screen.query_one("#cards-status", Static).content)
        await pilot.press("s")  # suspend the card under the cursor
        await opened(pilot)
        assert states(screen) == ["susp", "new"]  # below 120 columns: short names
        assert card_state(db, "What is the default SQS visibility timeout?").suspended
        await search(pilot, "is:suspended")
        assert fronts(screen) == ["What is the default SQS visibility timeout?"]
        await pilot.press("s")  # all chosen are suspended: unsuspend
        await opened(pilot)
        assert fronts(screen) == []
        assert not card_state(db, "What is the default SQS visibility timeout?").suspended


async def test_mark_several_then_bury_and_unbury(notes_db: Callable[[str], Path]) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        await pilot.press("space", "space")  # mark the first two rows
        assert "2 marked" in str(screen.query_one("#cards-status", Static).content)
        await pilot.press("b")
        await opened(pilot)
        assert states(screen) == ["buried", "buried", "new"]
        await search(pilot, "is:buried")
        assert len(fronts(screen)) == 2
        await pilot.press("space", "space", "b")  # every marked card is buried: unbury
        await opened(pilot)
        assert fronts(screen) == []


async def test_forget_resets_a_studied_card_to_new_and_keeps_its_history(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    repo = Collection.open(db)
    session = StudySession(repo)
    session.start()
    studied = session.current()
    assert studied is not None
    session.rate(3)
    repo.close()
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        await search(pilot, "-is:new")
        assert fronts(screen) == [studied.front]
        assert states(screen)[0] in ("learn", "review")
        await pilot.press("f")
        await opened(pilot)
        assert fronts(screen) == []  # no longer matches -is:new
        await search(pilot, "is:new")
        assert studied.front in fronts(screen)
    card = card_state(db, studied.front)
    assert card.state == "new" and card.due is None and card.reviews == 1


async def test_sort_by_key_and_by_header(notes_db: Callable[[str], Path]) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        await pilot.press("o")  # sort by the first column: the prompt
        await opened(pilot)
        assert fronts(screen) == [
            "How long can SQS keep a message?",
            "Largest single S3 object?",
            "What is the default SQS visibility timeout?",
        ]
        await pilot.press("r")
        await opened(pilot)
        assert fronts(screen)[0] == "What is the default SQS visibility timeout?"
        table = screen.query_one("#cards-table", DataTable)
        await pilot.click(table, offset=(5, 0))  # the Prompt header: sorted the other way
        await opened(pilot)
        assert fronts(screen)[0] == "How long can SQS keep a message?"


async def test_a_bad_search_is_a_message_not_a_crash(notes_db: Callable[[str], Path]) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        await search(pilot, "is:later")
        status = str(screen.query_one("#cards-status", Static).content)
        assert "is:later: the states are new, learning" in status
        assert len(fronts(screen)) == 3  # the last good result stays


async def test_edit_opens_the_source_line_in_editor_and_imports_again(
    notes_db: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = notes_db(NOTE)
    editor = tmp_path / "editor.sh"
    log = tmp_path / "editor.log"
    # a real program as $EDITOR: note its arguments, then change the card's answer on disk
    editor.write_text(
        f'#!/bin/sh\necho "$@" > "{log}"\nsed -i \'s/5 TB/5 TiB/\' "$2"\n',
        encoding="utf-8",
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        await search(pilot, "topic:storage")
        await pilot.press("e")
        await opened(pilot)
        assert log.read_text(encoding="utf-8").split() == ["+11", str(tmp_path / "notes.md")]
        detail = str(screen.query_one("#cards-detail", Static).content)
        assert "A: 5 TiB" in detail


async def test_reachable_from_browse_with_the_topic_as_search(
    notes_db: Callable[[str], Path],
) -> None:
    db = notes_db(NOTE)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("b")
        await opened(pilot)
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("down", "enter", "down")  # notes.md > Messaging
        await pilot.pause()
        await pilot.press("k")
        await opened(pilot)
        assert isinstance(app.screen, CardBrowserScreen)
        assert app.screen.query_one("#cards-search", Input).value == 'topic:"Messaging"'
        assert len(fronts(app.screen)) == 2
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query(HelpPanel)
