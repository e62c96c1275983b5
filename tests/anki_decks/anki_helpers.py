"""Anki's own code (the `anki` package, a test-only dependency) for the export and import tests:
it opens what studyapp exports and builds the decks studyapp imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

try:
    from anki.collection import (
        Collection as AnkiCollection,
    )
    from anki.collection import (
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
    from anki.scheduler.v3 import CardAnswer
except ImportError as exc:  # loud: these tests are the proof that Anki reads our files
    pytest.fail(
        f"the `anki` package is missing ({exc}); install the dev extra: pip install -e '.[dev]'",
        pytrace=False,
    )

RATINGS = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}


def new_collection(folder: Path, name: str = "collection.anki2") -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    return AnkiCollection(str(folder / name))


def import_into(col: Any, package: Path) -> None:
    """Import `package` as Anki's "Import" does, updating notes whose GUID it already has."""
    options = ImportAnkiPackageOptions(
        with_scheduling=True,
        update_notes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
        update_notetypes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
    )
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))


def add_note(col: Any, notetype: str, deck: str, fields: dict[str, str], tags: list[str]) -> Any:
    note = col.new_note(col.models.by_name(notetype))
    for name, value in fields.items():
        note[name] = value
    note.tags = tags
    col.add_note(note, col.decks.id(deck))
    return note


def answer_next(col: Any, deck: str, rating: int) -> int:
    """Answer the card Anki's scheduler shows next in `deck` (as the reviewer does); its id."""
    col.decks.select(col.decks.id(deck))
    queued = col.sched.get_queued_cards()
    top = queued.cards[0]
    card = col.get_card(top.card.id)
    card.start_timer()
    col.sched.answer_card(
        col.sched.build_answer(card=card, states=top.states, rating=RATINGS[rating])
    )
    return int(card.id)


def export_package(col: Any, out: Path, legacy: bool) -> Path:
    """An .apkg with scheduling and media, as Anki's export dialog writes it."""
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(with_scheduling=True, with_media=True, legacy=legacy),
        limit=None,
    )
    return out


def export_colpkg(col: Any, out: Path, legacy: bool) -> Path:
    """The whole collection (.colpkg). Anki closes the collection to write it."""
    col.export_collection_package(str(out), include_media=True, legacy=legacy)
    return out


def answer_card(col: Any, card_id: int, rating: int) -> None:
    """Answer one given card (the reviewer's path: its scheduling states, then the answer)."""
    card = col.get_card(card_id)
    card.start_timer()
    states = col._backend.get_scheduling_states(card_id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=RATINGS[rating]))
