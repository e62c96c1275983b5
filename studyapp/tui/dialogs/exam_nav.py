"""Dialogs of the exam screen: the navigator (jump to a question), the review before submitting,
and a yes/no confirmation. Each is a modal that returns a value."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studyapp.exam.session import NavItem
from studyapp.tui.screens.base import HELP_BINDING

STATUS = {"answered": "answered", "incomplete": "incomplete", "blank": "blank"}
SUBMIT = -1  # what the review dialog returns when the learner confirms submitting


def nav_line(item: NavItem, domain: int) -> str:
    flag = "  ⚑ flagged" if item.flagged else ""
    here = " ◀ current" if item.current else ""
    return f"{item.index + 1:>3}. {STATUS[item.status]:<10}  domain {domain}{flag}{here}"


def summary(items: list[NavItem]) -> str:
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUS}
    flagged = sum(1 for i in items if i.flagged)
    return (
        f"{counts['answered']} answered, {counts['incomplete']} incomplete, "
        f"{counts['blank']} blank, {flagged} flagged"
    )


class NavigatorScreen(ModalScreen[int | None]):
    """Every question with its status; Enter jumps to one. `submitting` adds the submit key."""

    DEFAULT_CSS = """
    NavigatorScreen { align: center middle; }
    #nav-box { width: 76; max-width: 100%; height: 90%; border: round $primary;
               background: $surface; padding: 0 1; }
    #nav-title { height: auto; text-style: bold; }
    #nav-list { height: 1fr; }
    #nav-keys { height: auto; color: $text-muted; }
    """

    BINDINGS = [
        HELP_BINDING,
        Binding("escape,g,q", "close", "Back to the question", id="exam_nav.back"),
        Binding("b", "first_blank", "First blank", id="exam_nav.blank"),
        Binding("f", "first_flagged", "First flagged", id="exam_nav.flagged"),
        Binding("s", "submit", "Submit", id="exam_nav.submit"),
    ]

    def __init__(self, items: list[NavItem], domains: list[int], submitting: bool = False) -> None:
        super().__init__()
        self.items = items
        self.domains = domains
        self.submitting = submitting

    def compose(self) -> ComposeResult:
        title = "Review before submitting" if self.submitting else "All questions"
        keys = "Enter: go to it   b: first blank   f: first flagged   Esc: back"
        if self.submitting:
            keys = "s: submit   " + keys
        with Vertical(id="nav-box"):
            yield Static(f"{title}: {summary(self.items)}", id="nav-title", markup=False)
            yield OptionList(
                *[
                    Option(nav_line(item, self.domains[item.index]), id=str(item.index))
                    for item in self.items
                ],
                id="nav-list",
            )
            yield Static(keys, id="nav-keys", markup=False)

    def on_mount(self) -> None:
        listing = self.query_one("#nav-list", OptionList)
        current = next((i.index for i in self.items if i.current), 0)
        listing.highlighted = current
        listing.focus()

    def action_submit(self) -> None:
        if self.submitting:
            self.dismiss(SUBMIT)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def _first(self, test: str) -> None:
        for item in self.items:
            if (test == "flagged" and item.flagged) or (
                test == "blank" and item.status != "answered"
            ):
                self.dismiss(item.index)
                return
        self.notify(f"No {test} question.")

    def action_first_blank(self) -> None:
        self._first("blank")

    def action_first_flagged(self) -> None:
        self._first("flagged")

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool | None]):
    """A question with y / n; Escape answers None (cancel)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box { width: 70; max-width: 100%; height: auto; border: round $warning;
                   background: $surface; padding: 1 2; }
    #confirm-keys { margin-top: 1; text-style: bold; height: auto; }
    """

    BINDINGS = [
        HELP_BINDING,
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(None)", "Cancel", id="confirm.cancel"),
    ]

    def __init__(self, message: str, keys: str = "y: yes   n: no") -> None:
        super().__init__()
        self.message = message
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.message, id="confirm-message", markup=False)
            yield Static(self.keys, id="confirm-keys", markup=False)

    def action_answer(self, value: bool | None) -> None:
        self.dismiss(value)
