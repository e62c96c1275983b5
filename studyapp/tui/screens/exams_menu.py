"""Exams & quizzes: a chooser (full mocks, practice exams, review mode, quizzes, resume, and the
history of past attempts: `h`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from studyapp.tui.exam_flow import open_exam, resume_exam
from studyapp.tui.screens.base import StudyScreen
from studyapp.usecases.examining import ExamPlan, content, describe_unfinished
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

DEFAULT_PRACTICE = 20


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


class ExamsMenuScreen(StudyScreen[None]):
    DEFAULT_CSS = """
    #exams-box { padding: 0 1; }
    #exams-title { text-style: bold; height: auto; }
    #exams-count-row { height: 3; }
    #exams-count-label { width: auto; padding: 1 1 0 0; }
    #exams-count { width: 12; }
    #exams-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("h", "history", "History", id="exams.history", tooltip="Past attempts"),
        Binding("escape", "leave", "Back", id="exams.back", tooltip="Back to home"),
    ]

    def __init__(self, collection: Collection, now: Clock = utcnow) -> None:
        super().__init__()
        self.collection = collection
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
        # a key pressed while the screen above closed may have closed this one too (esc esc):
        # its widgets are gone by the time the resume arrives
        if self.query("#exams-list"):
            self.refill()

    def count(self) -> int:
        text = self.query_one("#exams-count", Input).value.strip()
        return max(1, min(200, int(text))) if text.isdigit() else DEFAULT_PRACTICE

    def refill(self) -> None:
        listing = self.query_one("#exams-list", OptionList)
        listing.clear_options()
        options = [
            Option(f"Resume: {describe_unfinished(row)}", id=f"resume:{row.id}")
            for row in self.collection.unfinished_attempts()
        ]
        options.append(Option("History of past attempts: scores, domains, trend (h)", id="history"))
        options += [Option(label, id=key) for key, label in menu_entries(self.count())]
        listing.add_options(options)
        listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key == "history":
            self.action_history()
            return
        if key.startswith("resume:"):
            row = self.collection.attempt(int(key.split(":")[1]))
            if row is not None and row.finished_at is None:
                resume_exam(self.app, self.collection, row, self.now)
            return
        open_exam(self.app, self.collection, plan_for(key, self.count()), self.now)

    def action_history(self) -> None:
        from studyapp.tui.screens.exam_history import ExamHistoryScreen

        self.app.push_screen(ExamHistoryScreen(self.collection, now=self.now))

    def action_leave(self) -> None:
        self.dismiss(None)
