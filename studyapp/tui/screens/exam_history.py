"""Past attempts: one row per finished mock, practice exam, review or quiz (newest first), the
score and the per-domain results, the change against the previous attempt of the same kind, and
a trend line per exam and kind. Enter opens the attempt's review (filters: incorrect, flagged,
blank)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from studyapp.tui.screens.base import StudyScreen
from studyapp.usecases.exam_history import PastAttempt, history
from studyapp.usecases.examining import ExamPlan, ExamRun
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

EMPTY = "No finished attempts yet: sit a mock exam or a quiz from Exams & quizzes."
COLUMNS = ("Finished (UTC)", "Exam", "Kind", "Score", "Right", "Change", "Per domain")


def score_text(a: PastAttempt) -> str:
    if a.scaled is None:
        return f"{a.percent:.0f}%"
    verdict = "pass" if a.passed else "fail"
    return f"{a.scaled} {verdict}"


def change_text(a: PastAttempt) -> str:
    if a.change is None:
        return "first"
    return f"{a.change:+.0f} pts" if round(a.change) else "same"


def domains_text(a: PastAttempt) -> str:
    return "  ".join(f"{d.number}: {d.percent:.0f}%" for d in a.domains if d.asked)


def detail_text(a: PastAttempt) -> str:
    lines = [
        f"{a.exam.upper()} {a.kind_name}, finished {a.finished_at:%Y-%m-%d %H:%M} UTC: "
        f"{a.right}/{a.asked} right ({a.percent:.0f}%)"
        + (f", estimated score {a.scaled}" if a.scaled is not None else "")
        + (", submitted when the time ran out" if a.auto_submitted else "")
    ]
    for d in a.domains:
        if d.asked:
            lines.append(f"  {d.number}. {d.name}: {d.right}/{d.asked} right, {d.percent:.0f}%")
    lines.append("Enter: review this attempt")
    return "\n".join(lines)


class ExamHistoryScreen(StudyScreen[None]):
    DEFAULT_CSS = """
    #history-box { padding: 0 1; }
    #history-title { text-style: bold; height: auto; }
    #history-trend { height: auto; margin-bottom: 1; }
    #history-table { height: 1fr; }
    #history-detail { height: auto; min-height: 3; }
    """

    BINDINGS = [
        Binding("enter", "open", "Review", id="history.review", tooltip="Review this attempt"),
        Binding("escape,q", "leave", "Back", id="history.back"),
    ]

    def __init__(self, collection: Collection, exam: str | None = None, now: Clock = utcnow):
        super().__init__()
        self.collection = collection
        self.exam = exam
        self.now = now
        self.attempts: list[PastAttempt] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static("Past attempts", id="history-title", markup=False)
            yield Static("", id="history-trend", markup=False)
            table: DataTable[Text] = DataTable(id="history-table", cursor_type="row")
            yield table
            yield Static("", id="history-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#history-table", DataTable).focus()

    def refill(self) -> None:
        self.attempts, trends = history(self.collection, self.exam)
        trend = self.query_one("#history-trend", Static)
        trend.update(
            "\n".join(["Trend (percent right, oldest first):"] + [t.text() for t in trends])
            if trends
            else EMPTY
        )
        table = self.query_one("#history-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*COLUMNS)
        for a in self.attempts:
            cells = (
                f"{a.finished_at:%Y-%m-%d %H:%M}",
                a.exam.upper(),
                a.kind_name,
                score_text(a),
                f"{a.right}/{a.asked}",
                change_text(a),
                domains_text(a),
            )
            table.add_row(*(Text(c) for c in cells), key=str(a.id))
        table.display = bool(self.attempts)
        self.show_detail()

    def selected(self) -> PastAttempt | None:
        table = self.query_one("#history-table", DataTable)
        if not self.attempts or not 0 <= table.cursor_row < len(self.attempts):
            return None
        return self.attempts[table.cursor_row]

    def show_detail(self) -> None:
        a = self.selected()
        self.query_one("#history-detail", Static).update(detail_text(a) if a else "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        a = self.selected()
        if a is None:
            return
        row = self.collection.attempt(a.id)
        if row is None:
            return
        from studyapp.tui.screens.exam_result import ExamResultScreen

        run, result = ExamRun.review(self.collection, row)
        title = f"{ExamPlan(row.exam, row.mode).label}, {a.finished_at:%Y-%m-%d %H:%M} UTC"
        self.app.push_screen(ExamResultScreen(run, result, title, self.now))

    def action_leave(self) -> None:
        self.dismiss(None)
