"""An exam report as plain text (for a terminal) and as Markdown (for a file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.reports.report import Accuracy, ExamReport

BARS = " ▁▂▃▄▅▆▇█"


def topics(n: int) -> str:
    return f"{n} topic" if n == 1 else f"{n} topics"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.0f}%"


def _acc(a: Accuracy) -> str:
    if not a.answered:
        return "no answers"
    text = f"{_pct(a.rate)} of {a.answered}"
    if a.trend is not None:
        text += f" ({'+' if a.trend >= 0 else ''}{a.trend * 100:.0f} pts this week)"
    return text


def spark(values: list[int]) -> str:
    top = max(values, default=0)
    if not top:
        return BARS[0] * len(values)
    return "".join(BARS[round(v / top * (len(BARS) - 1))] for v in values)


def _readiness(report: ExamReport) -> str:
    r = report.readiness
    if r.estimate is None:
        return "Readiness: not enough data yet (answer a quiz or review some cards)."
    if r.unknown_weight > 0.001:
        return (
            f"Readiness: too early to call. About {_pct(r.estimate)} in what you have studied "
            f"so far, but {_pct(r.unknown_weight)} of the exam has no evidence yet, so the "
            f"whole exam could be anywhere in {_pct(r.low)}-{_pct(r.high)}. Based on {r.based_on}."
        )
    return (
        f"Readiness: about {_pct(r.estimate)} (range {_pct(r.low)}-{_pct(r.high)}), "
        f"based on {r.based_on}."
    )


def as_text(report: ExamReport) -> str:
    out = [f"{report.exam.upper()}: {report.name}", _readiness(report), ""]
    for d in report.domains:
        out.append(f"Domain {d.number}. {d.name} ({d.weight:g}% of the exam)")
        out.append(
            f"  cards known {d.known} of {d.cards} ({d.reviewed} reviewed, {topics(d.topics)}),"
            f" {d.minutes:.0f} min studied"
        )
        out.append(f"  quiz: {_acc(d.quiz)}; mock exams: {_acc(d.mock)}")
        if any(n for _w, n, _c in d.weekly):
            rates = " ".join("  -" if not n else f"{c / n * 100:3.0f}" for _w, n, c in d.weekly)
            out.append(f"  accuracy by week (%): {rates}")
        for w in d.weakest:
            out.append(
                f"  weak: {w.path} ({w.known}/{w.cards} known, recall {_pct(w.mean_recall)},"
                f" {w.lapses} lapses)"
            )
        out.append("")
    reviews = [n for _d, n in report.reviews_per_day]
    due = [n for _d, n in report.due_forecast]
    out.append(f"Reviews, last 30 days: {sum(reviews)}  {spark(reviews)}")
    out.append(f"Due, next 30 days:     {sum(due)}  {spark(due)} ({due[0] if due else 0} today)")
    if report.unmapped_cards:
        out.append(f"{report.unmapped_cards} card(s) belong to no exam domain.")
    return "\n".join(out)


def as_markdown(report: ExamReport) -> str:
    out = [f"# {report.exam.upper()}: {report.name}", "", _readiness(report), ""]
    out.append("| Domain | Weight | Cards known | Minutes | Quiz | Mock exams |")
    out.append("|---|---:|---:|---:|---|---|")
    for d in report.domains:
        out.append(
            f"| {d.number}. {d.name} | {d.weight:g}% | {d.known}/{d.cards} | {d.minutes:.0f} "
            f"| {_acc(d.quiz)} | {_acc(d.mock)} |"
        )
    out.append("")
    weak = [(d.number, w) for d in report.domains for w in d.weakest]
    if weak:
        out += ["## Weakest topics", ""]
        for number, w in weak:
            out.append(
                f"- Domain {number}: {w.path.replace('|', '/')} ({w.known}/{w.cards} known, "
                f"recall {_pct(w.mean_recall)})"
            )
        out.append("")
    out += [
        "## Accuracy by week",
        "",
        "| Domain | " + " | ".join(w for w, _n, _c in report.domains[0].weekly) + " |",
    ]
    out.append("|---|" + "---:|" * len(report.domains[0].weekly))
    for d in report.domains:
        cells = ["-" if not n else f"{c / n * 100:.0f}%" for _w, n, c in d.weekly]
        out.append(f"| {d.number} | " + " | ".join(cells) + " |")
    reviews = [n for _d, n in report.reviews_per_day]
    due = [n for _d, n in report.due_forecast]
    out += [
        "",
        "## Workload",
        "",
        f"- Reviews in the last 30 days: {sum(reviews)} `{spark(reviews)}`",
        f"- Due in the next 30 days: {sum(due)} `{spark(due)}`",
    ]
    return "\n".join(out) + "\n"


# for the report screen, which lays the same figures out in its own widgets
percent = _pct
accuracy_text = _acc
readiness_text = _readiness
