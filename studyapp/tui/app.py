"""The Textual application. Screens render and dispatch; the work happens in thread workers."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from studyapp.tui.screens.home import HomeScreen


class StudyApp(App[None]):
    CSS_PATH = "studyapp.tcss"
    TITLE = "studyapp"
    SUB_TITLE = "AWS exam study companion"

    def __init__(self, db_path: Path, import_bundled: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.import_bundled = import_bundled

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.db_path, self.import_bundled))


def run_app(db_path: Path) -> int:
    StudyApp(db_path).run()
    return 0
