"""Home: what is due, and the way into every part of the app, one key each.

It owns nothing: the App opens the collection and tells home by message (opened, failed,
closed, import progress and end); home shows the figures and turns keys into screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, ProgressBar, Static

from studyapp.tui import messages
from studyapp.tui.screens.base import StudyScreen

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.store.errors import DatabaseError
    from studyapp.usecases.studying import Overview

MENU = (
    ("s", "Study what is due"),
    ("c", "Custom study: more cards today, ahead, forgotten, a topic"),
    ("b", "Browse topics, notes, tables and cards"),
    ("k", "Card browser: search, suspend, bury, forget, edit"),
    ("e", "Exams & quizzes"),
    ("d", "Live demos: Route 53, SQS, RDS Proxy, Lambda, DynamoDB"),
    ("r", "Progress report"),
    ("t", "Statistics: retention, heatmap, card states, hours"),
    ("?", "Keys of the screen you are on (any screen)"),
    ("q", "Quit"),
)
OPENING = "Opening your collection…"


class HomeScreen(StudyScreen[None]):
    BINDINGS = [
        Binding("s", "study", "Study", id="home.study", tooltip="Review the cards due now"),
        Binding(
            "c",
            "custom",
            "Custom",
            id="home.custom",
            tooltip="Raise today's limits, review forgotten cards or ahead, study one exam, "
            "domain or topic",
        ),
        Binding("b", "browse", "Browse", id="home.browse", tooltip="Topics, notes and cards"),
        Binding(
            "k",
            "cards",
            "Cards",
            id="home.cards",
            tooltip="The card browser: search, suspend, bury, forget, edit",
        ),
        Binding("e", "exams", "Exams", id="home.exams", tooltip="Mock exams and quizzes"),
        Binding("d", "demos", "Demos", id="home.demos", tooltip="Watch AWS decide, step by step"),
        Binding("r", "report", "Report", id="home.report", tooltip="Progress per exam domain"),
        # listed in the menu above; left out of the footer so Quit still fits at 80 columns
        Binding(
            "t", "stats", "Stats", id="home.stats", tooltip="Retention, heatmap, hours", show=False
        ),
        Binding(
            "escape",
            "cancel_import",
            "Stop import",
            id="home.cancel_import",
            show=False,
            tooltip="Stop importing the bundled notes (nothing of that import is applied)",
        ),
        Binding("q", "app.quit", "Quit", id="app.quit", tooltip="Leave studyapp"),
    ]

    def __init__(self, db_label: str) -> None:
        super().__init__()
        self.db_label = db_label

    @property
    def study_ready(self) -> bool:
        """The collection is open: `s` studies."""
        return self.study_app.collection is not None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-box"):
            yield Static("studyapp", id="home-title", markup=False)
            yield Static(OPENING, id="home-stats", markup=False)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status", markup=False)
            yield Static("", id="sync-status", markup=False)
            yield Static(
                "\n".join(f"  {key}  {label}" for key, label in MENU), id="home-menu", markup=False
            )
        yield Footer(compact=True)  # eight keys: the spaced footer cuts "Quit" at 80 columns

    def on_mount(self) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        sync = self.query_one("#sync-status", Static)
        sync.update(self.study_app.sync_status)
        sync.display = bool(self.study_app.sync_status)

    def on_sync_status(self, message: messages.SyncStatus) -> None:
        sync = self.query_one("#sync-status", Static)
        sync.update(message.text)
        sync.display = True
        sync.set_class(not message.ok, "failed")

    def on_screen_resume(self) -> None:
        self.refresh_overview()

    # ---- what the App says ---------------------------------------------------------------------
    def on_collection_opened(self, message: messages.CollectionOpened) -> None:
        if message.migrated is not None and message.migrated.from_revision is not None:
            done = message.migrated
            kept = f"; the old file is kept as {done.backup.name}." if done.backup else "."
            self.notify(
                f"Your collection was upgraded to schema {done.to_revision}{kept}", timeout=6
            )
        self.refresh_overview()

    def on_collection_failed(self, message: messages.CollectionFailed) -> None:
        self._db_problem(message.error)

    def on_collection_closed(self, _message: messages.CollectionClosed) -> None:
        self.query_one("#home-stats", Static).update(OPENING)

    def on_import_progress(self, message: messages.ImportProgress) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(message.total, 1), progress=message.done)
        status = f"Importing {message.name} (Esc stops)" if message.name else ""
        self.query_one("#import-status", Static).update(status)

    def on_import_finished(self, message: messages.ImportFinished) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        report = message.report
        if message.cancelled:
            note = "Import of the bundled notes stopped: nothing of it was applied."
        elif report is None:
            note = ""
        else:
            n_warn = sum(len(f.warnings) for f in report.files)
            note = f"Bundled notes: {len(report.files)} files, {n_warn} warnings."
        self.query_one("#import-status", Static).update(note)
        self.refresh_overview()

    # ---- the figures ---------------------------------------------------------------------------
    def refresh_overview(self) -> None:
        collection = self.study_app.collection
        if collection is None:
            return
        figures = self._figures(collection)
        if figures is not None:
            self.show_overview(*figures)

    def _figures(self, collection: Collection) -> tuple[Overview, dict[str, int]] | None:
        from studyapp.store.errors import DatabaseError
        from studyapp.usecases.studying import overview

        try:
            ov = overview(collection, self.study_app.study_settings, self.study_app.clock())
            return ov, collection.counts(reviews=False)
        except DatabaseError as exc:  # busy: the next read shows them
            self.notify(str(exc), severity="warning", timeout=5)
            return None

    def show_overview(self, ov: Overview, counts: dict[str, int]) -> None:
        self.query_one("#home-stats", Static).update(self.overview_text(ov, counts))

    def overview_text(self, ov: Overview, counts: dict[str, int]) -> str:
        return (
            f"Due today: {ov.due_today}   New: {ov.new_available}   "
            + (f"Learning: {ov.learning}   " if ov.learning else "")
            + f"Reviewed today: {ov.reviewed_today}   Streak: {ov.streak} day(s)\n"
            f"{counts['cards']} cards in {counts['topics']} topics from {counts['sources']} files, "
            f"{counts['tables']} comparison tables\n"
            f"Database: {self.db_label}"
        )

    # ---- a collection that cannot be opened ----------------------------------------------------
    def _db_problem(self, exc: DatabaseError) -> None:
        """Say what is wrong; for a damaged or too-new file with a backup beside it, offer to
        restore that backup."""
        from studyapp.store.dbfile import newest_backup
        from studyapp.store.errors import RESTORABLE

        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#home-stats", Static).update(str(exc))
        path = self.study_app.db_path
        backup = newest_backup(path) if isinstance(exc, RESTORABLE) else None
        if backup is not None:
            from studyapp.tui.dialogs.db_problem import DbProblemScreen

            self.app.push_screen(DbProblemScreen(str(exc), path, backup), self._after_db_problem)

    def _after_db_problem(self, restore: bool | None) -> None:
        if restore is False:
            self.app.exit()
        if not restore:
            return
        from studyapp.store.dbfile import restore_newest_backup
        from studyapp.store.errors import DatabaseError

        app = self.study_app
        app.close_collection()
        try:
            used, kept = restore_newest_backup(app.db_path)
        except DatabaseError as exc:
            self.query_one("#home-stats", Static).update(str(exc))
            return
        self.query_one("#import-status", Static).update(
            f"Restored {used.name}; the damaged file is kept as {kept.name}."
        )
        app.open_collection()

    # ---- keys ----------------------------------------------------------------------------------
    def action_study(self) -> None:
        collection = self.study_app.collection
        if collection is None:
            self.study_app.with_collection(lambda _c: None)  # says why, or that it is opening
            return
        from studyapp.tui.screens.review import ReviewScreen
        from studyapp.usecases.studying import StudySession

        session = StudySession(collection, self.study_app.study_settings, self.study_app.clock)
        session.start()
        if not session.queue:
            self.notify(
                "Nothing is due now and today's limits are reached. Press c for custom study "
                "(more new cards, reviews ahead, one topic), or import more notes."
            )
            return
        self.app.push_screen(ReviewScreen(session))

    def action_custom(self) -> None:
        from studyapp.tui.custom_flow import open_custom_study

        self.study_app.with_collection(lambda c: open_custom_study(self, c))

    def action_browse(self) -> None:
        from studyapp.tui.screens.browse import BrowseScreen

        self.study_app.with_collection(lambda c: self.app.push_screen(BrowseScreen(c)))

    def action_cards(self) -> None:
        from studyapp.tui.screens.cards import CardBrowserScreen

        self.study_app.with_collection(lambda c: self.app.push_screen(CardBrowserScreen(c)))

    def action_exams(self) -> None:
        from studyapp.tui.screens.exams_menu import ExamsMenuScreen

        self.study_app.with_collection(lambda c: self.app.push_screen(ExamsMenuScreen(c)))

    def action_report(self) -> None:
        from studyapp.tui.screens.report import ReportScreen

        app = self.study_app
        app.with_collection(lambda c: self.app.push_screen(ReportScreen(c, now=app.clock)))

    def action_stats(self) -> None:
        from studyapp.tui.screens.stats import StatsScreen

        self.study_app.with_collection(lambda c: self.app.push_screen(StatsScreen(c)))

    def action_demos(self) -> None:
        from studyapp.tui.screens.demo import DemosScreen

        self.app.push_screen(DemosScreen())

    def action_cancel_import(self) -> None:
        if self.study_app.importing:
            self.study_app.cancel_import()
            self.query_one("#import-status", Static).update("Stopping the import…")
