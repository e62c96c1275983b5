"""`studyapp export --format apkg|csv [--topic TEXT] [--exam CODE] -o FILE`: cards for Anki."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studyapp.util.textsafe import visible


def cmd_export(
    db_path: Path,
    fmt: str,
    out: Path,
    topic: str | None,
    exam: str | None,
    as_json: bool,
    dump: Callable[[Any], str],
) -> int:
    from studyapp.store.collection import Collection
    from studyapp.usecases import content
    from studyapp.usecases.exporting import ExportError, export

    problem = content.unknown_exam(exam)
    if problem is not None:
        print(f"studyapp: {problem}", file=sys.stderr)
        return 2
    collection = Collection.open(db_path)
    try:
        summary = export(collection, fmt, out, topic=topic, exam=exam)
    except ExportError as exc:
        print(f"studyapp: {visible(str(exc))}", file=sys.stderr)
        return 2
    finally:
        collection.close()
    if as_json:
        print(dump(summary.to_json()))
        return 0
    what = f"{summary.notes} notes ({summary.cloze_notes} cloze)"
    print(
        f"{visible(summary.path)}: {what} in {summary.decks} decks, {summary.tags} tags"
        + ("" if summary.notes else "; no card matched")
    )
    return 0
