"""`studyapp doctor [--repair] [--json] [--restore-backup]`: what the checks found, in words.

Exit status: 0 healthy, 1 problems found (or left after a repair), 2 the database cannot be
checked or repaired here (damaged, missing, or written by a newer studyapp).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studyapp.usecases.doctor import CHECKS, LABELS, Report, plural
from studyapp.util.textsafe import one_line, visible

NOUNS = {"card_id": "card", "topic_id": "topic", "table_id": "table", "answer_id": "exam answer"}


def cmd_doctor(
    db_path: Path,
    do_repair: bool,
    restore_backup: bool,
    drop_orphan_reviews: bool,
    as_json: bool,
    dump: Callable[[Any], str],
) -> int:
    from studyapp.usecases import doctor, doctor_repair

    if drop_orphan_reviews and not do_repair:
        print("studyapp: --drop-orphan-reviews goes with --repair", file=sys.stderr)
        return 2
    data: dict[str, Any] = {"repair": None, "restore": None}
    lines: list[str] = []
    if restore_backup:
        used, damaged, report = doctor_repair.restore(db_path)
        data["restore"] = {"backup": str(used), "damaged": str(damaged)}
        lines.append(f"restored {visible(str(used))} over {visible(str(db_path))}")
        lines.append(f"the damaged file was kept as {visible(str(damaged))}")
    elif do_repair:
        result = doctor_repair.repair(db_path, drop_orphan_reviews)
        report = result.after
        if result.backup is not None:
            data["repair"] = result.to_json()
            lines.extend(_repair_lines(result))
        elif result.before.healthy:
            lines.append("nothing to repair")
    else:
        report = doctor.check(db_path)
    if as_json:
        print(dump({**report.to_json(), **data}))
    else:
        print("\n".join(lines + report_lines(report, repaired=do_repair)))
    if report.unusable is not None and not as_json:
        print(f"studyapp: {visible(report.unusable)}", file=sys.stderr)
    return report.exit_code()


def _repair_lines(result: Any) -> list[str]:
    before, after = result.reviews
    done = ", ".join(f"{kind} {n}" for kind, n in result.actions) or "nothing"
    return [
        f"backup: {visible(str(result.backup))}",
        f"repaired: {done}",
        f"review log: {before} reviews before, {after} after",
        "checked again:",
    ]


def report_lines(report: Report, repaired: bool = False) -> list[str]:
    """One line per check (`ok`, or each finding with its count), a few examples under a
    finding, and what --repair would do."""
    rev = report.revision or "none"
    out = [f"studyapp doctor: {visible(str(report.path))} (schema {rev})"]
    for name in CHECKS:
        label = LABELS[name]
        if name in report.skipped:
            out.append(f"{label}: skipped ({report.skipped[name]})")
            continue
        found = [f for f in report.findings if f.check == name]
        if not found:
            out.append(f"{label}: ok")
        for f in found:
            out.append(f"{label}: {visible(f.message)}")
            out.extend(f"    {_example(e)}" for e in f.examples)
            if f.repair is not None and not repaired:
                out.append(f"    --repair: {f.repair}")
    if report.backups:
        out.append(f"backups: {len(report.backups)}, newest first")
        out.extend(
            f"    {visible(b.path.name)}  {b.kind}  {b.made:%Y-%m-%d %H:%M} UTC"
            for b in report.backups
        )
    else:
        out.append("backups: none yet (one is made before each upgrade and each repair)")
    out.append(_conclusion(report, repaired))
    return out


def _example(e: dict[str, Any]) -> str:
    if "review_id" in e:
        return f"review {e['review_id']} (card {e['card_id']})"
    if "detail" in e:
        return one_line(str(e["detail"]), 100)
    if "rowid" in e:
        return f"{e['table']} row {e['rowid']}"
    key = next(iter(e))
    parts = [f"{NOUNS.get(key, 'row')} {e[key]}"]
    parts += [f'"{e[k]}"' for k in ("front", "title", "caption") if k in e]  # one_line'd
    if "fields" in e:
        parts.append(f"[{', '.join(e['fields'])}]")
    if "stored" in e:
        (count, ms), (n, t) = e["stored"], e["log"]
        parts.append(f"[stored {count} reviews / {ms} ms, log {n} / {t}]")
    return " ".join(parts)


def _conclusion(report: Report, repaired: bool) -> str:
    if report.unusable is not None:
        return "cannot check or repair this database here (see the message below)"
    if report.healthy:
        return "healthy"
    fixable = [f for f in report.findings if f.repair is not None]
    n = len(report.findings)
    if repaired:
        return (
            plural(n, "problem remains", "problems remain")
            + " (doctor leaves these to you; see above)"
        )
    if not fixable:
        return plural(n, "problem", "problems") + " found; --repair cannot fix these (see above)"
    return (
        plural(n, "problem", "problems")
        + f" found; `studyapp doctor --repair` fixes {len(fixable)}"
        " (a backup is made first)"
    )
