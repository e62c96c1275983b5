"""The sync tests run against a real PostgreSQL server: the one .ci/run started (its URL in
STUDYAPP_TEST_PG_URL), else one started here from /usr/lib/postgresql/*/bin. Where none can
start the tests are skipped with the reason, loudly; under CI (STUDYAPP_CI=1) that fails."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pgserver
import pytest

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    given = os.environ.get("STUDYAPP_TEST_PG_URL")
    if given:
        yield given
        return
    try:
        server = pgserver.start()
    except (RuntimeError, OSError) as exc:
        message = f"NO POSTGRESQL SERVER, the sync tests did not run: {exc}"
        if os.environ.get("STUDYAPP_CI") == "1":
            pytest.fail(message)
        print(f"\n*** {message} ***", file=sys.stderr)
        pytest.skip(message)
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def server_url(pg_admin_url: str) -> str:
    """A URL to a fresh, empty database on the server (one per test)."""
    import psycopg

    name = f"studyapp_test_{os.getpid()}_{next(_names)}"
    with psycopg.connect(pg_admin_url, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name}")
        con.execute(f"CREATE DATABASE {name}")
    base, _, _ = pg_admin_url.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config file of the test's own (never the learner's), and no sync URL from outside."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.delenv("STUDYAPP_SYNC_URL", raising=False)
    return tmp_path / "config-home" / "studyapp" / "config.toml"
