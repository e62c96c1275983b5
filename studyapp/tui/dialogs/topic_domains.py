"""Why a topic counts toward its exam domains: a modal over Browse."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from studyapp.tui.screens.base import HELP_BINDING
from studyapp.util.textsafe import visible


class TopicDomainsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TopicDomainsScreen { align: center middle; }
    #domains-box {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $primary; padding: 1 2; background: $surface;
    }
    #domains-title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = [HELP_BINDING, Binding("escape,m,q", "dismiss", "Close", id="domains.close")]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="domains-box"):
            yield Static(visible(self.title_text), id="domains-title", markup=False)
            yield Static(visible("\n".join(self.lines)), id="domains-why", markup=False)
            yield Static("Escape closes.", markup=False)
