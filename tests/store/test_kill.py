"""The app killed (SIGKILL) mid-import and mid-review: the database is sound afterwards, an import
is applied wholly or not at all, and every rating that was reported saved is there."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.store.collection import Collection
from studyapp.usecases.importing import import_paths

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

IMPORT_CHILD = """
import sys, time
from pathlib import Path
from studyapp.usecases.importing import import_paths
from studyapp.store.collection import Collection

repo = Collection.open(Path(sys.argv[1]))

def progress(done, total, name):
    print(done, flush=True)
    time.sleep(0.02)  # a slower disk: the parent's kill surely lands mid-run

import_paths(repo, [Path(sys.argv[2])], progress=progress)
print("finished", flush=True)
"""

REVIEW_CHILD = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from studyapp.store.collection import Collection
from studyapp.study.scheduler import make_scheduler, review
from studyapp.study.settings import StudySettings

repo = Collection.open(Path(sys.argv[1]))
ids = [c.id for c in repo.list_cards()]
scheduler = make_scheduler(StudySettings())
now = datetime(2026, 11, 1, 8, tzinfo=UTC)
n = 0
while True:
    cid, rating = ids[n % len(ids)], 1 + n % 4
    state, _ = repo.card_state(cid)
    out = review(scheduler, cid, state, rating, now, 1500)
    saved = repo.record_review(
        cid, rating, now, out.card.to_json(), out.card.due, 1500, lapsed=out.lapsed
    )
    print(saved.review_id, flush=True)  # only once the rating is committed
    n += 1
    now += timedelta(minutes=13)
"""


def notes(folder: Path, files: int, start: int = 0, word: str = "fact") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + files):
        cards = "\n".join(f"## Part {j}\n\nWhich {word} {i}.{j}?::This one\n" for j in range(15))
        (folder / f"n{i:03d}.md").write_text(f"# Notes {i}\n\n{cards}", encoding="utf-8")
    return folder


def child(code: str, *args: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def kill_after(proc: subprocess.Popen[str], lines: int) -> list[str]:
    """Read `lines` lines the child printed, SIGKILL it, and return every line it printed."""
    assert proc.stdout is not None
    seen = []
    for _ in range(lines):
        line = proc.stdout.readline()
        assert line, "the child ended before it was killed"
        seen.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    seen += proc.stdout.read().split()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return seen


def sound(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    return con


def test_an_import_killed_halfway_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    tree = notes(tmp_path / "notes", 3)
    repo = Collection.open(path)
    import_paths(repo, [tree])
    repo.close()
    con = sound(path)
    before = con.execute("SELECT path, sha256 FROM sources ORDER BY path").fetchall()
    n_cards = con.execute("SELECT count(*) FROM cards").fetchone()
    con.close()
    notes(tree, 3, word="changed fact")  # the three files edited, and 57 new ones
    notes(tree, 57, start=3)

    proc = child(IMPORT_CHILD, path, tree)
    printed = kill_after(proc, 12)  # eleven files written into the open transaction
    assert "finished" not in printed
    assert Path(f"{path}-wal").exists()

    con = sound(path)
    assert con.execute("SELECT path, sha256 FROM sources ORDER BY path").fetchall() == before
    assert con.execute("SELECT count(*) FROM cards").fetchone() == n_cards
    con.close()
    repo = Collection.open(path)  # and the next run applies the whole import
    report = import_paths(repo, [tree])
    assert sum(f.status == "imported" for f in report.files) == 60
    assert repo.counts()["sources"] == 60
    repo.close()


def test_a_review_session_killed_keeps_every_saved_rating_and_matching_card_state(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    repo = Collection.open(path)
    import_paths(repo, [notes(tmp_path / "notes", 2)])
    repo.close()

    printed = [int(x) for x in kill_after(child(REVIEW_CHILD, path), 40)]

    con = sound(path)
    stored = [r for (r,) in con.execute("SELECT id FROM reviews ORDER BY id")]
    assert stored[: len(printed)] == printed  # every rating reported saved is there
    assert len(stored) - len(printed) <= 1  # at most one committed as the kill landed
    last = con.execute(
        "SELECT r.card_id, r.state_after, c.fsrs FROM reviews r JOIN cards c ON c.id = r.card_id"
        " WHERE r.id = (SELECT max(id) FROM reviews WHERE card_id = r.card_id)"
    ).fetchall()
    assert len(last) == len({cid for (cid,) in con.execute("SELECT card_id FROM reviews")})
    for card_id, state_after, fsrs in last:
        assert json.loads(fsrs) == json.loads(state_after), card_id
    con.close()
