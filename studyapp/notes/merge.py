"""One fact, one card across a whole file: repeats that section-by-section derivation cannot see.

- a derived card whose front and back both repeat an earlier card of the file is dropped;
- a definition of a term already defined in a topic above it (an "Explanation" sub-section that
  defines the policy elements again) is dropped.
Explicit cards (``::``, ``==cloze==``) are always kept: the learner wrote them.
"""

from __future__ import annotations

import re

from studyapp.notes.model import DEFINITION, DERIVED_KINDS, CardDraft

_SPACE = re.compile(r"\W+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def merge_repeats(cards: list[CardDraft]) -> list[CardDraft]:
    seen: set[tuple[str, str]] = set()
    terms: dict[str, list[tuple[str, ...]]] = {}
    kept: list[CardDraft] = []
    for card in cards:
        if card.kind not in DERIVED_KINDS:
            kept.append(card)
            continue
        pair = (_key(card.front.rsplit("—", 1)[-1]), _key(card.back))
        if pair in seen:
            continue
        if card.kind == DEFINITION and card.term:
            term = _key(card.term)
            paths = terms.setdefault(term, [])
            deeper = len(card.topic_path)
            if any(len(p) < deeper and card.topic_path[: len(p)] == p for p in paths):
                continue  # defined again below where it was first defined
            paths.append(card.topic_path)
        seen.add(pair)
        kept.append(card)
    return kept
