"""`studyapp doctor --repair` and `--restore-backup`: a backup first, then one transaction.

What is repaired is decided in usecases/doctor.py (each finding says what --repair does); this
module does it. The review log is counted before and after: a repair that would shorten it
(other than the orphan reviews the learner asked to drop) is rolled back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studyapp.store import dbfile
from studyapp.store.collection import Collection
from studyapp.store.doctor_queries import DoctorQueries
from studyapp.store.errors import DatabaseError
from studyapp.store.explain import explain
from studyapp.store.revision import HEAD_REVISION
from studyapp.usecases.doctor import Report, check


@dataclass(slots=True)
class Repair:
    before: Report
    after: Report
    backup: Path | None = None
    actions: list[tuple[str, int]] = field(default_factory=list)  # (finding kind, rows changed)
    reviews: tuple[int, int] = (0, 0)  # review log length before and after

    def to_json(self) -> dict[str, Any]:
        return {
            "backup": str(self.backup) if self.backup else None,
            "actions": [{"kind": k, "rows": n} for k, n in self.actions],
            "reviews_before": self.reviews[0],
            "reviews_after": self.reviews[1],
        }


def doctor_backup_path(path: Path, now: datetime) -> Path:
    return dbfile.free_path(path, f".bak-doctor-{now.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}")


def backup(path: Path, now: datetime | None = None) -> Path:
    """A consistent copy through SQLite's backup API (safe while the app has the file open)."""
    target = doctor_backup_path(path, now or datetime.now(UTC))
    dbfile.copy_database(path, target)
    return target


class _Shortened(Exception):
    pass


def repair(path: Path, drop_orphan_reviews: bool = False) -> Repair:
    """Back up, repair every repairable finding in one transaction, and check again."""
    before = check(path)
    result = Repair(before, before)
    if before.unusable is not None or before.healthy:
        return result
    result.backup = backup(path)
    if before.revision != HEAD_REVISION:
        from studyapp.store.migrate import migrate

        migrate(path)  # keeps its own `.bak-<revision>` too
        result.actions.append(("old_schema", 1))
    store = Collection.inspect(path, read_only=False)
    try:
        with store.transaction():
            result.reviews = _repair_in(store, result.actions, drop_orphan_reviews)
    except _Shortened as exc:
        raise DatabaseError(f"{path}: repair rolled back, nothing was changed: {exc}") from exc
    except sqlite3.Error as exc:
        raise explain(path, exc) from exc
    finally:
        store.close()
    result.after = check(path)
    return result


def _repair_in(
    store: DoctorQueries, actions: list[tuple[str, int]], drop_orphan_reviews: bool
) -> tuple[int, int]:
    start = store.review_count()
    dropped = 0
    for o in store.orphans():
        if o.action == "keep":
            if drop_orphan_reviews and o.table == "reviews":
                dropped = store.delete_orphan_reviews(o.ids)
                actions.append((o.kind, dropped))
            continue
        if not o.action.startswith("unlink:"):
            actions.append((o.kind, store.repair_orphans(o)))
    # pointers left dangling by the deletions above (a deleted topic's cards and children)
    for o in store.orphans():
        if o.action.startswith("unlink:"):
            actions.append((o.kind, store.repair_orphans(o)))
    totals = store.log_totals()
    drift = store.card_drift(totals)
    if drift:
        actions.append(("card_state", store.write_states(drift)))
    lone = store.state_without_reviews()
    if lone:
        actions.append(("state_without_reviews", store.reset_to_new(lone)))
    if {"review_count", "review_ms"} <= store.columns("cards"):
        rows = store.totals_drift(totals)
        if rows:
            actions.append(("totals_differ_from_log", store.write_totals(rows)))
    end = store.review_count()
    if end != start - dropped:
        raise _Shortened(f"the review log would go from {start} to {end} reviews")
    return start, end


def restore(path: Path) -> tuple[Path, Path, Report]:
    """Put the newest backup in place (the damaged file is kept aside), then check it.
    Returns (backup used, damaged copy, report on the restored database)."""
    used, damaged = dbfile.restore_newest_backup(path)
    return used, damaged, check(path)
