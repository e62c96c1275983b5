"""Home: what is in the collection, and the way into every part of the app."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from studyapp import locations


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="app.quit", tooltip="Leave studyapp"),
    ]

    def __init__(self, db_path: Path, import_bundled: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.import_bundled = import_bundled

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-box"):
            yield Static("studyapp", id="home-title", markup=False)
            yield Static("Opening your collection…", id="home-stats", markup=False)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Open (and migrate) the database, import the bundled notes if they changed."""
        from studyapp.importer import import_paths
        from studyapp.store.db import DatabaseError
        from studyapp.store.repository import Repository

        try:
            repo = Repository.open(self.db_path)
        except DatabaseError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        try:
            if self.import_bundled and locations.bundled_notes_dir().is_dir():
                report = import_paths(
                    repo,
                    [locations.bundled_notes_dir()],
                    bundled=True,
                    progress=lambda done, total, name: self.app.call_from_thread(
                        self._progress, done, total, name
                    ),
                )
                n_warn = sum(len(f.warnings) for f in report.files)
                note = f"Bundled notes: {len(report.files)} files, {n_warn} warnings."
            else:
                note = ""
            counts = repo.counts()
        except DatabaseError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        finally:
            repo.close()
        self.app.call_from_thread(self._show_counts, counts, note)

    def _progress(self, done: int, total: int, name: str) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#import-status", Static).update(f"Importing {name}" if name else "")

    def _show_counts(self, counts: dict[str, int], note: str) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#home-stats", Static).update(
            f"{counts['cards']} cards in {counts['topics']} topics from {counts['sources']} files\n"
            f"{counts['tables']} comparison tables · {counts['reviews']} reviews so far\n"
            f"Database: {self.db_path}"
        )
        self.query_one("#import-status", Static).update(note)

    def _show_error(self, message: str) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#home-stats", Static).update(message)
