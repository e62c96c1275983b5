"""`studyapp report [EXAM]`: progress per exam domain, as text, Markdown or JSON."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from studyapp.util.clock import utcnow

FORMATS = ("text", "markdown", "json")


def cmd_report(
    db_path: Path, exam: str | None, fmt: str, dump: Any, now: datetime | None = None
) -> int:
    from studyapp.store.collection import Collection
    from studyapp.usecases import content
    from studyapp.usecases.reporting import build_reports, build_stats

    problem = content.unknown_exam(exam)
    if problem is not None:
        print(f"studyapp: {problem}")
        return 2
    at = now or utcnow()
    collection = Collection.open(db_path)
    try:
        reports = build_reports(collection, at, exam.lower() if exam else None)
        stats = build_stats(collection, at) if fmt == "json" else None
    finally:
        collection.close()
    if stats is not None:
        print(dump({"reports": [r.to_json() for r in reports], "stats": stats.to_json()}))
    elif fmt == "markdown":
        print("\n".join(r.to_markdown() for r in reports), end="")
    else:
        print("\n\n".join(r.to_text() for r in reports))
    return 0
