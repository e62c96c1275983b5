"""Custom study, as Anki's: raise today's new-card or review limit, review the cards forgotten
in the last N days, review ahead N days, or study an exam, a domain or a topic beyond the daily
limits. The dialog (tui/dialogs/custom_study.py) asks; this turns the answer into a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.study.settings import StudySettings
from studyapp.usecases.studying import CustomStudy, StudySession, raise_todays_limits
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

NEW, REVIEWS, FORGOTTEN, AHEAD, SCOPE, CHOOSE = (
    "new",
    "reviews",
    "forgotten",
    "ahead",
    "scope",
    "choose",
)


@dataclass(frozen=True, slots=True)
class Choice:
    """One of custom study's options: its key, its words (`{n}` is the amount) and the amount
    offered first."""

    kind: str
    label: str
    default: int
    maximum: int


CHOICES = (
    Choice(NEW, "Increase today's new-card limit by {n}", 10, 9999),
    Choice(REVIEWS, "Increase today's review limit by {n}", 50, 99999),
    Choice(FORGOTTEN, "Review the cards forgotten in the last {n} day(s)", 1, 365),
    Choice(AHEAD, "Review ahead: cards due in the next {n} day(s)", 1, 365),
    Choice(SCOPE, "Study {scope} beyond today's limits, with up to {n} new cards", 20, 9999),
    Choice(CHOOSE, "Choose an exam, a domain or a topic…", 0, 0),
)


def choice(kind: str) -> Choice:
    return next(c for c in CHOICES if c.kind == kind)


def custom_session(
    collection: Collection,
    settings: StudySettings,
    kind: str,
    amount: int,
    clock: Clock = utcnow,
    topic_ids: list[int] | None = None,
    scope_name: str = "",
) -> tuple[StudySession, str]:
    """The session custom study's `kind` with `amount` starts (already started), and a notice
    saying what was done. `topic_ids`: the topic, exam or domain it was opened on, if any."""
    now = clock()
    if kind in (NEW, REVIEWS):
        left = raise_todays_limits(
            collection,
            settings,
            now,
            new=amount if kind == NEW else 0,
            reviews=amount if kind == REVIEWS else 0,
        )
        session = StudySession(collection, settings, clock, topic_ids=topic_ids)
        what = "new cards" if kind == NEW else "reviews"
        notice = f"Today's limit raised: {left.new if kind == NEW else left.reviews} {what} left."
    else:
        custom = CustomStudy(
            kind,
            days=amount,
            topic_ids=None if topic_ids is None else tuple(topic_ids),
            new_cards=amount,
            name=scope_name,
        )
        session = StudySession(collection, settings, clock, custom=custom)
        notice = {
            FORGOTTEN: f"Reviewing the cards forgotten in the last {amount} day(s).",
            AHEAD: f"Reviewing ahead: cards due in the next {amount} day(s).",
            SCOPE: f"Studying {scope_name or 'everything'} beyond today's limits.",
        }.get(kind, "")
    session.start()
    return session, notice
