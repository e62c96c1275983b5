"""Anki import and export, timed.

Usage: .venv/bin/python benchmarks/anki_bench.py [--notes N] [--reviews R]
Builds an Anki collection with Anki's own code (the `anki` package of the dev extra): N Basic
notes in 50 nested decks, and R answers spread over the cards in the review log (written
straight into Anki's revlog table: answering them one by one in Anki would time Anki, not us).
Then prints: `studyapp import` of the .apkg (cards, reviews replayed through FSRS), its unchanged
re-import, a re-import of a newer export with one more answer per 100 cards, and `studyapp export`
of the cards as .apkg and as CSV.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anki.collection import Collection as AnkiCollection  # noqa: E402
from anki.collection import ExportAnkiPackageOptions  # noqa: E402

from studyapp.store.collection import Collection  # noqa: E402
from studyapp.usecases.exporting import export  # noqa: E402
from studyapp.usecases.importing import import_paths  # noqa: E402

DAY_MS = 86_400_000


def build(folder: Path, notes: int, reviews: int, seed: int = 3) -> AnkiCollection:
    rng = random.Random(seed)
    col = AnkiCollection(str(folder / "collection.anki2"))
    basic = col.models.by_name("Basic")
    decks = [col.decks.id(f"AWS::Service {i // 10}::Part {i % 10}") for i in range(50)]
    for i in range(notes):
        note = col.new_note(basic)
        note["Front"] = f"Question {i}: what does <b>service {i % 97}</b> limit to?"
        note["Back"] = f"{rng.randint(1, 999)} units &amp; more<br>see the docs"
        col.add_note(note, decks[i % len(decks)])
    card_ids = list(col.find_cards(""))
    start = 1_700_000_000_000
    rows = []
    for n in range(reviews):
        cid = card_ids[n % len(card_ids)]
        when = start + (n // len(card_ids)) * 7 * DAY_MS + n
        rows.append((when, cid, -1, rng.choice((1, 3, 3, 3, 4)), 1, 0, 2500, 4000, 1))
    col.db.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    col.fix_integrity()  # Anki's "Check Database", as its export asks after such writes
    return col


def package(col: AnkiCollection, out: Path) -> Path:
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(with_scheduling=True, with_media=False, legacy=False),
        limit=None,
    )
    return out


def timed(label: str, fn) -> object:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - t:.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=5_000)
    ap.add_argument("--reviews", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        col = timed(
            "build the Anki collection (Anki's code)", lambda: build(root, args.notes, args.reviews)
        )
        first = package(col, root / "deck.apkg")
        repo = Collection.open(root / "study.sqlite3")
        try:
            print(f"{args.notes} notes, {args.reviews} reviews")
            timed("studyapp import (cards + reviews replayed)", lambda: import_paths(repo, [first]))
            timed("unchanged re-import", lambda: import_paths(repo, [first]))
            more = [
                (1_800_000_000_000 + n, cid, -1, 3, 1, 0, 2500, 3000, 1)
                for n, cid in enumerate(list(col.find_cards(""))[::100])
            ]
            col.db.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", more)
            col.fix_integrity()
            second = package(col, root / "deck-2.apkg")
            timed(
                f"re-import of a newer export ({len(more)} new answers)",
                lambda: import_paths(repo, [second]),
            )
            timed("export .apkg", lambda: export(repo, "apkg", root / "out.apkg"))
            timed("export .csv", lambda: export(repo, "csv", root / "out.csv"))
        finally:
            repo.close()
            col.close()


if __name__ == "__main__":
    main()
