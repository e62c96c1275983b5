"""SQLite stores datetimes without a zone; everything studyapp stores is UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def naive(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None)
