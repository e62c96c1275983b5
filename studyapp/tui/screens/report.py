"""Progress report: per exam domain, what you know and how you answer; readiness with its range;
plots of reviews per day, the due forecast and accuracy per domain by week; `w` reviews and `k`
quizzes the weakest domain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from studyapp.tui.screens.base import StudyScreen
from studyapp.tui.screens.report_plots import (
    DayBars,
    ReportPlot,
    draw_accuracy,
    draw_due,
    draw_reviews,
    legend,
)
from studyapp.util.clock import Clock, utcnow
from studyapp.util.textsafe import visible

if TYPE_CHECKING:
    from studyapp.reports.report import DomainReport, ExamReport
    from studyapp.store.collection import Collection
    from studyapp.usecases.studying import Overview

WIDE = 150  # columns from which the plots sit side by side


def domain_lines(d: DomainReport) -> list[str]:
    from studyapp.reports.render import accuracy_text, percent, topics

    lines = [
        f"Domain {d.number}. {d.name}  ({d.weight:g}% of the exam)",
        f"   cards known {d.known} of {d.cards} ({d.reviewed} reviewed, {topics(d.topics)}), "
        f"{d.minutes:.0f} min studied",
        f"   quiz: {accuracy_text(d.quiz)}; mock exams: {accuracy_text(d.mock)}",
    ]
    for w in d.weakest:
        lines.append(
            f"   weak: {visible(w.path)} ({w.known}/{w.cards} known, "
            f"recall {percent(w.mean_recall)}, {w.lapses} lapses)"
        )
    return lines


def quiz_target(report: ExamReport) -> DomainReport | None:
    """The domain `k` quizzes: the weakest domain (as `w` reviews); with no cards anywhere yet,
    the domain with the least quiz evidence, the heavier first (a quiz needs no cards)."""
    from studyapp.reports.report import weakest_domain

    found = weakest_domain(report)
    if found is not None or not report.domains:
        return found

    def score(d: DomainReport) -> tuple[float, float, int]:
        n = d.quiz.answered + d.mock.answered
        return ((d.quiz.correct + d.mock.correct) / n if n else 0.0), -d.weight, d.number

    return min(report.domains, key=score)


def _caption(id: str) -> Static:
    return Static("", id=id, classes="report-label", markup=False)


class ReportScreen(StudyScreen[None]):
    DEFAULT_CSS = """
    #report-box { padding: 0 2; }
    #report-title { text-style: bold; }
    #report-readiness { height: auto; margin-top: 1; }
    #report-domains { height: auto; }
    .report-row { layout: vertical; height: auto; }
    .report-cell { height: auto; width: 100%; }
    #report-box.wide .report-row { layout: horizontal; }
    #report-box.wide .report-cell { width: 1fr; }
    #report-box.wide .report-left { padding-right: 2; }
    .report-label { margin-top: 1; color: $text-muted; }
    #report-domains-label { text-style: bold; }
    ReportPlot { height: 12; }
    DayBars { height: 11; }
    #report-box.wide ReportPlot { height: 14; }
    """

    BINDINGS = [
        Binding("x", "next_exam", "Switch exam", id="report.exam", tooltip="Show the next exam"),
        Binding(
            "w",
            "weakest",
            "Study weakest domain",
            id="report.weakest",
            tooltip="Review the cards of the domain with the least evidence of knowing it",
        ),
        Binding(
            "k",
            "quiz_weakest",
            "Quiz weakest domain",
            id="report.quiz_weakest",
            tooltip="A 10-question quiz on the domain with the least evidence of knowing it",
        ),
        Binding("escape,q", "leave", "Back", id="report.back"),
    ]

    def __init__(
        self, collection: Collection, exam: str | None = None, now: Clock = utcnow
    ) -> None:
        super().__init__()
        self.collection = collection
        self.exam = exam
        self.now = now
        self.reports: dict[str, ExamReport] = {}
        self.today: Overview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-box"):
            yield Static("Progress report: reading your history…", id="report-title", markup=False)
            yield Static("", id="report-readiness", markup=False)
            with Container(classes="report-row"):
                with Vertical(classes="report-cell report-left"):
                    yield _caption("report-reviews-label")
                    yield DayBars(id="report-reviews")
                with Vertical(classes="report-cell"):
                    yield _caption("report-due-label")
                    yield DayBars(id="report-due")
            with Container(classes="report-row"):
                with Vertical(classes="report-cell report-left"):
                    yield _caption("report-accuracy-label")
                    yield Static("", id="report-legend", markup=False)
                    yield ReportPlot(id="report-accuracy")
                with Vertical(classes="report-cell"):
                    yield _caption("report-domains-label")
                    yield Static("", id="report-domains", markup=False)
        yield Footer(compact=True)  # long labels: the spaced footer cuts "Back" at 80 columns

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#report-box").set_class(width >= WIDE, "wide")

    def on_screen_resume(self) -> None:
        """Read the history on opening, and again on coming back from a review or a quiz."""
        self.load()

    @dataclass
    class Loaded(Message):
        reports: list[ExamReport]
        today: Overview  # what home and `s` count (the one formula)

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def load(self) -> None:
        from studyapp.usecases.reporting import build_reports
        from studyapp.usecases.studying import overview

        now = self.now()
        today = overview(self.collection, self.study_app.study_settings, now)
        self.post_message(self.Loaded(build_reports(self.collection, now), today))

    def on_report_screen_loaded(self, message: Loaded) -> None:
        reports = message.reports
        self.today = message.today
        self.reports = {r.exam: r for r in reports}
        if self.exam not in self.reports and reports:  # the exam most of your cards serve
            self.exam = max(reports, key=lambda r: sum(d.cards for d in r.domains)).exam
        self.show()

    # ---- rendering -------------------------------------------------------------------------
    def _label(self, selector: str, text: str) -> None:
        self.query_one(selector, Static).update(text)

    def show(self) -> None:
        from studyapp.reports.render import readiness_text

        report = self.reports.get(self.exam or "")
        if report is None:
            self._label("#report-title", "Progress report: no exam guides found.")
            return
        others = len(self.reports) - 1
        switch = "   (x: next exam)" if others else ""
        self._label("#report-title", f"{report.exam.upper()}: {report.name}{switch}")
        self._label("#report-readiness", readiness_text(report))
        self._show_days(report)
        self._show_accuracy(report)
        lines: list[str] = []
        for d in report.domains:
            lines += [*domain_lines(d), ""]
        if report.unmapped_cards:
            lines.append(f"{report.unmapped_cards} card(s) belong to no exam domain.")
        self._label("#report-domains-label", "Domains (w: review the weakest, k: quiz it)")
        self._label("#report-domains", "\n".join(lines).rstrip())

    def _show_days(self, report: ExamReport) -> None:
        reviews = [n for _d, n in report.reviews_per_day]
        plot = self.query_one("#report-reviews", DayBars)
        if draw_reviews(plot, report.reviews_per_day):
            text = f"Reviews per day, last 30 days: {sum(reviews)} in all, at most {max(reviews)}"
        else:
            text = "Reviews per day, last 30 days: none yet (s on the home screen starts a review)"
        plot.display = bool(sum(reviews))
        self._label("#report-reviews-label", text)

        due = [n for _d, n in report.due_forecast]
        plot = self.query_one("#report-due", DayBars)
        if draw_due(plot, report.due_forecast):
            text = f"Cards due per day, next 30 days: {sum(due)} in all"
        else:
            text = "Cards due per day, next 30 days: nothing falls due"
        if self.today is not None:  # the figures home shows, within today's limits
            text += f"; today {self.today.due_today} due, {self.today.new_available} new"
        plot.display = bool(sum(due))
        self._label("#report-due-label", text)

    def _show_accuracy(self, report: ExamReport) -> None:
        plot = self.query_one("#report-accuracy", ReportPlot)
        drawn = draw_accuracy(plot, report.domains)
        plot.display = drawn
        weeks = len(report.domains[0].weekly) if report.domains else 0
        if drawn:
            text = f"Quiz and mock-exam accuracy per domain, by week (last {weeks} weeks)"
        else:
            text = (
                f"Quiz and mock-exam accuracy per domain: no answers in the last {weeks} weeks "
                "yet (k: quiz your weakest domain)"
            )
        self._label("#report-accuracy-label", text)
        self.query_one("#report-legend", Static).update(legend(report.domains))
        self.query_one("#report-legend", Static).display = drawn

    # ---- keys ------------------------------------------------------------------------------
    def action_next_exam(self) -> None:
        if not self.reports:
            return
        codes = list(self.reports)
        i = codes.index(self.exam) if self.exam in codes else -1
        self.exam = codes[(i + 1) % len(codes)]
        self.show()

    def _report(self) -> ExamReport | None:
        report = self.reports.get(self.exam or "")
        if report is None:
            self.notify("The report is still loading…")
        return report

    def _target(
        self, pick: Callable[[ExamReport], DomainReport | None], none: str
    ) -> tuple[ExamReport, DomainReport] | None:
        """The loaded report and the domain `pick` chooses in it, or None after saying why."""
        report = self._report()
        if report is None:
            return None
        domain = pick(report)
        if domain is None:
            self.notify(none.format(exam=report.exam.upper()))
            return None
        return report, domain

    def action_weakest(self) -> None:
        from studyapp.reports.report import weakest_domain

        found = self._target(weakest_domain, "No cards belong to any {exam} domain yet.")
        if found is None:
            return
        report, domain = found
        from studyapp.tui.screens.review import ReviewScreen
        from studyapp.usecases.studying import StudySession

        settings = self.study_app.study_settings
        session = StudySession(
            self.collection, settings, self.study_app.clock, topic_ids=list(domain.topic_ids)
        )
        session.start()
        if not session.queue:
            self.notify(
                f"Nothing in domain {domain.number} ({domain.name}) is due now: "
                "k quizzes it instead."
            )
            return
        self.notify(f"Studying domain {domain.number}: {domain.name}")
        self.app.push_screen(ReviewScreen(session))

    def action_quiz_weakest(self) -> None:
        found = self._target(quiz_target, "The {exam} guide has no domains.")
        if found is None:
            return
        report, domain = found
        from studyapp.tui.exam_flow import open_exam
        from studyapp.usecases.examining import ExamPlan

        self.notify(f"Quiz on domain {domain.number}: {domain.name}")
        plan = ExamPlan(report.exam, "quiz", domain=domain.number)
        open_exam(self.app, self.collection, plan, self.now)

    def action_leave(self) -> None:
        self.app.pop_screen()
