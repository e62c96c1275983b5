"""`studyapp doctor`: what the learner reads about their database, and what --repair changes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.store.revision import HEAD_REVISION

NOTES = """# SQS

## Visibility

What is the longest visibility timeout a message can get?::12 hours
How long does SQS keep a message by default?::4 days

## FIFO

Which suffix must a FIFO queue name end with?::.fifo

# SNS

What does an SNS topic deliver messages to?::Its subscribers
Which SNS topic type keeps message order?::FIFO topics
"""
MakeDb = Callable[..., Path]
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def studied(notes_db: MakeDb) -> Iterator[Path]:
    """Imported notes and real ratings: four cards rated today, two of them again tomorrow."""
    from studyapp.store.collection import Collection
    from studyapp.usecases.studying import StudySession

    db = notes_db(NOTES)
    repo = Collection.open(db)
    clock = Clock()
    try:
        session = StudySession(repo, clock=clock)
        session.start()
        for rating in (3, 4, 1, 3):
            session.rate(rating)
            clock.now += timedelta(seconds=20)
        clock.now = T0 + timedelta(days=3)
        session.start()
        for rating in (3, 1):
            session.rate(rating)
            clock.now += timedelta(seconds=20)
    finally:
        repo.close()
    yield db


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "doctor", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sql(db: Path, statement: str, *args: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)  # foreign keys off, as any outside tool would write
    try:
        with con:
            return con.execute(statement, args).fetchall()
    finally:
        con.close()


def reviewed_card(db: Path) -> tuple[int, str]:
    row = sql(db, "SELECT id, front FROM cards WHERE fsrs IS NOT NULL ORDER BY id LIMIT 1")[0]
    return int(str(row[0])), str(row[1])


def log_length(db: Path) -> int:
    return int(str(sql(db, "SELECT count(*) FROM reviews")[0][0]))


def test_a_studied_database_is_healthy(studied: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert log_length(studied) == 6
    code, out, err = run(capsys, studied)
    assert code == 0, out
    lines = out.splitlines()
    for label in ("integrity", "schema", "foreign keys", "orphans", "card state"):
        assert f"{label}: ok" in lines
    assert "review totals: ok" in lines
    assert lines[-1] == "healthy"
    assert err == ""


def test_a_tampered_stability_is_reported_and_repaired_from_the_log(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid, front = reviewed_card(studied)
    sql(studied, "UPDATE cards SET fsrs = json_set(fsrs, '$.stability', 99.5) WHERE id = ?", cid)
    code, out, _ = run(capsys, studied)
    assert code == 1
    assert "card state: 1 card differs from its review log (stability 1)" in out
    assert f'    card {cid} "{front}" [stability]' in out
    assert "    --repair: write each card's state from its newest review" in out
    assert out.splitlines()[-1].startswith("1 problem found; `studyapp doctor --repair` fixes 1")

    code, out, _ = run(capsys, studied, "--repair")
    assert code == 0, out
    assert "repaired: card_state 1" in out
    assert "review log: 6 reviews before, 6 after" in out
    assert out.splitlines()[-1] == "healthy"
    newest = sql(
        studied,
        "SELECT state_after FROM reviews WHERE card_id = ? ORDER BY reviewed_at DESC, id DESC",
        cid,
    )[0][0]
    assert sql(studied, "SELECT fsrs FROM cards WHERE id = ?", cid)[0][0] == newest
    assert run(capsys, studied)[0] == 0


def test_an_edited_due_date_and_lapses_are_reported_with_their_counts(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [r[0] for r in sql(studied, "SELECT id FROM cards WHERE fsrs IS NOT NULL ORDER BY id")]
    sql(studied, "UPDATE cards SET due = '2031-01-01 00:00:00.000000' WHERE id IN (?, ?)", *ids[:2])
    sql(studied, "UPDATE cards SET lapses = 5 WHERE id = ?", ids[2])
    code, out, _ = run(capsys, studied)
    assert code == 1
    assert "card state: 3 cards differ from their review log (due 2, lapses 1)" in out
    code, out, _ = run(capsys, studied, "--repair")
    assert code == 0 and "repaired: card_state 3" in out
    assert run(capsys, studied)[0] == 0
    # the study queue sees the log's due date again, not 2031
    due = sql(studied, "SELECT due FROM cards WHERE id = ?", ids[0])[0][0]
    assert str(due) < "2027"


def test_a_reviewed_card_stored_as_new_and_a_schedule_without_reviews(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid, _ = reviewed_card(studied)
    sql(studied, "UPDATE cards SET fsrs = NULL, due = NULL WHERE id = ?", cid)
    new_id = sql(studied, "SELECT id FROM cards WHERE fsrs IS NULL AND id != ? LIMIT 1", cid)[0][0]
    sql(
        studied,
        "UPDATE cards SET fsrs = (SELECT state_after FROM reviews LIMIT 1),"
        " due = '2026-11-20 00:00:00.000000' WHERE id = ?",
        new_id,
    )
    code, out, _ = run(capsys, studied)
    assert code == 1
    assert "card state: 1 card has reviews but is stored as new" in out
    assert "card state: 1 card has a schedule but no review in the log" in out
    assert "    --repair: make them new cards again" in out
    code, out, _ = run(capsys, studied, "--repair")
    assert code == 0, out
    assert sql(studied, "SELECT fsrs, due FROM cards WHERE id = ?", new_id) == [(None, None)]


def test_review_totals_that_drifted_from_the_log_are_recounted(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid, _ = reviewed_card(studied)
    ((count, ms),) = sql(studied, "SELECT review_count, review_ms FROM cards WHERE id = ?", cid)
    sql(studied, "UPDATE cards SET review_count = 40, review_ms = 7 WHERE id = ?", cid)
    code, out, _ = run(capsys, studied)
    assert code == 1
    assert "review totals: 1 card's review count or time differs from the review log" in out
    assert f"[stored 40 reviews / 7 ms, log {count} / {ms}]" in out
    code, out, _ = run(capsys, studied, "--repair")
    assert code == 0 and "repaired: totals_differ_from_log 1" in out
    assert sql(studied, "SELECT review_count, review_ms FROM cards WHERE id = ?", cid) == [
        (count, ms)
    ]


def test_reviews_of_a_missing_card_are_kept_unless_the_learner_asks(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(
        studied,
        "INSERT INTO reviews (card_id, rating, reviewed_at, state_after)"
        " VALUES (999, 3, '2026-11-01 08:00:00.000000', '{}')",
    )
    code, out, _ = run(capsys, studied)
    assert code == 1
    assert "orphans: 1 review whose card is gone; kept:" in out
    assert "    review 7 (card 999)" in out

    code, out, _ = run(capsys, studied, "--repair")
    assert code == 1  # still there: repair never shortens the log by itself
    assert log_length(studied) == 7
    assert "1 problem remains" in out

    code, out, _ = run(capsys, studied, "--repair", "--drop-orphan-reviews")
    assert code == 0, out
    assert "repaired: reviews_without_card 1" in out
    assert "review log: 7 reviews before, 6 after" in out
    assert log_length(studied) == 6


def test_a_deleted_notes_file_leaves_orphans_that_repair_clears_keeping_history(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(
        studied,
        "INSERT INTO exam_answers (attempt_id, position, question_id, domain, task,"
        " chosen, correct, flagged, seconds, answered_at) VALUES (77, 1, 'q', '1', '1.1', '[]',"
        " 0, 0, 3.5, '2026-11-01 08:00:00.000000')",
    )
    sql(studied, "DELETE FROM sources")
    reviewed = sql(studied, "SELECT count(DISTINCT card_id) FROM reviews")[0][0]
    code, out, _ = run(capsys, studied)
    assert code == 1
    assert "orphans: 4 topics whose notes file is gone" in out
    assert reviewed == 4  # of the 5 cards
    assert "orphans: 1 card (never reviewed) whose notes file is gone" in out
    assert "orphans: 4 reviewed cards still studied whose notes file is gone" in out
    assert "orphans: 1 exam answer whose attempt is gone" in out
    assert "    --repair: retire them (their review history is kept)" in out

    code, out, _ = run(capsys, studied, "--repair")
    assert code == 0, out
    assert log_length(studied) == 6
    assert sql(studied, "SELECT count(*), sum(retired) FROM cards") == [(reviewed, reviewed)]
    assert sql(studied, "SELECT count(*) FROM topics") == [(0,)]


def test_repair_makes_a_backup_first_and_lists_it(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid, _ = reviewed_card(studied)
    sql(studied, "UPDATE cards SET due = NULL WHERE id = ?", cid)
    code, out, _ = run(capsys, studied, "--repair")
    [backup] = studied.parent.glob(f"{studied.name}.bak-doctor-*")
    assert f"backup: {backup}" in out
    assert sql(backup, "SELECT due FROM cards WHERE id = ?", cid) == [(None,)]  # as it was
    code, out, _ = run(capsys, studied)
    assert "backups: 1, newest first" in out
    assert f"    {backup.name}  doctor  " in out


def test_json_shape(studied: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cid, _ = reviewed_card(studied)
    sql(studied, "UPDATE cards SET lapses = 3 WHERE id = ?", cid)
    code, out, _ = run(capsys, studied, "--json")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {
        "database",
        "status",
        "message",
        "schema",
        "checks",
        "backups",
        "repair",
        "restore",
    }
    assert data["status"] == "problems" and data["message"] is None
    assert data["schema"] == {"revision": HEAD_REVISION, "head": HEAD_REVISION}
    assert [c["check"] for c in data["checks"]] == [
        "integrity",
        "schema",
        "foreign_keys",
        "orphans",
        "card_state",
        "review_totals",
    ]
    state = data["checks"][4]
    assert state["status"] == "problem"
    [finding] = state["findings"]
    assert set(finding) == {"check", "kind", "count", "message", "repair", "examples"}
    assert finding["kind"] == "state_differs_from_log" and finding["count"] == 1
    assert finding["examples"][0]["card_id"] == cid
    assert finding["examples"][0]["fields"] == ["lapses"]

    code, out, _ = run(capsys, studied, "--repair", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "ok"
    assert all(c["status"] == "ok" and c["findings"] == [] for c in data["checks"])
    assert data["repair"]["actions"] == [{"kind": "card_state", "rows": 1}]
    assert data["repair"]["reviews_before"] == data["repair"]["reviews_after"] == 6
    assert data["backups"][0]["kind"] == "doctor"


def test_garbage_in_the_file_is_a_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"this is not what studyapp wrote\n" * 200)
    code, out, err = run(capsys, db)
    assert code == 2
    assert "integrity: unreadable: file is not a database" in out
    assert "card state: skipped (the file could not be read)" in out
    assert "the database file is damaged" in err
    assert "studyapp doctor --restore-backup" in err
    assert "Traceback" not in out + err
    code, out, err = run(capsys, db, "--repair")
    assert code == 2 and "damaged" in err
    assert db.read_bytes().startswith(b"this is not")
    code, out, _ = run(capsys, db, "--json")
    data = json.loads(out)
    assert code == 2 and data["status"] == "unusable"
    assert "--restore-backup" in data["message"]
    assert [c["status"] for c in data["checks"]] == ["problem"] + ["skipped"] * 5
    assert data["checks"][1]["note"] == "the file could not be read"


def test_overwritten_pages_are_found_by_the_integrity_check(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(studied, "PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(studied.read_bytes())
    page = 4096
    for start in range(page * 2, len(raw) - page, page * 3):
        raw[start + 8 : start + 200] = b"\xff" * 192
    studied.write_bytes(bytes(raw))
    code, out, err = run(capsys, studied)
    assert code == 2
    assert "integrity: " in out and "integrity: ok" not in out
    assert "card state: ok" not in out  # nothing is vouched for in a damaged file
    assert "--restore-backup" in err
    assert "Traceback" not in out + err


def test_a_newer_schema_is_checked_read_only_and_not_repaired(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(studied, "UPDATE alembic_version SET version_num = '0099'")
    code, out, err = run(capsys, studied)
    assert code == 2
    assert "integrity: ok" in out
    assert "schema: schema 0099 is newer than this studyapp" in out
    assert "card state: skipped (the database cannot be trusted)" in out
    assert "written by a newer studyapp (schema 0099)" in err
    code, out, err = run(capsys, studied, "--repair")
    assert code == 2
    assert not list(studied.parent.glob("*.bak-doctor-*"))
    assert sql(studied, "SELECT version_num FROM alembic_version") == [("0099",)]


def test_a_missing_database_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, tmp_path / "nothing.sqlite3")
    assert code == 2
    assert "no database here" in err
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_a_forgotten_card_is_healthy_and_checked_again_once_reviewed(
    studied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from studyapp.store.collection import Collection

    card_id, _ = reviewed_card(studied)
    repo = Collection.open(studied)
    try:
        assert repo.forget_cards([card_id]) == 1  # reset to new, its reviews kept
    finally:
        repo.close()
    assert log_length(studied) == 6
    code, out, _ = run(capsys, studied)
    assert code == 0 and "card state: ok" in out.splitlines(), out
