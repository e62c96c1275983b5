"""The Textual application. Screens render and dispatch; the work happens in thread workers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from studyapp import locations
from studyapp.config import Config, load_config
from studyapp.tui.commands import StudyCommands
from studyapp.tui.screens.home import HomeScreen


class StudyApp(App[None]):
    CSS_PATH = ["studyapp.tcss", "demos.tcss"]
    TITLE = "studyapp"
    SUB_TITLE = "AWS exam study companion"
    COMMANDS = App.COMMANDS | {StudyCommands}

    def __init__(
        self,
        db_path: Path,
        import_bundled: bool = True,
        config: Config | None = None,
        db_label: str | None = None,
        launch: Callable[[StudyApp], None] | None = None,
    ) -> None:
        super().__init__()
        self.launch = launch  # opens a screen over home at launch (`studyapp exam`)
        self.db_path = db_path
        self.db_label = db_label  # shown on the home screen instead of the path when given
        self.import_bundled = import_bundled
        self.config = config if config is not None else load_config(locations.config_path())
        self.repo: Any = None

    def on_mount(self) -> None:
        if self.config.keys:
            self.set_keymap(self.config.keys)
        for problem in self.config.problems:
            self.notify(problem, severity="warning", timeout=10)
        self.push_screen(HomeScreen(self.db_path, self.import_bundled, self.db_label))
        if self.launch is not None:
            self.launch(self)

    def on_unmount(self) -> None:
        if self.repo is not None:
            self.repo.close()


def run_app(db_path: Path) -> int:
    StudyApp(db_path).run()
    return 0
