"""The collection's connections: one set of settings, one driver (the stdlib `sqlite3`).

`Database` is the base every query module builds on. It holds one connection, shared by the
event loop and the workers under a lock, for reads and short writes (a rating is one
transaction), and opens a second connection with the same settings only for a `batch()` (an
import's long write transaction in a worker), so studying reads on meanwhile (WAL).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from studyapp.store.dbfile import create_private, read_only_file, ro_uri
from studyapp.store.explain import explain

BUSY_TIMEOUT_S = 5.0
T = TypeVar("T")


def connect(
    path: Path, read_only: bool = False, busy_timeout_s: float = BUSY_TIMEOUT_S
) -> sqlite3.Connection:
    """A connection with the collection's settings: autocommit (writes use explicit
    `BEGIN IMMEDIATE ... COMMIT`), foreign keys on, WAL, a busy timeout. A file without write
    permission is opened read-only, so reading works and the first write says why it failed."""
    read_only = read_only or read_only_file(path)
    try:
        if not read_only:
            create_private(path)
        con = sqlite3.connect(
            ro_uri(path, "ro" if read_only else "rwc"),
            uri=True,
            timeout=busy_timeout_s,
            isolation_level=None,
            check_same_thread=False,
        )
        apply_settings(con, read_only, busy_timeout_s)
    except (sqlite3.Error, OSError) as exc:
        raise explain(path, exc, before_writing=True) from exc
    return con


def apply_settings(con: sqlite3.Connection, read_only: bool, busy_timeout_s: float) -> None:
    """The collection's connection settings, the one place they are set."""
    con.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
    con.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")


class Database:
    """One open database file: the connection, the lock, the batch, and the plumbing every query
    module uses (`_rows`, `_one`, `_write`). Errors come out as the learner's DatabaseError."""

    def __init__(
        self, path: Path, con: sqlite3.Connection, read_only: bool, busy_timeout_s: float
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._con = con
        self._lock = threading.RLock()
        self._busy_timeout_s = busy_timeout_s
        self._batch: tuple[sqlite3.Connection, int] | None = None  # (connection, owner thread)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def set_busy_timeout(self, seconds: float | None) -> None:
        """How long a statement waits for another writer (None: the default, 5 s)."""
        ms = int((self._busy_timeout_s if seconds is None else seconds) * 1000)
        with self._lock:
            self._con.execute(f"PRAGMA busy_timeout={ms}")

    # ---- plumbing --------------------------------------------------------------------------
    def _in_batch(self) -> sqlite3.Connection | None:
        batch = self._batch
        return batch[0] if batch is not None and batch[1] == threading.get_ident() else None

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        con = self._in_batch()
        if con is not None:  # inside this thread's batch: read what it has written so far
            try:
                return fn(con)
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from exc
        with self._lock:
            try:
                return fn(self._con)
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from exc

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return self._read(lambda con: con.execute(sql, tuple(args)).fetchall())

    def _row(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self._read(lambda con: con.execute(sql, tuple(args)).fetchone())

    def _one(self, sql: str, args: Sequence[Any] = ()) -> int:
        row = self._row(sql, args)
        return int(row[0] or 0) if row is not None else 0

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, or nothing at all (part of this thread's batch if any)."""
        con = self._in_batch()
        if con is not None:
            try:
                yield con
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from exc
            return
        with self._lock:
            with self._transaction(self._con) as con:
                yield con

    @contextmanager
    def _transaction(self, con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from exc
        try:
            yield con
            con.execute("COMMIT")
        except BaseException as exc:
            if con.in_transaction:
                try:
                    con.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the connection is gone with the error; nothing was committed
            if isinstance(exc, sqlite3.Error):
                raise explain(self.path, exc) from exc
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One write transaction around several writes made in this thread (an import of many
        files): committed together when the block ends, rolled back together when it raises or
        the process dies. `BEGIN IMMEDIATE` takes the write lock at once, so another studyapp
        writing makes this one wait (the busy timeout) rather than fail halfway. It runs on a
        connection of its own: the event loop's reads go on meanwhile."""
        if self._in_batch() is not None:
            yield  # already inside this thread's batch: part of it
            return
        con = connect(self.path, self.read_only, self._busy_timeout_s)
        try:
            with self._transaction(con):
                self._batch = (con, threading.get_ident())
                try:
                    yield
                finally:
                    self._batch = None
        finally:
            con.close()
