"""The schema revision this studyapp writes (importable without SQLAlchemy or Alembic)."""

from __future__ import annotations

# The newest revision under migrations/versions. tests/store/test_database.py checks that it
# matches Alembic's head, so this constant cannot drift.
HEAD_REVISION = "0009"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
