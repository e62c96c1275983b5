"""The home screen opens the collection in a worker and shows what is in it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.tui.factory import make_app
from studyapp.usecases.importing import import_paths


async def test_home_shows_counts_of_the_collection(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text("# SQS\n\nDefault visibility timeout?::30 seconds\n", encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    repo = Collection.open(db)
    import_paths(repo, [note])
    repo.close()
    app = make_app(db, import_bundled=False)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        stats = str(app.screen.query_one("#home-stats", Static).render())
        assert "1 cards in 1 topics from 1 files" in stats
        assert "New: 1" in stats


async def test_home_explains_a_damaged_database(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"garbage" * 1000)
    app = make_app(db, import_bundled=False)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        stats = str(app.screen.query_one("#home-stats", Static).render())
        assert "damaged" in stats
