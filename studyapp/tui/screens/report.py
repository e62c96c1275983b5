"""Progress report: per exam domain, what you know and how you answer; readiness with its range;
reviews per day and the due forecast; `w` studies the weakest domain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from studyapp.textsafe import visible

if TYPE_CHECKING:
    from studyapp.exam.guide import ExamGuide
    from studyapp.reports.mapping import Catalogue
    from studyapp.reports.report import DomainReport, ExamReport


def utc_now() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=1)
def _content() -> tuple[dict[str, ExamGuide], Catalogue]:
    """The exam guides and the catalogue, loaded once per process (the catalogue remembers the
    topics it has mapped, so reopening the report runs no pattern again)."""
    from studyapp import locations
    from studyapp.exam.guide import load_guides
    from studyapp.reports.mapping import load_catalogue

    guides = load_guides(locations.content_dir() / "exams")
    path = locations.content_dir() / "catalogue" / "aws-services.yaml"
    return dict(guides), load_catalogue(path, guides)


def domain_lines(d: DomainReport) -> list[str]:
    from studyapp.reports.render import accuracy_text, percent

    lines = [
        f"Domain {d.number}. {d.name}  ({d.weight:g}% of the exam)",
        f"   cards known {d.known} of {d.cards} ({d.reviewed} reviewed, {d.topics} topics), "
        f"{d.minutes:.0f} min studied",
        f"   quiz: {accuracy_text(d.quiz)}; mock exams: {accuracy_text(d.mock)}",
    ]
    for w in d.weakest:
        lines.append(
            f"   weak: {visible(w.path)} ({w.known}/{w.cards} known, "
            f"recall {percent(w.mean_recall)}, {w.lapses} lapses)"
        )
    return lines


class ReportScreen(Screen[None]):
    DEFAULT_CSS = """
    #report-box { padding: 0 2; }
    #report-title { text-style: bold; }
    #report-readiness, #report-domains { height: auto; margin-top: 1; }
    .report-label { margin-top: 1; color: $text-muted; }
    ReportScreen Sparkline { height: 2; max-width: 90; }
    """

    BINDINGS = [
        Binding("x", "next_exam", "Switch exam", id="report.exam", tooltip="Show the next exam"),
        Binding(
            "w",
            "weakest",
            "Study my weakest domain",
            id="report.weakest",
            tooltip="Review the cards of the domain with the least evidence of knowing it",
        ),
        Binding("escape,q", "leave", "Back", id="report.back"),
    ]

    def __init__(self, repo: Any, exam: str | None = None, now: Callable[[], datetime] = utc_now):
        super().__init__()
        self.repo = repo
        self.exam = exam
        self.now = now
        self.reports: dict[str, ExamReport] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-box"):
            yield Static("Progress report: reading your history…", id="report-title", markup=False)
            yield Static("", id="report-readiness", markup=False)
            yield Static("", id="report-domains", markup=False)
            yield Static("", id="report-reviews-label", classes="report-label", markup=False)
            yield Sparkline([], id="report-reviews", summary_function=max)
            yield Static("", id="report-due-label", classes="report-label", markup=False)
            yield Sparkline([], id="report-due", summary_function=max)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        from studyapp.reports.report import make_reports

        guides, catalogue = _content()
        rows = self.repo.report_rows(self.now())
        reports = make_reports(rows, guides, catalogue)
        self.app.call_from_thread(self._loaded, reports)

    def _loaded(self, reports: list[ExamReport]) -> None:
        self.reports = {r.exam: r for r in reports}
        if self.exam not in self.reports and reports:  # the exam most of your cards serve
            self.exam = max(reports, key=lambda r: sum(d.cards for d in r.domains)).exam
        self.show()

    # ---- rendering -------------------------------------------------------------------------
    def show(self) -> None:
        from studyapp.reports.render import readiness_text

        report = self.reports.get(self.exam or "")
        title = self.query_one("#report-title", Static)
        if report is None:
            title.update("Progress report: no exam guides found.")
            return
        others = len(self.reports) - 1
        switch = "   (x: next exam)" if others else ""
        title.update(f"{report.exam.upper()}: {report.name}{switch}")
        self.query_one("#report-readiness", Static).update(readiness_text(report))
        lines: list[str] = []
        for d in report.domains:
            lines += [*domain_lines(d), ""]
        if report.unmapped_cards:
            lines.append(f"{report.unmapped_cards} card(s) belong to no exam domain.")
        self.query_one("#report-domains", Static).update("\n".join(lines).rstrip())
        reviews = [n for _d, n in report.reviews_per_day]
        due = [n for _d, n in report.due_forecast]
        most = max(reviews, default=0)
        self.query_one("#report-reviews-label", Static).update(
            f"Reviews per day, last 30 days: {sum(reviews)} in all, at most {most}"
        )
        self.query_one("#report-reviews", Sparkline).data = reviews
        today = due[0] if due else 0
        self.query_one("#report-due-label", Static).update(
            f"Due per day, next 30 days: {sum(due)} in all, {today} today"
        )
        self.query_one("#report-due", Sparkline).data = due

    # ---- keys ------------------------------------------------------------------------------
    def action_next_exam(self) -> None:
        if not self.reports:
            return
        codes = list(self.reports)
        i = codes.index(self.exam) if self.exam in codes else -1
        self.exam = codes[(i + 1) % len(codes)]
        self.show()

    def action_weakest(self) -> None:
        from studyapp.reports.report import weakest_domain

        report = self.reports.get(self.exam or "")
        if report is None:
            self.notify("The report is still loading…")
            return
        domain = weakest_domain(report)
        if domain is None:
            self.notify(f"No cards belong to any {report.exam.upper()} domain yet.")
            return
        from studyapp.studying import StudySession
        from studyapp.tui.screens.review import ReviewScreen

        settings = self.app.config.study  # type: ignore[attr-defined]
        session = StudySession(self.repo, settings, topic_ids=list(domain.topic_ids))
        session.start()
        if not session.queue:
            self.notify(f"Nothing in domain {domain.number} ({domain.name}) is due now.")
            return
        self.notify(f"Studying domain {domain.number}: {domain.name}")
        self.app.push_screen(ReviewScreen(session))

    def action_leave(self) -> None:
        self.app.pop_screen()
