"""`studyapp exam CODE`: open the app straight on a mock exam (or a practice exam, or review mode).

An unfinished attempt for the exam is offered for resuming first. Leaving the exam (or its
result) closes the app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def cmd_exam(db_path: Path, code: str, count: int | None, review: bool, seed: int | None) -> int:
    from studyapp.usecases.examining import ExamPlan, content

    guides, _ = content()
    exam = code.lower()
    if exam not in guides:
        known = ", ".join(sorted(guides))
        print(f"studyapp: unknown exam {code!r}; known exams: {known}", file=sys.stderr)
        return 2
    if count is not None and count < 1:
        print("studyapp: --count must be 1 or more", file=sys.stderr)
        return 2
    kind = "review" if review else ("practice" if count else "exam")
    plan = ExamPlan(exam, kind, count=count, seed=seed)

    from studyapp.store.repository import Repository
    from studyapp.tui.app import StudyApp
    from studyapp.tui.screens.exams_menu import open_exam

    repo = Repository.open(db_path)

    def launch(app: Any) -> None:
        open_exam(app, repo, plan, after=app.exit)

    try:
        StudyApp(db_path, launch=launch).run()
    finally:
        repo.close()
    return 0
