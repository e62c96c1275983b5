"""The daily limits: how many reviews and new cards are still on offer today.

The one formula the home screen, a study session and the scope chooser use, so no screen can
show more due than a session offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.study.settings import StudySettings


@dataclass(frozen=True, slots=True)
class DailyLimits:
    reviews: int  # reviews still allowed today
    new: int  # new cards still allowed today


def todays_limits(settings: StudySettings, reviews_today: int, new_today: int) -> DailyLimits:
    """What is left of today's limits after `reviews_today` ratings, of which `new_today` were
    a card's first (a new card introduced counts against the new limit, not the review limit)."""
    reviews_done = max(reviews_today - new_today, 0)
    return DailyLimits(
        reviews=max(settings.reviews_per_day - reviews_done, 0),
        new=max(settings.new_per_day - new_today, 0),
    )
