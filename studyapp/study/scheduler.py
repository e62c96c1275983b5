"""A thin, pure wrapper over the `fsrs` library: values in, new values out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fsrs
from fsrs import Card, ReviewLog, Scheduler

from studyapp.study.rating import Rating
from studyapp.study.settings import StudySettings

AGAIN, HARD, GOOD, EASY = Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY


def make_scheduler(settings: StudySettings | None = None) -> Scheduler:
    s = settings or StudySettings()
    return Scheduler(
        desired_retention=s.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in s.learning_steps_minutes),
        relearning_steps=tuple(timedelta(minutes=m) for m in s.relearning_steps_minutes),
        maximum_interval=s.maximum_interval_days,
        enable_fuzzing=s.enable_fuzzing,
    )


def load_card(card_id: int, state_json: str | None, now: datetime) -> Card:
    """A stored FSRS state, or a fresh card due now. Always our own id (no 1 ms sleep)."""
    if state_json:
        return Card.from_json(state_json)
    return Card(card_id=card_id, due=now)


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    card: Card
    log: ReviewLog
    lapsed: bool  # a review card rated Again


def review(
    scheduler: Scheduler,
    card_id: int,
    state_json: str | None,
    rating: int,
    now: datetime,
    duration_ms: int | None = None,
) -> ReviewOutcome:
    if now.tzinfo is None:
        raise ValueError("review times must be timezone-aware (UTC)")
    before = load_card(card_id, state_json, now)
    after, log = scheduler.review_card(
        before,
        fsrs.Rating(rating),
        review_datetime=now.astimezone(UTC),
        review_duration=duration_ms,
    )
    from fsrs import State

    lapsed = rating == AGAIN and before.state == State.Review
    return ReviewOutcome(after, log, lapsed)


def rebuild(
    scheduler: Scheduler, card_id: int, ratings: list[tuple[int, datetime, int | None]]
) -> Card | None:
    """Card state from its review log alone (the log is the truth)."""
    if not ratings:
        return None
    logs = [
        ReviewLog(card_id=card_id, rating=fsrs.Rating(r), review_datetime=t, review_duration=d)
        for r, t, d in ratings
    ]
    return scheduler.reschedule_card(Card(card_id=card_id, due=ratings[0][1]), logs)


def replay(
    scheduler: Scheduler, card_id: int, ratings: list[tuple[int, datetime, int | None]]
) -> list[ReviewOutcome]:
    """A card's log answered again in order, from new: each answer's outcome (the states before
    and after are the previous outcome's card and this one's). Keeps the card between answers,
    so a long log is not read back from JSON at every step."""
    from fsrs import State

    out: list[ReviewOutcome] = []
    card: Card | None = None
    for rating, when, duration in ratings:
        if when.tzinfo is None:
            raise ValueError("review times must be timezone-aware (UTC)")
        before = card if card is not None else Card(card_id=card_id, due=when)
        after, log = scheduler.review_card(
            before, fsrs.Rating(rating), review_datetime=when, review_duration=duration
        )
        out.append(ReviewOutcome(after, log, rating == AGAIN and before.state == State.Review))
        card = after
    return out


def replay_scheduler(settings: StudySettings | None = None) -> Scheduler:
    """The scheduler a merged log is replayed with: the learner's settings without fuzz, so
    every machine replaying the same log computes the same states."""
    from dataclasses import replace

    return make_scheduler(replace(settings or StudySettings(), enable_fuzzing=False))


_ID = '{"card_id": '  # how fsrs's Card.to_json begins


def with_card_id(state_json: str, card_id: int) -> str:
    """A state as stored on another machine, with this machine's card id."""
    if state_json.startswith(_ID):  # fsrs's own layout: swap the number, parse nothing
        end = state_json.find(",", len(_ID))
        if end > 0:
            if state_json[len(_ID) : end] == str(card_id):
                return state_json
            return f"{_ID}{card_id}{state_json[end:]}"
    card = Card.from_json(state_json)
    card.card_id = card_id
    return card.to_json()


def same_state(a: str | None, b: str | None) -> bool:
    """Two stored states equal but for the card id (each machine numbers its cards)."""
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    if a.startswith(_ID) and b.startswith(_ID):
        return a[a.find(",") :] == b[b.find(",") :]
    da, db = json.loads(a), json.loads(b)
    da.pop("card_id", None)
    db.pop("card_id", None)
    return bool(da == db)
