"""One fact, one card across a whole file: repeats that section-by-section derivation cannot see.

- a derived card whose front and back both repeat an earlier card of the file is dropped;
- a definition of a term already defined in a topic above it (an "Explanation" sub-section that
  defines the policy elements again) is dropped;
- a derived card whose numbers (with their units) were all stated by one earlier card of another
  topic under the same top topics, with a word in common beyond titles and units, is dropped:
  "Limitations — Timeout: 15 minutes" after the overview's "Max execution time: 900 s (15
  minutes)" asks the same fact again. Within one topic equal numbers are parallel facts
  ("Glacier Instant: minimum 90 days", "Glacier Flexible: minimum 90 days") and are kept.
Explicit cards (``::``, ``==cloze==``) are always kept: the learner wrote them.
"""

from __future__ import annotations

import re

from studyapp.notes.model import DEFINITION, DERIVED_KINDS, CardDraft

_SPACE = re.compile(r"\W+")
# a number and its unit ("128 MB", "15 minutes", "99.9%"), not the digit of a name ("EC2", "S3")
_VALUE = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)\s?([a-z%]+)", re.I)
_DIGIT = re.compile(r"\d")
ROOT_DEPTH = 2  # "Lambda" under the file's title: repeats are looked for within it
MAX_HOLDERS = 8  # earlier cards kept per value: enough for real notes, linear for any file


_Holder = tuple[tuple[str, ...], frozenset[str], frozenset[str]]  # topic, values, words


def _values(text: str) -> frozenset[str]:
    """Numbers with units in ``text``, normalised ("128 MB" and "128MB" are one value)."""
    if not _DIGIT.search(text):
        return frozenset()
    return frozenset(
        m[1].replace(",", "") + m[2].casefold().removesuffix("s") for m in _VALUE.finditer(text)
    )


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def merge_repeats(
    cards: list[CardDraft], repeats: list[CardDraft] | None = None
) -> list[CardDraft]:
    """The cards to keep, in order; the derived cards merged away go to ``repeats``."""
    seen: set[tuple[str, str]] = set()
    terms: dict[str, list[tuple[str, ...]]] = {}
    kept: list[CardDraft] = []
    holders: dict[tuple[tuple[str, ...], str], list[_Holder]] = {}
    for card in cards:
        if card.kind not in DERIVED_KINDS:
            kept.append(card)
            continue
        pair = (_key(card.front.rsplit("—", 1)[-1]), _key(card.back))
        if pair in seen:
            _dropped(repeats, card)
            continue
        if card.kind == DEFINITION and card.term:
            term = _key(card.term)
            paths = terms.setdefault(term, [])
            deeper = len(card.topic_path)
            if any(len(p) < deeper and card.topic_path[: len(p)] == p for p in paths):
                _dropped(repeats, card)
                continue  # defined again below where it was first defined
            paths.append(card.topic_path)
        if _repeats_a_value(card, holders):
            _dropped(repeats, card)
            continue
        seen.add(pair)
        kept.append(card)
    return kept


def _dropped(repeats: list[CardDraft] | None, card: CardDraft) -> None:
    if repeats is not None:
        repeats.append(card)


def _repeats_a_value(
    card: CardDraft, holders: dict[tuple[tuple[str, ...], str], list[_Holder]]
) -> bool:
    """True when one earlier card of another topic under the same top topics stated every value
    this card states, in words it shares; else the card's values are kept for later cards."""
    root = card.topic_path[:ROOT_DEPTH]
    asked = _values(card.back)
    stated = asked | _values(card.front)  # a cloze's front holds the rest of its sentence
    words = _words(card) if asked else frozenset()
    if asked:
        for path, values, other in holders.get((root, next(iter(asked))), []):
            if path != card.topic_path and stated <= values and words & other:
                return True
    if stated:
        words = words or _words(card)
        for value in stated:
            held = holders.setdefault((root, value), [])
            if len(held) < MAX_HOLDERS:
                held.append((card.topic_path, stated, words))
    return False


_WORDS = re.compile(r"[a-z][a-z-]{3,}")
_UNIT_WORDS = re.compile(
    r"(?:second|minute|hour|day|week|month|year|byte|request|message|transaction|time)s?|"
    r"maximum|minimum|default|limit|limited|most|least|from|with|that|this|each|every|your|"
    r"their|have|than|then|when|into|over|only|also|more|less|some|like|such",
)


def _words(card: CardDraft) -> frozenset[str]:
    """The content words a card says beyond its topics' titles and its numbers' units."""
    topic = set(_WORDS.findall(" ".join(card.topic_path).casefold()))
    said = _WORDS.findall(f"{card.front} {card.back}".casefold())
    return frozenset(w for w in said if w not in topic and not _UNIT_WORDS.fullmatch(w))
