"""The CLI tried as a new learner would (issue 17): pipes closed early, paths that are not
there, damaged files, forgetting a file, and files only their owner may read."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.cli.main import main

REPO = Path(__file__).resolve().parents[1]
NOTE = """# SQS

## Visibility timeout

What is the default visibility timeout?::30 seconds
Standard queue:::A queue with at-least-once delivery and best-effort ordering

## Long polling

What is the longest ReceiveMessage wait?::20 seconds
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "sqs.md"
    path.write_text(NOTE, encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path, notes: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "db.sqlite3"
    assert run(capsys, "--db", str(path), "import", str(notes))[0] == 0
    return path


def scribble(path: Path, table: str) -> bytes:
    """Garbage over the pages of one table, as a failing disk would write it: the header and the
    schema stay intact, so the file opens and only reading that table fails."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [
        r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name=?", (table,))
    ]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(path.read_bytes())
    for page in roots:
        raw[(page - 1) * size : page * size] = (b"scribble" * size)[:size]
    path.write_bytes(bytes(raw))
    return bytes(raw)


# ---- a reader that went away ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["cards"], ["questions"], ["doctor"], ["demo", "sqs", "--json"], ["import", "--json"]],
    ids=["cards", "questions", "doctor", "demo-json", "import-json"],
)
def test_a_pipe_closed_by_its_reader_prints_no_traceback(
    db: Path, notes: Path, argv: list[str]
) -> None:
    """`studyapp cards | head -0`: the reader has gone before the first write (the worst case of
    `head`, which leaves after its lines): the command says nothing on stderr."""
    if argv[0] == "import":
        argv = [*argv, str(notes)]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "studyapp", "--db", str(db), *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == 141  # as a shell reports a program ended by SIGPIPE


def test_questions_piped_into_head_gives_its_first_lines_and_no_traceback(db: Path) -> None:
    done = subprocess.run(
        f"{shlex.quote(sys.executable)} -m studyapp --db {shlex.quote(str(db))} questions"
        " | head -n 2",
        shell=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert len(done.stdout.decode().splitlines()) == 2
    assert done.stderr.decode() == ""


# ---- paths that are not there --------------------------------------------------------------


def test_import_of_a_missing_path_exits_non_zero_and_imports_the_others(
    tmp_path: Path, notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    missing = tmp_path / "typo.md"
    code, out, _ = run(capsys, "--db", str(db), "import", str(missing), str(notes))
    assert code == 1
    assert f"{missing}:0: no such file or folder" in out
    assert f"{notes}: imported: 3 topics, 4 cards" in out
    code, out, _ = run(capsys, "--db", str(db), "import", "--json", str(missing))
    assert code == 1 and json.loads(out)["totals"]["warnings"] == 1


def test_db_in_a_folder_that_does_not_exist_is_an_error_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "db.sqlite3"
    code, out, err = run(capsys, "--db", str(target), "cards")
    assert code == 2 and out == ""
    assert err == (
        f"studyapp: --db {target}: the folder {target.parent} does not exist (create it first)\n"
    )
    assert not target.parent.exists()


def test_db_from_the_environment_in_a_missing_folder_is_an_error_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gone" / "db.sqlite3"
    monkeypatch.setenv("STUDYAPP_DB", str(target))
    code, _, err = run(capsys, "report")
    assert code == 2 and "$STUDYAPP_DB" in err and "does not exist" in err
    assert not target.parent.exists()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_db_path_is_an_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", value, "cards")
    assert (code, out) == (2, "")
    assert err == "studyapp: --db needs a path (it was empty)\n"


def test_db_that_is_a_folder_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path), "cards")
    assert code == 2 and "this is a folder" in err


# ---- a damaged database --------------------------------------------------------------------


def test_import_into_a_damaged_database_refuses_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = scribble(db, "reviews")  # the import itself would never read this table
    other = tmp_path / "ec2.md"
    other.write_text("# EC2\n\nWhat does T3 mean?::burstable\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "import", str(other))
    assert code == 2 and out == ""
    assert err.startswith(f"studyapp: {db}: the database file is damaged (")
    assert "nothing was written" in err and "move the file away to start afresh" in err
    assert db.read_bytes() == damaged
    code, _, err = run(capsys, "--db", str(db), "doctor")
    assert code == 2  # the doctor agrees


@pytest.mark.parametrize("table", ["reviews", "cards", "topics"])
def test_report_on_a_damaged_database_prints_a_message_not_a_traceback(
    db: Path, table: str, capsys: pytest.CaptureFixture[str]
) -> None:
    scribble(db, table)
    for fmt in ("text", "json"):
        code, out, err = run(capsys, "--db", str(db), "report", "--format", fmt)
        assert code == 2 and out == ""
        assert err.startswith(f"studyapp: {db}: the database file is damaged (")


def test_report_on_a_file_that_is_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"\x00garbage" * 500)
    code, _, err = run(capsys, "--db", str(db), "report")
    assert code == 2 and "damaged" in err and "Traceback" not in err


# ---- forget --------------------------------------------------------------------------------


def test_forget_retires_a_files_cards_keeps_their_reviews_and_import_brings_them_back(
    db: Path, notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from studyapp.store.collection import Collection

    repo = Collection.open(db)
    card = repo.list_cards()[0]
    now = datetime.now(UTC)
    repo.record_review(card.id, 3, now, '{"state": 1}', now)
    repo.close()

    notes.unlink()  # the usual reason: the file is gone, or no longer wanted
    code, out, _ = run(capsys, "--db", str(db), "forget", str(notes))
    assert code == 0
    assert out == f"{notes}: 4 cards retired (their reviews are kept)\n"
    assert run(capsys, "--db", str(db), "cards")[1].strip() == "0 cards"
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reviews WHERE card_id = ?", (card.id,)).fetchone() == (
        1,
    )
    con.close()

    notes.write_text(NOTE, encoding="utf-8")  # it comes back: so do its cards, history and all
    code, out, _ = run(capsys, "--db", str(db), "import", str(notes))
    assert code == 0 and "0 new, 4 updated, 0 retired, 0 unchanged" in out
    assert run(capsys, "--db", str(db), "cards")[1].strip().endswith("4 cards")
    repo = Collection.open(db)
    assert repo.list_cards()[0].id == card.id
    repo.close()


def test_forget_a_folder_json_and_a_path_never_imported(
    db: Path, notes: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), "forget", str(tmp_path / "other.md"))
    assert code == 1 and out == ""
    assert err == f"studyapp: {tmp_path / 'other.md'}: no imported file here\n"
    code, out, _ = run(capsys, "--db", str(db), "forget", "--json", str(tmp_path))
    assert code == 0
    assert json.loads(out) == {
        "forgotten": [
            {
                "path": str(tmp_path),
                "files": [{"path": str(notes), "cards_retired": 4}],
                "cards_retired": 4,
            }
        ]
    }


# ---- a demo scenario with a number too large -----------------------------------------------


def test_a_demo_scenario_with_a_400_digit_integer_gets_a_file_line_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "huge.yaml"
    scenario.write_text(
        f"simulator: sqs\nduration: {'9' * 400}\nqueues:\n  - name: q\n    visibility_timeout: 30\n"
        "producers:\n  - queue: q\n    count: 1\n    every: 1\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "demo", "sqs", str(scenario))
    assert code == 2 and out == ""
    assert f"{scenario}:2: field 'duration': a 400-digit number is too large" in err
    assert "Traceback" not in err


# ---- files only their owner may read -------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_its_wal_and_shm_are_readable_by_their_owner_only(
    tmp_path: Path, notes: Path
) -> None:
    from studyapp.store.collection import Collection

    old = os.umask(0o022)  # the usual umask: files readable by everyone unless made private
    try:
        db = tmp_path / "db.sqlite3"
        repo = Collection.open(db)
        from studyapp.usecases.importing import import_paths

        import_paths(repo, [notes])
        sides = [db.with_name(db.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in sides)  # open while the collection is
        assert [mode(p) for p in (db, *sides)] == [0o600, 0o600, 0o600]
        repo.close()
    finally:
        os.umask(old)


def test_backups_are_readable_by_their_owner_only(
    tmp_path: Path, notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from studyapp.store.collection import Collection
    from studyapp.store.dbfile import backups
    from studyapp.store.migrate import upgrade_to
    from studyapp.store.revision import KNOWN_REVISIONS

    old = os.umask(0o022)
    try:
        db = tmp_path / "db.sqlite3"
        upgrade_to(db, KNOWN_REVISIONS[-2])  # as an older studyapp left it (made private too)
        Collection.open(db).close()  # the upgrade backs it up first
        assert run(capsys, "--db", str(db), "doctor", "--repair")[0] == 0
        found = backups(db)
        assert found and [mode(p) for p in found] == [0o600] * len(found)
        assert mode(db) == 0o600
    finally:
        os.umask(old)
