"""`studyapp cards search QUERY` and `studyapp cards suspend|unsuspend|bury|unbury|forget ID...`:
the card browser without a screen (the same search, the same actions)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from studyapp.util.clock import utcnow
from studyapp.util.textsafe import one_line, visible

ACTIONS = ("suspend", "unsuspend", "bury", "unbury", "forget")
PAST = {
    "suspend": "suspended",
    "unsuspend": "unsuspended",
    "bury": "buried until tomorrow",
    "unbury": "unburied",
    "forget": "reset to new (history kept)",
}


def query_text(terms: list[str]) -> str:
    """One argument is the search as written (`"sqs is:due"`); several are one term each, so a
    shell-quoted `topic:"Queues compared"` stays one term."""
    import shlex

    if len(terms) == 1:
        return terms[0]
    return " ".join(shlex.quote(t) for t in terms)


def cmd_search(db_path: Path, terms: list[str], as_json: bool, dump: Callable[[Any], str]) -> int:
    from studyapp.store.collection import Collection
    from studyapp.study.search import SearchError, parse_search

    text = query_text(terms)
    try:
        search = parse_search(text)
    except SearchError as exc:
        print(f"studyapp: {visible(str(exc))}")
        return 2
    collection = Collection.open(db_path)
    try:
        rows = collection.search_cards(search, utcnow())
    finally:
        collection.close()
    if as_json:
        print(dump({"query": text, "count": len(rows), "cards": [r.to_json() for r in rows]}))
        return 0
    for r in rows:
        flags = [r.state] + [f for f in ("suspended", "buried", "leech") if getattr(r, f)]
        due = r.due.strftime("%Y-%m-%d %H:%M") if r.due else "-"
        print(f"{r.id:>6}  {visible(r.source)}:{r.line}  [{', '.join(flags)}]  due {due}")
        print(f"        Q: {one_line(r.front, 100)}")
    print(f"{len(rows)} cards match {text!r}" if text.strip() else f"{len(rows)} cards")
    return 0


def cmd_act(
    db_path: Path, action: str, ids: list[int], as_json: bool, dump: Callable[[Any], str]
) -> int:
    """Apply one browser action to cards by id. Ids that are not live cards are named and make
    the exit status 1 (the others are still changed)."""
    from studyapp.store.collection import Collection

    collection = Collection.open(db_path)
    try:
        unknown = [i for i in ids if (c := collection.card(i)) is None or c.retired]
        known = [i for i in ids if i not in unknown]
        changed = getattr(collection, f"{action}_cards")(known) if known else 0
    finally:
        collection.close()
    if as_json:
        print(dump({"action": action, "ids": known, "changed": changed, "unknown": unknown}))
    else:
        print(f"{changed} of {len(known)} cards {PAST[action]}")
        for i in unknown:
            print(f"studyapp: no card {i} (see `studyapp cards search` for the ids)")
    return 1 if unknown else 0
