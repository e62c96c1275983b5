"""Progress report over 100,000 cards and 1,000,000 reviews (target: under 0.5 s).

Run: .venv/bin/python benchmarks/report_bench.py [--fresh]

Prints the report's time (store: reading the rows; pure: mapping and figures) for the first report
with nothing mapped yet, again in the same process, and the first report of a new process (which
reads the topics' mappings from the cache beside the database, studyapp/usecases/mapping_cache.py).

The generated database (about a minute to build) is kept in the temp folder between runs, with
the time it was generated for; `--fresh` builds it again.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card

from studyapp.reports.report import make_reports
from studyapp.store.collection import Collection
from studyapp.store.revision import HEAD_REVISION
from studyapp.usecases import mapping_cache

CARDS, REVIEWS, TOPICS = 100_000, 1_000_000, 2_000
SERVICES = ["SQS", "Route 53", "DynamoDB", "Lambda", "S3", "RDS Proxy", "ElastiCache", "KMS"]
FMT = "%Y-%m-%d %H:%M:%S.%f"


def generate(db: Path, now: datetime) -> None:
    Collection.open(db).close()  # migrations
    rng = random.Random(7)
    con = sqlite3.connect(db)
    stamp = now.replace(tzinfo=None).strftime(FMT)
    con.execute(
        "INSERT INTO sources (id, path, display_path, sha256, kind, bundled, repaired,"
        " imported_at) VALUES (1, '/big.md', 'big.md', '0', 'markdown', 0, 0, ?)",
        (stamp,),
    )
    con.executemany(
        "INSERT INTO topics (id, source_id, path_key, title, level, line, position, body,"
        " domains, retired) VALUES (?, 1, ?, ?, 1, ?, ?, ?, '', 0)",
        [
            (
                t,
                f"{SERVICES[t % 8]} {t}",
                f"{SERVICES[t % 8]} {t}",
                t,
                t,
                f"Notes about {SERVICES[(t * 3) % 8]} and more prose. " * 5,
            )
            for t in range(1, TOPICS + 1)
        ],
    )
    card_rows = []
    for i in range(1, CARDS + 1):
        last = now - timedelta(days=rng.randint(0, 60), seconds=rng.randint(0, 86399))
        stab = rng.uniform(0.5, 120)
        state = Card(i, stability=stab, difficulty=5.0, last_review=last, due=last).to_json()
        due = (last + timedelta(days=stab)).replace(tzinfo=None).strftime(FMT)
        card_rows.append((i, rng.randint(1, TOPICS), f"Q{i}", f"q{i}", i, state, due, stamp))
    con.executemany(
        "INSERT INTO cards (id, source_id, topic_id, kind, front, back, prompt_key, line,"
        " position, fsrs, due, lapses, suspended, leech, retired, created_at, updated_at)"
        " VALUES (?, 1, ?, 'basic', ?, 'A', ?, ?, 0, ?, ?, 0, 0, 0, 0, ?, ?)",
        [(*r, r[-1]) for r in card_rows],
    )
    state = card_rows[0][5]

    def reviews():  # type: ignore[no-untyped-def]
        for _ in range(REVIEWS):
            when = now - timedelta(days=rng.randint(0, 60), seconds=rng.randint(0, 86399))
            yield (
                rng.randint(1, CARDS),
                rng.randint(1, 4),
                when.replace(tzinfo=None).strftime(FMT),
                rng.randint(2000, 20000),
                state,
                state,
            )

    con.executemany(
        "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms, state_before,"
        " state_after) VALUES (?, ?, ?, ?, ?, ?)",
        reviews(),
    )
    con.commit()
    con.close()


# per schema revision: checkouts at other revisions (worktrees) keep their own copy
CACHE = Path(tempfile.gettempdir()) / f"studyapp-report-bench-v1-{HEAD_REVISION}"


def cached_db() -> tuple[Path, datetime]:
    """The benchmark database and the time its history was generated for (built once)."""
    db, stamp = CACHE / "bench.sqlite3", CACHE / "generated-at.txt"
    if "--fresh" in sys.argv:
        shutil.rmtree(CACHE, ignore_errors=True)
    if db.exists() and stamp.exists():
        print(f"using the cached data in {CACHE} (--fresh to rebuild)")
        return db, datetime.fromisoformat(stamp.read_text(encoding="utf-8").strip())
    shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.mkdir(parents=True)
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    generate(db, now)
    stamp.write_text(now.isoformat(), encoding="utf-8")
    print(f"generated {CARDS:,} cards, {REVIEWS:,} reviews in {time.perf_counter() - t0:.1f} s")
    return db, now


def timed_report(repo: Collection, now: datetime, db: Path) -> tuple[float, float, float]:
    """(total, store, pure) seconds of one report over every exam, as the report screen makes
    it: guides and catalogue loaded once per process, mappings cached beside the database."""
    guides, catalogue = mapping_cache.guides_and_catalogue()
    t0 = time.perf_counter()
    mapping_cache.load_into(catalogue, db)
    rows = repo.report_rows(now)
    t1 = time.perf_counter()
    reports = make_reports(rows, guides, catalogue)
    for r in reports:
        r.to_text()
    t2 = time.perf_counter()
    mapping_cache.save_from(catalogue, db)
    return t2 - t0, t1 - t0, t2 - t1


def child(db: Path, now: datetime) -> None:
    """A new process: the first report it makes (the mapping cache is warm)."""
    mapping_cache.guides_and_catalogue()
    repo = Collection.open(db)
    total, store, pure = timed_report(repo, now, db)
    repo.close()
    print(f"{total} {store} {pure}")


def line(label: str, total: float, store: float, pure: float) -> str:
    return f"{label:<46} {total:.3f} s (store {store:.3f} s, pure {pure:.3f} s)  target < 0.5 s"


def main() -> None:
    db, now = cached_db()
    if "--child" in sys.argv:
        child(db, now)
        return
    mapping_cache.guides_and_catalogue()  # loaded once per process, before any report
    t0 = time.perf_counter()
    repo = Collection.open(db)  # migrates a cache built by an older schema (once)
    print(f"opened in {time.perf_counter() - t0:.2f} s")
    mapping_cache.cache_path(db).unlink(missing_ok=True)
    print(line("first report, nothing mapped yet:", *timed_report(repo, now, db)))
    for run in range(2):
        print(line(f"again in the same process ({run + 1}):", *timed_report(repo, now, db)))
    repo.close()
    for run in range(2):
        out = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        )
        total, store, pure = (float(x) for x in out.stdout.split()[-3:])
        print(line(f"first report of a new process ({run + 1}):", total, store, pure))


if __name__ == "__main__":
    main()
