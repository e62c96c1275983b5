"""Custom study (Anki's): a modal that returns what to study beyond today's limits.

Keys 1-6 (or the arrows and Enter) choose an option; the amount is typed in the box below and
Enter starts it; Escape closes. Returns `(kind, amount)` (usecases/custom_study.py) or None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from studyapp.tui.screens.base import HELP_BINDING
from studyapp.usecases.custom_study import CHOICES, CHOOSE, SCOPE, choice
from studyapp.util.textsafe import visible


class CustomStudyScreen(ModalScreen[tuple[str, int] | None]):
    DEFAULT_CSS = """
    CustomStudyScreen { align: center middle; }
    #custom-box {
        width: 90%; max-width: 90; height: auto; max-height: 90%;
        border: round $primary; padding: 1 2; background: $surface;
    }
    #custom-title { text-style: bold; margin-bottom: 1; }
    #custom-list { height: auto; max-height: 10; }
    #custom-amount { margin-top: 1; }
    #custom-help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        HELP_BINDING,
        Binding("escape", "close", "Close", id="custom.close"),
        *(
            Binding(str(n), f"pick({n - 1})", show=False, id=f"custom.{n}")
            for n in range(1, len(CHOICES) + 1)
        ),
    ]

    def __init__(self, scope_name: str = "", why: str = "", can_choose: bool = True) -> None:
        """`scope_name`: the topic, exam or domain it was opened on (offers studying it beyond
        the limits); `why`: a first line saying why it opened (nothing due there);
        `can_choose`: offer the chooser of exams, domains and topics."""
        super().__init__()
        self.scope_name = scope_name
        self.why = why
        self.kinds = [
            c.kind
            for c in CHOICES
            if (c.kind != SCOPE or scope_name) and (c.kind != CHOOSE or can_choose)
        ]
        self.kind = self.kinds[0]

    def _label(self, kind: str, n: object = "N") -> str:
        c = choice(kind)
        return c.label.format(n=n, scope=self.scope_name or "it")

    def compose(self) -> ComposeResult:
        with Vertical(id="custom-box"):
            yield Static("Custom study", id="custom-title", markup=False)
            if self.why:
                yield Static(visible(self.why), id="custom-why", markup=False)
            yield OptionList(
                *(
                    Option(f"{i}  {visible(self._label(k))}", id=k)
                    for i, k in enumerate(self.kinds, 1)
                ),
                id="custom-list",
            )
            yield Input(
                str(choice(self.kind).default), type="integer", id="custom-amount", max_length=5
            )
            yield Static(
                f"1-{len(self.kinds)} or arrows + Enter choose; type the amount, Enter starts; "
                "Escape closes.",
                id="custom-help",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#custom-list", OptionList).focus()

    def action_pick(self, index: int) -> None:
        if not 0 <= index < len(self.kinds):
            return
        options = self.query_one("#custom-list", OptionList)
        options.highlighted = index
        self._chosen(self.kinds[index])

    @on(OptionList.OptionSelected, "#custom-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._chosen(event.option.id or self.kinds[0])

    def _chosen(self, kind: str) -> None:
        self.kind = kind
        if kind == CHOOSE:
            self.dismiss((CHOOSE, 0))
            return
        amount = self.query_one("#custom-amount", Input)
        amount.value = str(choice(kind).default)
        amount.focus()

    @on(Input.Submitted, "#custom-amount")
    def _submitted(self, event: Input.Submitted) -> None:
        c = choice(self.kind)
        try:
            n = int(event.value)
        except ValueError:
            n = 0
        if not 1 <= n <= c.maximum:
            self.notify(f"Type a whole number from 1 to {c.maximum}.", severity="warning")
            return
        self.dismiss((self.kind, n))

    def action_close(self) -> None:
        self.dismiss(None)
