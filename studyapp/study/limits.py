"""The daily limits: how many reviews and new cards are still on offer today.

The one formula the home screen, a study session, the report and custom study use, so no screen
can show more due than a session offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.study.settings import StudySettings


@dataclass(frozen=True, slots=True)
class DailyLimits:
    reviews: int  # reviews still allowed today
    new: int  # new cards still allowed today


def todays_limits(
    settings: StudySettings,
    reviews_done: int,
    new_done: int,
    extra_reviews: int = 0,
    extra_new: int = 0,
) -> DailyLimits:
    """What is left of today's limits after `reviews_done` ratings of review cards and
    `new_done` new cards introduced (as in Anki, a learning step counts against neither), with
    what custom study added for today (`extra_reviews`, `extra_new`)."""
    return DailyLimits(
        reviews=max(settings.reviews_per_day + extra_reviews - reviews_done, 0),
        new=max(settings.new_per_day + extra_new - new_done, 0),
    )
