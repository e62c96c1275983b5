"""Study settings, with Anki's defaults, read from the config file by usecases.config."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    extra: dict[str, str] = field(default_factory=dict)
