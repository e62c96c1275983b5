"""The four answers a learner gives a card (py-fsrs's Rating values, without importing fsrs)."""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """ "Again", "Hard", "Good", "Easy": the words Anki shows."""
        return self.name.capitalize()
