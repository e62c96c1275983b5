"""Progress report over 100,000 cards and 1,000,000 reviews (target: under 0.5 s).

Run: .venv/bin/python benchmarks/report_bench.py [--fresh]

The generated database (about a minute to build) is kept in the temp folder between runs, with
the time it was generated for; `--fresh` builds it again.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card

from studyapp import locations
from studyapp.exam.guide import load_guides
from studyapp.reports.mapping import load_catalogue
from studyapp.reports.report import make_reports
from studyapp.store.repository import Repository

CARDS, REVIEWS, TOPICS = 100_000, 1_000_000, 2_000
SERVICES = ["SQS", "Route 53", "DynamoDB", "Lambda", "S3", "RDS Proxy", "ElastiCache", "KMS"]
FMT = "%Y-%m-%d %H:%M:%S.%f"


def generate(db: Path, now: datetime) -> None:
    Repository.open(db).close()  # migrations
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


CACHE = Path(tempfile.gettempdir()) / "studyapp-report-bench-v1"


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


def main() -> None:
    guides = load_guides(locations.content_dir() / "exams")
    catalogue = load_catalogue(locations.content_dir() / "catalogue" / "aws-services.yaml", guides)
    db, now = cached_db()
    t0 = time.perf_counter()
    repo = Repository.open(db)  # migrates a cache built by an older schema (once)
    print(f"opened in {time.perf_counter() - t0:.2f} s")
    for run in range(3):
        t0 = time.perf_counter()
        rows = repo.report_rows(now)
        t1 = time.perf_counter()
        reports = make_reports(rows, guides, catalogue)
        for r in reports:
            r.to_text()
        t2 = time.perf_counter()
        print(
            f"run {run + 1}: report {t2 - t0:.3f} s (store {t1 - t0:.3f} s, "
            f"pure {t2 - t1:.3f} s) target < 0.5 s",
            flush=True,
        )
    repo.close()


if __name__ == "__main__":
    main()
