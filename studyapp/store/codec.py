"""How the collection stores datetimes: naive UTC text, "YYYY-MM-DD HH:MM:SS.ffffff".

The one datetime codec of the store (the format SQLAlchemy's DateTime wrote before the store
moved to the stdlib driver, so old databases read the same). Everything stored is UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

FMT = "%Y-%m-%d %H:%M:%S.%f"


def stored(dt: datetime) -> str:
    """An aware datetime as stored (naive UTC text, microseconds)."""
    if dt.tzinfo is None:
        raise ValueError("stored times must be timezone-aware (UTC)")
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(FMT)


def loaded(text: str | None) -> datetime | None:
    """A stored datetime back as an aware UTC datetime (None stays None)."""
    if not text:
        return None
    dt = datetime.fromisoformat(text)
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def day(dt: datetime) -> str:
    """The stored form of `dt`'s UTC date ("YYYY-MM-DD"): compares as that day's midnight."""
    return dt.astimezone(UTC).date().isoformat()
