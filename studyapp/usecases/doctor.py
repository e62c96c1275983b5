"""`studyapp doctor`: check the database, and repair what can be repaired safely.

Which state is the truth: every rating stores the card's new FSRS state twice, in the review
log (`reviews.state_after`) and on the card (`cards.fsrs`, `cards.due`); undo puts the card back
to the removed review's `state_before`. So a card's state is the `state_after` of its newest
review (by time, then id), and its lapses are the Again ratings given while it was in Review.
Replaying the ratings through the scheduler (`study.scheduler.rebuild`) is *not* the truth the
app keeps: fuzzing draws random intervals, and a change of settings would then mark every card
as damaged. Replaying is also slow: about 20 s for a million reviews, where comparing with the
log takes about 1.5 s.

The review log is never shortened by a repair. Reviews whose card is gone are reported and kept
(the card may come back from a backup, and the learner's history is what the app is for); they
go only when the learner asks with `--drop-orphan-reviews`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studyapp.store import dbfile, doctor_queries
from studyapp.store.collection import Collection
from studyapp.store.doctor_queries import EXAMPLES, DoctorQueries
from studyapp.store.errors import DatabaseError
from studyapp.store.revision import HEAD_REVISION, KNOWN_REVISIONS

# checks in the order they are shown
CHECKS = ("integrity", "schema", "foreign_keys", "orphans", "card_state", "review_totals")
LABELS = {
    "integrity": "integrity",
    "schema": "schema",
    "foreign_keys": "foreign keys",
    "orphans": "orphans",
    "card_state": "card state",
    "review_totals": "review totals",
}
REPAIRS = {
    "delete": "delete them (nothing can reach them)",
    "retire": "retire them (their review history is kept)",
    "unlink:parent_id": "make them top-level topics",
    "unlink:topic_id": "detach them from the missing topic (they stay in their notes file)",
}


@dataclass(slots=True)
class Finding:
    check: str
    kind: str
    count: int
    message: str
    repair: str | None  # what --repair does; None: it cannot repair this
    examples: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "kind": self.kind,
            "count": self.count,
            "message": self.message,
            "repair": self.repair,
            "examples": self.examples,
        }


@dataclass(slots=True)
class Backup:
    path: Path
    kind: str  # migration (made before upgrading the schema) | doctor (before a repair)
    made: datetime

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "kind": self.kind, "made": self.made.isoformat()}


@dataclass(slots=True)
class Report:
    path: Path
    revision: str | None
    findings: list[Finding] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # check -> why it did not run
    backups: list[Backup] = field(default_factory=list)
    unusable: str | None = None  # why nothing here can be repaired (damaged, newer schema)

    @property
    def healthy(self) -> bool:
        return not self.findings and self.unusable is None

    @property
    def status(self) -> str:
        if self.unusable is not None:
            return "unusable"
        return "problems" if self.findings else "ok"

    def exit_code(self) -> int:
        return {"ok": 0, "problems": 1, "unusable": 2}[self.status]

    def to_json(self) -> dict[str, Any]:
        checks = []
        for name in CHECKS:
            found = [f for f in self.findings if f.check == name]
            status = "skipped" if name in self.skipped else ("problem" if found else "ok")
            checks.append(
                {
                    "check": name,
                    "status": status,
                    "note": self.skipped.get(name),
                    "findings": [f.to_json() for f in found],
                }
            )
        return {
            "database": str(self.path),
            "status": self.status,
            "message": self.unusable,
            "schema": {"revision": self.revision, "head": HEAD_REVISION},
            "checks": checks,
            "backups": [b.to_json() for b in self.backups],
        }


def plural(n: int, one: str, many: str) -> str:
    """ "1 card differs", "2 cards differ": the caller gives both phrases."""
    return f"{n} {one if n == 1 else many}"


# ---- checking ------------------------------------------------------------------------------
def backups(path: Path) -> list[Backup]:
    """`<db>.bak-<rev>` (before a migration) and `<db>.bak-doctor-<time>` (before a repair),
    newest first."""
    return [
        Backup(
            p,
            "doctor" if p.name.startswith(f"{path.name}.bak-doctor-") else "migration",
            datetime.fromtimestamp(p.stat().st_mtime, UTC),
        )
        for p in dbfile.backups(path)
    ]


def check(path: Path) -> Report:
    """Every check, read-only. Never raises for a damaged file: the report says what is wrong."""
    report = Report(path, None, backups=backups(path))
    if not path.is_file():
        report.unusable = f"{path}: no database here (import notes first, or pass --db PATH)"
        return report
    try:
        store = Collection.inspect(path, read_only=True)
    except DatabaseError as exc:
        report.unusable = f"{path}: cannot open the database ({exc})"
        return report
    try:
        # a check that raises leaves itself and the ones after it marked as not run
        report.skipped = dict.fromkeys(CHECKS, "the file could not be read")
        _run_checks(store, report)
    except sqlite3.Error as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            report.unusable = (
                f"{path}: the database is busy (another studyapp is writing); try again"
            )
        else:
            report.skipped.pop("integrity", None)
            report.findings.append(
                Finding("integrity", "unreadable", 1, f"unreadable: {exc}", None)
            )
            report.unusable = _damaged(path, str(exc))
    finally:
        store.close()
    return report


def _damaged(path: Path, detail: str) -> str:
    return (
        f"{path}: the database file is damaged ({detail}); doctor cannot repair that. "
        "Run `studyapp doctor --restore-backup` to put the newest backup in its place "
        "(the damaged file is kept beside it)."
    )


def _run_checks(store: DoctorQueries, report: Report) -> None:
    problems = [line for line in store.integrity() if line != "ok"]
    del report.skipped["integrity"]
    if problems:
        report.findings.append(
            Finding(
                "integrity",
                "integrity_check",
                len(problems),
                f"SQLite found {plural(len(problems), 'problem', 'problems')}: {problems[0]}",
                None,
                [{"detail": p} for p in problems[:EXAMPLES]],
            )
        )
        report.unusable = _damaged(report.path, problems[0])
    tables = store.tables()
    report.revision = store.revision()
    del report.skipped["schema"]
    rev = report.revision
    if rev is not None and rev not in KNOWN_REVISIONS:
        report.unusable = report.unusable or (
            f"{report.path}: this database was written by a newer studyapp (schema {rev}); "
            "upgrade studyapp, or run `studyapp doctor --restore-backup` to go back to the "
            "newest backup (made before that version upgraded it)."
        )
        report.findings.append(
            Finding("schema", "newer_schema", 1, f"schema {rev} is newer than this studyapp", None)
        )
    elif rev != HEAD_REVISION:
        report.findings.append(
            Finding(
                "schema",
                "old_schema",
                1,
                f"schema {rev or 'none'}, this studyapp writes {HEAD_REVISION}",
                f"upgrade it to {HEAD_REVISION} (a backup `.bak-{rev}` is made first)"
                if rev
                else None,
            )
        )
    _foreign_keys(store, report)
    del report.skipped["foreign_keys"]
    if report.unusable is not None or not {"cards", "reviews", "sources"} <= tables:
        why = "the database cannot be trusted" if report.unusable else "no studyapp tables"
        for name in ("orphans", "card_state", "review_totals"):
            report.skipped[name] = why
        return
    _orphans(store, report)
    del report.skipped["orphans"]
    totals = store.log_totals()
    _card_state(store, report, totals)
    del report.skipped["card_state"]
    if {"review_count", "review_ms"} <= store.columns("cards"):
        _review_totals(store, report, totals)
        del report.skipped["review_totals"]
    else:
        report.skipped["review_totals"] = "schemas before 0005 keep no review totals"


def _foreign_keys(store: DoctorQueries, report: Report) -> None:
    for (table, parent), rowids in sorted(store.foreign_key_violations().items()):
        if (table, parent) in doctor_queries.COVERED_KEYS and report.revision in KNOWN_REVISIONS:
            continue  # the orphans check names these and knows how to repair them
        report.findings.append(
            Finding(
                "foreign_keys",
                f"{table}->{parent}",
                len(rowids),
                plural(len(rowids), "row", "rows")
                + f" of {table} pointing to a missing row of {parent}",
                None,
                [{"table": table, "rowid": r} for r in rowids[:EXAMPLES]],
            )
        )


def _examples(store: DoctorQueries, table: str, ids: list[int]) -> list[dict[str, Any]]:
    from studyapp.util.textsafe import one_line

    shown = ids[:EXAMPLES]
    if table == "reviews":
        cards = store.review_card_ids(shown)
        return [{"review_id": i, "card_id": cards.get(i)} for i in shown]
    labels = store.labels(table, shown)
    key = {
        "cards": "card_id",
        "topics": "topic_id",
        "comparison_tables": "table_id",
        "exam_answers": "answer_id",
    }.get(table, "id")
    text = {"cards": "front", "topics": "title", "comparison_tables": "caption"}.get(table)
    out: list[dict[str, Any]] = []
    for i in shown:
        row: dict[str, Any] = {key: i}
        if text is not None:
            row[text] = one_line(labels.get(i, ""), 60)
        out.append(row)
    return out


def _orphans(store: DoctorQueries, report: Report) -> None:
    for o in store.orphans():
        n = len(o.ids)
        if o.action == "keep":
            repair = None
            message = (
                f"{plural(n, *o.what)}; kept: doctor never deletes review history (restore a "
                "backup to get the cards back, or add --drop-orphan-reviews to --repair)"
            )
        else:
            repair, message = REPAIRS[o.action], plural(n, *o.what)
        report.findings.append(
            Finding("orphans", o.kind, n, message, repair, _examples(store, o.table, o.ids))
        )


def _card_state(
    store: DoctorQueries, report: Report, totals: dict[int, tuple[int, int, int]]
) -> None:
    drift = store.card_drift(totals)
    as_new = [d for d in drift if d.fields and d.fields[0] == "state (stored as new)"]
    changed = [d for d in drift if d not in as_new]
    if as_new:
        report.findings.append(
            Finding(
                "card_state",
                "reviewed_stored_as_new",
                len(as_new),
                plural(
                    len(as_new),
                    "card has reviews but is stored as new",
                    "cards have reviews but are stored as new",
                ),
                "write each card's state from its newest review",
                _drift_examples(store, as_new),
            )
        )
    if changed:
        counts: dict[str, int] = {}
        for d in changed:
            for f in d.fields:
                counts[f] = counts.get(f, 0) + 1
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        report.findings.append(
            Finding(
                "card_state",
                "state_differs_from_log",
                len(changed),
                plural(
                    len(changed),
                    "card differs from its review log",
                    "cards differ from their review log",
                )
                + f" ({detail})",
                "write each card's state from its newest review",
                _drift_examples(store, changed),
            )
        )
    lone = store.state_without_reviews()
    if lone:
        report.findings.append(
            Finding(
                "card_state",
                "state_without_reviews",
                len(lone),
                plural(
                    len(lone),
                    "card has a schedule but no review in the log",
                    "cards have a schedule but no review in the log",
                ),
                "make them new cards again",
                _examples(store, "cards", lone),
            )
        )


def _drift_examples(
    store: DoctorQueries, drift: list[doctor_queries.CardDrift]
) -> list[dict[str, Any]]:
    rows = _examples(store, "cards", [d.card_id for d in drift])
    for row, d in zip(rows, drift, strict=False):
        row["fields"] = d.fields
    return rows


def _review_totals(
    store: DoctorQueries, report: Report, totals: dict[int, tuple[int, int, int]]
) -> None:
    rows = store.totals_drift(totals)
    if rows:
        examples = _examples(store, "cards", [r[0] for r in rows])
        for ex, (_cid, count, ms, n, t) in zip(examples, rows, strict=False):
            ex.update({"stored": [count, ms], "log": [n, t]})
        report.findings.append(
            Finding(
                "review_totals",
                "totals_differ_from_log",
                len(rows),
                plural(
                    len(rows),
                    "card's review count or time differs from the review log",
                    "cards' review count or time differ from the review log",
                ),
                "recount them from the log",
                examples,
            )
        )
