"""What the workers tell the app, and the app tells the screens: the collection's life.

The App's worker opens the collection (and imports the bundled notes) and posts these to the App;
the App keeps the collection and forwards each message to the screens on its stack. They do not
bubble, so a forwarded message stops at the screen it was given to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.store.errors import DatabaseError
    from studyapp.store.migrate import Migrated
    from studyapp.usecases.importing import ImportReport


@dataclass
class CollectionOpened(Message, bubble=False):
    """The collection is open (and was migrated first, when `migrated` says so)."""

    collection: Collection
    migrated: Migrated | None = None


@dataclass
class CollectionFailed(Message, bubble=False):
    """The collection could not be opened; `error` says why and what to do."""

    error: DatabaseError


@dataclass
class CollectionClosed(Message, bubble=False):
    """The collection was closed (before its file is replaced by a backup)."""


@dataclass
class ImportProgress(Message, bubble=False):
    """How far the bundled notes' import has got. A newer one replaces one still queued."""

    done: int
    total: int
    name: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ImportProgress)


@dataclass
class ImportFinished(Message, bubble=False):
    """The bundled notes' import ended: applied, not needed (`report` None), or cancelled."""

    report: ImportReport | None
    cancelled: bool = False


@dataclass
class SyncStatus(Message, bubble=False):
    """Where the sync with the server stands: started, or ended (`ok` says how)."""

    text: str
    done: bool = False
    ok: bool = True
