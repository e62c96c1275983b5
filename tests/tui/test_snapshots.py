"""The look of the study screens, at a fixed terminal size, on a generated collection.

Every app comes from one factory: a temp database with fixed notes, the bundled notes left out,
default settings without interval fuzzing, and the database shown by a fixed name. Nothing has
been reviewed, so the home figures do not depend on the day; the review runs on a fixed clock.
Update with: .venv/bin/pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from studyapp.config import Config
from studyapp.importer import import_paths
from studyapp.store.repository import Repository
from studyapp.study.settings import StudySettings
from studyapp.studying import StudySession
from studyapp.tui.app import StudyApp
from studyapp.tui.screens.review import ReviewScreen

SIZE = (100, 30)
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

NOTES = """# Messaging

## Queues compared

SQS keeps a message until a consumer deletes it; SNS pushes to every subscriber at once.

| Service | Model | Ordering |
|---|---|---|
| SQS | pull | FIFO option |
| SNS | push | none |
| Kinesis | pull | per shard |

What is the default SQS visibility timeout?::30 seconds

# Storage

Largest single S3 object?::5 TB
"""


def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StudyApp:
    """The app on a fresh collection; notes are imported by a relative path, so every screen
    shows `messaging.md`, not the temp dir."""
    (tmp_path / "messaging.md").write_text(NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "study.sqlite3"
    repo = Repository.open(db)
    import_paths(repo, [Path("messaging.md")])
    repo.close()
    return StudyApp(
        db,
        import_bundled=False,
        config=Config(study=StudySettings(enable_fuzzing=False)),
        db_label="study.sqlite3",
    )


async def opened(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def review(pilot: Any, flip: bool) -> None:
    await opened(pilot)
    app = pilot.app
    session = StudySession(app.repo, app.config.study, clock=lambda: NOW)
    session.start()
    await app.push_screen(ReviewScreen(session))
    await pilot.pause()
    if flip:
        await pilot.press("space")
        await pilot.pause()


class TestHome:
    def test_home(self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=SIZE, run_before=opened)


class TestReview:
    def test_front(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def front(pilot: Any) -> None:
            await review(pilot, flip=False)

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=SIZE, run_before=front)

    def test_back(self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        async def back(pilot: Any) -> None:
            await review(pilot, flip=True)

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=SIZE, run_before=back)


async def browse_queues(pilot: Any) -> None:
    await opened(pilot)
    await pilot.press("b")
    await pilot.pause()
    # source > Messaging > Queues compared
    await pilot.press("down", "enter", "down", "enter", "down")
    await pilot.pause()
    await pilot.pause()


class TestBrowse:
    def test_browse_topic_with_table(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert snap_compare(
            make_app(tmp_path, monkeypatch), terminal_size=SIZE, run_before=browse_queues
        )


class TestDrill:
    def test_drill_one_cell_revealed(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def drill(pilot: Any) -> None:
            await browse_queues(pilot)
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=SIZE, run_before=drill)
