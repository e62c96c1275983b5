"""Stable identities that do not depend on the machine: the same notes imported on two machines
give their cards the same ids (sync matches them; an Anki export uses them as note GUIDs).

A card's id is made once, when the card is first imported, from where it stands and what it
asks: the notes file's name, its topic path, its kind and its normalised prompt. It is stored
with the card and kept when the card is reworded later (the importer matches the reworded card
to the stored one), so its history and its Anki note follow it.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

VERSION = "studyapp-card-v1"


def card_uid(source: str, topic_path: str, kind: str, prompt_key: str) -> str:
    """32 hex digits from the file's name (not its folder: machines keep notes in different
    places), the topic path ("A > B"), the card's kind and its normalised prompt."""
    name = PurePath(source.replace("\\", "/")).name.casefold()
    text = "\0".join((VERSION, name, topic_path, kind, prompt_key))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def new_uid() -> str:
    """A globally unique id for something a learner does (a review, an exam attempt)."""
    return uuid.uuid4().hex


def anki_card_uid(guid: str, ord_: int) -> str:
    """A card imported from Anki: from its note's GUID and its template (or cloze number), so
    a re-import, or a newer export of the same deck, finds the same card."""
    text = "\0".join(("studyapp-anki-card-v1", guid, str(ord_)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def anki_review_uid(guid: str, ord_: int, revlog_id: int) -> str:
    """A review imported from Anki's log: a re-import never adds it twice."""
    text = "\0".join(("studyapp-anki-review-v1", guid, str(ord_), str(revlog_id)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
