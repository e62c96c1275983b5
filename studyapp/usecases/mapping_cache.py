"""The exam guides and the service catalogue, loaded once per process, and the topics' domain
mappings remembered between runs.

Mapping 2,000 topics runs the catalogue's patterns over every section body (0.25-0.5 s); the
result depends only on the topic's text, the catalogue, the guides and the mapping code. So the
mappings are kept in a cache file beside the database (`<db>.mapcache`), valid while a
fingerprint of those inputs is unchanged: the first report of a new process reads it instead of
mapping again. A missing, stale or unreadable cache is simply rebuilt; it holds nothing that
cannot be computed again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.usecases import content

if TYPE_CHECKING:
    from studyapp.exam.guide import ExamGuide
    from studyapp.reports.mapping import Catalogue

_loaded_for: dict[Path, int] = {}  # db path -> memo size after loading/saving its cache


def guides_and_catalogue() -> tuple[dict[str, ExamGuide], Catalogue]:
    """The exam guides and the catalogue (loaded once per process, by `usecases.content`)."""
    return content.guides(), content.catalogue()


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What the mappings depend on: the catalogue, the guides, the mapping code, Python."""
    from studyapp.reports import catalogue, mapping, rows

    h = hashlib.sha256(sys.version.encode())
    files = [
        content.catalogue_path(),
        *sorted(content.guides_dir().glob("*.yaml")),
        Path(mapping.__file__),
        Path(catalogue.__file__),
        Path(rows.__file__),
    ]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".mapcache")


def load_into(catalogue: Catalogue, db_path: Path) -> None:
    """Fill the catalogue's memo from the cache beside `db_path` (once per process)."""
    if db_path in _loaded_for:
        return
    _loaded_for[db_path] = len(catalogue._memo)
    try:
        with cache_path(db_path).open("rb") as fh:
            stamp, memo = pickle.load(fh)  # noqa: S301 - our own file, beside our database
    except Exception:  # absent, truncated, or written by another version: map afresh
        return
    if stamp == fingerprint() and isinstance(memo, dict):
        catalogue._memo.update(memo)
        _loaded_for[db_path] = len(catalogue._memo)


def save_from(catalogue: Catalogue, db_path: Path) -> None:
    """Write the memo beside `db_path` when it holds mappings the cache does not (atomically)."""
    if len(catalogue._memo) == _loaded_for.get(db_path):
        return
    target = cache_path(db_path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((fingerprint(), dict(catalogue._memo)), fh, pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        _loaded_for[db_path] = len(catalogue._memo)
    except OSError:  # a read-only folder or a full disk: the cache is only a speed-up
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
