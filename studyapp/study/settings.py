"""Study settings, with Anki's defaults, read from the config file by usecases.config.

`RANGES` says what each setting may be; `usecases.config` names the key and the allowed range
when a value is outside it, and keeps the default for that key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Anki's "New/review order" and "Interday learning/review order" (Display Order options)
ORDERS = ("mix", "after_reviews", "before_reviews")


@dataclass(frozen=True, slots=True)
class StudySettings:
    desired_retention: float = 0.90
    """Probability of recall FSRS aims for when it schedules a review."""
    new_per_day: int = 20
    """New cards introduced per day."""
    reviews_per_day: int = 200
    """Maximum reviews per day."""
    learning_steps_minutes: tuple[float, ...] = (1.0, 10.0)
    """Steps for a new card before it graduates."""
    relearning_steps_minutes: tuple[float, ...] = (10.0,)
    """Steps for a card that was forgotten."""
    maximum_interval_days: int = 36500
    """No review is scheduled further away than this."""
    leech_lapses: int = 8
    """At this many lapses a card is tagged leech and suspended."""
    enable_fuzzing: bool = True
    """Spread intervals a little so cards learnt together do not stay together."""
    learn_ahead_minutes: float = 20.0
    """When nothing else is left, a learning card due within this many minutes is shown now."""
    new_review_order: str = "mix"
    """New cards among reviews: mix, after_reviews or before_reviews."""
    interday_learning_order: str = "mix"
    """Learning cards with a step of a day or more among reviews: mix, after_reviews or
    before_reviews."""
    bury_new_siblings: bool = True
    """A new card made from the same line, table row or cloze note as a card studied today
    waits until tomorrow."""
    bury_review_siblings: bool = True
    """The same for a review card."""
    extra: dict[str, str] = field(default_factory=dict)


# (lowest, highest) for numbers and for each step of a list; a tuple of words for a choice
RANGES: dict[str, tuple[float, float] | tuple[str, ...]] = {
    "desired_retention": (0.70, 0.99),
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "learning_steps_minutes": (0.01, 525600),  # each step: under a second is not a step
    "relearning_steps_minutes": (0.01, 525600),
    "maximum_interval_days": (1, 36500),
    "leech_lapses": (1, 999),
    "learn_ahead_minutes": (0, 1440),
    "new_review_order": ORDERS,
    "interday_learning_order": ORDERS,
}
