"""The collection: the one typed object that owns the database.

Every path of the app (study, import, browse, exams, the report, the doctor) and of the CLI
goes through one `Collection`, on one driver (the stdlib `sqlite3`) with one set of connection
settings (`database.connect`) and one datetime codec (`codec`). Each query lives in exactly one
of the query modules it is made of:

- `study_queries`: the queue, the cards, ratings, undo, bury, suspend, today's figures;
- `import_queries`: writing parsed notes, file hashes;
- `browse_queries`: card lists, the topic tree, notes and tables; the card browser's search and
  its actions (suspend, unsuspend, bury, unbury, forget);
- `exam_queries`: exam and quiz attempts, mistake cards;
- `report_queries`: the progress report's and the scope chooser's rows;
- `doctor_queries`: integrity, orphans, drift against the review log, repairs;
- `sync_queries`: what the sync server lacks, and writing what it sent.

SQLAlchemy and Alembic are not on this path at all: they define the schema and run the
migrations (`migrate.py`), imported only when a file needs upgrading.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyapp.store import database, dbfile
from studyapp.store.browse_queries import BrowseQueries
from studyapp.store.card_actions import CardActions
from studyapp.store.database import connect
from studyapp.store.doctor_queries import DoctorQueries
from studyapp.store.errors import DatabaseError
from studyapp.store.exam_queries import ExamQueries
from studyapp.store.explain import explain, way_out
from studyapp.store.import_queries import ImportQueries
from studyapp.store.migrate import Migrated, check_known, migrate
from studyapp.store.report_queries import ReportQueries
from studyapp.store.revision import HEAD_REVISION
from studyapp.store.study_queries import StudyQueries
from studyapp.store.sync_queries import SyncQueries


class Collection(
    StudyQueries,
    CardActions,
    ImportQueries,
    BrowseQueries,
    ExamQueries,
    ReportQueries,
    DoctorQueries,
    SyncQueries,
):
    """One open database file. Open it with `Collection.open`; close it once, at the end."""

    migrated: Migrated | None = None  # what opening it did to the schema, if anything

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        busy_timeout_s: float | None = None,
        upgrade: bool = True,
    ) -> Collection:
        """Open `path`, creating it (and its folder) if need be and bringing its schema to the
        current revision first (a backup is made before any upgrade). Raises the learner's
        DatabaseError: busy, damaged, read-only and in need of an upgrade, newer schema.
        `busy_timeout_s`: how long a statement waits for another writer (default 5 s)."""
        if busy_timeout_s is None:
            busy_timeout_s = database.BUSY_TIMEOUT_S
        path.parent.mkdir(parents=True, exist_ok=True)
        collection = cls._connect(path, read_only, busy_timeout_s)
        try:
            revision = dbfile.read_revision(collection._con)
        except sqlite3.Error as exc:
            collection.close()
            raise explain(path, exc) from exc
        if revision == HEAD_REVISION:
            return collection
        collection.close()
        check_known(path, revision)
        if not upgrade:
            raise DatabaseError(
                f"{path}: the schema is {revision or 'missing'}, not {HEAD_REVISION}; "
                "open it with the app or any command to upgrade it."
            )
        migrated = migrate(path, revision)
        collection = cls._connect(path, read_only, busy_timeout_s)
        collection.migrated = migrated
        return collection

    @classmethod
    def inspect(cls, path: Path, *, read_only: bool = True) -> Collection:
        """Open `path` as it is, whatever its schema or state, never migrating (the doctor: it
        must work where `open` refuses). Raises DatabaseError when it is not a database at all."""
        if not path.is_file():
            raise DatabaseError(f"{path}: no database here")
        return cls._connect(path, read_only, database.BUSY_TIMEOUT_S)

    @classmethod
    def _connect(cls, path: Path, read_only: bool, busy_timeout_s: float) -> Collection:
        read_only = read_only or dbfile.read_only_file(path)
        con = connect(path, read_only, busy_timeout_s)
        return cls(path, con, read_only, busy_timeout_s)

    def check_readable(self) -> None:
        """Raise the learner's DatabaseError now if the file is damaged (the figures the home
        screen reads first), rather than on the first screen that reads it."""
        self.counts(reviews=False)


__all__ = ["Collection", "DatabaseError", "way_out"]
