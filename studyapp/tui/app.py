"""The Textual application. Screens render and dispatch; the work happens in thread workers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from studyapp.tui.commands import StudyCommands
from studyapp.tui.screens.home import HomeScreen
from studyapp.usecases.config import Config, load_config
from studyapp.util import locations


class StudyApp(App[None]):
    CSS_PATH = "studyapp.tcss"  # the demo screens load demos.tcss themselves (a faster start)
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
        self.repo: Any = None  # the Repository (SQLAlchemy): opened in the background
        self.study: Any = None  # what studying needs: the stdlib StudyStore, or the repo
        self._repo_waiting: list[Callable[[Any], None]] = []
        self._repo_opening = False

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
        elif self.study is not None:
            self.study.close()

    # ---- the repository, opened off the path to the first card ----------------------------
    def with_repo(self, then: Callable[[Any], None]) -> None:
        """Run `then(repo)` now, or once the repository has opened (opening it if need be)."""
        if self.repo is not None:
            then(self.repo)
            return
        self._repo_waiting.append(then)
        self.open_repo()
        self.set_timer(0.3, self._still_opening)  # say so only when it is slow to open

    def _still_opening(self) -> None:
        if self.repo is None and self._repo_waiting:
            self.notify("Opening your collection…", timeout=2)

    def open_repo(self) -> None:
        """Open the Repository in a thread (importing SQLAlchemy costs ~250 ms), once."""
        if self.repo is None and not self._repo_opening:
            self._repo_opening = True
            self.run_worker(self._open_repo, thread=True, exclusive=True, group="repo")

    def open_repository(self, store: Any = None) -> Any:
        """Open (and migrate) the Repository, from a worker thread; studying keeps going
        through `store` (one stdlib connection). Raises the learner's DatabaseError."""
        from studyapp.store.repository import Repository

        self._repo_opening = True  # no second opener meanwhile
        try:
            repo = Repository.open(self.db_path)
        except BaseException:
            self._repo_opening = False
            raise
        if store is not None:
            repo.adopt_study_store(store)
        return repo

    def _open_repo(self) -> None:
        from studyapp.store.errors import DatabaseError

        store = self.study if hasattr(self.study, "con") else None
        try:
            repo = self.open_repository(store)
        except DatabaseError as exc:
            self.call_from_thread(self._repo_failed, str(exc))
            return
        self.call_from_thread(self.repo_opened, repo)

    def _repo_failed(self, message: str) -> None:
        self._repo_opening = False
        self._repo_waiting.clear()  # the screens asked for are not opened later by surprise
        self.notify(message, severity="error", timeout=15)

    def repo_opened(self, repo: Any) -> None:
        self.repo = repo
        self._repo_opening = False
        if self.study is None:
            self.study = repo
        waiting, self._repo_waiting = self._repo_waiting, []
        for then in waiting:
            then(repo)


def run_app(db_path: Path) -> int:
    StudyApp(db_path).run()
    return 0
