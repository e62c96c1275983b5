"""The way out of a collection the app cannot open (damaged, or written by a newer studyapp):
put the newest backup in its place, keeping the file aside, or quit. Nothing is deleted."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from studyapp.tui.screens.base import HELP_BINDING


class DbProblemScreen(ModalScreen[bool | None]):
    """Dismisses with True to restore the backup, False to quit; Escape closes it (stay)."""

    DEFAULT_CSS = """
    DbProblemScreen { align: center middle; }
    #db-problem-box {
        width: 90%; max-width: 100; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    #db-problem-title { text-style: bold; margin-bottom: 1; }
    #db-problem-backup, #db-problem-choices { margin-top: 1; }
    """
    BINDINGS = [
        HELP_BINDING,
        Binding("r", "restore", "Restore backup", id="dbproblem.restore"),
        Binding("q", "quit_app", "Quit", id="dbproblem.quit"),
        Binding("escape", "stay", "Close", id="dbproblem.close"),
    ]

    def __init__(self, message: str, db_path: Path, backup: Path) -> None:
        super().__init__()
        self.message = message
        self.db_path = db_path
        self.backup = backup

    def compose(self) -> ComposeResult:
        made = datetime.fromtimestamp(self.backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        with Vertical(id="db-problem-box"):
            yield Static("Your collection cannot be opened", id="db-problem-title", markup=False)
            yield Static(self.message, id="db-problem-message", markup=False)
            yield Static(
                f"A backup lies beside it: {self.backup.name} (saved {made}). Restoring it brings "
                "back the collection as it was then; reviews made since are not in it. The current "
                f"file is kept as {self.db_path.name}.damaged-<date-time>: nothing is deleted.",
                id="db-problem-backup",
                markup=False,
            )
            yield Static(
                "  r  Restore the backup\n  q  Quit studyapp\n  Escape  Close this message",
                id="db-problem-choices",
                markup=False,
            )

    def action_restore(self) -> None:
        self.dismiss(True)

    def action_quit_app(self) -> None:
        self.dismiss(False)

    def action_stay(self) -> None:
        self.dismiss(None)  # neither: stay on the home screen
