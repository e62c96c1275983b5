"""The fact check: claims in cards compared with documented AWS numbers (pure).

`content/facts/*.yaml` holds the catalogue (docs/facts.md); :func:`check_note` runs it over an
imported note's cards, :func:`findings_for_card` over one card when a screen shows it. Nothing
here rewrites a card: findings are shown beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyapp.facts.catalogue import FactCatalogue, Problem, load_dir
from studyapp.facts.check import Finding, check_card, check_cards

if TYPE_CHECKING:
    from studyapp.notes.model import ParsedNote

__all__ = [
    "FactCatalogue",
    "Finding",
    "Problem",
    "check_card",
    "check_cards",
    "check_note",
    "load_dir",
    "findings_for_card",
]


def check_note(note: ParsedNote, catalogue: FactCatalogue) -> list[Finding]:
    """Findings for every card of an imported note, one per claim, in line order (the cards
    merged into an earlier one as repeats too: the learner wrote the claim there as well)."""
    cards = ((c.front, c.back, c.topic_path, c.line) for c in (*note.cards, *note.repeats))
    return check_cards(catalogue, cards, note.path)


def findings_for_card(
    front: str,
    back: str,
    topic_path: str | Sequence[str] = (),
    path: str = "",
    line: int = 0,
    *,
    catalogue: FactCatalogue,
) -> list[Finding]:
    """What the fact check says about one card, from its text (for Review and Browse)."""
    return check_card(catalogue, front, back, topic_path, path, line)
