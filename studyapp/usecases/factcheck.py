"""The fact check of a card as a screen shows it: its claims against the bundled catalogue of
documented AWS values (the card's own text is never changed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyapp.usecases import content

if TYPE_CHECKING:
    from studyapp.facts import Finding


def card_findings(front: str, back: str, topic_path: str | Sequence[str] = ()) -> list[Finding]:
    """What the fact check says about one card, from its text."""
    from studyapp.facts import findings_for_card

    catalogue, _problems = content.facts()  # the import reported the problems
    return findings_for_card(front, back, topic_path, catalogue=catalogue)
