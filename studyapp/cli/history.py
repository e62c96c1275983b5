"""`studyapp history [EXAM]`: past attempts (score, per-domain results) and the trend per exam and
kind, as text or JSON; the same figures as the history screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def cmd_history(db_path: Path, exam: str | None, as_json: bool, dump: Any) -> int:
    from studyapp.store.collection import Collection
    from studyapp.usecases import content
    from studyapp.usecases.exam_history import history

    problem = content.unknown_exam(exam)
    if problem is not None:
        print(f"studyapp: {problem}")
        return 2
    collection = Collection.open(db_path)
    try:
        attempts, trends = history(collection, exam.lower() if exam else None)
    finally:
        collection.close()
    if as_json:
        print(
            dump(
                {
                    "attempts": [a.to_dict() for a in attempts],
                    "trends": [
                        {
                            "exam": t.exam,
                            "kind": t.kind,
                            "percents": [round(p, 1) for p in t.percents],
                        }
                        for t in trends
                    ],
                }
            )
        )
        return 0
    if not attempts:
        print("No finished attempts yet: sit one with `studyapp exam CODE` or in the app.")
        return 0
    for t in trends:
        print(t.text())
    print()
    for a in attempts:
        score = f"{a.scaled} {'pass' if a.passed else 'fail'}" if a.scaled is not None else ""
        change = "first" if a.change is None else f"{a.change:+.0f} pts"
        domains = "  ".join(f"{d.number}: {d.percent:.0f}%" for d in a.domains if d.asked)
        print(
            f"{a.finished_at:%Y-%m-%d %H:%M}  {a.exam.upper()} {a.kind_name}: {a.right}/{a.asked}"
            f" ({a.percent:.0f}%) {score}  {change}  per domain {domains}"
        )
    return 0
