"""The app syncs on start when a server is configured, after the first paint, and says how it
went on the home screen; an unreachable server leaves studying as it was."""

from __future__ import annotations

from pathlib import Path

import psycopg
from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.tui.factory import make_app
from studyapp.usecases.config import Config
from studyapp.usecases.importing import import_paths


def _collection(tmp_path: Path) -> Path:
    note = tmp_path / "n.md"
    note.write_text("# SQS\n\nDefault visibility timeout?::30 seconds\n", encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    repo = Collection.open(db)
    import_paths(repo, [note])
    repo.close()
    return db


async def _home_after_sync(app) -> str:  # type: ignore[no-untyped-def]
    async with app.run_test() as pilot:
        for _ in range(200):  # the open, then the sync worker it starts
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.sync_status.startswith(("Synced", "Sync failed")):
                break
        status = str(app.screen.query_one("#sync-status", Static).render())
        await pilot.press("s")  # studying goes on whatever the sync said
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReviewScreen"
        await pilot.press("space", "3")
        await pilot.pause()
        return status


async def test_the_app_syncs_on_start_and_shows_it_on_home(tmp_path: Path, server_url: str) -> None:
    db = _collection(tmp_path)
    app = make_app(db, config=Config(sync_url=server_url), import_bundled=False)
    status = await _home_after_sync(app)
    assert status.startswith("Synced: synced with postgresql://")
    with psycopg.connect(server_url) as con:
        assert con.execute("SELECT count(*) FROM studyapp_collections").fetchone() == (1,)


async def test_an_unreachable_server_is_a_line_on_home_not_a_stop(tmp_path: Path) -> None:
    db = _collection(tmp_path)
    url = "postgresql://ann:hunter2@127.0.0.1:1/studyapp"
    app = make_app(db, config=Config(sync_url=url), import_bundled=False)
    status = await _home_after_sync(app)
    assert status.startswith("Sync failed: cannot reach the sync server")
    assert "hunter2" not in status


def test_quitting_the_app_sends_the_session(
    tmp_path: Path,
    server_url: str,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from studyapp.tui.factory import sync_on_quit

    db = _collection(tmp_path)
    repo = Collection.open(db)
    card = repo.list_cards()[0]
    repo.suspend_cards([card.id])
    repo.close()
    monkeypatch.setenv("STUDYAPP_SYNC_URL", server_url)
    sync_on_quit(db, None)
    err = capsys.readouterr().err
    assert "studyapp: syncing…" in err and "1 suspensions or buries" in err
    with psycopg.connect(server_url) as con:
        assert con.execute("SELECT suspended FROM studyapp_card_flags").fetchall() == [(True,)]
