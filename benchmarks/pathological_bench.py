"""Import time of notes made of one pathological line, at 60 KB, 200 KB and 1 MB (issue 15).

Usage: .venv/bin/python benchmarks/pathological_bench.py [--sizes 60,200,1000] [--timeout S]
       [--pattern P ...] [--scan N]

Each case is a Markdown file holding a heading and one line that repeats a pattern (``**a ``,
``a::``...) up to the size, imported with ``studyapp import``'s code path into a fresh database
in a child process (a case still running after ``--timeout`` seconds is stopped and shown as
``>S``, so the figures can also be taken on an older checkout). Printed: the parse alone and
the whole import, in seconds; the issue's limit is 2 s for every 1 MB case. Also run: the same
patterns as many short lines (``a::\\n``...), and other shapes found while hunting for
quadratic time (unclosed comments, links, code spans; floods of real cards).

``--scan N`` instead times N random short patterns (from Markdown's special characters) at two
sizes and prints the ones whose time grows faster than the size: a hunt for superlinear cases.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIMIT_SECONDS = 2.0
# The issue's patterns, each repeated on one line.
ISSUE = ["**a ", "==a ", "__a ", "~~a ", "[a](", "a::"]
# More shapes: the same patterns on many lines, unclosed constructs, floods of real cards.
MORE = [
    "**a \n",
    "a::\n",
    "a\n",
    "`a ``",
    "<!--a",
    "![a](",
    "[a",
    "<http://a",
    "<pre>\n\n",
    "<!--\n\n",
    "==a== ",
    "a==b== ",
    "a::b\n",
    "a::b\n\n",
    "- a::b\n",
    "Q\n?\nA\n\n",
    "| a | b |\n",
    "- a: b\n",
    "- " * 3 + "a\n",
    "> a\n",
    "#a ",
    "e.g. 5 s ",
    "30 seconds ",
    "1-2 ",
]
ALPHABET = list("*_=~[]()!<>`:?#-|\\ \n\t$a1") + ["::", "==", "**", "](", "<!--", "-->", "```"]


def make_text(pattern: str, size: int) -> str:
    body = pattern * max(1, size // len(pattern))
    return f"# Pathological\n\n{body}\n"


def child(pattern: str, size: int) -> None:
    """Time one case (in this process) and print its figures as JSON."""
    from studyapp.notes.parse import parse_file
    from studyapp.store.collection import Collection
    from studyapp.usecases.importing import import_paths

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pathological.md"
        path.write_text(make_text(pattern, size), encoding="utf-8")
        t = time.perf_counter()
        note = parse_file(path)
        parse_s = time.perf_counter() - t
        repo = Collection.open(Path(tmp) / "bench.sqlite3")
        t = time.perf_counter()
        report = import_paths(repo, [path])
        import_s = time.perf_counter() - t
        repo.close()
    summary = report.files[0]
    print(
        json.dumps(
            {
                "parse": parse_s,
                "import": import_s,
                "cards": len(note.cards),
                "status": summary.status,
                "warnings": [w.message for w in note.warnings][:2],
            }
        )
    )


def run(pattern: str, size: int, timeout: float, parse_only: bool = False) -> dict | None:
    cmd = [sys.executable, __file__, "--child", json.dumps(pattern), str(size)]
    if parse_only:
        cmd.append("--parse-only")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:
        raise SystemExit(f"case {pattern!r} at {size} bytes failed:\n{err.stderr}") from err
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def child_parse(pattern: str, size: int) -> None:
    from studyapp.notes.parse import parse_text

    text = make_text(pattern, size)
    t = time.perf_counter()
    parse_text(text, "scan.md")
    print(json.dumps({"parse": time.perf_counter() - t}))


def fmt(seconds: float | None, timeout: float) -> str:
    return f">{timeout:.0f}" if seconds is None else f"{seconds:.2f}"


def table(patterns: list[str], sizes: list[int], timeout: float) -> bool:
    ok = True
    head = "".join(f"{s // 1024:>5} KB parse/import" for s in sizes)
    print(f"{'pattern':<14}{head}   cards(1 MB)  status")
    for pattern in patterns:
        cells = []
        last: dict | None = None
        for size in sizes:
            result = run(pattern, size, timeout)
            if result is None:
                cells.append(f"{'>' + str(int(timeout)):>9} {'':>8}")
                ok = False
                last = None
                continue
            cells.append(f"{result['parse']:>9.2f} {result['import']:>8.2f}")
            if size >= 1_000_000 and result["import"] > LIMIT_SECONDS:
                ok = False
            last = result
        extra = f"{last['cards']:>11}  {last['status']}" if last else ""
        if last and last["warnings"]:
            extra += f"  ({last['warnings'][0][:60]})"
        print(f"{json.dumps(pattern):<14}{''.join(cells)}   {extra}")
    return ok


def scan(count: int, timeout: float, seed: int) -> None:
    """Time random patterns at two sizes; re-time the ones that grew faster than the size."""
    rng = random.Random(seed)
    small, big = 50_000, 200_000
    found: list[tuple[float, str, float]] = []

    def ratio(pattern: str) -> tuple[float, float] | None:
        a = run(pattern, small, timeout, parse_only=True)
        b = run(pattern, big, timeout, parse_only=True)
        if a is None or b is None:
            return None
        return b["parse"] / max(a["parse"], 1e-3), b["parse"]

    for _ in range(count):
        pattern = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 5)))
        first = ratio(pattern)
        if first is None:
            print(f"  {json.dumps(pattern):<20} timed out ({timeout:.0f} s)")
            continue
        if first[0] > 8 and first[1] > 0.2:  # suspect: time it again (the machine is shared)
            again = ratio(pattern)
            first = min(first, again) if again else first
        found.append((first[0], pattern, first[1]))
    found.sort(reverse=True)
    print(
        f"{count} random patterns; time at {big // 1000} KB / time at {small // 1000} KB "
        "(linear: ~4), worst first:"
    )
    for r, pattern, seconds in found[:15]:
        print(f"  {json.dumps(pattern):<20} x{r:5.1f}  {seconds:.3f} s at {big // 1000} KB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="60,200,1000", help="sizes in KB (default 60,200,1000)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case stops")
    ap.add_argument("--pattern", action="append", help="time only this pattern (repeatable)")
    ap.add_argument("--scan", type=int, default=0, help="hunt N random patterns instead")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        pattern, size = json.loads(args.child[0]), int(args.child[1])
        (child_parse if args.parse_only else child)(pattern, size)
        return 0
    if args.scan:
        scan(args.scan, args.timeout, args.seed)
        return 0
    sizes = [int(s) * 1024 for s in args.sizes.split(",")]
    print(f"seconds per case (limit {LIMIT_SECONDS:.0f} s at 1 MB; '>N': stopped after N s)")
    if args.pattern:
        ok = table(args.pattern, sizes, args.timeout)
    else:
        print("the issue's patterns, one line each:")
        ok = table(ISSUE, sizes, args.timeout)
        print("more shapes:")
        ok = table(MORE, sizes, args.timeout) and ok
    print("all within the limit" if ok else "SOME CASES OVER THE LIMIT")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
