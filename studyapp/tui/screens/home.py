"""Home: what is due, and the way into every part of the app, one key each."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from studyapp import locations

MENU = (
    ("s", "Study what is due"),
    ("b", "Browse topics, notes, tables and cards"),
    ("q", "Quit"),
)


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "study", "Study", id="home.study", tooltip="Review the cards due now"),
        Binding("b", "browse", "Browse", id="home.browse", tooltip="Topics, notes and cards"),
        Binding("q", "app.quit", "Quit", id="app.quit", tooltip="Leave studyapp"),
    ]

    def __init__(self, db_path: Path, import_bundled: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.import_bundled = import_bundled
        self.ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-box"):
            yield Static("studyapp", id="home-title", markup=False)
            yield Static("Opening your collection…", id="home-stats", markup=False)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status", markup=False)
            yield Static(
                "\n".join(f"  {key}  {label}" for key, label in MENU), id="home-menu", markup=False
            )
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.ready:
            self.refresh_overview()

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
        note = ""
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
        except DatabaseError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._opened, repo, note)

    def _opened(self, repo: object, note: str) -> None:
        self.app.repo = repo  # type: ignore[attr-defined]
        self.ready = True
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#import-status", Static).update(note)
        self.refresh_overview()

    def refresh_overview(self) -> None:
        from studyapp.studying import StudySession

        repo = self.app.repo  # type: ignore[attr-defined]
        ov = StudySession(repo, self.app.config.study).overview()  # type: ignore[attr-defined]
        counts = repo.counts()
        self.query_one("#home-stats", Static).update(
            f"Due today: {ov.due_today}   New: {ov.new_available}   "
            f"Reviewed today: {ov.reviewed_today}   Streak: {ov.streak} day(s)\n"
            f"{counts['cards']} cards in {counts['topics']} topics from {counts['sources']} files, "
            f"{counts['tables']} comparison tables\n"
            f"Database: {self.db_path}"
        )

    def _progress(self, done: int, total: int, name: str) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#import-status", Static).update(f"Importing {name}" if name else "")

    def _show_error(self, message: str) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#home-stats", Static).update(message)

    def action_study(self) -> None:
        if not self.ready:
            self.notify("Still opening the collection…")
            return
        from studyapp.studying import StudySession
        from studyapp.tui.screens.review import ReviewScreen

        session = StudySession(self.app.repo, self.app.config.study)  # type: ignore[attr-defined]
        session.start()
        if not session.queue:
            self.notify("Nothing is due now. Come back later, or import more notes.")
            return
        self.app.push_screen(ReviewScreen(session))

    def action_browse(self) -> None:
        if not self.ready:
            self.notify("Still opening the collection…")
            return
        from studyapp.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen(self.app.repo))  # type: ignore[attr-defined]
