"""The sync server's schema: Alembic's head is the revision the code expects, and two machines
syncing for the first time at once set it up once."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
from alembic.config import Config
from alembic.script import ScriptDirectory

from studyapp.store.collection import Collection
from studyapp.store.server_migrate import SERVER_HEAD, SERVER_REVISIONS, VERSION_TABLE
from studyapp.usecases.sync import SyncResult, sync
from studyapp.util import locations


def test_server_head_constant_matches_the_server_migrations() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(locations.server_migrations_dir()))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == SERVER_HEAD
    assert {r.revision for r in script.walk_revisions()} == set(SERVER_REVISIONS)


def test_first_syncs_at_once_set_the_server_up_once(tmp_path: Path, server_url: str) -> None:
    repos = [Collection.open(tmp_path / f"{n}.sqlite3") for n in range(3)]
    results: list[SyncResult | BaseException] = []

    def run(repo: Collection) -> None:
        try:
            results.append(sync(repo, server_url, collection="same"))
        except BaseException as exc:  # reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=run, args=(r,)) for r in repos]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for repo in repos:
        repo.close()
    assert all(isinstance(r, SyncResult) for r in results), results
    with psycopg.connect(server_url) as con:
        assert con.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall() == [
            (SERVER_HEAD,)
        ]
        assert con.execute("SELECT count(*) FROM studyapp_collections").fetchone() == (1,)
