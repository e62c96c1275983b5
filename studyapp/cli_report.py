"""`studyapp report [EXAM]`: progress per exam domain, as text, Markdown or JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studyapp import locations

FORMATS = ("text", "markdown", "json")


def catalogue_path() -> Path:
    return locations.content_dir() / "catalogue" / "aws-services.yaml"


def cmd_report(
    db_path: Path, exam: str | None, fmt: str, dump: Any, now: datetime | None = None
) -> int:
    from studyapp.exam.guide import load_guides
    from studyapp.reports.mapping import load_catalogue
    from studyapp.reports.report import make_reports
    from studyapp.store.repository import Repository

    guides = load_guides(locations.content_dir() / "exams")
    code = exam.lower() if exam else None
    if code is not None and code not in guides:
        print(f"studyapp: unknown exam {exam!r}; known exams: {', '.join(sorted(guides))}")
        return 2
    catalogue = load_catalogue(catalogue_path(), guides)
    repo = Repository.open(db_path)
    try:
        rows = repo.report_rows(now or datetime.now(UTC))
    finally:
        repo.close()
    reports = make_reports(rows, guides, catalogue, code)
    if fmt == "json":
        print(dump({"reports": [r.to_json() for r in reports]}))
    elif fmt == "markdown":
        print("\n".join(r.to_markdown() for r in reports), end="")
    else:
        print("\n\n".join(r.to_text() for r in reports))
    return 0
