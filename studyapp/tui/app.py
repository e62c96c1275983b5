"""The Textual application: the one owner of the open collection.

The App opens the collection once, in a thread worker, and tells the screens by message
(`tui/messages.py`): opened, failed, closed, and the bundled notes' import progress and end.
Screens receive the typed `Collection` and never see a driver. Every worker's failure reaches
one handler (`on_worker_state_changed`), which turns it into a notice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import Worker, WorkerState

from studyapp.tui.commands import StudyCommands
from studyapp.tui.messages import (
    CollectionClosed,
    CollectionFailed,
    CollectionOpened,
    ImportFinished,
    ImportProgress,
    SyncStatus,
)
from studyapp.tui.screens.base import HELP_BINDING
from studyapp.usecases.config import Config
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.study.settings import StudySettings

SYNC_GROUP = "sync"  # the worker that syncs with the server once the collection is open
OPEN_GROUP = "collection"  # the worker that opens the collection and imports the bundled notes
PROGRESS_EVERY_S = 0.05  # import progress is posted at most this often (and coalesced)


class StudyApp(App[None]):
    CSS_PATH = "studyapp.tcss"  # the demo screens load demos.tcss themselves (a faster start)
    TITLE = "studyapp"
    SUB_TITLE = "AWS exam study companion"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS = [HELP_BINDING]

    def __init__(
        self,
        db_path: Path,
        config: Config,
        import_bundled: bool = True,
        db_label: str | None = None,
        launch: Callable[[StudyApp], None] | None = None,
        clock: Clock = utcnow,
    ) -> None:
        """Build it with `tui.factory.make_app` (the CLI and the tests do). `clock`: "now" for
        studying (a fake one in tests)."""
        super().__init__()
        self.clock = clock
        self.db_path = db_path
        self.config = config
        self.db_label = db_label if db_label is not None else str(db_path)
        self.import_bundled = import_bundled
        self.launch = launch  # opens a screen over home once the collection is open
        self.collection: Collection | None = None
        self.open_error: str = ""  # why the collection could not be opened, once known
        self.importing = False
        self.opened = threading.Event()  # set once opening ended (opened or failed)
        self._waiting: list[Callable[[Collection], object]] = []
        self._cancel_import = threading.Event()
        self.synced_on_start = False
        self.sync_status = ""  # the home screen's sync line, once a sync started

    @property
    def study_settings(self) -> StudySettings:
        return self.config.study

    def on_mount(self) -> None:
        from studyapp.tui.screens.home import HomeScreen

        if self.config.keys:
            self.set_keymap(self.config.keys)
        for problem in self.config.problems:
            self.notify(problem, severity="warning", timeout=10)
        self.open_collection()  # in a thread, while home paints "Opening your collection…"
        self.push_screen(HomeScreen(self.db_label))

    def on_unmount(self) -> None:
        self._cancel_import.set()
        if self.collection is not None:
            self.collection.close()
            self.collection = None

    def action_toggle_help(self) -> None:
        """`?` on every screen: Textual's help panel lists the screen's keys (again: hides it)."""
        from textual.widgets import HelpPanel

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # ---- opening, in one worker --------------------------------------------------------------
    def open_collection(self) -> None:
        """Open the collection in a thread (migrating it first if need be), then import the
        bundled notes if they changed. Safe to call again after `close_collection`."""
        self.open_error = ""
        self.opened.clear()
        self._cancel_import.clear()
        self._open_and_import()

    @work(thread=True, exclusive=True, group=OPEN_GROUP, exit_on_error=False)
    def _open_and_import(self) -> None:
        from studyapp.store.collection import Collection
        from studyapp.store.errors import DatabaseError

        try:  # a file that cannot be opened is an outcome to show, not a failure of the worker
            collection = Collection.open(self.db_path)
        except DatabaseError as exc:
            self.post_message(CollectionFailed(exc))
            return
        try:
            collection.check_readable()
        except DatabaseError as exc:
            collection.close()
            self.post_message(CollectionFailed(exc))
            return
        self.post_message(CollectionOpened(collection, collection.migrated))
        if self.import_bundled:
            self._import_bundled(collection)

    def _import_bundled(self, collection: Collection) -> None:
        """From the worker: import the bundled notes when they changed since the last import."""
        import time

        from studyapp.usecases.importing import import_paths, unchanged_since_import
        from studyapp.util import locations

        bundled = locations.bundled_notes_dir()
        if not bundled.is_dir() or unchanged_since_import(collection.source_hashes(), [bundled]):
            self.post_message(ImportFinished(None))
            return
        last = [0.0]

        def progress(done: int, total: int, name: str) -> None:
            now = time.monotonic()
            if done == total or now - last[0] >= PROGRESS_EVERY_S:
                last[0] = now
                self.post_message(ImportProgress(done, total, name))

        self.post_message(ImportProgress(0, 1, ""))
        report = import_paths(
            collection, [bundled], bundled=True, progress=progress, cancel=self._cancel_import
        )
        self.post_message(ImportFinished(report, cancelled=self._cancel_import.is_set()))

    def cancel_import(self) -> None:
        """Stop the bundled notes' import (it is one transaction: nothing of it is applied)."""
        if self.importing:
            self._cancel_import.set()

    # ---- what the worker says, forwarded to the screens ----------------------------------------
    def _forward(self, make: Callable[[], Message]) -> None:
        """Give each screen on the stack its own copy of a message (they do not bubble)."""
        for screen in list(self.screen_stack):
            screen.post_message(make())

    def on_collection_opened(self, message: CollectionOpened) -> None:
        self.collection = message.collection
        self.opened.set()
        self._forward(lambda: CollectionOpened(message.collection, message.migrated))
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(message.collection)
        if self.launch is not None:
            launch, self.launch = self.launch, None
            launch(self)
        if not self.import_bundled:
            self._sync_on_start()

    def on_collection_failed(self, message: CollectionFailed) -> None:
        self.open_error = str(message.error)
        self.opened.set()
        self._waiting.clear()  # the screens asked for are not opened later by surprise
        self._forward(lambda: CollectionFailed(message.error))

    def on_import_progress(self, message: ImportProgress) -> None:
        self.importing = True
        self._forward(lambda: ImportProgress(message.done, message.total, message.name))

    def on_import_finished(self, message: ImportFinished) -> None:
        self.importing = False
        self._forward(lambda: ImportFinished(message.report, message.cancelled))
        self._sync_on_start()

    def _sync_on_start(self) -> None:
        """Once, after the first paint, the collection open and the bundled import done."""
        if self.collection is not None and not self.synced_on_start and self.sync_configured:
            self.synced_on_start = True
            self._sync(self.collection)

    # ---- sync with the server (usecases/sync.py), on start; run_app syncs again on quit ------
    @property
    def sync_configured(self) -> bool:
        from studyapp.usecases.sync_url import configured

        return configured(self.config.sync_url)

    @work(thread=True, exclusive=True, group=SYNC_GROUP, exit_on_error=False)
    def _sync(self, collection: Collection) -> None:
        from studyapp.usecases.sync import SyncError, run_sync
        from studyapp.usecases.sync_url import resolve_url
        from studyapp.util import locations

        self.post_message(SyncStatus("Syncing…"))
        try:
            result = run_sync(
                collection,
                locations.config_path(),
                resolve_url(None, self.config.sync_url),
                collection=self.config.sync_collection,
            )
        except SyncError as exc:
            self.post_message(SyncStatus(f"Sync failed: {exc}", done=True, ok=False))
            return
        self.post_message(SyncStatus(f"Synced: {result.summary()}", done=True))

    def on_sync_status(self, message: SyncStatus) -> None:
        self.sync_status = message.text
        self._forward(lambda: SyncStatus(message.text, message.done, message.ok))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one failure handler: a worker's error becomes a notice (or, for the worker that
        opens the collection, the reason the screens show)."""
        if event.state != WorkerState.ERROR:
            return
        from studyapp.store.errors import DatabaseError

        error = event.worker.error
        if event.worker.group == OPEN_GROUP:  # the bundled notes' import failed (busy, full...)
            self.importing = False
            self.post_message(ImportFinished(None))
        message = str(error) if isinstance(error, DatabaseError) else f"Something failed: {error!r}"
        self.notify(message, severity="error", timeout=15)

    # ---- for the screens -----------------------------------------------------------------------
    def with_collection(self, then: Callable[[Collection], object]) -> None:
        """Run `then(collection)` now, or once the collection has opened."""
        if self.collection is not None:
            then(self.collection)
            return
        if self.open_error:
            self.notify(self.open_error, severity="error", timeout=10)
            return
        self._waiting.append(then)
        self.notify("Opening your collection…", timeout=2)

    def close_collection(self) -> None:
        """Close the collection (before its file is replaced); the screens are told."""
        self._cancel_import.set()
        if self.collection is not None:
            self.collection.close()
            self.collection = None
        self.opened.clear()
        self._forward(CollectionClosed)
