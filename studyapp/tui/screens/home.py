"""Home: what is due, and the way into every part of the app, one key each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    ("c", "Custom study: one exam, a domain or a topic"),
    ("b", "Browse topics, notes, tables and cards"),
    ("e", "Exams & quizzes"),
    ("d", "Live demos: Route 53, SQS, RDS Proxy, Lambda, DynamoDB"),
    ("r", "Progress report"),
    ("q", "Quit"),
)
REPO_DELAY_S = 1.5  # the Repository opens this long after the home screen can study


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "study", "Study", id="home.study", tooltip="Review the cards due now"),
        Binding(
            "c",
            "custom",
            "Custom",
            id="home.custom",
            tooltip="Study one exam, one exam domain or one topic",
        ),
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
        self.ready = False  # the Repository is open (browse, exams, report)
        self.study_ready = False  # the study store is open: `s` works
        self.error = ""  # why the collection could not be opened, once known
        self._early: tuple[Any, bool] = (None, False)  # (store opened in compose, figures shown)
        self._damage: Exception | None = None  # a read found the file damaged: load() says so

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-box"):
            yield Static("studyapp", id="home-title", markup=False)
            yield Static(self._first_figures(), id="home-stats", markup=False)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status", markup=False)
            yield Static(
                "\n".join(f"  {key}  {label}" for key, label in MENU), id="home-menu", markup=False
            )
        yield Footer()

    def on_mount(self) -> None:
        # after the first paint: the worker's imports would otherwise take the GIL from it
        self.call_after_refresh(self.load)

    def _first_figures(self) -> str:
        """The figures for the first paint, read right here when the database answers at once
        (a few ms with the stdlib driver); else the worker reads them (a busy or old database)."""
        from studyapp.store.study_store import StudyStore

        store = StudyStore.open_current(self.db_path, busy_timeout_s=0.05)
        if store is None:
            return "Opening your collection…"
        figures = self._figures(store)
        store.set_busy_timeout(None)
        self._early = store, figures is not None
        return self.overview_text(*figures) if figures else "Opening your collection…"

    def on_screen_resume(self) -> None:
        if self.study_ready:
            self.refresh_overview()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Open the collection (`_load`); a database problem is explained, with a way out."""
        from studyapp.store.errors import DatabaseError

        try:
            self._load()
        except DatabaseError as exc:
            self.app.call_from_thread(self._db_problem, exc)

    def _load(self) -> None:
        """Open the study store (stdlib sqlite3) and show the figures; open the Repository
        (SQLAlchemy, migrations) now only when the schema is old or the bundled notes changed,
        else a little later in the background: studying never waits for it."""
        from studyapp.importer import unchanged_since_import
        from studyapp.store.study_store import StudyStore

        store, shown = self._early
        if store is None:
            store = StudyStore.open_current(self.db_path)
            self._early = store, shown  # closed by a restore (_close_collection)
        bundled = locations.bundled_notes_dir()
        wants_import = self.import_bundled and bundled.is_dir()
        if store is not None:
            if not shown:
                self._post_figures(store)
            if self._damage is not None:
                raise self._damage
            self._warm_review()
            self.app.call_from_thread(self._study_opened, store)
            if not wants_import or unchanged_since_import(store.source_hashes(), [bundled]):
                self.app.call_from_thread(self._import_not_needed)
                return
        repo = self.app.open_repository(store)  # type: ignore[attr-defined]
        if store is None:
            self._warm_review()
        self.app.call_from_thread(self._opened, repo, wants_import)
        if not wants_import:
            return
        from studyapp.importer import import_paths

        report = import_paths(  # a DatabaseError is explained by load()
            repo,
            [bundled],
            bundled=True,
            progress=lambda done, total, name: self.app.call_from_thread(
                self._progress, done, total, name
            ),
        )
        n_warn = sum(len(f.warnings) for f in report.files)
        note = f"Bundled notes: {len(report.files)} files, {n_warn} warnings."
        self.app.call_from_thread(self._imported, note)
        self._post_figures(repo.study_store)

    @staticmethod
    def _warm_review() -> None:
        """What the first card needs (fsrs, the queue, card rows, the review screen), loaded
        off the event loop after home is painted."""
        import studyapp.store.records  # noqa: F401
        import studyapp.study.queue  # noqa: F401
        import studyapp.study.scheduler  # noqa: F401
        import studyapp.tui.screens.review  # noqa: F401

    def _study_opened(self, store: object) -> None:
        self.app.study = store  # type: ignore[attr-defined]
        self.study_ready = True

    def _import_not_needed(self) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        # the other screens need the Repository: open it once the learner has had a moment
        self.set_timer(REPO_DELAY_S, self.app.open_repo)  # type: ignore[attr-defined]

    def _opened(self, repo: Any, importing: bool) -> None:
        self.app.repo_opened(repo)  # type: ignore[attr-defined]
        self.study_ready = True
        self.ready = True
        self.query_one("#import-progress", ProgressBar).display = importing
        if not importing:
            self.refresh_overview()

    def _imported(self, note: str) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#import-status", Static).update(note)

    def _figures(self, source: Any) -> tuple[Overview, dict[str, int]] | None:
        """Today's figures and the collection's size (any study store; stdlib sqlite3)."""
        from datetime import UTC, datetime

        from studyapp.store.errors import DatabaseError
        from studyapp.studying import overview

        try:
            ov = overview(source, self.app.config.study, datetime.now(UTC))  # type: ignore[attr-defined]
            return ov, source.counts()
        except DatabaseError as exc:  # busy: the next read shows them; damaged: load() says so
            from studyapp.store.errors import DatabaseDamaged

            if isinstance(exc, DatabaseDamaged):
                self._damage = exc
            return None

    def _post_figures(self, source: Any) -> None:
        """From the worker thread."""
        figures = self._figures(source)
        if figures is not None:
            self.app.call_from_thread(self.show_overview, *figures)

    def refresh_overview(self) -> None:
        study = self.app.study  # type: ignore[attr-defined]
        if study is not None:
            figures = self._figures(study)
            if figures is not None:
                self.show_overview(*figures)

    def show_overview(self, ov: Overview, counts: dict[str, int]) -> None:
        self.query_one("#home-stats", Static).update(self.overview_text(ov, counts))

    def overview_text(self, ov: Overview, counts: dict[str, int]) -> str:
        return (
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
        self.error = message
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#home-stats", Static).update(message)

    def _not_ready(self) -> None:
        """What `s` says before studying is possible: why, when opening failed."""
        if self.error:
            self.notify(self.error, severity="error", timeout=10)
        else:
            self.notify("Still opening the collection…")

    def _db_problem(self, exc: Exception) -> None:
        """Say what is wrong; for a damaged or too-new file with a backup beside it, offer to
        restore that backup (db_problem.py)."""
        from studyapp.store.dbfile import newest_backup
        from studyapp.store.errors import RESTORABLE

        self._show_error(str(exc))
        backup = newest_backup(self.db_path) if isinstance(exc, RESTORABLE) else None
        if backup is not None:
            from studyapp.tui.screens.db_problem import DbProblemScreen

            screen = DbProblemScreen(str(exc), self.db_path, backup)
            self.app.push_screen(screen, self._after_db_problem)

    def _after_db_problem(self, restore: bool | None) -> None:
        if restore is False:
            self.app.exit()
        if not restore:
            return
        from studyapp.store.dbfile import restore_newest_backup
        from studyapp.store.errors import DatabaseError

        self._close_collection()
        try:
            used, kept = restore_newest_backup(self.db_path)
        except DatabaseError as exc:
            self._show_error(str(exc))
            return
        self.query_one("#import-status", Static).update(
            f"Restored {used.name}; the damaged file is kept as {kept.name}."
        )
        self.query_one("#home-stats", Static).update("Opening your collection…")
        self.error = ""
        self.load()

    def _close_collection(self) -> None:
        """Close every connection to the file before it is moved aside."""
        app: Any = self.app
        for opened in {id(x): x for x in (self._early[0], app.study, app.repo) if x}.values():
            opened.close()
        self._early, self._damage = (None, False), None
        app.study = app.repo = None
        self.study_ready = self.ready = False

    def action_study(self) -> None:
        if not self.study_ready:
            self._not_ready()
            return
        from studyapp.studying import StudySession
        from studyapp.tui.screens.review import ReviewScreen

        session = StudySession(self.app.study, self.app.config.study)  # type: ignore[attr-defined]
        session.start()
        if not session.queue:
            self.notify("Nothing is due now. Come back later, or import more notes.")
            return
        self.app.push_screen(ReviewScreen(session))

    def action_custom(self) -> None:
        from studyapp.tui.screens.scope import ScopeScreen

        self.app.with_repo(lambda repo: self.app.push_screen(ScopeScreen(repo)))  # type: ignore[attr-defined]

    def action_browse(self) -> None:
        from studyapp.tui.screens.browse import BrowseScreen

        self.app.with_repo(lambda repo: self.app.push_screen(BrowseScreen(repo)))  # type: ignore[attr-defined]

    def action_exams(self) -> None:
        from studyapp.tui.screens.exams_menu import ExamsMenuScreen

        self.app.with_repo(lambda repo: self.app.push_screen(ExamsMenuScreen(repo)))  # type: ignore[attr-defined]

    def action_report(self) -> None:
        from studyapp.tui.screens.report import ReportScreen

        self.app.with_repo(lambda repo: self.app.push_screen(ReportScreen(repo)))  # type: ignore[attr-defined]

    def action_demos(self) -> None:
        from studyapp.tui.screens.demo import DemosScreen

        self.app.push_screen(DemosScreen())
