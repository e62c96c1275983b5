"""What every simulator's side panel shares: labelled parameter fields and a "changed" message.

A panel edits the scenario's model in place (the screen then builds a fresh simulator from it)
and draws its own view of the simulator's state (answer bars, queues, the connection pool).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Switch

from studyapp.sims.runner import Scenario
from studyapp.sims.trace import Stepper

M = TypeVar("M")


class ParamsChanged(Message):
    """A parameter now holds a valid new value; `problem` is set when one does not."""

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem


def number_field(
    label: str, field_id: str, value: float, integer: bool = True, tooltip: str = ""
) -> ComposeResult:
    with Horizontal(classes="demo-field"):
        yield Label(label, classes="demo-label", markup=False)
        field = Input(
            f"{value:g}",
            id=field_id,
            name=label,
            type="integer" if integer else "number",
            compact=True,
            classes="demo-input",
        )
        if tooltip:
            field.tooltip = tooltip
        yield field


def switch_field(label: str, field_id: str, value: bool, tooltip: str = "") -> ComposeResult:
    with Horizontal(classes="demo-field"):
        yield Label(label, classes="demo-label", markup=False)
        switch = Switch(value, id=field_id, classes="demo-switch")
        if tooltip:
            switch.tooltip = tooltip
        yield switch
        yield Label(on_off(value), id=f"{field_id}-state", classes="demo-state", markup=False)


def on_off(value: bool) -> str:
    return "yes" if value else "no"


def bar(count: int, total: int, width: int = 12) -> str:
    filled = round(width * count / total) if total else 0
    return "█" * filled + "·" * (width - filled)


class SimPanel(Vertical, Generic[M]):
    """Base for the per-simulator panels: parameters on top, a live view below. `MODEL` is the
    scenario model the panel edits (`self.model`); a panel for another simulator's is a bug."""

    MODEL: type[Any] = object

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(classes="demo-panel")
        self.scenario = scenario
        if not isinstance(scenario.model, self.MODEL):
            raise TypeError(f"{type(self).__name__} shows {self.MODEL.__name__} scenarios")
        self.model: M = scenario.model

    def read_number(self, field_id: str, lo: float, hi: float) -> float:
        """The value of a number field, or ValueError naming the field and its range."""
        field = self.query_one(f"#{field_id}", Input)
        label = field.name or field_id
        try:
            value = float(field.value)
        except ValueError:
            raise ValueError(f"{label}: enter a number from {lo:g} to {hi:g}") from None
        if not lo <= value <= hi:
            raise ValueError(f"{label}: {value:g} is outside {lo:g}..{hi:g}")
        return value

    def on_mount(self) -> None:
        self._last = self.values()

    def values(self) -> tuple[object, ...]:
        return tuple(w.value for w in self.query("Input, Switch") if isinstance(w, Input | Switch))

    def apply(self) -> None:
        """Write the fields into `self.scenario.model`; ValueError when one is invalid."""
        raise NotImplementedError

    def show(self, sim: Stepper) -> None:
        """Redraw the view from the simulator's current state."""
        raise NotImplementedError

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.query_one(f"#{event.switch.id}-state", Label).update(on_off(event.value))
        self._changed()

    def _changed(self) -> None:
        current = self.values()
        if current == getattr(self, "_last", None):
            return  # fields report their first value too; only a real edit restarts the run
        self._last = current
        try:
            self.apply()
        except ValueError as exc:
            self.post_message(ParamsChanged(str(exc)))
            return
        self.post_message(ParamsChanged())
