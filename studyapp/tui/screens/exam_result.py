"""The result of an exam or quiz: pass/fail, the estimated scaled score, the score per domain,
the time per question, then every question with the learner's answer, the correct one and the
explanations. `c` on a wrong answer turns the question into a flashcard. The questions can be
filtered: `i` incorrect (answered wrongly), `f` flagged, `b` blank, `a` all of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from studyapp.exam.scoring import ExamResult, Outcome
from studyapp.usecases.examining import ExamRun, clock, reflow
from studyapp.util.textsafe import visible


def summary_text(run: ExamRun, result: ExamResult, title: str) -> str:
    lines = [title]
    if result.auto_submitted:
        lines.append("Submitted automatically when the time ran out.")
    if run.kind == "quiz":
        lines.append(f"{result.right} of {result.asked} right ({result.percent:.0f}%).")
    else:
        verdict = "PASS" if result.passed else "FAIL"
        low, high = result.scale
        lines.append(
            f"{verdict}   Estimated score {result.scaled} on {low}-{high} "
            f"(pass mark {result.passing_score})   {result.right}/{result.asked} right "
            f"({result.percent:.0f}%)"
        )
        lines.append(
            "The score is an estimate: AWS does not publish how raw answers become the scaled "
            "score, so this maps the share of right answers linearly onto the scale."
        )
    lines.append("")
    lines.append("Score per domain (percent right; the exam has no pass mark per domain):")
    for d in result.domains:
        if not d.asked:
            continue
        lines.append(
            f"  {d.number}. {d.name} ({d.weight:g}% of the exam): "
            f"{d.right}/{d.asked} right, {d.percent:.0f}%"
        )
    lines.append("")
    lines.append(
        f"Time: {clock(result.seconds)} in all, {clock(result.seconds_per_question)} per "
        f"question on average; {result.blank} left blank."
    )
    return "\n".join(lines)


FILTERS = ("all", "incorrect", "flagged", "blank")


def filtered(run: ExamRun, result: ExamResult, name: str) -> list[int]:
    """Indices of the outcomes a filter keeps: incorrect (answered, wrong), flagged or blank."""
    flags = run.session.flags
    keep = {
        "all": lambda o: True,
        "incorrect": lambda o: not o.right and not o.blank,
        "flagged": lambda o: o.id in flags,
        "blank": lambda o: o.blank,
    }[name]
    return [i for i, o in enumerate(result.outcomes) if keep(o)]


def filter_text(run: ExamRun, result: ExamResult, name: str, position: int) -> str:
    shown = filtered(run, result, name)
    counts = "   ".join(
        f"{key} {f} ({len(filtered(run, result, f))})"
        for key, f in (("i", "incorrect"), ("f", "flagged"), ("b", "blank"), ("a", "all"))
    )
    where = f"{position + 1} of {len(shown)}" if shown else "none"
    return f"Showing {name}: {where}   ·   {counts}"


def outcome_text(run: ExamRun, index: int, o: Outcome) -> str:
    q = run.question(o.id)
    mark = "right" if o.right else ("blank" if o.blank else "wrong")
    flagged = "  ⚑ flagged" if o.id in run.session.flags else ""
    lines = [
        f"Question {index + 1} of {len(run.session.questions)}: {mark}{flagged}   "
        f"domain {q.domain}, task {q.task}   time {clock(o.seconds)}   [{q.id}]",
        "",
        visible(reflow(q.stem)),
    ]
    if q.choose > 1:
        lines.append(f"Choose {q.choose}.")
    lines.append("")
    for letter, text in q.options:
        tags = []
        if letter in o.chosen:
            tags.append("your answer")
        if letter in q.correct:
            tags.append("correct")
        tag = f"  ← {', '.join(tags)}" if tags else ""
        mark = "✓" if letter in q.correct else " "
        lines.append(f"{mark} {letter}. {visible(reflow(text))}{tag}")
    lines.append("")
    yours = ", ".join(o.chosen) if o.chosen else "none"
    lines.append(f"Your answer: {yours}.   Correct: {', '.join(o.correct)}.")
    lines.append("Why:")
    for letter, why in q.explanations:
        lines.append(f"  {letter}. {visible(reflow(why))}")
    lines += [f"See: {visible(ref)}" for ref in q.references]
    if o.id in run.carded:
        lines.append("A flashcard was made from this question.")
    return "\n".join(lines)


class ExamResultScreen(Screen[None]):
    DEFAULT_CSS = """
    #result-scroll { height: 1fr; padding: 0 1; }
    #result-summary { height: auto; }
    #result-filter { height: auto; margin-top: 1; text-style: bold; }
    #result-question { height: auto; }
    #result-notice { height: auto; color: $success; padding: 0 1; }
    """

    BINDINGS = [
        Binding("n,right", "move(1)", "Next", id="exam_result.next", tooltip="Next question"),
        Binding("p,left", "move(-1)", "Prev", id="exam_result.previous"),
        Binding("w", "next_wrong", "Next wrong", id="exam_result.wrong"),
        Binding("i", "only('incorrect')", "Incorrect", id="exam_result.incorrect"),
        Binding("f", "only('flagged')", "Flagged", id="exam_result.flagged"),
        Binding("b", "only('blank')", "Blank", id="exam_result.blank"),
        Binding("a", "only('all')", "All", id="exam_result.all"),
        Binding("c", "card", "Make card", id="exam_result.card", tooltip="Wrong answer -> card"),
        Binding("q,escape", "leave", "Back", id="exam_result.back"),
    ]

    def __init__(
        self,
        run: ExamRun,
        result: ExamResult,
        title: str,
        now: Callable[[], datetime],
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.run = run
        self.result = result
        self.title_text = title
        self.now = now
        self.after = after
        self.index = 0
        self.filter = "all"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="result-scroll"):
            yield Static(
                summary_text(self.run, self.result, self.title_text),
                id="result-summary",
                markup=False,
            )
            yield Static("", id="result-filter", markup=False)
            yield Static("", id="result-question", markup=False)
        yield Static("", id="result-notice", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#result-scroll", VerticalScroll).focus()
        self.show()

    def shown(self) -> list[int]:
        return filtered(self.run, self.result, self.filter)

    def show(self) -> None:
        shown = self.shown()
        position = shown.index(self.index) if self.index in shown else 0
        self.query_one("#result-filter", Static).update(
            "─" * 40 + "\n" + filter_text(self.run, self.result, self.filter, position)
        )
        o = self.result.outcomes[self.index]
        self.query_one("#result-question", Static).update(outcome_text(self.run, self.index, o))

    def action_only(self, name: str) -> None:
        """Show only the incorrect, flagged or blank questions (or all of them again)."""
        keep = filtered(self.run, self.result, name)
        if not keep:
            self.say(f"No {name} questions in this attempt.")
            return
        self.filter = name
        if self.index not in keep:
            self.index = keep[0]
        self.say("")
        self.show()
        self.query_one("#result-filter", Static).scroll_visible(top=True)

    def say(self, text: str) -> None:
        self.query_one("#result-notice", Static).update(text)

    def action_move(self, step: int) -> None:
        """Next or previous question among those the filter shows."""
        shown = self.shown()
        position = shown.index(self.index) if self.index in shown else 0
        self.index = shown[max(0, min(len(shown) - 1, position + step))]
        self.say("")
        self.show()
        self.query_one("#result-filter", Static).scroll_visible(top=True)

    def action_next_wrong(self) -> None:
        n = len(self.result.outcomes)
        for k in range(1, n + 1):
            i = (self.index + k) % n
            if not self.result.outcomes[i].right:
                self.index = i
                if i not in self.shown():
                    self.filter = "all"
                self.say("")
                self.show()
                self.query_one("#result-filter", Static).scroll_visible(top=True)
                return
        self.say("Every answer was right.")

    def action_card(self) -> None:
        o = self.result.outcomes[self.index]
        if o.right:
            self.say("This answer was right; c makes cards from wrong answers.")
            return
        if o.id in self.run.carded:
            self.say("A card was already made from this question.")
            return
        self.run.make_card(o.id, self.now())
        topic = f"Mock exam mistakes > {self.run.guide.code.upper()} domain {o.domain}"
        self.say(f"Card added under {topic}.")
        self.show()

    def action_leave(self) -> None:
        self.dismiss(None)
        if self.after is not None:
            self.after()
