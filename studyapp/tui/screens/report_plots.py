"""The report screen's plots: reviews per day (last 30 days) and cards due per day (next 30 days)
as column charts (`DayBars`: one column per day, eighth-block heights, dated axis), and quiz +
mock-exam accuracy per domain by week as lines (textual-plotext). Each draw function returns False
when there is nothing to draw, so the screen can say so in words instead of an empty frame."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual_plotext import PlotextPlot

if TYPE_CHECKING:
    from studyapp.reports.report import DomainReport

# One colour per domain (plot line and legend), readable on dark and light themes.
DOMAIN_COLOURS: tuple[tuple[int, int, int], ...] = (
    (64, 160, 255),
    (255, 140, 40),
    (60, 190, 90),
    (220, 80, 200),
    (230, 200, 40),
    (80, 210, 210),
)
BAR_COLOUR = (64, 160, 255)
DUE_COLOUR = (255, 140, 40)
TICK_EVERY = 7  # days between date labels under the day charts


class ReportPlot(PlotextPlot):
    """A plot that keeps the figures it shows (for tests and for the summary above it)."""

    DEFAULT_CSS = """
    ReportPlot { height: 12; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values: list[float] = []
        self.labels: list[str] = []


def short_day(iso: str) -> str:
    """'2026-03-02' -> '2 Mar'."""
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%b}"


def count_ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, at most 6 of them, on a round step."""
    if top <= 0:
        return [0, 1]
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 5:
            break
    else:
        step = 10 ** len(str(top))
    last = -(-top // step) * step
    return list(range(0, last + 1, step))


def day_ticks(days: Sequence[str], anchor_last: bool) -> tuple[list[int], list[str]]:
    """Positions and labels under a day chart: every `TICK_EVERY` days counted from the end
    (reviews: ending today) or from the start (due: starting today); today reads 'today'."""
    n = len(days)
    if anchor_last:
        positions = sorted(range(n - 1, -1, -TICK_EVERY))
    else:
        positions = list(range(0, n, TICK_EVERY))
    today = n - 1 if anchor_last else 0
    labels = ["today" if i == today else short_day(days[i]) for i in positions]
    return positions, labels


class DayBars(Widget):
    """A column per day with a count axis on the left and dates below; the axis line is 0."""

    DEFAULT_CSS = """
    DayBars { height: 11; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values: list[float] = []
        self.labels: list[str] = []
        self.anchor_last = True
        self.colour = BAR_COLOUR

    def render(self) -> Text:
        w, h = self.size
        return bar_chart(self.values, self.labels, w, h, self.anchor_last, self.colour)


BLOCKS = " ▁▂▃▄▅▆▇█"


def bar_chart(
    values: Sequence[float],
    days: Sequence[str],
    width: int,
    height: int,
    anchor_last: bool,
    colour: tuple[int, int, int],
) -> Text:
    """The chart as text: `height - 2` rows of columns, the axis line, the date labels."""
    if not values or width < 10 or height < 4:
        return Text("")
    ticks = count_ticks(int(max(values)))
    top = ticks[-1]
    steps = len(ticks) - 1
    per_step = max(1, (height - 2) // steps)  # whole rows per tick step: ticks sit on row tops
    rows = per_step * steps
    lw = max(len(str(t)) for t in ticks)
    slot = max(1, (width - lw - 1) // len(values))
    bar = slot - 1 if slot >= 2 else 1
    tick_rows = {i * per_step - 1: t for i, t in enumerate(ticks) if i}
    axis_style = "dim"
    bar_style = "rgb({},{},{})".format(*colour)
    out = Text(no_wrap=True, overflow="crop")
    out.append(f"{'':>{lw}}\n" * (height - 2 - rows))  # spare rows above: the axis sits low
    for r in range(rows):
        b = rows - 1 - r  # rows counted from the bottom
        t = tick_rows.get(b)
        out.append(f"{'' if t is None else t:>{lw}}{'┤' if t is not None else '│'}", axis_style)
        line = []
        for v in values:
            eighths = v / top * rows * 8 if top else 0
            if 0 < eighths < 1:
                eighths = 1  # a day with any reviews always shows
            cell = int(min(8, max(0, round(eighths - b * 8))))
            line.append(BLOCKS[cell] * bar + " " * (slot - bar))
        out.append("".join(line), bar_style)
        out.append("\n")
    positions, labels = day_ticks(days, anchor_last)
    centre = [i * slot + (bar - 1) // 2 for i in range(len(values))]
    axis = ["─"] * (slot * len(values))
    under = [" "] * min(width, slot * len(values) + lw + 1)  # a label never runs off the edge
    free = 0  # the first column a label may use
    for pos, label in zip(positions, labels, strict=True):
        at = centre[pos]
        axis[at] = "┬"
        x = lw + 1 + at - len(label) // 2
        x = max(free, min(x, len(under) - len(label)))
        if x < free or x + len(label) > len(under):
            continue
        under[x : x + len(label)] = list(label)
        free = x + len(label) + 1
    out.append(f"{0:>{lw}}└" + "".join(axis) + "\n", axis_style)
    out.append("".join(under).rstrip(), axis_style)
    return out


def _day_chart(
    widget: DayBars,
    series: Sequence[tuple[str, int]],
    anchor_last: bool,
    colour: tuple[int, int, int],
) -> bool:
    widget.values = [float(n) for _d, n in series]
    widget.labels = [d for d, _n in series]
    widget.anchor_last = anchor_last
    widget.colour = colour
    widget.refresh()
    return any(widget.values)


def draw_reviews(widget: DayBars, series: Sequence[tuple[str, int]]) -> bool:
    return _day_chart(widget, series, anchor_last=True, colour=BAR_COLOUR)


def draw_due(widget: DayBars, series: Sequence[tuple[str, int]]) -> bool:
    return _day_chart(widget, series, anchor_last=False, colour=DUE_COLOUR)


def colour_of(number: int) -> tuple[int, int, int]:
    return DOMAIN_COLOURS[(number - 1) % len(DOMAIN_COLOURS)]


def draw_accuracy(widget: ReportPlot, domains: Sequence[DomainReport]) -> bool:
    """One line per domain through the weeks it has answers in; each point is marked with the
    domain's number, so the plot reads without colour too."""
    plt = widget.plt
    plt.clear_figure()
    widget.values, widget.labels = [], []
    weeks = [w for w, _n, _c in domains[0].weekly] if domains else []
    points = []
    for d in domains:
        xs = [i for i, (_w, n, _c) in enumerate(d.weekly) if n]
        ys = [d.weekly[i][2] / d.weekly[i][1] * 100 for i in xs]
        if xs:
            points.append((d.number, xs, ys))
            widget.values += ys
    for number, xs, ys in points:  # the lines first, so no line hides a numbered point
        if len(xs) > 1:
            plt.plot(xs, ys, marker="braille", color=colour_of(number))
    for number, xs, ys in points:
        plt.scatter(xs, ys, marker=str(number)[-1], color=colour_of(number))
    drawn = bool(points)
    if drawn:
        widget.labels = weeks
        plt.xticks(list(range(len(weeks))), [short_day(w) for w in weeks])
        plt.xlim(-0.4, len(weeks) - 0.6)
        plt.yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        plt.ylim(0, 100)
    widget.refresh()
    return drawn


def legend(domains: Sequence[DomainReport]) -> Text:
    """'1 Design Secure Architectures  2 ...' in the plot's colours (the numbers mark points)."""
    out = Text()
    for d in domains:
        n = sum(n for _w, n, _c in d.weekly)
        if not n:
            continue
        r, g, b = colour_of(d.number)
        if out:
            out.append("   ")
        out.append(f"{d.number} ", style=f"bold rgb({r},{g},{b})")
        out.append(f"{d.name} ({n} answers)")
    return out
