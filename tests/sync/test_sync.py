"""Two machines study the same notes offline, then sync through a real PostgreSQL server: in
either order they end with the same card states and the same review log, nothing lost or
doubled, and a sync killed halfway is simply run again."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from studyapp.cli.main import main
from studyapp.store.collection import Collection
from studyapp.store.exam_queries import FinishedAnswer
from studyapp.study.scheduler import make_scheduler, review
from studyapp.study.settings import StudySettings
from studyapp.usecases.doctor import check
from studyapp.usecases.importing import import_paths
from studyapp.usecases.studying import StudySession
from studyapp.usecases.sync import SyncError, mask_url, sync

REPO = Path(__file__).resolve().parents[2]
DAY1 = datetime(2026, 11, 2, 8, tzinfo=UTC)


def write_notes(folder: Path, files: int = 3, cards: int = 4) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        body = "\n".join(
            f"## Part {j}\n\nWhat is fact {i}.{j}?::Answer {i}.{j}\n" for j in range(cards)
        )
        (folder / f"notes-{i:03d}.md").write_text(f"# File {i}\n\n{body}", "utf-8")
    return folder


Machine = Callable[[str], Collection]


@pytest.fixture
def machine(tmp_path: Path) -> Iterator[Machine]:
    """`machine(name)`: a collection of its own with the same notes imported (the notes kept in
    a different folder on each machine, as on two computers)."""
    opened: list[Collection] = []

    def make(name: str) -> Collection:
        repo = Collection.open(tmp_path / name / "study.sqlite3")
        import_paths(repo, [write_notes(tmp_path / name / "my notes")])
        opened.append(repo)
        return repo

    yield make
    for repo in opened:
        repo.close()


def study(repo: Collection, start: datetime, ratings: list[int], seed: int) -> None:
    """A learner's session: rate what the app shows, a few minutes apart."""
    random.seed(seed)  # fsrs's fuzz: the same runs give the same states
    now = [start]
    session = StudySession(repo, StudySettings(), clock=lambda: now[0])
    session.start()
    for rating in ratings:
        if session.current_id is None:
            session.start()
        session.rate(rating)
        now[0] += timedelta(minutes=4)


def snapshot(repo: Collection) -> dict[str, tuple[object, ...]]:
    """Every card as the learner sees it, by its stable id: its FSRS state (less the local card
    number), due, lapses, suspension, bury, leech flag and review totals."""
    out = {}
    for uid, fsrs_state, due, lapses, suspended, buried, leech, count in repo._rows(
        "SELECT uid, fsrs, due, lapses, suspended, buried_until, leech, review_count FROM cards"
    ):
        state = json.loads(fsrs_state) if fsrs_state else None
        if state:
            state.pop("card_id")
        out[uid] = (state, due, lapses, suspended, buried, leech, count)
    return out


def review_uids(repo: Collection) -> list[str]:
    return sorted(r[0] for r in repo._rows("SELECT uid FROM reviews"))


def server_reviews(url: str) -> int:
    with psycopg.connect(url) as con:
        row = con.execute("SELECT count(*), count(DISTINCT uid) FROM studyapp_reviews").fetchone()
    assert row is not None and row[0] == row[1]
    return int(row[0])


def offline_day(a: Collection, b: Collection) -> None:
    """Both machines study the same new cards on the same day without syncing."""
    study(a, DAY1, [3, 1, 3, 4, 3, 2, 1, 3, 3, 3, 4, 3], seed=1)
    study(b, DAY1 + timedelta(hours=3), [1, 1, 3, 3, 4, 2, 3, 3], seed=2)
    cards = {c.front: c.id for c in a.list_cards()}
    a.suspend_cards([cards["What is fact 2.3?"]])
    b_cards = {c.front: c.id for c in b.list_cards()}
    b.bury_cards([b_cards["What is fact 2.2?"]], until=DAY1 + timedelta(days=1))
    attempt = a.save_attempt({"q": []}, "saa-c03", "quiz", DAY1)
    a.finish_attempt(
        attempt,
        {"q": []},
        {"score": 1},
        None,
        None,
        [FinishedAnswer("q1", 1, "1.1", ("a",), True, False, 12.5)],
        DAY1 + timedelta(minutes=5),
    )


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_two_machines_converge_whichever_syncs_first(
    machine: Machine, server_url: str, order: str
) -> None:
    a, b = machine("laptop"), machine("desktop")
    offline_day(a, b)
    before = len(review_uids(a)) + len(review_uids(b))
    both = set(review_uids(a)) | set(review_uids(b))
    first, second = (a, b) if order == "ab" else (b, a)
    sync(first, server_url)
    merged = sync(second, server_url)
    sync(first, server_url)

    assert merged.rebuilt_cards > 0  # both studied the same new cards: replayed
    assert snapshot(a) == snapshot(b)
    for repo in (a, b):  # the doctor finds each card's state where its log says
        report = check(repo.path)
        assert report.healthy, report
    assert review_uids(a) == review_uids(b) == sorted(both)
    assert len(review_uids(a)) == before == server_reviews(server_url)
    shown = snapshot(a)
    suspended = [s for s in shown.values() if s[3]]
    buried = [s for s in shown.values() if s[4]]
    assert len(suspended) == 1 and len(buried) == 1
    assert [x.mode for x in b.attempts()] == ["quiz"]
    assert [x.question_id for x in b.attempt_answers(b.attempts()[0].id)] == ["q1"]
    # a card both reviewed offline was replayed from the merged log: counts add up
    assert sum(s[6] for s in shown.values()) == before
    # syncing again changes nothing
    sync(a, server_url)
    sync(b, server_url)
    assert snapshot(a) == snapshot(b) == shown


def test_both_orders_give_the_same_states(tmp_path: Path, pg_admin_url: str) -> None:
    results = []
    for order in ("ab", "ba"):
        url = _fresh_db(pg_admin_url, f"studyapp_order_{order}")
        repos = {}
        for name in ("a", "b"):
            repos[name] = Collection.open(tmp_path / order / name / "db.sqlite3")
            import_paths(repos[name], [write_notes(tmp_path / order / name / "notes")])
        try:
            offline_day(repos["a"], repos["b"])
            for name in (order[0], order[1], order[0]):
                sync(repos[name], url)
            results.append(snapshot(repos["a"]))
            assert snapshot(repos["b"]) == results[-1]
        finally:
            for repo in repos.values():
                repo.close()
    assert results[0] == results[1]


def _fresh_db(admin: str, name: str) -> str:
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name}")
        con.execute(f"CREATE DATABASE {name}")
    return f"{admin.rpartition('/')[0]}/{name}"


def review_many(repo: Collection, n: int, start: datetime, seed: int) -> None:
    rng = random.Random(seed)
    scheduler = make_scheduler(StudySettings())
    ids = [c.id for c in repo.list_cards()]
    now = start
    for i in range(n):
        cid = ids[i % len(ids)]
        state, _ = repo.card_state(cid)
        rating = rng.choice([1, 2, 3, 3, 4])
        out = review(scheduler, cid, state, rating, now, 1000)
        repo.record_review(cid, rating, now, out.card.to_json(), out.card.due, 1000, out.lapsed)
        now += timedelta(minutes=3)


SYNC_CHILD = """
import sys, time
from pathlib import Path
from studyapp.store.collection import Collection
from studyapp.usecases import sync as s

s.CHUNK = 40  # small pieces: many progress lines to be killed on
repo = Collection.open(Path(sys.argv[1]))

def progress(stage, n):
    print(stage, n, flush=True)
    time.sleep(0.05)

s.sync(repo, sys.argv[2], progress=progress)
print("finished", flush=True)
"""


def kill_sync_at(db: Path, url: str, stage: str) -> None:
    """Run a sync in another process and SIGKILL it at its second `stage` progress line."""
    child = subprocess.Popen(
        [sys.executable, "-c", SYNC_CHILD, str(db), url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    seen = 0
    for line in child.stdout:
        assert line.strip() != "finished", f"the sync ended before its {stage} was killed"
        if line.startswith(stage):
            seen += 1
            if seen == 2:
                child.send_signal(signal.SIGKILL)
                break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def test_a_sync_killed_midway_then_rerun_loses_nothing_and_doubles_nothing(
    tmp_path: Path, server_url: str
) -> None:
    a = Collection.open(tmp_path / "a" / "db.sqlite3")
    import_paths(a, [write_notes(tmp_path / "a" / "notes")])
    b_path = tmp_path / "b" / "db.sqlite3"
    b = Collection.open(b_path)
    import_paths(b, [write_notes(tmp_path / "b" / "notes")])
    try:
        review_many(a, 400, DAY1, seed=1)
        review_many(b, 300, DAY1 + timedelta(minutes=1), seed=2)
        sync(a, server_url)
        assert server_reviews(server_url) == 400
        kill_sync_at(b_path, server_url, "push")  # the push is rolled back on the server
        assert server_reviews(server_url) == 400
        kill_sync_at(b_path, server_url, "pull")  # pushed, then killed while pulling
        assert server_reviews(server_url) == 700
        assert len(review_uids(b)) == 300  # the pull's local transaction never committed
        sync(b, server_url)
        sync(a, server_url)
        assert review_uids(a) == review_uids(b)
        assert len(review_uids(a)) == 700 == server_reviews(server_url)
        assert snapshot(a) == snapshot(b)
        assert sum(s[6] for s in snapshot(a).values()) == 700
    finally:
        a.close()
        b.close()


def test_reviews_of_notes_not_imported_here_wait_for_them(tmp_path: Path, server_url: str) -> None:
    a = Collection.open(tmp_path / "a" / "db.sqlite3")
    import_paths(a, [write_notes(tmp_path / "a" / "notes", files=3)])
    b = Collection.open(tmp_path / "b" / "db.sqlite3")
    import_paths(b, [write_notes(tmp_path / "b" / "notes", files=1)])
    try:
        review_many(a, 36, DAY1, seed=3)  # 12 cards, 3 reviews each; b has 4 of the cards
        sync(a, server_url)
        result = sync(b, server_url)
        assert (result.pulled_reviews, result.waiting_reviews) == (12, 24)
        import_paths(b, [write_notes(tmp_path / "b" / "notes", files=3)])
        result = sync(b, server_url)
        assert (result.pulled_reviews, result.waiting_reviews) == (24, 0)
        assert review_uids(a) == review_uids(b)
        assert snapshot(a) == snapshot(b)
    finally:
        a.close()
        b.close()


def test_one_server_keeps_each_learners_collection_apart(machine: Machine, server_url: str) -> None:
    ann, bob = machine("ann"), machine("bob")
    review_many(ann, 10, DAY1, seed=4)
    review_many(bob, 7, DAY1, seed=5)
    assert sync(ann, server_url, collection="ann").pushed_reviews == 10
    assert sync(bob, server_url, collection="bob").pulled_reviews == 0
    assert len(review_uids(bob)) == 7
    assert server_reviews(server_url) == 17


def test_settings_travel_newest_first(machine: Machine, server_url: str, tmp_path: Path) -> None:
    a, b = machine("a"), machine("b")
    mine = StudySettings(new_per_day=35, desired_retention=0.85)
    sync(a, server_url, settings=mine, settings_at=DAY1)
    got = sync(b, server_url, settings=StudySettings(), settings_at=DAY1 - timedelta(days=9))
    assert got.settings == mine
    older = sync(b, server_url, settings=StudySettings(), settings_at=DAY1 - timedelta(days=9))
    assert older.settings is None  # already pulled: nothing newer since


def test_an_unreachable_server_says_so_without_the_password(
    machine: Machine, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = machine("a")
    review_many(repo, 5, DAY1, seed=6)
    url = "postgresql://ann:hunter2-secret@127.0.0.1:1/studyapp"
    with pytest.raises(SyncError) as err:
        sync(repo, url)
    assert "hunter2" not in str(err.value)
    assert "cannot reach the sync server postgresql://ann:***@127.0.0.1:1/studyapp" in str(
        err.value
    )
    assert "studying goes on" in str(err.value)
    assert repo.unsynced_count() == 5  # still waiting to go
    code = main(["--db", str(tmp_path / "a" / "study.sqlite3"), "sync", url])
    out = capsys.readouterr()
    assert code == 1
    assert "hunter2" not in out.out + out.err
    assert "cannot reach the sync server" in out.err


def test_the_command_syncs_and_prints_json(
    machine: Machine, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = machine("a")
    review_many(repo, 5, DAY1, seed=7)
    repo.close()
    code = main(["--db", str(tmp_path / "a" / "study.sqlite3"), "sync", server_url, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["synced"] is True and data["pushed_reviews"] == 5
    assert data["server"] == mask_url(server_url)


def test_masking_hides_every_form_of_password() -> None:
    assert mask_url("postgresql://u:p%40ss@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert mask_url("postgresql://h/db?password=xyz&sslmode=require") == (
        "postgresql://h/db?password=***&sslmode=require"
    )
    assert mask_url("host=h password=xyz dbname=d") == "host=h password=*** dbname=d"
    assert mask_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_a_review_the_server_has_is_not_undone(machine: Machine, server_url: str) -> None:
    repo = machine("a")
    review_many(repo, 2, DAY1, seed=8)
    sync(repo, server_url)
    assert repo.undo_last() is None  # on the server: the other machines have it
    assert len(review_uids(repo)) == 2
    review_many(repo, 1, DAY1 + timedelta(days=1), seed=9)
    assert repo.undo_last() is not None  # not synced yet: undone as ever
    assert len(review_uids(repo)) == 2
