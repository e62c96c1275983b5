"""The exam screen: one question at a time, a countdown always in view, auto-submit at zero.

Keys: a-e (or 1-5) toggle options, n/right next, p/left previous, f flag, g navigator,
s review and submit, Enter check the answer (review mode and quizzes), q/Escape quit and keep
the attempt to resume later. The clock is `now()`, injectable for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from studyapp.exam.question import Question
from studyapp.exam.session import ExamOver, Reveal
from studyapp.usecases.examining import ExamRun, clock, reflow, states_choose
from studyapp.util.clock import Clock, utcnow
from studyapp.util.textsafe import visible

WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def choose_line(q: Question) -> str:
    """ "Choose two." for a multiple-response item, unless its stem already says so."""
    if q.choose == 1 or states_choose(q.stem):
        return ""
    return f"Choose {WORDS.get(q.choose, str(q.choose))}."


def option_lines(q: Question, chosen: tuple[str, ...]) -> str:
    lines = []
    for letter, text in q.options:
        picked = letter in chosen
        box = ("[x]" if picked else "[ ]") if q.choose > 1 else ("(•)" if picked else "( )")
        lines.append(f"{box} {letter}. {visible(reflow(text))}")
    return "\n".join(lines)


def reveal_text(r: Reveal) -> str:
    head = "Correct." if r.right else f"Not right: the answer is {', '.join(r.correct)}."
    if not r.chosen:
        head = f"No answer given: the answer is {', '.join(r.correct)}."
    lines = [head]
    for letter, why, ok in r.explanations:
        lines.append(f"{'✓' if ok else '✗'} {letter}. {visible(reflow(why))}")
    lines += [f"See: {visible(ref)}" for ref in r.references]
    return "\n".join(lines)


def _option_bindings() -> list[Binding]:
    out = []
    for i, letter in enumerate("abcde"):
        out.append(
            Binding(
                f"{letter},{i + 1}",
                f"pick('{letter.upper()}')",
                f"Option {letter.upper()}",
                id=f"exam.option_{letter}",
                show=False,
            )
        )
    return out


class ExamScreen(Screen[None]):
    DEFAULT_CSS = """
    #exam-box { padding: 0 1; }
    #exam-status { height: 1; text-style: bold; background: $boost; }
    #exam-warning { height: auto; color: $warning; text-style: bold; }
    #exam-body { height: 1fr; border: round $primary; padding: 0 1; }
    #exam-choose { text-style: bold; margin-top: 1; height: auto; }
    #exam-options { margin-top: 1; height: auto; }
    #exam-reveal { margin-top: 1; height: auto; }
    #exam-notice { height: auto; color: $warning; }
    """

    BINDINGS = [
        *_option_bindings(),
        Binding("n,right", "next", "Next", id="exam.next", tooltip="Next question"),
        Binding("p,left", "previous", "Prev", id="exam.previous", tooltip="Previous question"),
        Binding("f", "flag", "Flag", id="exam.flag", tooltip="Flag for review"),
        Binding("g", "navigator", "Go to", id="exam.navigator", tooltip="All questions"),
        Binding("enter", "check", "Check", id="exam.check", show=False),
        Binding("s", "review", "Submit", id="exam.submit", tooltip="Review, then submit"),
        Binding("q,escape", "quit_exam", "Quit", id="exam.quit", tooltip="Keep to resume"),
    ]

    def __init__(
        self,
        run: ExamRun,
        title: str = "",
        now: Clock = utcnow,
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.run = run
        self.title_text = title or run.guide.code.upper()
        self.now = now
        self.after = after
        self.revealed: Reveal | None = None
        self.warning = ""
        self.done = False
        self._shown: str | None = None  # the question on screen, to scroll a new one to its top

    def compose(self) -> ComposeResult:
        with Vertical(id="exam-box"):
            yield Static("", id="exam-status", markup=False)
            yield Static("", id="exam-warning", markup=False)
            with VerticalScroll(id="exam-body"):
                yield Static("", id="exam-stem", markup=False)
                yield Static("", id="exam-choose", markup=False)
                yield Static("", id="exam-options", markup=False)
                yield Static("", id="exam-reveal", markup=False)
            yield Static("", id="exam-notice", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.run.session.resume(self.now())
        for note in self.run.notes:
            self.notify(note, timeout=8)
        if self.run.reveals:
            self.say("Enter: check the answer (explanations follow)   n: next")
        if self.run.timed:
            self.set_interval(1.0, self.tick_clock, name="exam-clock")
        self.show()

    # ---- rendering -------------------------------------------------------------------------
    def status_text(self) -> str:
        s = self.run.session
        q = s.current
        flag = "  ⚑" if q.id in s.flags else ""
        left = s.remaining(self.now())
        timer = "untimed" if left is None else f"Time left {clock(left.total_seconds())}"
        place = f"Q {s.index + 1}/{len(s.questions)} · domain {q.domain}{flag}"
        return f"{self.title_text}   {place}   {timer}"

    def show(self) -> None:
        s = self.run.session
        q = s.current
        if self._shown != q.id:
            self._shown = q.id
            self.query_one("#exam-body", VerticalScroll).scroll_home(animate=False)
        self.query_one("#exam-status", Static).update(self.status_text())
        self._warning()
        self.query_one("#exam-stem", Static).update(visible(reflow(q.stem)))
        choose = self.query_one("#exam-choose", Static)
        choose.update(choose_line(q))
        choose.display = bool(choose_line(q))
        self.query_one("#exam-options", Static).update(option_lines(q, s.answers.get(q.id, ())))
        reveal = self.revealed if self.revealed and self.revealed.id == q.id else None
        if reveal is None and q.id in s.revealed:
            reveal = s.reveal(self.now()) if not s.submitted else None
        self.query_one("#exam-reveal", Static).update(reveal_text(reveal) if reveal else "")

    def say(self, text: str) -> None:
        notice = self.query_one("#exam-notice", Static)
        notice.update(text)
        notice.display = bool(text)

    # ---- the clock ---------------------------------------------------------------------------
    def tick_clock(self) -> None:
        """Once a second: the countdown, the warning, and the submit at zero."""
        if self.done:
            return
        s = self.run.session
        now = self.now()
        if s.tick(now) is not None:
            self.finish("Time is up: the exam was submitted.")
            return
        if s.warning_due(now):
            s.acknowledge_warning()
            left = s.remaining(now)
            minutes = int(left.total_seconds() // 60) if left else 0
            self.warning = f"⚠ {minutes} minute(s) left. The exam submits itself at zero."
            self.notify(self.warning, severity="warning", timeout=8)
            self.run.save(now)
        self.query_one("#exam-status", Static).update(self.status_text())
        self._warning()

    def _warning(self) -> None:
        line = self.query_one("#exam-warning", Static)
        line.update(self.warning)
        line.display = bool(self.warning)

    # ---- actions -----------------------------------------------------------------------------
    def _do(self, step: Callable[[datetime], object]) -> bool:
        """Run one session step; False if the attempt ended (the clock ran out)."""
        if self.done:
            return False
        now = self.now()
        try:
            step(now)
        except ExamOver:
            self.finish("Time is up: the exam was submitted.")
            return False
        self.run.save(now)
        return True

    def action_pick(self, letter: str) -> None:
        s = self.run.session
        q = s.current
        if letter not in q.letters:
            self.say(f"This question has options {q.letters[0]}-{q.letters[-1]}.")
            return
        if q.id in s.revealed:
            self.say("The answer is shown; it can no longer change.")
            return
        if self._do(lambda now: s.toggle(letter, now)):
            picked = len(s.answers.get(q.id, ()))
            left = q.choose - picked
            self.say(f"Pick {left} more." if q.choose > 1 and left > 0 else "")
            self.show()

    def action_next(self) -> None:
        s = self.run.session
        q = s.current
        if self.run.reveals and q.id in s.answers and q.id not in s.revealed:
            self.action_check()
            return
        if s.index == len(s.questions) - 1:
            self.say("That was the last question: press s to review and submit.")
            return
        if self._do(s.next):
            self.say("")
            self.show()

    def action_previous(self) -> None:
        s = self.run.session
        if s.index == 0:
            self.say("This is the first question.")
            return
        if self._do(s.previous):
            self.say("")
            self.show()

    def action_flag(self) -> None:
        s = self.run.session
        flagged = s.current.id in s.flags
        if self._do(lambda now: s.flag(now, flagged=not flagged)):
            self.say("Unflagged." if flagged else "Flagged for review.")
            self.show()

    def action_check(self) -> None:
        s = self.run.session
        if not self.run.reveals:
            self.action_next()
            return
        if s.current.id not in s.answers and s.current.id not in s.revealed:
            self.say("Choose an answer first (a-e), or n to skip.")
            return
        holder: list[Reveal] = []
        if self._do(lambda now: holder.append(s.reveal(now))):
            self.revealed = holder[0]
            self.say("n: next question")
            self.show()
            self.call_after_refresh(self.query_one("#exam-reveal", Static).scroll_visible)

    def _open_list(self, submitting: bool) -> None:
        from studyapp.tui.dialogs.exam_nav import SUBMIT, NavigatorScreen

        s = self.run.session
        domains = [q.domain for q in s.questions]

        def chosen(index: int | None) -> None:
            if index == SUBMIT:
                self._confirm_submit()
            elif index is not None and self._do(lambda now: s.goto(index, now)):
                self.show()

        self.app.push_screen(NavigatorScreen(s.navigator(), domains, submitting), chosen)

    def action_navigator(self) -> None:
        self._open_list(submitting=False)

    def action_review(self) -> None:
        self._open_list(submitting=True)

    def _confirm_submit(self) -> None:
        from studyapp.tui.dialogs.exam_nav import ConfirmScreen, summary

        items = self.run.session.navigator()
        message = f"Submit and see your score?\n{summary(items)}."

        def answered(yes: bool | None) -> None:
            if yes:
                self.finish("")

        self.app.push_screen(ConfirmScreen(message, "y: submit   n: keep going"), answered)

    def finish(self, message: str) -> None:
        """Score and store the attempt, then show the result screen."""
        if self.done:
            return
        self.done = True
        result = self.run.finish(self.now())
        from studyapp.tui.screens.exam_result import ExamResultScreen

        screen = ExamResultScreen(self.run, result, self.title_text, self.now, self.after)
        self.app.switch_screen(screen)
        if message:
            self.app.notify(message, severity="warning", timeout=10)

    def action_quit_exam(self) -> None:
        if not self.done:
            self.done = True
            self.run.suspend(self.now())
            self.app.notify("Attempt saved: resume it from Exams & quizzes.", timeout=6)
        self.dismiss(None)
        if self.after is not None:
            self.after()
