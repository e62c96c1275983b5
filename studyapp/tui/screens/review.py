"""Review: Anki's keys. Space shows the answer, then rates Good; 1-4 rate; u undoes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, ProgressBar, Static

from studyapp.store.errors import DatabaseError
from studyapp.study.rating import Rating
from studyapp.usecases.factcheck import card_findings
from studyapp.usecases.studying import StudySession, format_interval
from studyapp.util.textsafe import visible


def fact_check_text(card: object) -> str:
    """The fact check's findings on a card (its own text is never changed), one per line."""
    found = card_findings(
        getattr(card, "front", ""), getattr(card, "back", ""), getattr(card, "topic_path", "")
    )
    return "\n".join(f"⚠ Fact check: {visible(f.message())}" for f in found)


UNDONE = {
    "rate": "Undid the last rating.",
    "bury": "Undid the bury.",
    "suspend": "Undid the suspend.",
    "unsuspend": "Undid the unsuspend.",
    "unbury": "Undid the unbury.",
    "forget": "Undid the forget.",
}


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("space,enter", "flip", "Show / Good", id="review.flip", tooltip="Show the answer"),
        Binding("1", "rate(1)", "Again", id="review.again", show=False),
        Binding("2", "rate(2)", "Hard", id="review.hard", show=False),
        Binding("3", "rate(3)", "Good", id="review.good", show=False),
        Binding("4", "rate(4)", "Easy", id="review.easy", show=False),
        Binding("u", "undo", "Undo", id="review.undo", tooltip="Undo the last action"),
        Binding("minus", "bury", "Bury", id="review.bury", tooltip="Hide until tomorrow"),
        Binding("at", "suspend", "Suspend", id="review.suspend", tooltip="Never show again"),
        Binding("o", "open_notes", "Notes", id="review.notes", tooltip="This card's topic notes"),
        Binding("i", "info", "Info", id="review.info", tooltip="Card history and memory state"),
        Binding("escape,q", "leave", "Back", id="review.back"),
    ]

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session
        self.showing_back = False
        self._learning_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review-box"):
            yield ProgressBar(id="review-progress", show_eta=False)
            yield Static("", id="review-topic", markup=False)
            with VerticalScroll(id="review-card"):
                yield Static("", id="review-front", markup=False)
                yield Static("", id="review-back", markup=False)
                yield Static("", id="review-facts", markup=False)
            yield Static("", id="review-ratings", markup=False)
            yield Static("", id="review-notice", markup=False)
        yield Footer(compact=True)  # seven bindings: the spaced footer cuts "Back" at 80 columns

    def on_mount(self) -> None:
        self.refresh_card()

    # ---- rendering -------------------------------------------------------------------------
    def refresh_card(self) -> None:
        card = self.session.current()
        bar = self.query_one("#review-progress", ProgressBar)
        bar.update(total=max(self.session.total, 1), progress=self.session.done)
        front = self.query_one("#review-front", Static)
        back = self.query_one("#review-back", Static)
        ratings = self.query_one("#review-ratings", Static)
        topic = self.query_one("#review-topic", Static)
        if card is None:
            self.query_one("#review-facts", Static).display = False
            self.showing_back = False
            waiting = self.session.waiting_until()
            if waiting is not None:  # a learning card's step is not due yet: Anki waits too
                topic.update("Waiting for a learning step")
                wait = format_interval(waiting - self.session.clock())
                front.update(
                    f"The next learning card is due in {wait} "
                    f"({self.session.queue.learning_count} waiting). It is shown then; "
                    "press Escape to stop for now."
                )
                back.update("")
                ratings.update("")
                self._watch_learning()
                return
            s = self.session.stats
            topic.update("Session complete")
            minutes, seconds = divmod(int(s.seconds), 60)
            front.update(
                f"{s.reviewed} cards reviewed in {minutes}m {seconds:02d}s; "
                f"again-rate {s.again_rate:.0%}."
                + (f" {len(s.leeches)} leech(es) suspended." if s.leeches else "")
            )
            back.update("Press Escape to go back.")
            ratings.update("")
            return
        where = f"{visible(PurePath(card.source).name)}:{card.line}"
        # one-line widgets update without a layout pass: only the card itself can change height
        topic.update(f"{visible(card.topic_path)}   [{card.kind}]  {where}", layout=False)
        front.update(visible(card.front))
        facts = self.query_one("#review-facts", Static)
        found = fact_check_text(card) if self.showing_back else ""
        facts.update(found)
        facts.display = bool(found)  # takes no room on a card the check has nothing to say about
        if self.showing_back:
            back.update("─" * 20 + "\n" + visible(card.back))
            labels = self.session.intervals()
            ratings.update(
                "   ".join(f"{r.value} {r.label} {labels.get(r, '')}" for r in Rating),
                layout=False,
            )
        else:
            back.update("")
            ratings.update("space: show answer", layout=False)

    def _watch_learning(self) -> None:
        """Look again every few seconds for a learning card whose step has come due."""
        if self._learning_timer is None:
            self._learning_timer = self.set_interval(5.0, self.check_learning, name="learning")

    def check_learning(self) -> None:
        """Show the learning card whose step has come due, if one has."""
        shown = self.session.current_id is not None
        if shown or self.session.check_due():
            if self._learning_timer is not None:
                self._learning_timer.stop()
                self._learning_timer = None
            if not shown:
                self.refresh_card()

    def notify_text(self, text: str) -> None:
        self.query_one("#review-notice", Static).update(text, layout=False)

    # ---- actions ---------------------------------------------------------------------------
    def action_flip(self) -> None:
        if self.session.current_id is None:
            return
        if self.showing_back:
            self.action_rate(3)
        else:
            self.showing_back = True
            self.refresh_card()

    def action_rate(self, rating: int) -> None:
        if self.session.current_id is None:
            return
        if not self.showing_back:  # Anki rates only once the answer is shown
            self.showing_back = True
            self.refresh_card()
            return
        try:
            notice = self.session.rate(rating)
        except DatabaseError as exc:  # busy, read-only, disk full: the card stays, answer shown
            self.notify_text(f"Rating not saved: {exc} Press {rating} to rate it again.")
            return
        self.showing_back = False
        self.notify_text(notice or f"Rated {Rating(rating).label}.")
        self.refresh_card()

    def action_undo(self) -> None:
        try:
            undone = self.session.undo()
        except DatabaseError as exc:
            self.notify_text(f"Undo not saved: {exc}")
            return
        if undone is None:
            self.notify_text("Nothing to undo.")
            return
        self.showing_back = False
        self.notify_text(UNDONE.get(undone.action, f"Undid {undone.action}."))
        self.refresh_card()

    def action_bury(self) -> None:
        if self.session.current_id is not None and self._saved("Bury", self.session.bury):
            self.showing_back = False
            self.notify_text("Buried until tomorrow.")
            self.refresh_card()

    def action_suspend(self) -> None:
        if self.session.current_id is not None and self._saved("Suspend", self.session.suspend):
            self.showing_back = False
            self.notify_text("Suspended.")
            self.refresh_card()

    def _saved(self, what: str, write: Callable[[], None]) -> bool:
        """Run a write; on a database problem say so (nothing changed) and return False."""
        try:
            write()
        except DatabaseError as exc:
            self.notify_text(f"{what} not saved: {exc}")
            return False
        return True

    def action_info(self) -> None:
        cid = self.session.current_id
        if cid is None:
            return
        from studyapp.tui.dialogs.card_info import CardInfoScreen

        self.app.push_screen(CardInfoScreen(self.session.info(cid)))

    def action_open_notes(self) -> None:
        card = self.session.current()
        if card is None:
            return
        from studyapp.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen(self.session.repo, select_topic=card.topic_id))

    def action_leave(self) -> None:
        self.dismiss(None)
