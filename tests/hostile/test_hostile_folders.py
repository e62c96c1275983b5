"""A notes folder with symbolic link loops and broken links: every real file imported once, each
bad link named, and what was stored for a file that became a bad link left as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., str]
Cards = Callable[[Path], list[dict[str, Any]]]


def _folder(root: Path) -> Path:
    notes = root / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "a.md").write_text("# SQS\n\nWhat is the SQS maximum retention?::14 days\n")
    (notes / "sub" / "b.md").write_text("# SNS\n\nWhat does SNS deliver to?::Subscribers\n")
    (notes / "c.md").write_text("# SES\n\nWhat does SES send?::Email\n")
    (notes / "sub" / "parent").symlink_to("..")  # a folder with a link to its parent
    (notes / "self").symlink_to(".")
    (notes / "gone.md").symlink_to("missing.md")
    return notes


def test_symlink_loops_are_named_and_every_file_imports_once(
    tmp_path: Path, run: Run, cards: Cards
) -> None:
    notes = _folder(tmp_path)
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", notes)
    assert out.splitlines()[3:] == [
        f"{notes / 'gone.md'}:0: broken symbolic link to missing.md, skipped",
        f"{notes / 'self'}:0: links back to {notes}, already read (a symbolic link loop); skipped",
        f"{notes / 'sub' / 'parent'}:0: links back to {notes}, already read "
        "(a symbolic link loop); skipped",
        "3 files (3 imported, 0 unchanged, 0 skipped): 3 topics, 3 cards, 0 tables; "
        "3 new, 0 updated, 0 retired; 3 warnings",
    ]
    sources = sorted(Path(r["source"]).name for r in cards(db))
    assert sources == ["a.md", "b.md", "c.md"]


def test_a_file_that_becomes_a_looping_link_keeps_its_cards(
    tmp_path: Path, run: Run, cards: Cards
) -> None:
    notes = _folder(tmp_path)
    db = tmp_path / "db.sqlite3"
    run("--db", db, "import", notes)
    before = [r for r in cards(db) if r["source"].endswith("c.md")]
    c = notes / "c.md"
    c.unlink()
    c.symlink_to("c.md")  # a link to itself
    data = json.loads(run("--db", db, "import", "--json", notes))
    assert {
        "path": str(c),
        "line": 0,
        "message": ("symbolic link loop (the link leads back to itself), skipped"),
    } in data["warnings"]
    assert [f["status"] for f in data["files"]] == ["unchanged", "unchanged"]
    assert [r for r in cards(db) if r["source"].endswith("c.md")] == before


def test_a_looping_link_given_by_name_is_reported(tmp_path: Path, run: Run) -> None:
    link = tmp_path / "loop.md"
    link.symlink_to("loop.md")
    out = run("--db", tmp_path / "db.sqlite3", "import", link)
    assert out.splitlines()[0] == (
        f"{link}:0: symbolic link loop (the link leads back to itself), skipped"
    )
