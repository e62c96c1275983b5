"""The time budget per file: a file still being read when it runs out is skipped, by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.notes import budget, parse
from studyapp.notes.parse import parse_file, parse_text


@pytest.fixture
def stalling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a note whose name holds "stall" takes an hour (a clock that jumps), others
    take no time: the budget is spent deterministically, whatever the machine's speed."""
    offset = [0.0]
    monkeypatch.setattr(budget, "clock", lambda: offset[0])
    real = parse.read_markdown

    def read(text: str, path: str, stem: str):  # type: ignore[no-untyped-def]
        if "stall" in path:
            offset[0] += 3600.0
        return real(text, path, stem)

    monkeypatch.setattr(parse, "read_markdown", read)


def test_a_file_over_its_budget_is_skipped_with_a_message_naming_it(
    stalling: None, tmp_path: Path
) -> None:
    path = tmp_path / "stall.md"
    path.write_text("# SQS\n\nRetention::4 days\n", encoding="utf-8")
    note = parse_file(path, display_path="notes/stall.md")
    assert note.skipped
    assert (note.topics, note.cards) == ([], [])
    assert [str(w) for w in note.warnings] == [
        "notes/stall.md:0: file skipped: reading it took over 10 s, "
        "the limit for one file; the database keeps what it had for it. Split the file into "
        "smaller notes, or report it as a bug"
    ]


def test_a_file_within_its_budget_is_read_as_usual(stalling: None, tmp_path: Path) -> None:
    path = tmp_path / "quick.md"
    path.write_text("# SQS\n\nRetention::4 days\n", encoding="utf-8")
    note = parse_file(path)
    assert not note.skipped
    assert [(c.front, c.back) for c in note.cards] == [("Retention", "4 days")]


def test_the_warning_names_the_line_reading_had_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(1000))
    monkeypatch.setattr(budget, "clock", lambda: float(next(ticks)))
    note = parse_text(
        "# SQS\n\n" + "".join(f"Q{n}::A{n}\n\n" for n in range(50)), "n.md", time_budget=20.0
    )
    assert note.skipped
    assert "(it had reached line " in note.warnings[0].message


def test_a_budget_can_be_given_to_a_text_too(stalling: None) -> None:
    assert parse_text("# SQS\n\nA::B\n", "stall.md", time_budget=5.0).skipped
    assert not parse_text("# SQS\n\nA::B\n", "stall.md").skipped  # no budget by default


def test_an_import_skips_the_slow_file_and_imports_the_others(
    stalling: None, tmp_path: Path
) -> None:
    from studyapp.store.collection import Collection
    from studyapp.usecases.importing import import_paths

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a-stall.md").write_text("# SQS\n\nRetention::4 days\n", encoding="utf-8")
    (folder / "b-fine.md").write_text("# SNS\n\nFan-out::one to many\n", encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    try:
        report = import_paths(repo, [folder])
    finally:
        repo.close()
    status = {Path(f.path).name: (f.status, f.cards) for f in report.files}
    assert status == {"a-stall.md": ("skipped", 0), "b-fine.md": ("imported", 1)}
    [slow] = [f for f in report.files if f.status == "skipped"]
    assert slow.warnings[0][0].endswith("a-stall.md")
    assert "file skipped: reading it took over" in slow.warnings[0][2]
