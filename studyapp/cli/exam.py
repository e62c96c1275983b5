"""`studyapp exam CODE`: open the app straight on a mock exam (or a practice exam, or review mode).

An unfinished attempt of the same exam and kind is offered for resuming first. Leaving the exam
(or its result) closes the app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.tui.app import StudyApp


def cmd_exam(db_path: Path, code: str, count: int | None, review: bool, seed: int | None) -> int:
    from studyapp.usecases import content
    from studyapp.usecases.examining import ExamPlan

    problem = content.unknown_exam(code)
    if problem is not None:
        print(f"studyapp: {problem}", file=sys.stderr)
        return 2
    exam = code.lower()
    if count is not None and count < 1:
        print("studyapp: --count must be 1 or more", file=sys.stderr)
        return 2
    kind = "review" if review else ("practice" if count else "exam")
    plan = ExamPlan(exam, kind, count=count, seed=seed)

    from studyapp.tui.exam_flow import open_exam
    from studyapp.tui.factory import make_app

    def launch(app: StudyApp) -> None:
        assert app.collection is not None  # launch runs once the collection is open
        open_exam(app, app.collection, plan, after=app.exit)

    make_app(db_path, launch=launch).run()
    return 0
