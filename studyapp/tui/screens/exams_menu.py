"""Exams & quizzes: a chooser (full mocks, practice exams, review mode, quizzes, resume), and
`open_exam`, the one way to start or resume an attempt (it offers to resume an unfinished one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from studyapp.tui.screens.exam import Clock, ExamScreen, system_clock
from studyapp.usecases.examining import ExamPlan, ExamRun, content, describe_unfinished

DEFAULT_PRACTICE = 20


def open_exam(
    app: App[Any],
    repo: Any,
    plan: ExamPlan,
    now: Clock = system_clock,
    after: Callable[[], None] | None = None,
) -> None:
    """Start the attempt `plan` asks for, first offering to resume an unfinished one."""
    from studyapp.tui.dialogs.exam_nav import ConfirmScreen

    row = repo.unfinished_attempt(plan.exam.lower())
    if row is None:
        _start(app, repo, plan, now, after)
        return

    def decided(resume: bool | None) -> None:
        if resume is None:
            if after is not None:
                after()
            return
        if resume:
            resume_exam(app, repo, row, now, after)
        else:
            repo.abandon_attempt(row.id, now())
            _start(app, repo, plan, now, after)

    message = (
        f"You have an unfinished attempt:\n{describe_unfinished(row)}\n\n"
        "Resume it? (Starting a new one closes it without a score.)"
    )
    app.push_screen(ConfirmScreen(message, "y: resume   n: start a new one   Esc: cancel"), decided)


def _start(
    app: App[Any], repo: Any, plan: ExamPlan, now: Clock, after: Callable[[], None] | None
) -> None:
    try:
        run = ExamRun.start(repo, plan, now())
    except ValueError as exc:
        app.notify(str(exc), severity="error", timeout=10)
        if after is not None:
            after()
        return
    app.push_screen(ExamScreen(run, plan.label, now, after))


def resume_exam(
    app: App[Any], repo: Any, row: Any, now: Clock, after: Callable[[], None] | None = None
) -> None:
    run = ExamRun.resume(repo, row, now())
    plan = ExamPlan(row.exam, row.mode)
    app.push_screen(ExamScreen(run, plan.label + " (resumed)", now, after))


def menu_entries(count: int) -> list[tuple[str, str]]:
    """(key, label) for every choice, built from the guides (no exam is named in code)."""
    guides, _ = content()
    out = []
    for code, g in sorted(guides.items()):
        up = code.upper()
        out.append(
            (f"exam:{code}", f"{up} full mock: {g.questions} questions, {g.duration_minutes} min")
        )
        out.append(
            (
                f"practice:{code}",
                f"{up} practice exam: {count} questions, {g.minutes_for(count)} min",
            )
        )
        out.append((f"review:{code}", f"{up} review mode: {count} questions, answers shown"))
        out.append((f"quiz:{code}:", f"{up} quiz: 10 questions, all domains"))
        for d in g.domains:
            out.append((f"quiz:{code}:{d.number}", f"{up} quiz: domain {d.number}, {d.name}"))
    return out


def plan_for(key: str, count: int) -> ExamPlan:
    kind, code, *rest = key.split(":")
    if kind == "quiz":
        domain = int(rest[0]) if rest and rest[0] else None
        return ExamPlan(code, "quiz", domain=domain)
    if kind == "exam":
        return ExamPlan(code, "exam")
    return ExamPlan(code, kind, count=count)


class ExamsMenuScreen(Screen[None]):
    DEFAULT_CSS = """
    #exams-box { padding: 0 1; }
    #exams-title { text-style: bold; height: auto; }
    #exams-count-row { height: 3; }
    #exams-count-label { width: auto; padding: 1 1 0 0; }
    #exams-count { width: 12; }
    #exams-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", id="exams.back", tooltip="Back to home"),
    ]

    def __init__(self, repo: Any, now: Clock = system_clock) -> None:
        super().__init__()
        self.repo = repo
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="exams-box"):
            yield Static("Exams & quizzes", id="exams-title", markup=False)
            with Horizontal(id="exams-count-row"):
                yield Static("Questions in a practice exam:", id="exams-count-label")
                yield Input(str(DEFAULT_PRACTICE), id="exams-count", type="integer")
            yield OptionList(id="exams-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#exams-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refill()

    def count(self) -> int:
        text = self.query_one("#exams-count", Input).value.strip()
        return max(1, min(200, int(text))) if text.isdigit() else DEFAULT_PRACTICE

    def refill(self) -> None:
        listing = self.query_one("#exams-list", OptionList)
        listing.clear_options()
        options = [
            Option(f"Resume: {describe_unfinished(row)}", id=f"resume:{row.id}")
            for row in self.repo.unfinished_attempts()
        ]
        options += [Option(label, id=key) for key, label in menu_entries(self.count())]
        listing.add_options(options)
        listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key.startswith("resume:"):
            row = self.repo.attempt(int(key.split(":")[1]))
            if row is not None and row.finished_at is None:
                resume_exam(self.app, self.repo, row, self.now)
            return
        open_exam(self.app, self.repo, plan_for(key, self.count()), self.now)

    def action_leave(self) -> None:
        self.dismiss(None)
