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
    from studyapp.usecases.reporting import build_reports

    problem = content.unknown_exam(exam)
    if problem is not None:
        print(f"studyapp: {problem}")
        return 2
    collection = Collection.open(db_path)
    try:
        reports = build_reports(collection, now or utcnow(), exam.lower() if exam else None)
    finally:
        collection.close()
    if fmt == "json":
        print(dump({"reports": [r.to_json() for r in reports]}))
    elif fmt == "markdown":
        print("\n".join(r.to_markdown() for r in reports), end="")
    else:
        print("\n\n".join(r.to_text() for r in reports))
    return 0
