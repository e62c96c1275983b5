"""`?` on every screen shows that screen's keys (Textual's help panel); `?` again hides it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import HelpPanel

from studyapp.tui.factory import make_app
from studyapp.usecases.config import Config

NOTE = """# Messaging

## Queues compared

| Service | Model |
|---|---|
| SQS | pull |
| SNS | push |

What is the default SQS visibility timeout?::30 seconds
"""

# (screen class name, the keys from home that open it)
SCREENS = [
    ("HomeScreen", ()),
    ("ReviewScreen", ("s",)),
    ("ReviewScreen", ("s", "space")),  # the answer shown
    ("CardInfoScreen", ("s", "i")),
    ("CustomStudyScreen", ("c",)),
    ("ScopeScreen", ("c", "5")),  # custom study: choose an exam, a domain or a topic
    ("BrowseScreen", ("b",)),
    ("DrillScreen", ("b", "down", "enter", "down", "enter", "down", "d")),
    ("CardBrowserScreen", ("k",)),
    ("ExamsMenuScreen", ("e",)),
    ("ExamScreen", ("e", "down", "enter")),
    ("NavigatorScreen", ("e", "down", "enter", "g")),
    ("ExamHistoryScreen", ("e", "h")),
    ("ConfirmScreen", ("e", "down", "enter", "s", "s")),
    ("ReportScreen", ("r",)),
    ("DemosScreen", ("d",)),
    ("DemoScreen", ("d", "down", "enter")),
    ("TopicDomainsScreen", ("b", "down", "enter", "down", "m")),
]


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(("name", "keys"), SCREENS, ids=[" ".join(k) or n for n, k in SCREENS])
async def test_question_mark_shows_and_hides_the_keys(
    notes_db: Callable[[str], Path], name: str, keys: tuple[str, ...]
) -> None:
    app = make_app(notes_db(NOTE), import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert type(app.screen).__name__ == name
        assert not app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query(HelpPanel), f"no keys shown on {name}"
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)
