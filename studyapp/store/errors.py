"""The one exception the store raises to the app (importable without SQLAlchemy), and its kinds:
the app offers a way out that depends on the kind (restore a backup, try again, free space)."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database problem explained for the learner (no traceback)."""


class DatabaseBusy(DatabaseError):
    """Another studyapp held the write lock for longer than the busy timeout."""


class DatabaseReadOnly(DatabaseError):
    """The file cannot be written: studying and browsing work, nothing is saved."""


class DiskFull(DatabaseError):
    """The disk (or the file's size limit) is full; the write was rolled back."""


class DatabaseDamaged(DatabaseError):
    """The file is not a readable database (a backup may be restored)."""


class NewerSchema(DatabaseError):
    """Written by a newer studyapp (a backup made before that upgrade may be restored)."""


RESTORABLE = (DatabaseDamaged, NewerSchema)
