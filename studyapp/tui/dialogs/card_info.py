"""Card info: the whole review history and the memory state FSRS keeps."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from studyapp.study.rating import Rating
from studyapp.tui.screens.base import HELP_BINDING


class CardInfoScreen(ModalScreen[None]):
    BINDINGS = [HELP_BINDING, Binding("escape,i,q", "dismiss", "Close", id="info.close")]

    def __init__(self, info: dict[str, Any]) -> None:
        super().__init__()
        self.info = info

    def compose(self) -> ComposeResult:
        i = self.info
        r = i["retrievability"]
        with Vertical(id="info-box"):
            yield Static(
                f"State: {i['state']}   Stability: {_num(i['stability'])} days   "
                f"Difficulty: {_num(i['difficulty'])}   "
                f"Retrievability: {'-' if r is None else f'{r:.0%}'}   "
                f"Due: {i['due']:%Y-%m-%d %H:%M}"
                if i["due"]
                else "New card: never reviewed",
                markup=False,
            )
            table: DataTable[str] = DataTable(id="info-history")
            table.add_columns("When (UTC)", "Rating", "Time taken")
            for rev in i["reviews"]:
                took = f"{rev.duration_ms / 1000:.1f}s" if rev.duration_ms else "-"
                table.add_row(f"{rev.reviewed_at:%Y-%m-%d %H:%M}", Rating(rev.rating).label, took)
            yield table
            yield Static("Escape closes.", markup=False)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"
