"""A study session: the queue, ratings, undo, bury, suspend, custom study. Used by the review
screen and the home screen's figures.

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

    from studyapp.store.card_actions import Undone
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
    due_today: int  # reviews and interday learning cards a session offers today
    new_available: int  # new cards a session offers today
    reviewed_today: int
    streak: int
    learning: int = 0  # learning cards due later today (or within the learn-ahead limit)


@dataclass(frozen=True, slots=True)
class CustomStudy:
    """A custom study session (Anki's Custom Study), beyond today's limits:
    - `forgotten`: the cards rated Again in the last `days` days;
    - `ahead`: reviews due in the next `days` days, studied early;
    - `scope`: everything due in some topics (an exam, a domain, a topic) and up to `new_cards`
      of their new cards, whatever is left of today's limits.
    Raising today's new-card or review limit is not a session: `raise_todays_limits`."""

    kind: str  # forgotten | ahead | scope
    days: int = 1
    topic_ids: tuple[int, ...] | None = None
    new_cards: int = 20
    name: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    """What a session offers: `main` in order (reviews, interday learning, new cards) and the
    intraday learning cards with their due times."""

    main: list[int]
    intraday: list[tuple[int, datetime]]
    reviews: int
    new: int
    day_end: datetime


ALL_CARDS = 1_000_000  # "no limit" for a custom session


def day_end(now: datetime) -> datetime:
    """When today ends (the next day starts): reviews are due by the day, as in Anki."""
    return start_of_day(now) + timedelta(days=1)


def limits_today(collection: Collection, settings: StudySettings, now: datetime) -> DailyLimits:
    """What is left of today's limits (the one formula: `study.limits.todays_limits`), with
    what custom study added today."""
    day = start_of_day(now)
    extra_new, extra_reviews = collection.day_limits_raised(now)
    return todays_limits(
        settings,
        collection.review_cards_rated_since(day),
        collection.new_cards_studied_since(day),
        extra_reviews=extra_reviews,
        extra_new=extra_new,
    )


def raise_todays_limits(
    collection: Collection, settings: StudySettings, now: datetime, new: int = 0, reviews: int = 0
) -> DailyLimits:
    """Custom study: add `new` cards and `reviews` to today's limits. Returns what is left."""
    collection.raise_day_limits(now, new=new, reviews=reviews)
    return limits_today(collection, settings, now)


def plan(
    collection: Collection,
    settings: StudySettings,
    now: datetime,
    topic_ids: list[int] | None = None,
    custom: CustomStudy | None = None,
) -> Plan:
    """What a session started now offers (the home screen's figures are its counts)."""
    from studyapp.study.queue import Order, build_session

    end = day_end(now)
    until, card_ids = end, None
    if custom is None:
        limits = limits_today(collection, settings, now)
        review_limit, new_limit = limits.reviews, limits.new
    else:
        review_limit, new_limit = ALL_CARDS, 0
        if custom.topic_ids is not None:  # opened on an exam, a domain or a topic: only there
            topic_ids = list(custom.topic_ids)
        if custom.kind == "forgotten":
            since = start_of_day(now) - timedelta(days=max(custom.days, 1) - 1)
            card_ids = collection.forgotten_since(since)
            until = now + timedelta(days=36500)
        elif custom.kind == "ahead":
            until = end + timedelta(days=max(custom.days, 0))
        else:
            new_limit = max(custom.new_cards, 0)
    found = collection.day_candidates(
        now,
        until,
        topic_ids,
        new_limit=new_limit,
        review_limit=review_limit,
        card_ids=card_ids,
        distinct_new=settings.bury_new_siblings,
    )
    order = Order(
        settings.new_review_order,
        settings.interday_learning_order,
        settings.bury_new_siblings,
        settings.bury_review_siblings,
    )
    taken = {c.sibling for c in found.intraday if c.sibling is not None}
    main = build_session(
        found.reviews, found.new, review_limit, new_limit, found.interday, order, taken
    )
    new_ids = {c.card_id for c in found.new}
    fresh = sum(1 for cid in main if cid in new_ids)
    intraday = [(c.card_id, c.due) for c in found.intraday if c.due is not None]
    return Plan(main, intraday, len(main) - fresh, fresh, end)


def overview(collection: Collection, settings: StudySettings, now: datetime) -> Overview:
    """Today's figures within what is left of the daily limits: what `s` would offer now."""
    day = start_of_day(now)
    offered = plan(collection, settings, now)
    return Overview(
        due_today=offered.reviews,
        new_available=offered.new,
        reviewed_today=collection.reviews_since(day),
        streak=collection.review_streak(day),
        learning=len(offered.intraday),
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


LEECH_NOTICE = (
    "This card has lapsed {lapses} times: tagged leech and suspended. Press u to undo that now, "
    "or rewrite it in your notes; the card browser (b on the home screen) unsuspends it."
)


class StudySession:
    def __init__(
        self,
        repo: Collection,
        settings: StudySettings | None = None,
        clock: Clock = utcnow,
        topic_ids: list[int] | None = None,
        custom: CustomStudy | None = None,
    ) -> None:
        from studyapp.study.queue import DayQueue
        from studyapp.study.scheduler import make_scheduler

        self.repo = repo
        self.settings = settings or StudySettings()
        self.scheduler = make_scheduler(self.settings)
        self.clock = clock
        self.topic_ids = topic_ids
        self.custom = custom
        self.queue = DayQueue(learn_ahead=timedelta(minutes=self.settings.learn_ahead_minutes))
        self.total = 0
        self.stats = SessionStats()
        self.shown_at = time.monotonic()
        self.day_end = day_end(clock())
        self._current: int | None = None

    # ---- the queue -------------------------------------------------------------------------
    def start(self) -> None:
        from collections import deque

        from studyapp.study.queue import DayQueue

        now = self.clock()
        offered = plan(self.repo, self.settings, now, self.topic_ids, self.custom)
        self.day_end = offered.day_end
        self.queue = DayQueue(
            deque(offered.main), timedelta(minutes=self.settings.learn_ahead_minutes)
        )
        for cid, due in offered.intraday:
            self.queue.add_learning(cid, due)
        self.total = len(self.queue)
        self._advance()

    def _advance(self) -> None:
        """Choose the card to show now (a learning card whose step is due comes first)."""
        self._current = self.queue.next(self.clock())
        self.shown_at = time.monotonic()

    def check_due(self) -> bool:
        """With no card shown (waiting for a learning step), look again: True if one is due."""
        if self._current is None:
            self._advance()
        return self._current is not None

    def waiting_until(self) -> datetime | None:
        """With no card to show now, when the next learning card is due (later today)."""
        return self.queue.waiting_until() if self._current is None else None

    def overview(self) -> Overview:
        return overview(self.repo, self.settings, self.clock())

    @property
    def current_id(self) -> int | None:
        return self._current

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
            bury_until=self.day_end,
            bury_new=self.settings.bury_new_siblings,
            bury_review=self.settings.bury_review_siblings,
        )
        self.queue.remove(cid)
        for sid in recorded.buried:  # its siblings wait for tomorrow (Anki's sibling burying)
            if self.queue.remove(sid):
                self.total -= 1
        self.stats.reviewed += 1
        self.stats.again += rating == Rating.AGAIN
        notice = None
        if recorded.became_leech:
            self.stats.leeches.append(cid)
            notice = LEECH_NOTICE.format(lapses=recorded.lapses)
        elif (
            out.card.state in (State.Learning, State.Relearning)
            and out.card.due < self.day_end
            and out.card.due - now < timedelta(days=1)
        ):
            # an intraday learning step: the card comes back when the step is due
            self.queue.add_learning(cid, out.card.due)
            self.total += 1
        self._advance()
        return notice

    def undo(self) -> Undone | None:
        """Undo the newest action (whatever made it); the card it concerned is shown again."""
        undone = self.repo.undo_last(self.clock())
        if undone is None:
            return None
        if undone.action in ("rate", "bury", "suspend") and undone.card_ids:
            cid = undone.card_ids[0]
            if cid not in self.queue:
                self.total += 1
            self.queue.push_front(cid)
            if undone.action == "rate":
                self.stats.reviewed = max(0, self.stats.reviewed - 1)
            self._advance()
        return undone

    def bury(self) -> None:
        cid = self.current_id
        if cid is not None:
            self.repo.bury_cards([cid], self.clock(), until=self.day_end)
            self.queue.remove(cid)
            self._advance()

    def suspend(self) -> None:
        cid = self.current_id
        if cid is not None:
            self.repo.suspend_cards([cid], self.clock())
            self.queue.remove(cid)
            self._advance()

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
