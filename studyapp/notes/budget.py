"""A time budget for reading one notes file, so one bad file cannot stall a whole import.

Reading is linear in the file's size (about 1 MB/s for notes, 0.1-0.3 MB/s for a megabyte of
one-character lines, which markdown-it-py's block parser alone takes seconds over); the
budget, 10 s plus 5 s per MiB, is the safety net for anything slower. :func:`limit` opens a
budget for the code run inside it (per thread: the app's background import has its own),
:func:`check`, called between steps of the readers, raises :class:`BudgetExceeded` once it is
spent, and :func:`studyapp.notes.parse.parse_file` turns that into a skipped file and a
warning naming it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PER_FILE_SECONDS = 10.0  # a file still being read after this is skipped with a warning...
PER_MIB_SECONDS = 5.0  # ...plus this for each MiB it holds (a 16 MiB file gets 90 s)


def for_size(size: int) -> float:
    """The budget of a file of ``size`` bytes."""
    return PER_FILE_SECONDS + PER_MIB_SECONDS * size / (1024 * 1024)


clock: Callable[[], float] = time.monotonic  # replaced by the tests to spend the budget at will


class BudgetExceeded(Exception):
    """Reading a file took longer than its budget."""

    def __init__(self, seconds: float, line: int) -> None:
        super().__init__(f"reading took over {seconds:g} s (at line {line})")
        self.seconds = seconds
        self.line = line


_budget: ContextVar[tuple[float, float] | None] = ContextVar("notes_budget", default=None)


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` (None: no limit)."""
    token = _budget.set(None if seconds is None else (clock() + seconds, seconds))
    try:
        yield
    finally:
        _budget.reset(token)


def check(line: int = 0) -> None:
    """Raise :class:`BudgetExceeded` if the current budget is spent (``line``: where reading
    is, for the warning)."""
    budget = _budget.get()
    if budget is not None and clock() > budget[0]:
        raise BudgetExceeded(budget[1], line)
