from __future__ import annotations

from pathlib import Path

import pytest

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
