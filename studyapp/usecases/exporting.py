"""Exporting cards for Anki: an .apkg (built with genanki) or a CSV.

- Decks: the topic path, "SQS > Visibility timeout" -> "SQS::Visibility timeout"; a card
  outside any topic goes to the deck "studyapp".
- Tags: the exam domains the card's topic counts toward (the report's mapping: explicit
  `<!-- domains: ... -->` comments, else the catalogue's terms), "saa-c03::domain-2".
- Cloze cards (and the derived kinds that hide one span: fact, emphasis, statement) become
  Anki Cloze notes, "... {{c1::answer}} ..."; every other card a note of studyapp's Basic type.
- GUIDs: from the card's uid (notes/identity.py), which a card keeps when it is reworded, so
  importing a newer export into Anki updates the same notes instead of adding new ones.
- Text is plain in studyapp and escaped for Anki: a card never carries markup into Anki.

CSV columns, in this order (a header row first): guid, deck, kind, front, back, cloze, tags,
source, line. `cloze` is the Anki cloze text for a cloze card, empty otherwise; `tags` are
space-separated, as Anki writes them.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import genanki

from studyapp.notes import anki
from studyapp.usecases import mapping_cache

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.store.records import CardRow

FORMATS = ("apkg", "csv")
CSV_COLUMNS = ("guid", "deck", "kind", "front", "back", "cloze", "tags", "source", "line")
# Fixed ids: the same note types on every export, so Anki matches them again.
BASIC_MODEL_ID = 1_733_170_017
CLOZE_MODEL_ID = 1_733_170_018
NOTE_TYPES = frozenset({BASIC_MODEL_ID, CLOZE_MODEL_ID})  # how an import knows our own notes
CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }"


class ExportError(Exception):
    """An export that cannot be written; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class ExportedCard:
    guid: str
    deck: str
    kind: str
    front: str
    back: str
    cloze: str | None  # the Anki cloze text, for a cloze card
    tags: tuple[str, ...]
    source: str
    line: int
    modified: float  # when the card's text last changed (seconds since the epoch)
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: str
    format: str
    notes: int
    cloze_notes: int
    decks: int
    tags: int

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def guid_for(uid: str) -> str:
    """The Anki GUID of a card's note: from its uid alone."""
    return str(genanki.guid_for("studyapp", uid))


def exported_cards(
    collection: Collection, topic: str | None = None, exam: str | None = None
) -> list[ExportedCard]:
    """The live cards to export (`topic`: topics whose path contains it; `exam`: only cards of
    topics that count toward that exam), with their decks, tags and GUIDs."""
    from studyapp.reports.mapping import map_topics

    rows = collection.cards_for_export(topic)
    guides, catalogue = mapping_cache.guides_and_catalogue()
    mapping_cache.load_into(catalogue, collection.path)
    mappings = map_topics(collection.topic_texts(), catalogue, guides)
    mapping_cache.save_from(catalogue, collection.path)
    code = exam.lower() if exam else None
    out = []
    for card, uid, updated in rows:
        found = mappings.get(card.topic_id) if card.topic_id is not None else None
        tags = (
            tuple(anki.domain_tag(c, n) for c in sorted(found.placements) for n in found.domains(c))
            if found is not None
            else ()
        )
        if code is not None and (found is None or not found.domains(code)):
            continue
        out.append(_exported(card, uid, tags, updated.timestamp() if updated else 0.0))
    return out


def _exported(
    card: CardRow, uid: str | None, tags: tuple[str, ...], modified: float
) -> ExportedCard:
    return ExportedCard(
        guid=guid_for(uid or f"card-{card.id}"),
        deck=anki.deck_name(card.topic_path),
        kind=card.kind,
        front=card.front,
        back=card.back,
        cloze=anki.as_cloze(card.kind, card.front, card.back),
        tags=tags,
        source=card.source,
        line=card.line,
        modified=modified,
        suspended=card.suspended,
    )


def export(
    collection: Collection,
    fmt: str,
    out: Path,
    topic: str | None = None,
    exam: str | None = None,
) -> ExportSummary:
    """Write the cards to `out` (replaced atomically: a failed export leaves no half file)."""
    if fmt not in FORMATS:
        raise ExportError(f"{out}: unknown format {fmt!r} (apkg or csv)")
    if not out.parent.is_dir():
        raise ExportError(f"{out}: the folder {out.parent} does not exist")
    cards = exported_cards(collection, topic, exam)
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "apkg":
            write_apkg(cards, tmp)
        else:
            write_csv(cards, tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return ExportSummary(
        path=str(out),
        format=fmt,
        notes=len(cards),
        cloze_notes=sum(c.cloze is not None for c in cards),
        decks=len({c.deck for c in cards}),
        tags=len({t for c in cards for t in c.tags}),
    )


def write_csv(cards: Iterable[ExportedCard], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for c in cards:
            writer.writerow(
                (
                    c.guid,
                    c.deck,
                    c.kind,
                    c.front,
                    c.back,
                    c.cloze or "",
                    " ".join(c.tags),
                    c.source,
                    c.line,
                )
            )


def write_apkg(cards: Iterable[ExportedCard], path: Path) -> None:
    basic = genanki.Model(
        BASIC_MODEL_ID,
        "studyapp Basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=CSS,
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID,
        "studyapp Cloze",
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Source"}],
        templates=[
            {"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}
        ],
        css=CSS + " .cloze { font-weight: bold; color: blue; }",
        model_type=genanki.Model.CLOZE,
    )
    decks: dict[str, genanki.Deck] = {}
    for c in cards:
        deck = decks.get(c.deck)
        if deck is None:
            deck = decks[c.deck] = genanki.Deck(deck_id(c.deck), c.deck)
        source = anki.field_html(f"{c.source}:{c.line}")
        if c.cloze is not None:
            note = _Note(
                c.modified,
                model=cloze,
                fields=[c.cloze, "", source],
                tags=list(c.tags),
                guid=c.guid,
            )
        else:
            note = _Note(
                c.modified,
                model=basic,
                fields=[anki.field_html(c.front), anki.field_html(c.back), source],
                tags=list(c.tags),
                guid=c.guid,
            )
        for card in note.cards:
            card.suspend = c.suspended  # suspended here, suspended in Anki
        deck.add_note(note)
    if not decks:  # an empty export is still a valid package Anki opens
        decks["studyapp"] = genanki.Deck(deck_id("studyapp"), "studyapp")
    genanki.Package(list(decks.values())).write_to_file(str(path))


class _Note(genanki.Note):  # type: ignore[misc]
    """A note stamped with when its card's text last changed, not with the export's time:
    Anki updates a note it already has (same GUID) only when that time differs, so an edited
    card updates its Anki note and an unchanged one leaves it alone."""

    def __init__(self, modified: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified or timestamp, deck_id, id_gen)


def deck_id(name: str) -> int:
    """A stable Anki deck id for a deck name (in the range genanki recommends)."""
    import hashlib

    digest = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:12], 16)
    return (1 << 30) + digest % (1 << 30)
