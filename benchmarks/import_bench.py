"""Import throughput, measured against markdown-it-py's own parse of the same text in this run.

Usage: .venv/bin/python benchmarks/import_bench.py [--note PATH]
Prints: the largest shared note imported into a database already holding 100,000 cards (MB/s,
and as a ratio to markdown-it-py alone), its unchanged re-import, and the same for a generated
5 MB notes tree. Targets (issue 3): >= 1.2 MB/s end to end; unchanged 5 MB re-import < 0.3 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _gen import fill_cards, notes_tree  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from studyapp.store.collection import Collection  # noqa: E402
from studyapp.usecases.importing import import_paths  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "notes"  # ../shared beside the clone


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def markdown_it_seconds(paths: list[Path]) -> float:
    md = MarkdownIt("commonmark").enable("table")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    return best_of(3, lambda: [md.parse(t) for t in texts])


def run_case(label: str, paths: list[Path], root: Path, prefill: int) -> None:
    size = sum(p.stat().st_size for p in paths)
    mb = size / 1e6
    base = markdown_it_seconds(paths)
    times = []
    for attempt in range(3):
        repo = Collection.open(root / f"{label}-{attempt}.sqlite3")
        if prefill:
            fill_cards(repo, prefill)
        t = time.perf_counter()
        report = import_paths(repo, paths)
        times.append(time.perf_counter() - t)
        if attempt == 0:
            t = time.perf_counter()
            again = import_paths(repo, paths)
            unchanged = time.perf_counter() - t
            assert all(f.status == "unchanged" for f in again.files)
            n_cards = sum(f.cards for f in report.files)
        repo.close()
    took = min(times)
    print(f"{label}: {len(paths)} files, {mb:.2f} MB, {n_cards} cards")
    print(f"  markdown-it-py parse alone : {mb / base:6.2f} MB/s ({base * 1000:.0f} ms)")
    print(
        f"  import end to end          : {mb / took:6.2f} MB/s ({took * 1000:.0f} ms)"
        f"  = {base / took:.2f}x markdown-it's speed (target >= 0.5x, 1.2 MB/s)"
    )
    print(f"  unchanged re-import        : {unchanged * 1000:6.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--note", type=Path, help="note to import (default: largest shared note)")
    ap.add_argument("--prefill", type=int, default=100_000, help="cards already in the database")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        note = args.note
        if note is None and SHARED.is_dir():
            note = max(SHARED.glob("*"), key=lambda p: p.stat().st_size)
        if note is not None:
            run_case(f"note {note.name} (+{args.prefill:,} cards)", [note], root, args.prefill)
        else:
            print(f"!!! {SHARED} is not there (clone beside ../shared, as /work/<name>):")
            print("!!! the single shared-note case is SKIPPED")
        tree = root / "tree"
        notes_tree(tree, 5_000_000)
        run_case("generated 5 MB tree", sorted(tree.glob("*.md")), root, 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
