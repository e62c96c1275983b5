"""Two copies of the app on one database, and an import applied wholly or not at all."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.store.collection import Collection
from studyapp.usecases.importing import import_paths

WriteNotes = Callable[..., Path]


def counts(path: Path) -> dict[str, int]:
    repo = Collection.open(path)
    try:
        return repo.counts()
    finally:
        repo.close()


def rate_first_card(repo: Collection) -> int:
    now = datetime.now(UTC)
    card = repo.list_cards()[0]
    return repo.record_review(card.id, 3, now, '{"state": 1}', now).review_id


def test_a_second_copy_waits_for_a_short_write_instead_of_failing(
    collection: Path, tmp_path: Path, write_notes: WriteNotes
) -> None:
    first = sqlite3.connect(collection, isolation_level=None, check_same_thread=False)
    first.execute("BEGIN IMMEDIATE")
    first.execute("UPDATE cards SET suspended = 1 WHERE id = (SELECT min(id) FROM cards)")
    release = threading.Timer(0.3, lambda: first.execute("COMMIT"))
    second = Collection.open(collection)
    release.start()
    import_paths(second, [write_notes(tmp_path / "more", 2, tag="w")])  # waits, then writes
    rate_first_card(second)
    release.join()
    first.close()
    assert second.counts()["sources"] == 6 and second.counts()["reviews"] == 1
    assert sum(c.suspended for c in second.list_cards()) == 1  # the first copy's write kept
    second.close()


def test_two_copies_interleaving_ratings_and_imports_keep_the_file_sound(
    collection: Path, tmp_path: Path, write_notes: WriteNotes
) -> None:
    importer, rater = Collection.open(collection), Collection.open(collection)
    folders = [write_notes(tmp_path / f"batch{n}", 4, tag=f"b{n}") for n in range(4)]
    errors: list[BaseException] = []
    rated: list[int] = []

    def imports() -> None:
        try:
            for folder in folders:
                import_paths(importer, [folder])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=imports)
    thread.start()
    for _ in range(40):
        rated.append(rate_first_card(rater))
    thread.join()
    assert errors == []
    con = sqlite3.connect(collection)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM sources").fetchone() == (4 + 16,)
    assert [r for (r,) in con.execute("SELECT id FROM reviews ORDER BY id")] == rated
    con.close()
    importer.close()
    rater.close()


# ---- a whole import or nothing ---------------------------------------------------------------
def test_an_error_halfway_through_an_import_leaves_the_database_as_it_was(
    collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_notes: WriteNotes
) -> None:
    before = counts(collection)
    repo = Collection.open(collection)
    real = Collection.import_note
    calls: list[str] = []

    def failing(self: Collection, *args: object, **kwargs: object) -> object:
        calls.append(str(args[1]))
        if len(calls) == 5:
            raise RuntimeError("parser bug on the fifth file")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Collection, "import_note", failing)
    with pytest.raises(RuntimeError):
        import_paths(repo, [write_notes(tmp_path / "more", 8, tag="x")])
    monkeypatch.undo()
    assert repo.counts() == before
    report = import_paths(repo, [tmp_path / "more"])  # and the next run imports them all
    assert sum(f.status == "imported" for f in report.files) == 8
    repo.close()


def test_a_cancelled_import_changes_nothing_and_says_so(
    collection: Path, tmp_path: Path, write_notes: WriteNotes
) -> None:
    before = counts(collection)
    cancel = threading.Event()
    repo = Collection.open(collection)

    def progress(done: int, total: int, name: str) -> None:
        if done == 3:
            cancel.set()

    more = write_notes(tmp_path / "more", 8, tag="c")
    report = import_paths(repo, [more], progress=progress, cancel=cancel)
    assert report.files == []
    assert report.warnings == [("", 0, "import cancelled: nothing was changed")]
    assert repo.counts() == before
    repo.close()


def test_single_file_callers_still_commit_each_file(
    collection: Path, tmp_path: Path, write_notes: WriteNotes
) -> None:
    from studyapp.notes.parse import parse_file

    note = write_notes(tmp_path / "one", 1, tag="s") / "notes-s000.md"
    repo = Collection.open(collection)
    parsed = parse_file(note, display_path="notes-s000.md")
    repo.import_note(parsed, str(note), "notes-s000.md", "markdown")
    repo.close()
    assert counts(collection)["sources"] == 5


# ---- many processes opening one file at once -------------------------------------------------
OPENER = """
import sys
from pathlib import Path
from studyapp.store.collection import Collection
sys.stdin.read()  # wait for the start signal: every process opens at the same moment
c = Collection.open(Path(sys.argv[1]))
print("migrated" if c.migrated is not None else "current", c.counts()["sources"])
c.close()
"""


def _open_at_once(path: Path, processes: int) -> list[str]:
    import subprocess
    import sys

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for p in procs:  # all started before any is told to go
        assert p.stdin is not None
        p.stdin.close()
    outs = []
    for p in procs:
        assert p.stdout is not None and p.stderr is not None
        out, err = p.stdout.read(), p.stderr.read()
        assert p.wait(timeout=180) == 0, err
        outs.append(out.strip())
    return outs


def test_eight_processes_opening_a_new_database_at_once_all_succeed_and_create_it_once(
    tmp_path: Path,
) -> None:
    outs = _open_at_once(tmp_path / "db.sqlite3", 8)
    assert sorted(outs) == ["current 0"] * 7 + ["migrated 0"]


def test_eight_processes_opening_an_old_database_at_once_upgrade_it_once_keeping_its_data(
    tmp_path: Path, database_at: Callable[[Path, str], Path]
) -> None:
    from studyapp.store.dbfile import backups
    from studyapp.store.migrate import backup_path, current_revision
    from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS

    path = database_at(tmp_path / "db.sqlite3", KNOWN_REVISIONS[0])
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO sources (path, display_path, sha256, kind, bundled, repaired, imported_at)"
            " VALUES ('/n.md', 'n.md', 'x', 'markdown', 0, 0, '2026-11-01 00:00:00')"
        )
    con.close()
    outs = _open_at_once(path, 8)
    assert sorted(outs) == ["current 1"] * 7 + ["migrated 1"]
    assert current_revision(path) == HEAD_REVISION
    assert current_revision(backup_path(path, KNOWN_REVISIONS[0])) == KNOWN_REVISIONS[0]
    assert backups(path) == [backup_path(path, KNOWN_REVISIONS[0])]  # one upgrade, one backup
