"""A study session: the queue, ratings, undo, bury, suspend. Used by the review screen.

It joins the pure scheduler (fsrs) and the repository; every rating is committed as it is made,
so killing the app loses nothing already rated.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from studyapp.study.limits import DailyLimits, todays_limits
from studyapp.study.rating import Rating
from studyapp.study.settings import StudySettings
from studyapp.util.clock import Clock, start_of_day, utcnow

if TYPE_CHECKING:  # fsrs stays off the path to the home screen's first paint
    from fsrs import Card

    from studyapp.store.collection import Collection
    from studyapp.store.records import CardRow


def format_interval(delta: timedelta) -> str:
    s = max(delta.total_seconds(), 0)
    if s < 3600:
        return f"{max(1, round(s / 60))}m"
    if s < 86400:
        return f"{round(s / 3600)}h"
    days = s / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


@dataclass(frozen=True, slots=True)
class Overview:
    due_today: int
    new_available: int
    reviewed_today: int
    streak: int


def limits_today(collection: Collection, settings: StudySettings, now: datetime) -> DailyLimits:
    """What is left of today's limits (the one formula: `study.limits.todays_limits`)."""
    day = start_of_day(now)
    new_done = collection.new_cards_studied_since(day)
    return todays_limits(settings, collection.reviews_since(day), new_done)


def overview(collection: Collection, settings: StudySettings, now: datetime) -> Overview:
    """Today's figures within what is left of the daily limits: what `s` would offer now."""
    day = start_of_day(now)
    limits = limits_today(collection, settings, now)
    due, new = collection.count_due_and_new(
        now, day + timedelta(days=1), max(limits.reviews, limits.new)
    )
    return Overview(
        due_today=min(due, limits.reviews),
        new_available=min(new, limits.new),
        reviewed_today=collection.reviews_since(day),
        streak=collection.review_streak(day),
    )


@dataclass(slots=True)
class SessionStats:
    started: float = field(default_factory=time.monotonic)
    reviewed: int = 0
    again: int = 0
    leeches: list[int] = field(default_factory=list)

    @property
    def again_rate(self) -> float:
        return self.again / self.reviewed if self.reviewed else 0.0

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


class StudySession:
    def __init__(
        self,
        repo: Collection,
        settings: StudySettings | None = None,
        clock: Clock = utcnow,
        topic_ids: list[int] | None = None,
    ) -> None:
        from studyapp.study.scheduler import make_scheduler

        self.repo = repo
        self.settings = settings or StudySettings()
        self.scheduler = make_scheduler(self.settings)
        self.clock = clock
        self.topic_ids = topic_ids
        self.queue: list[int] = []
        self.total = 0
        self.stats = SessionStats()
        self.shown_at = time.monotonic()

    # ---- the queue -------------------------------------------------------------------------
    def start(self) -> None:
        now = self.clock()
        limits = limits_today(self.repo, self.settings, now)
        review_limit, new_limit = limits.reviews, limits.new
        due, new = self.repo.study_candidates(
            now, self.topic_ids, new_limit=new_limit, review_limit=review_limit
        )
        from studyapp.study.queue import build_session

        self.queue = build_session(due, new, review_limit=review_limit, new_limit=new_limit)
        self.total = len(self.queue)
        self.shown_at = time.monotonic()

    def overview(self) -> Overview:
        return overview(self.repo, self.settings, self.clock())

    @property
    def current_id(self) -> int | None:
        return self.queue[0] if self.queue else None

    def current(self) -> CardRow | None:
        cid = self.current_id
        return self.repo.card(cid) if cid is not None else None

    @property
    def done(self) -> int:
        return self.total - len(self.queue)

    # ---- rating ----------------------------------------------------------------------------
    def intervals(self) -> dict[int, str]:
        """What each rating would give the current card, e.g. {1: "1m", 3: "10m", 4: "2d"}."""
        cid = self.current_id
        if cid is None:
            return {}
        from studyapp.study.scheduler import review

        now = self.clock()
        state, _ = self.repo.card_state(cid)
        out: dict[int, str] = {}
        for rating in Rating:
            after = review(self.scheduler, cid, state, rating, now).card
            out[rating] = format_interval(after.due - now)
        return out

    def rate(self, rating: int = Rating.GOOD) -> str | None:
        """Rate the current card; returns a notice for the learner (a new leech), if any."""
        cid = self.current_id
        if cid is None:
            return None
        from fsrs import State

        from studyapp.study.scheduler import review

        now = self.clock()
        state, _ = self.repo.card_state(cid)
        duration = int((time.monotonic() - self.shown_at) * 1000)
        out = review(self.scheduler, cid, state, rating, now, duration)
        recorded = self.repo.record_review(
            cid,
            rating,
            now,
            out.card.to_json(),
            out.card.due,
            duration_ms=duration,
            lapsed=out.lapsed,
            leech_lapses=self.settings.leech_lapses,
        )
        self.queue.pop(0)
        self.stats.reviewed += 1
        self.stats.again += rating == Rating.AGAIN
        notice = None
        if recorded.became_leech:
            self.stats.leeches.append(cid)
            notice = (
                f"This card has lapsed {recorded.lapses} times: tagged leech and suspended. "
                "Rewrite it in your notes, or unsuspend it from Browse."
            )
        elif out.card.state != State.Review and out.card.due - now < timedelta(minutes=30):
            # still learning: show it again later in this session, a few cards on
            self.queue.insert(min(len(self.queue), 3), cid)
            self.total += 1
        self.shown_at = time.monotonic()
        return notice

    def undo(self) -> int | None:
        undone = self.repo.undo_last(self.clock())
        if undone is None:
            return None
        cid = undone.card_ids[0]
        if cid in self.queue:
            self.queue.remove(cid)
            self.total -= 1
        self.queue.insert(0, cid)
        self.stats.reviewed = max(0, self.stats.reviewed - 1)
        self.shown_at = time.monotonic()
        return cid

    def bury(self) -> None:
        cid = self.current_id
        if cid is not None:
            self.repo.bury_cards([cid], self.clock())
            self.queue.pop(0)

    def suspend(self) -> None:
        cid = self.current_id
        if cid is not None:
            self.repo.suspend_cards([cid], self.clock())
            self.queue.pop(0)

    def info(self, card_id: int) -> dict[str, object]:
        from studyapp.study.scheduler import load_card

        state, _ = self.repo.card_state(card_id)
        now = self.clock()
        card: Card = load_card(card_id, state, now)
        retrievability = self.scheduler.get_card_retrievability(card, now) if state else None
        return {
            "state": card.state.name if state else "New",
            "stability": card.stability,
            "difficulty": card.difficulty,
            "retrievability": retrievability,
            "due": card.due if state else None,
            "reviews": self.repo.reviews_for(card_id),
        }
