"""Every CLI command as a whole process, against `python -c pass` measured in the same run.

Usage: .venv/bin/python benchmarks/cli_bench.py [--runs 7] [--python PATH]
`--python` measures the studyapp installed in another virtual environment (e.g. an older commit
in a git worktree, after `make` built its .venv), so before and after are measured alike: each
command runs as `PYTHON -m studyapp ...`, its baseline as `PYTHON -c pass`.

Prints, best of the runs:
- start-up: each command on a small collection (one note), and its time over `python -c pass`
  (goal, issue 13: at most 0.12 s over it for any command);
- `report` on 100,000 cards and 1,000,000 reviews (benchmarks/_study_gen.py; goal 0.5 s);
- `import` of an unchanged 5 MB notes folder (goal 0.3 s).
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _gen import notes_tree  # noqa: E402
from _study_gen import collection  # noqa: E402

NOTE = "# SQS\n\nDefault visibility timeout?::30 seconds\n\n## FIFO\n\nThroughput: 300 TPS\n"


def best(runs: int, argv: list[str], env: dict[str, str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    py = os.path.abspath(args.python)  # not resolved: a venv's python is a symlink
    found = subprocess.run(
        [py, "-c", "import studyapp, pathlib; print(pathlib.Path(studyapp.__file__).parents[1])"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # not this checkout: `-c` puts the cwd first on sys.path
    )
    checkout = Path(found.stdout.strip())
    compileall.compile_dir(checkout / "studyapp", quiet=1)  # as an installed package would be
    env = dict(os.environ)

    def app(*argv: str) -> list[str]:
        return [py, "-m", "studyapp", *argv]

    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        small = tmp / "small.sqlite3"
        note = tmp / "note.md"
        note.write_text(NOTE, encoding="utf-8")
        subprocess.run(
            app("--db", str(small), "import", str(note)),
            env=env,
            check=True,
            capture_output=True,
            cwd=checkout,
        )
        base = best(args.runs, [py, "-c", "pass"], env, checkout)
        print(f"checkout: {checkout}")
        print(f"python -c pass: {base * 1000:.0f} ms (best of {args.runs})")
        print("start-up on a small collection (goal: at most 120 ms over python -c pass):")
        commands = {
            "--help": app("--help"),
            "cards": app("--db", str(small), "cards"),
            "import (unchanged)": app("--db", str(small), "import", str(note)),
            "report": app("--db", str(small), "report"),
            "doctor": app("--db", str(small), "doctor"),
            "demo sqs --json": app("demo", "sqs", "--json"),
        }
        for name, argv in commands.items():
            t = best(args.runs, argv, env, checkout)
            print(f"  {name:<20} {t * 1000:6.0f} ms   +{(t - base) * 1000:4.0f} ms over pass")

        big = tmp / "big.sqlite3"
        shutil.copyfile(collection(), big)
        subprocess.run(
            app("--db", str(big), "report"),
            env=env,
            check=True,  # migrate, cache
            capture_output=True,
            cwd=checkout,
        )
        t = best(args.runs, app("--db", str(big), "report"), env, checkout)
        print(f"report, 100,000 cards / 1,000,000 reviews (goal 0.5 s): {t:.2f} s")

        notes = tmp / "notes"
        size = notes_tree(notes, 5 * 1024 * 1024)
        five = tmp / "five.sqlite3"
        subprocess.run(
            app("--db", str(five), "import", str(notes)),
            env=env,
            check=True,
            capture_output=True,
            cwd=checkout,
        )
        t = best(args.runs, app("--db", str(five), "import", str(notes)), env, checkout)
        print(f"import of an unchanged {size / 1e6:.1f} MB folder (goal 0.3 s): {t:.2f} s")


if __name__ == "__main__":
    main()
