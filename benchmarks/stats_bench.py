"""Statistics and the damage check over 100,000 cards and 1,000,000 reviews.

Run: .venv/bin/python benchmarks/stats_bench.py [DB]

Prints the time of `build_stats` (retention by month, heatmap and hours from `review_hours`,
the per-hour counts triggers keep; card states: one grouped pass over the cards) and of
`check_intact` (SQLite's quick check, what `import` and `forget` run before writing), each three
times, on the generated collection of benchmarks/_study_gen.py (cached in the temp folder, opened
read-only here), or on DB (upgraded first if need be).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _study_gen import CARDS, REVIEWS, collection  # noqa: E402

from studyapp.store.collection import Collection  # noqa: E402
from studyapp.usecases.reporting import build_stats  # noqa: E402


def main() -> None:
    now = datetime.now(UTC)
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
        Collection.open(path).close()  # the schema this checkout reads
    else:
        path = collection(now)
        print(f"{CARDS:,} cards, {REVIEWS:,} reviews")
    print(path)
    repo = Collection.open(path, read_only=True)
    try:
        for run in range(3):
            t = time.perf_counter()
            stats = build_stats(repo, now)
            took = time.perf_counter() - t
            print(f"build_stats ({run + 1}): {took:.2f} s  ({sum(stats.states.values()):,} cards)")
        for run in range(3):
            t = time.perf_counter()
            repo.check_intact()
            print(f"check_intact ({run + 1}): {time.perf_counter() - t:.2f} s")
    finally:
        repo.close()


if __name__ == "__main__":
    main()
