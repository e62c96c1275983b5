"""`studyapp sync` of 1,000,000 reviews through a real PostgreSQL server.

Run: .venv/bin/python benchmarks/sync_bench.py [URL]

URL: a PostgreSQL database to use (it gets a fresh `studyapp_bench_*` collection each run);
default: $STUDYAPP_SYNC_URL, else a throwaway server started from /usr/lib/postgresql/*/bin
(tests/sync/pgserver.py) and stopped at the end.

Machine A has 10,000 cards and 1,000,000 reviews (each card's log one chain of states, as one
machine writes it); machine B has the same cards and no reviews. Prints the time of A's push,
of B's pull of the million, of a sync with nothing new, and of a sync after both reviewed the
same 1,000 cards offline (the merged logs replayed with fsrs). The generated collections are
kept in the temp folder per schema revision.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "sync"))

from studyapp.store.collection import Collection  # noqa: E402
from studyapp.store.revision import HEAD_REVISION  # noqa: E402
from studyapp.study.scheduler import make_scheduler, review  # noqa: E402
from studyapp.study.settings import StudySettings  # noqa: E402
from studyapp.usecases.sync import ENV_URL, mask_url, sync  # noqa: E402

CARDS = 10_000
REVIEWS = 1_000_000
FMT = "%Y-%m-%d %H:%M:%S.%f"
START = datetime(2025, 1, 1, tzinfo=UTC)


def _state(card_id: int, n: int, at: datetime) -> str:
    return json.dumps(
        {
            "card_id": card_id,
            "state": 2,
            "step": None,
            "stability": 1.0 + n * 0.5,
            "difficulty": 5.0,
            "due": (at + timedelta(days=1 + n)).isoformat(),
            "last_review": at.isoformat(),
        }
    )


def build(folder: Path) -> tuple[Path, Path]:
    a, b = folder / "a.sqlite3", folder / "b.sqlite3"
    if a.exists() and b.exists():
        return a, b
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    Collection.open(a).close()
    con = sqlite3.connect(a)
    stamp = START.replace(tzinfo=None).strftime(FMT)
    with con:
        con.execute(
            "INSERT INTO sources (id, path, display_path, sha256, kind, bundled, repaired,"
            " imported_at) VALUES (1, '/bench.md', 'bench.md', '0', 'markdown', 0, 0, ?)",
            (stamp,),
        )
        con.executemany(
            "INSERT INTO cards (id, source_id, kind, front, back, prompt_key, line, position,"
            " lapses, suspended, leech, retired, created_at, updated_at, uid)"
            " VALUES (?, 1, 'basic', ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)",
            [
                (i, f"Q{i}?", f"A{i}", f"q{i}", i, i, stamp, stamp, f"{i:032x}")
                for i in range(1, CARDS + 1)
            ],
        )
    con.close()
    shutil.copy(a, b)  # the same cards, no reviews
    con = sqlite3.connect(a)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    rng = random.Random(7)
    per_card = REVIEWS // CARDS
    last: dict[int, str] = {}
    rows = []
    with con:
        for n in range(per_card):
            for cid in range(1, CARDS + 1):
                at = START + timedelta(days=n, seconds=cid)
                after = _state(cid, n, at)
                rows.append(
                    (
                        uuid.UUID(int=rng.getrandbits(128)).hex,
                        cid,
                        rng.choice((1, 3, 3, 4)),
                        at.replace(tzinfo=None).strftime(FMT),
                        rng.randint(1500, 20000),
                        last.get(cid),
                        after,
                    )
                )
                last[cid] = after
            if len(rows) >= 100_000:
                con.executemany(
                    "INSERT INTO reviews (uid, card_id, rating, reviewed_at, duration_ms,"
                    " state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                rows = []
        con.executemany(
            "UPDATE cards SET fsrs = ?, due = ? WHERE id = ?",
            [
                (s, datetime.fromisoformat(json.loads(s)["due"]).strftime(FMT), c)
                for c, s in last.items()
            ],
        )
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    print(f"built {folder} in {time.perf_counter() - t:.1f}s", flush=True)
    return a, b


def offline_reviews(repo: Collection, cards: int, at: datetime, seed: int) -> None:
    rng = random.Random(seed)
    scheduler = make_scheduler(StudySettings())
    for cid in range(1, cards + 1):
        state, _ = repo.card_state(cid)
        rating = rng.choice((1, 3, 4))
        out = review(scheduler, cid, state, rating, at, 3000)
        repo.record_review(cid, rating, at, out.card.to_json(), out.card.due, 3000, out.lapsed)


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(ENV_URL)
    server = None
    if not url:
        import pgserver

        server = pgserver.start()
        url = server.url
    try:
        folder = Path(tempfile.gettempdir()) / "studyapp-bench" / f"sync-{REVIEWS}-{HEAD_REVISION}"
        a_src, b_src = build(folder)
        work = Path(tempfile.mkdtemp(prefix="studyapp-sync-bench-"))
        shutil.copy(a_src, work / "a.sqlite3")
        shutil.copy(b_src, work / "b.sqlite3")
        a, b = Collection.open(work / "a.sqlite3"), Collection.open(work / "b.sqlite3")
        name = f"studyapp_bench_{uuid.uuid4().hex[:8]}"
        print(f"server {mask_url(url)}, collection {name}")
        for label, repo in (
            (f"push of {REVIEWS:,} reviews (machine A)", a),
            (f"pull of {REVIEWS:,} reviews (machine B)", b),
            ("sync with nothing new (machine A)", a),
        ):
            t = time.perf_counter()
            result = sync(repo, url, collection=name)
            took = time.perf_counter() - t
            print(
                f"{label}: {took:.1f}s  (pushed {result.pushed_reviews:,},"
                f" pulled {result.pulled_reviews:,}, replayed {result.rebuilt_cards:,})",
                flush=True,
            )
        when = START + timedelta(days=400)
        offline_reviews(a, 1000, when, seed=1)
        offline_reviews(b, 1000, when + timedelta(hours=2), seed=2)
        sync(a, url, collection=name)
        t = time.perf_counter()
        result = sync(b, url, collection=name)
        print(
            f"sync after both reviewed the same 1,000 cards offline (machine B):"
            f" {time.perf_counter() - t:.1f}s  (replayed {result.rebuilt_cards:,} cards,"
            f" {REVIEWS // CARDS + 2} reviews each)",
            flush=True,
        )
        a.close()
        b.close()
        shutil.rmtree(work, ignore_errors=True)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
