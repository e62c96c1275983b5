"""Store fixtures: a notes folder writer and a small imported collection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.store.collection import Collection
from studyapp.usecases.importing import import_paths

WriteNotes = Callable[..., Path]


def _write_notes(folder: Path, files: int, cards: int = 3, tag: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        body = "\n".join(
            f"## Part {j}\n\nWhat is fact {tag}{i}.{j}?::Answer {tag}{i}.{j}\n"
            for j in range(cards)
        )
        (folder / f"notes-{tag}{i:03d}.md").write_text(f"# File {tag}{i}\n\n{body}", "utf-8")
    return folder


@pytest.fixture
def write_notes() -> WriteNotes:
    """`write_notes(folder, files, cards=3, tag="")`: Markdown files of question cards."""
    return _write_notes


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    repo = Collection.open(path)
    import_paths(repo, [_write_notes(tmp_path / "notes", 4)])
    repo.close()
    return path
