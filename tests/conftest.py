from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

MakeDb = Callable[..., Path]
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "study.sqlite3"


@pytest.fixture
def shared_notes() -> Path:
    notes = SHARED / "notes"
    if not notes.is_dir():
        pytest.skip("../shared/notes is not beside this checkout")
    return notes


@pytest.fixture
def notes_db(tmp_path: Path) -> MakeDb:
    """Write notes text to a file, import it into a fresh database, return the database path."""

    def make(text: str, name: str = "notes.md") -> Path:
        from studyapp.store.collection import Collection
        from studyapp.usecases.importing import import_paths

        note = tmp_path / name
        note.write_text(text, encoding="utf-8")
        db = tmp_path / "db.sqlite3"
        repo = Collection.open(db)
        try:
            import_paths(repo, [note])
        finally:
            repo.close()
        return db

    return make


@pytest.fixture
def database_at() -> Callable[[Path, str], Path]:
    """Create a database at an older schema revision, as an older studyapp left it."""

    def make(path: Path, revision: str) -> Path:
        from studyapp.store.migrate import upgrade_to

        upgrade_to(path, revision)
        return path

    return make


@pytest.fixture(autouse=True)
def _fresh_content() -> Iterator[None]:
    """Each test reads the bundled content afresh (some point it at a folder of their own)."""
    yield
    from studyapp.usecases import content

    content.forget()


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Parsed content is cached in a folder of the test run's own (and the processes it starts)."""
    import os

    from studyapp.util import locations

    old = os.environ.get(locations.CACHE_ENV)
    os.environ[locations.CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop(locations.CACHE_ENV, None)
    else:
        os.environ[locations.CACHE_ENV] = old


class FakeClock:
    """A `util.clock.Clock` that stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock at 09:00 UTC on a weekday."""
    return FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
