"""Predict, then run: a question about the scenario on screen, asked before the learner
watches it; the verdict is judged from that same run (`studyapp.sims.predict`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studyapp.sims.predict import Prediction
from studyapp.tui.screens.base import HELP_BINDING
from studyapp.util.textsafe import visible

LETTERS = "abcd"


class PredictScreen(ModalScreen[int | None]):
    """Shows one prediction; dismisses with the chosen option's index (None = cancelled)."""

    CSS_PATH = "../demos.tcss"  # loaded when a demo opens, not at the app's start
    BINDINGS = [
        HELP_BINDING,
        Binding("escape", "cancel", "Cancel", id="demo.predict.cancel"),
        Binding("a", "pick(0)", "a", id="demo.predict.a", show=False),
        Binding("b", "pick(1)", "b", id="demo.predict.b", show=False),
        Binding("c", "pick(2)", "c", id="demo.predict.c", show=False),
        Binding("d", "pick(3)", "d", id="demo.predict.d", show=False),
    ]

    def __init__(self, prediction: Prediction) -> None:
        super().__init__()
        self.prediction = prediction

    def compose(self) -> ComposeResult:
        options = self.prediction.options
        with Vertical(id="predict-box"):
            yield Static("Predict, then run", classes="demo-heading", markup=False)
            yield Static(visible(self.prediction.stem), id="predict-stem", markup=False)
            yield OptionList(
                *[
                    Option(Text(f"{LETTERS[i]}. {visible(text)}"), id=str(i))
                    for i, text in enumerate(options)
                ],
                id="predict-options",
            )
            yield Static(
                f"Pick with a-{LETTERS[len(options) - 1]} or Enter; Escape cancels. The "
                "scenario then runs and the verdict comes from what you watch.",
                id="predict-help",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.prediction.options):
            self.dismiss(index)

    def action_cancel(self) -> None:
        self.dismiss(None)
