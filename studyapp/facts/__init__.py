"""The fact check: claims in cards compared with documented AWS numbers (pure).

`content/facts/*.yaml` holds the catalogue (docs/facts.md); :func:`check_note` runs it over an
imported note's cards, :func:`findings_for_card` over one card when a screen shows it. Nothing
here rewrites a card: findings are shown beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.facts.catalogue import FactCatalogue, Problem, load_dir
from studyapp.facts.check import Finding, check_card, check_cards

if TYPE_CHECKING:
    from studyapp.notes.model import ParsedNote

__all__ = [
    "FactCatalogue",
    "Finding",
    "Problem",
    "catalogue_dir",
    "check_card",
    "check_cards",
    "check_note",
    "default_catalogue",
    "findings_for_card",
]


def catalogue_dir() -> Path:
    """`content/facts` beside the package (as `studyapp.locations.content_dir()` has it)."""
    return Path(__file__).resolve().parents[2] / "content" / "facts"


@lru_cache(maxsize=1)
def default_catalogue() -> tuple[FactCatalogue, tuple[Problem, ...]]:
    """The bundled catalogue, read once per process, and what was wrong in it (if anything:
    bad entries are left out, the rest is used)."""
    catalogue, problems = load_dir(catalogue_dir())
    return catalogue, tuple(problems)


def check_note(note: ParsedNote, catalogue: FactCatalogue | None = None) -> list[Finding]:
    """Findings for every card of an imported note, one per claim, in line order."""
    cat = catalogue if catalogue is not None else default_catalogue()[0]
    cards = ((c.front, c.back, c.topic_path, c.line) for c in note.cards)
    return check_cards(cat, cards, note.path)


def findings_for_card(
    front: str,
    back: str,
    topic_path: str | Sequence[str] = (),
    path: str = "",
    line: int = 0,
    catalogue: FactCatalogue | None = None,
) -> list[Finding]:
    """What the fact check says about one card, from its text (for Review and Browse)."""
    cat = catalogue if catalogue is not None else default_catalogue()[0]
    return check_card(cat, front, back, topic_path, path, line)
