"""Statistics, as Anki shows them: card counts by state, a review heatmap for the last year,
retention by month and the hours of the day (reports/stats.py says how each is counted)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from studyapp.tui.screens.base import StudyScreen
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.reports.stats import Stats, Tally
    from studyapp.store.collection import Collection

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BAR = 30  # columns of the longest bar


def percent(t: Tally) -> str:
    rate = t.rate
    return "   -  " if rate is None else f"{rate * 100:5.1f}%"


def bar(n: int, top: int) -> str:
    return "█" * max(1, round(BAR * n / top)) if n and top else ""


def state_lines(stats: Stats) -> list[str]:
    from studyapp.reports.stats import MATURE_DAYS

    s = stats.states
    return [
        f"Cards: {stats.total_cards}",
        f"   new {s['new']}   learning {s['learning']}   relearning {s['relearning']}   "
        f"young {s['young']}   mature {s['mature']} (interval {MATURE_DAYS}+ days)",
        f"   suspended {s['suspended']}   buried {s['buried']}",
    ]


def heatmap_lines(stats: Stats) -> list[str]:
    from studyapp.reports.stats import HEATMAP_DAYS, SHADES

    head = (
        f"Reviews, last {HEATMAP_DAYS} days (UTC): {stats.days_studied} days studied, "
        f"busiest day {stats.busiest_day}   (one column a week; {SHADES[1:]} = more)"
    )
    return [head, *(f"   {d} {row}" for d, row in zip(WEEKDAYS, stats.heatmap_rows(), strict=True))]


def retention_lines(stats: Stats) -> list[str]:
    lines = ["Retention by month (reviews of review cards not answered Again):"]
    if not stats.months:
        return [*lines, "   no reviews of review cards yet"]
    top = max(t.reviews for _, t in stats.months)
    for month, t in stats.months:
        lines.append(f"   {month}  {percent(t)}  {t.reviews:6d} reviews  {bar(t.reviews, top)}")
    return lines


def hour_lines(stats: Stats) -> list[str]:
    sign = "+" if stats.utc_offset_minutes >= 0 else "-"
    h, m = divmod(abs(stats.utc_offset_minutes), 60)
    lines = [f"Hours (local time, UTC{sign}{h:02d}:{m:02d}): reviews and the share not Again"]
    top = max((t.reviews for t in stats.hours), default=0)
    if not top:
        return [*lines, "   no reviews yet"]
    for hour, t in enumerate(stats.hours):
        if t.reviews:
            lines.append(f"   {hour:02d}:00  {percent(t)}  {t.reviews:6d}  {bar(t.reviews, top)}")
    return lines


class StatsScreen(StudyScreen[None]):
    DEFAULT_CSS = """
    #stats-box { padding: 0 2; }
    #stats-box Static { height: auto; margin-bottom: 1; }
    #stats-title { text-style: bold; }
    """
    BINDINGS = [Binding("escape,q", "leave", "Back", id="stats.back")]

    def __init__(self, collection: Collection, now: Clock = utcnow) -> None:
        super().__init__()
        self.collection = collection
        self.now = now

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-box"):
            yield Static("Statistics: reading your history…", id="stats-title", markup=False)
            for part in ("states", "heatmap", "retention", "hours"):
                yield Static("", id=f"stats-{part}", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @dataclass
    class Loaded(Message):
        stats: Stats

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def load(self) -> None:
        from studyapp.usecases.reporting import build_stats

        self.post_message(self.Loaded(build_stats(self.collection, self.now())))

    def on_stats_screen_loaded(self, message: Loaded) -> None:
        stats = message.stats
        self.query_one("#stats-title", Static).update("Statistics")
        for part, lines in (
            ("states", state_lines(stats)),
            ("heatmap", heatmap_lines(stats)),
            ("retention", retention_lines(stats)),
            ("hours", hour_lines(stats)),
        ):
            self.query_one(f"#stats-{part}", Static).update("\n".join(lines))

    def action_leave(self) -> None:
        self.dismiss(None)
