"""Importing an Anki package (.apkg, .colpkg): its notes become topics and cards, its review
log becomes studyapp reviews, and each reviewed card's FSRS state is the log replayed through
the scheduler, so moving from Anki keeps the history.

- Topics: the deck path ("AWS::SQS" -> "AWS > SQS"); Anki tags naming an exam domain
  ("saa-c03::domain-2") become the topic's domain overrides.
- Cards: each Anki card, its template rendered and made plain (notes/anki.py); a card is known
  by its note's GUID and its template, so a re-import updates it and never duplicates it.
- Reviews: each answer of the log (manual reschedules are not answers and are left out), with
  its time and duration; a review is known by its log id, so a re-import never adds it twice.
  The card's state is replayed over its whole log (Anki's reviews and any given in studyapp
  since), without fuzzing, so the same log always gives the same state.
- Media are not imported: the importer says how many it left out.

Runs inside the import's batch (usecases/importing.py), so the whole run is one transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.notes import anki
from studyapp.notes.identity import anki_card_uid, anki_review_uid
from studyapp.notes.model import ImportWarning, ParsedNote, TopicDraft
from studyapp.store.anki_package import AnkiPackage, PackageError, read_package
from studyapp.store.codec import stored
from studyapp.store.records import DeckCard, FileSummary, HistoryReview, StoredReview

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

SUFFIXES = (".apkg", ".colpkg")
SEP = " > "
ANSWER_TYPES = (0, 1, 2, 3)  # learn, review, relearn, filtered; 4 and 5 are manual changes


def is_package(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def import_package(
    collection: Collection, path: Path, key: str, display: str, digest: str
) -> tuple[FileSummary, list[tuple[str, str, str, int]]]:
    """Import one package (called inside `collection.batch()`). A file that is not a readable
    package is skipped with a message naming it. Also returns the cards' (front, back, topic
    path, line 0) for the fact check."""
    try:
        package = read_package(path)
    except PackageError as exc:  # its message names the file; the warning's place does here
        reason = str(exc).removeprefix(f"{path}: ")
        return FileSummary(path=display, status="skipped", warnings=[(display, 0, reason)]), []
    exported = _exported_here(collection, package)
    note, cards, by_card, own = _drafts(package, display, digest, exported)
    summary, ids = collection.import_deck(note, cards, key, display)
    if own:
        ids.update(collection.card_ids_by_uid(own))
        summary.warnings.append(
            (
                display,
                0,
                f"{len(own)} cards are this collection's own (exported from studyapp): they stay"
                " as your notes have them, and their answers in Anki are added to their history",
            )
        )
    added, replayed = _replay(collection, package, by_card, ids)
    answered = {r.card_id for r in package.reviews}
    scheduled = sum(
        1 for c in package.cards if c.type != 0 and c.id in by_card and c.id not in answered
    )
    if scheduled:
        summary.warnings.append(
            (
                display,
                0,
                f"{scheduled} cards were scheduled in Anki but the package holds no review"
                " history for them (exported without scheduling?): they start as new",
            )
        )
    if added or replayed:
        summary.warnings.append(
            (display, 0, f"review history: {added} reviews added, {replayed} cards rescheduled")
        )
    return summary, [(c.front, c.back, c.topic_key, 0) for c in cards]


def _exported_here(collection: Collection, package: AnkiPackage) -> dict[str, str]:
    """{Anki GUID: card uid} of this collection's cards, when the package holds notes of the
    note types `studyapp export` writes (a deck exported from here, studied in Anki)."""
    from studyapp.usecases.exporting import NOTE_TYPES, guid_for

    if not any(nt.id in NOTE_TYPES for nt in package.notetypes.values()):
        return {}
    return {guid_for(uid): uid for uid in collection.card_uids()}


def _drafts(
    package: AnkiPackage, display: str, digest: str, exported: dict[str, str]
) -> tuple[ParsedNote, list[DeckCard], dict[int, tuple[str, int, str]], list[str]]:
    """The package as topics and cards; {Anki card id: (note GUID, ord, card uid)}; the uids of
    the cards that are this collection's own (`exported`: see `_exported_here`)."""
    from studyapp.usecases.exporting import NOTE_TYPES

    notes = {n.id: n for n in package.notes}
    warnings: list[ImportWarning] = []
    topics: dict[tuple[str, ...], set[str]] = {}
    cards: list[DeckCard] = []
    by_card: dict[int, tuple[str, int, str]] = {}
    media = empty = unknown = occlusion = 0
    own: list[str] = []
    for c in package.cards:
        n = notes.get(c.note_id)
        if n is None:
            continue
        nt = package.notetypes.get(n.notetype_id)
        if nt is None:
            unknown += 1
            continue
        mine = exported.get(n.guid) if nt.id in NOTE_TYPES else None
        if mine is not None:  # exported from here: its text is the notes', only answers come
            by_card[c.id] = (n.guid, c.ord, mine)
            own.append(mine)
            continue
        if nt.cloze and any("image-occlusion:" in value for value in n.fields):
            occlusion += 1  # its question is a picture with masks: nothing to ask in text
            continue
        text = anki.card_text(nt.cloze, nt.fields, n.fields, nt.templates, c.ord)
        if text is None:
            empty += 1
            continue
        media += text.media
        deck = package.decks.get(c.deck_id) or ("Anki",)
        for depth in range(1, len(deck) + 1):
            topics.setdefault(deck[:depth], set())
        topics[deck].update(anki.tag_domains(n.tags))
        uid = anki_card_uid(n.guid, c.ord)
        by_card[c.id] = (n.guid, c.ord, uid)
        cards.append(
            DeckCard(
                uid=uid,
                topic_key=SEP.join(deck),
                kind=text.kind,
                front=text.front,
                back=text.back,
                suspended=c.queue == -1,
            )
        )
    if package.media_files or media:
        warnings.append(
            ImportWarning(
                display,
                0,
                f"media skipped (images and sounds are not imported): {package.media_files}"
                f" files in the package, {media} references left out of the cards' text",
            )
        )
    if empty:
        warnings.append(
            ImportWarning(display, 0, f"{empty} cards skipped: their template shows nothing")
        )
    if occlusion:
        warnings.append(
            ImportWarning(
                display, 0, f"{occlusion} image occlusion cards skipped (they need their picture)"
            )
        )
    if unknown:
        warnings.append(
            ImportWarning(display, 0, f"{unknown} cards skipped: their note type is missing")
        )
    drafts = [
        TopicDraft(path=p, title=p[-1], level=len(p), line=0, domains=tuple(sorted(d)))
        for p, d in sorted(topics.items())
    ]
    return (
        ParsedNote(path=display, sha256=digest, topics=drafts, kind="anki", warnings=warnings),
        cards,
        by_card,
        own,
    )


def rating_of(ease: int, kind: int, sched_v1: bool) -> int:
    """Anki's answer button as a rating. Its first scheduler (v1) had three buttons for a card
    in (re)learning, Again, Good, Easy: there ease 2 is Good and 3 is Easy."""
    if sched_v1 and kind in (0, 2) and ease in (2, 3):
        return ease + 1
    return ease


def _replay(
    collection: Collection,
    package: AnkiPackage,
    by_card: dict[int, tuple[str, int, str]],
    ids: dict[str, int],
) -> tuple[int, int]:
    """Add the package's reviews not yet stored and replay each such card's whole log.
    Returns (reviews added, cards rescheduled)."""
    from studyapp.study.scheduler import make_scheduler, replay
    from studyapp.study.settings import StudySettings

    fresh: dict[int, list[HistoryReview]] = {}
    for r in package.reviews:
        if r.type not in ANSWER_TYPES or not 1 <= r.ease <= 4 or r.card_id not in by_card:
            continue
        guid, ord_, uid = by_card[r.card_id]
        when = datetime.fromtimestamp(r.id / 1000, UTC)
        rating = rating_of(r.ease, r.type, package.sched_v1)
        fresh.setdefault(ids[uid], []).append(
            HistoryReview(
                None,
                anki_review_uid(guid, ord_, r.id),
                rating,
                stored(when),
                max(r.time_ms, 0),
                None,
                "",
            )
        )
    if not fresh:
        return 0, 0
    have = collection.stored_reviews(list(fresh))
    scheduler = make_scheduler(StudySettings(enable_fuzzing=False))
    added = rescheduled = 0
    for card_id, incoming in fresh.items():
        known: list[StoredReview] = have.get(card_id, [])
        uids = {k.uid for k in known}
        new = [h for h in incoming if h.uid not in uids]
        if not new:
            continue
        log = [
            HistoryReview(k.id, k.uid, k.rating, k.reviewed_at, k.duration_ms, None, "")
            for k in known
        ] + new
        log.sort(key=lambda h: h.reviewed_at)
        outcomes = replay(
            scheduler,
            card_id,
            [
                (h.rating, datetime.fromisoformat(h.reviewed_at).replace(tzinfo=UTC), h.duration_ms)
                for h in log
            ],
        )
        state: str | None = None
        out: list[HistoryReview] = []
        for h, outcome in zip(log, outcomes, strict=True):
            after = outcome.card.to_json()
            out.append(
                HistoryReview(h.id, h.uid, h.rating, h.reviewed_at, h.duration_ms, state, after)
            )
            state = after
        lapses = sum(o.lapsed for o in outcomes)
        due = stored(outcomes[-1].card.due)
        assert state is not None
        added += collection.write_history(card_id, out, state, due, lapses)
        rescheduled += 1
    return added, rescheduled


__all__ = ["SUFFIXES", "import_package", "is_package"]
