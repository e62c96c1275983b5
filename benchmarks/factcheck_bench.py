"""What the fact check adds to an import, and that it stays linear.

Usage: .venv/bin/python benchmarks/factcheck_bench.py [--note PATH]
Prints, for the largest shared note (or PATH) and for it repeated 2, 4 and 8 times: parse time,
fact-check time, checking speed in MB/s, the check as a share of the parse, and the time per MB
relative to the single copy (about 1.0 everywhere means linear). No assertions: figures only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studyapp.facts import check_note  # noqa: E402
from studyapp.notes.parse import parse_text  # noqa: E402
from studyapp.usecases.content import facts as default_catalogue  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "notes"


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--note", type=Path)
    args = parser.parse_args()
    note = args.note
    if note is None:
        found = SHARED.glob("*.md") if SHARED.is_dir() else iter(())
        notes = sorted(found, key=lambda p: p.stat().st_size)
        if not notes:
            print("no note: pass --note PATH (../shared/notes is absent)")
            return 1
        note = notes[-1]
    catalogue, problems = default_catalogue()
    print(f"catalogue: {catalogue.entries} documented values in {len(catalogue.facts)} facts")
    text = note.read_text(encoding="utf-8", errors="replace")
    base = None
    for copies in (1, 2, 4, 8):
        body = "\n".join(text for _ in range(copies))
        mb = len(body.encode()) / 1e6
        parsed = parse_text(body, note.name)
        t_parse = best_of(3, lambda body=body: parse_text(body, note.name))
        t_check = best_of(3, lambda parsed=parsed: check_note(parsed, catalogue))
        found = len(check_note(parsed, catalogue))
        per_mb = t_check / mb
        base = base or per_mb
        print(
            f"{copies}x {note.name}: {mb:.2f} MB, {len(parsed.cards)} cards, {found} findings; "
            f"parse {t_parse * 1000:.0f} ms, check {t_check * 1000:.0f} ms "
            f"({mb / t_check:.1f} MB/s, {t_check / t_parse:.0%} of the parse); "
            f"time per MB x{per_mb / base:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
