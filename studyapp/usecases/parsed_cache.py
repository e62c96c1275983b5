"""Parsed content kept between runs: reading the YAML of the exam guides, the service catalogue,
the question bank and the fact catalogue is most of a command's start-up, so each parsed result
is pickled in the cache directory, keyed by the bytes of its files and of the code that reads
them. A stale, damaged or unreadable cache is simply built again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from studyapp.util import locations

T = TypeVar("T")
FORMAT = b"studyapp-parsed-v1"


def fingerprint(files: Iterable[Path], code: Iterable[Path]) -> str:
    """What a parsed result depends on: Python, the code that parses, and the files' bytes."""
    h = hashlib.sha256(FORMAT + sys.version.encode())
    for path in (*sorted(code), *sorted(files)):
        h.update(str(path.name).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()


def cached(kind: str, files: Iterable[Path], code: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or its result from the last run with the same files and code."""
    key = fingerprint(list(files), list(code))
    target = locations.cache_dir() / f"{kind}-{key[:32]}.pickle"
    try:
        with target.open("rb") as fh:
            stamp, value = pickle.load(fh)  # noqa: S301 - our own file, written below
        if stamp == key:
            return value  # type: ignore[no-any-return]
    except Exception:  # absent, truncated, or from another version: build it again
        pass
    value = build()
    _write(target, key, value)
    return value


def _write(target: Path, key: str, value: object) -> None:
    tmp = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob(target.name.split("-", 1)[0] + "-*.pickle"):
            old.unlink(missing_ok=True)  # one cached copy per kind
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, value), fh, pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        if tmp:  # a read-only or full disk: the cache is only a speed-up
            try:
                os.unlink(tmp)
            except OSError:
                pass
