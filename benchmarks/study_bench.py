"""The study TUI on a big collection, measured against a bare Textual app (one Label) in this run.

Usage: .venv/bin/python benchmarks/study_bench.py [--runs 6] [--ratings 200]
Collection: 100,000 cards and 1,000,000 reviews, generated once a day into the temp dir
(benchmarks/_study_gen.py), bundled notes imported, copied afresh for every run.
Prints: process start to the home screen painted with its figures, and to the first card painted
(best of the runs, and as ratios to the bare app's start to first paint); rating to the next card
painted (median and p90); peak RSS of the child. Targets (issue 4): home <= 1.3x, first card
<= 2x, rating median <= 14 ms and p90 <= 33 ms, peak memory < 110 MiB. Nothing is asserted.
Both apps run headless (same driver); the rating is dispatched as the "3" key's action.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _study_gen import collection  # noqa: E402

CHILD = HERE / "_study_child.py"


def spawn(*args: str) -> tuple[float, dict]:  # type: ignore[type-arg]
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(CHILD), *args], capture_output=True, text=True, check=True
    )
    return start, json.loads(out.stdout.strip().splitlines()[-1])


def with_bundled_notes(path: Path) -> Path:
    """The cached collection with the bundled notes imported (unchanged files are skipped by
    their hash), so the measured start is a normal one, not the first after an upgrade."""
    from studyapp.store.collection import Collection
    from studyapp.usecases.importing import import_paths
    from studyapp.util import locations

    if locations.bundled_notes_dir().is_dir():
        repo = Collection.open(path)
        try:
            import_paths(repo, [locations.bundled_notes_dir()], bundled=True)
        finally:
            repo.close()
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--ratings", type=int, default=200)
    args = ap.parse_args()
    source = with_bundled_notes(collection())
    # An installed package starts from compiled modules (`make run` compiles them too); where
    # PYTHONDONTWRITEBYTECODE is set, nothing would cache them and every start would compile
    # studyapp's sources again, which the bare app (all in site-packages) does not pay.
    compileall.compile_dir(HERE.parent / "studyapp", quiet=1)
    bare_ms, bare_rss = [], []
    home_ms, card_ms, rss = [], [], []
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            start, d = spawn("bare")
            bare_ms.append((d["painted"] - start) * 1000)
            bare_rss.append(d["maxrss_kib"] / 1024)
            db = Path(tmp) / "study.sqlite3"
            for extra in Path(tmp).glob("study.sqlite3*"):
                extra.unlink()
            shutil.copyfile(source, db)
            start, d = spawn("study", str(db), str(args.ratings))
            home_ms.append((d["home"] - start) * 1000)
            card_ms.append((d["card"] - start) * 1000)
            rss.append(d["maxrss_kib"] / 1024)
            latencies.extend(d["latency_ms"])
    bare = min(bare_ms)
    lat = sorted(latencies)
    p90 = lat[int(len(lat) * 0.9)] if lat else float("nan")
    med = statistics.median(lat) if lat else float("nan")
    print(f"collection: {source}")
    print(f"bare app, start to first paint: {bare:7.0f} ms  (peak RSS {max(bare_rss):.0f} MiB)")
    print(
        f"home painted with figures:      {min(home_ms):7.0f} ms  {min(home_ms) / bare:.2f}x  "
        "(target <= 1.3x)"
    )
    print(
        f"first card painted:             {min(card_ms):7.0f} ms  {min(card_ms) / bare:.2f}x  "
        "(target <= 2x)"
    )
    print(
        f"rating to next card ({len(lat)}):     median {med:.1f} ms (target <= 14), "
        f"p90 {p90:.1f} ms (target <= 33)"
    )
    print(f"peak RSS of the study app:      {max(rss):7.0f} MiB  (target < 110 MiB)")


if __name__ == "__main__":
    main()
