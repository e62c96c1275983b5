"""`studyapp report [EXAM]`: progress per exam domain, as text, Markdown or JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMATS = ("text", "markdown", "json")


def cmd_report(
    db_path: Path, exam: str | None, fmt: str, dump: Any, now: datetime | None = None
) -> int:
    from studyapp.reports.report import make_reports
    from studyapp.store.repository import Repository
    from studyapp.usecases import mapping_cache

    guides, catalogue = mapping_cache.guides_and_catalogue()
    code = exam.lower() if exam else None
    if code is not None and code not in guides:
        print(f"studyapp: unknown exam {exam!r}; known exams: {', '.join(sorted(guides))}")
        return 2
    mapping_cache.load_into(catalogue, db_path)
    repo = Repository.open(db_path)
    try:
        rows = repo.report_rows(now or datetime.now(UTC))
    finally:
        repo.close()
    reports = make_reports(rows, guides, catalogue, code)
    mapping_cache.save_from(catalogue, db_path)
    if fmt == "json":
        print(dump({"reports": [r.to_json() for r in reports]}))
    elif fmt == "markdown":
        print("\n".join(r.to_markdown() for r in reports), end="")
    else:
        print("\n\n".join(r.to_text() for r in reports))
    return 0
