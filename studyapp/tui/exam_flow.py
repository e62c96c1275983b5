"""Starting or resuming an attempt: the one way in, used by the exams menu, the report's quiz
key and `studyapp exam` (it offers to resume an unfinished attempt first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

from studyapp.tui.screens.exam import ExamScreen
from studyapp.usecases.examining import ExamPlan, ExamRun, describe_unfinished, unfinished_for
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.store.exam_queries import AttemptRow


def open_exam(
    app: App[Any],
    collection: Collection,
    plan: ExamPlan,
    now: Clock = utcnow,
    after: Callable[[], None] | None = None,
) -> None:
    """Start the attempt `plan` asks for, first offering to resume an unfinished one of the
    same exam and kind."""
    from studyapp.tui.dialogs.exam_nav import ConfirmScreen

    row = unfinished_for(collection, plan)
    if row is None:
        _start(app, collection, plan, now, after)
        return

    def decided(resume: bool | None) -> None:
        if resume is None:
            if after is not None:
                after()
            return
        if resume:
            resume_exam(app, collection, row, now, after)
        else:
            collection.abandon_attempt(row.id, now())
            _start(app, collection, plan, now, after)

    message = (
        f"You have an unfinished attempt:\n{describe_unfinished(row)}\n\n"
        "Resume it? (Starting a new one closes it without a score.)"
    )
    app.push_screen(ConfirmScreen(message, "y: resume   n: start a new one   Esc: cancel"), decided)


def _start(
    app: App[Any],
    collection: Collection,
    plan: ExamPlan,
    now: Clock,
    after: Callable[[], None] | None,
) -> None:
    try:
        run = ExamRun.start(collection, plan, now())
    except ValueError as exc:
        app.notify(str(exc), severity="error", timeout=10)
        if after is not None:
            after()
        return
    app.push_screen(ExamScreen(run, plan.label, now, after))


def resume_exam(
    app: App[Any],
    collection: Collection,
    row: AttemptRow,
    now: Clock,
    after: Callable[[], None] | None = None,
) -> None:
    run = ExamRun.resume(collection, row, now())
    plan = ExamPlan(row.exam, row.mode)
    app.push_screen(ExamScreen(run, plan.label + " (resumed)", now, after))
