"""The one clock: every "now" in studyapp comes from a `Clock`, so tests can pass a fake one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The system clock, timezone-aware UTC (the default `Clock`)."""
    return datetime.now(UTC)


def start_of_day(now: datetime) -> datetime:
    """Midnight of `now`'s day, in `now`'s zone."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)
