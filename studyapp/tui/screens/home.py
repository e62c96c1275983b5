"""Home: what is due, and the way into every part of the app, one key each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from studyapp import locations

if TYPE_CHECKING:
    from studyapp.studying import Overview

MENU = (
    ("s", "Study what is due"),
    ("b", "Browse topics, notes, tables and cards"),
    ("e", "Exams & quizzes"),
    ("d", "Live demos: Route 53, SQS, RDS Proxy"),
    ("r", "Progress report"),
    ("q", "Quit"),
)


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "study", "Study", id="home.study", tooltip="Review the cards due now"),
        Binding("b", "browse", "Browse", id="home.browse", tooltip="Topics, notes and cards"),
        Binding("e", "exams", "Exams", id="home.exams", tooltip="Mock exams and quizzes"),
        Binding("d", "demos", "Demos", id="home.demos", tooltip="Watch AWS decide, step by step"),
        Binding("r", "report", "Report", id="home.report", tooltip="Progress per exam domain"),
        Binding("q", "app.quit", "Quit", id="app.quit", tooltip="Leave studyapp"),
    ]

    def __init__(
        self, db_path: Path, import_bundled: bool = True, db_label: str | None = None
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.db_label = db_label if db_label is not None else str(db_path)
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
        """Show the figures read with the stdlib driver, open (and migrate) the database, then
        import the bundled notes if they changed (studying may start meanwhile)."""
        self._post_figures()
        from studyapp.store.db import DatabaseError
        from studyapp.store.repository import Repository

        try:
            repo = Repository.open(self.db_path)
        except DatabaseError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        # what the first card needs (fsrs, the review screen), loaded here, off the event loop
        import studyapp.study.scheduler  # noqa: F401
        import studyapp.tui.screens.review  # noqa: F401

        importing = self.import_bundled and locations.bundled_notes_dir().is_dir()
        self.app.call_from_thread(self._opened, repo, importing)
        if not importing:
            return
        from studyapp.importer import import_paths

        try:
            report = import_paths(
                repo,
                [locations.bundled_notes_dir()],
                bundled=True,
                progress=lambda done, total, name: self.app.call_from_thread(
                    self._progress, done, total, name
                ),
            )
        except DatabaseError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        n_warn = sum(len(f.warnings) for f in report.files)
        note = f"Bundled notes: {len(report.files)} files, {n_warn} warnings."
        self.app.call_from_thread(self._imported, note)
        self._post_figures()

    def _opened(self, repo: object, importing: bool) -> None:
        self.app.repo = repo  # type: ignore[attr-defined]
        self.ready = True
        self.query_one("#import-progress", ProgressBar).display = importing
        if not importing:
            self.refresh_overview()

    def _imported(self, note: str) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#import-status", Static).update(note)

    def _figures(self) -> tuple[Overview, dict[str, int]] | None:
        """Today's figures and the collection's size, read with the stdlib driver (no
        SQLAlchemy on the way to the first paint); None before the database exists."""
        from datetime import UTC, datetime

        from studyapp.store.quick_read import QuickReader
        from studyapp.studying import overview

        reader = QuickReader.open(self.db_path)
        if reader is None:
            return None
        try:
            ov = overview(reader, self.app.config.study, datetime.now(UTC))  # type: ignore[attr-defined]
            return ov, reader.counts()
        except Exception:  # an old schema, about to be migrated: the next read shows them
            return None
        finally:
            reader.close()

    def _post_figures(self) -> None:
        """From the worker thread."""
        figures = self._figures()
        if figures is not None:
            self.app.call_from_thread(self.show_overview, *figures)

    def refresh_overview(self) -> None:
        figures = self._figures()
        if figures is not None:
            self.show_overview(*figures)

    def show_overview(self, ov: Overview, counts: dict[str, int]) -> None:
        self.query_one("#home-stats", Static).update(
            f"Due today: {ov.due_today}   New: {ov.new_available}   "
            f"Reviewed today: {ov.reviewed_today}   Streak: {ov.streak} day(s)\n"
            f"{counts['cards']} cards in {counts['topics']} topics from {counts['sources']} files, "
            f"{counts['tables']} comparison tables\n"
            f"Database: {self.db_label}"
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

    def action_exams(self) -> None:
        if not self.ready:
            self.notify("Still opening the collection…")
            return
        from studyapp.tui.screens.exams_menu import ExamsMenuScreen

        self.app.push_screen(ExamsMenuScreen(self.app.repo))  # type: ignore[attr-defined]

    def action_report(self) -> None:
        if not self.ready:
            self.notify("Still opening the collection…")
            return
        from studyapp.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.app.repo))  # type: ignore[attr-defined]

    def action_demos(self) -> None:
        from studyapp.tui.screens.demo import DemosScreen

        self.app.push_screen(DemosScreen())
