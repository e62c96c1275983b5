"""Reviews, undo, bury, suspend, and what is due: the study side of the repository."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Engine

from studyapp.store.quick_read import STREAK_SQL, streak_params
from studyapp.store.schema import cards, reviews, topics
from studyapp.store.timeutil import naive, utc
from studyapp.study.queue import Candidate

REVIEW_STATE = 2  # fsrs.State.Review


@dataclass(frozen=True, slots=True)
class RecordedReview:
    review_id: int
    lapses: int
    became_leech: bool


class StudyMixin:
    engine: Engine
    path: Path

    def record_review(
        self,
        card_id: int,
        rating: int,
        now: datetime,
        state_after: str,
        due: datetime,
        duration_ms: int | None = None,
        lapsed: bool = False,
        leech_lapses: int = 8,
    ) -> RecordedReview:
        """Append to the review log and store the card's new state, in one transaction.
        At `leech_lapses` lapses the card is tagged leech and suspended."""
        with self.engine.begin() as conn:
            before, lapses = conn.execute(
                select(cards.c.fsrs, cards.c.lapses).where(cards.c.id == card_id)
            ).one()
            rid = conn.execute(
                insert(reviews).values(
                    card_id=card_id,
                    rating=rating,
                    reviewed_at=naive(now),
                    duration_ms=duration_ms,
                    state_before=before,
                    state_after=state_after,
                )
            ).inserted_primary_key[0]
            lapses += 1 if lapsed else 0
            leech = lapsed and lapses >= leech_lapses
            values: dict[str, object] = dict(
                fsrs=state_after, due=naive(due), lapses=lapses, updated_at=naive(now)
            )
            if leech:
                values.update(leech=True, suspended=True)
            conn.execute(update(cards).where(cards.c.id == card_id).values(**values))
        return RecordedReview(int(rid), lapses, leech)

    def undo_last_review(self) -> int | None:
        """Remove the newest review and put its card back as it was. Returns the card id."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(reviews.c.id, reviews.c.card_id, reviews.c.rating, reviews.c.state_before)
                .order_by(reviews.c.id.desc())
                .limit(1)
            ).first()
            if row is None:
                return None
            rid, card_id, rating, before = row
            was_review = bool(before) and json.loads(before).get("state") == REVIEW_STATE
            lapse = 1 if rating == 1 and was_review else 0
            due = json.loads(before)["due"] if before else None
            conn.execute(delete(reviews).where(reviews.c.id == rid))
            lapses, leech = conn.execute(
                select(cards.c.lapses, cards.c.leech).where(cards.c.id == card_id)
            ).one()
            values: dict[str, object] = dict(
                fsrs=before,
                due=naive(datetime.fromisoformat(due)) if due else None,
                lapses=max(lapses - lapse, 0),
            )
            if lapse and leech:  # the lapse being undone is the one that made it a leech
                values.update(leech=False, suspended=False)
            conn.execute(update(cards).where(cards.c.id == card_id).values(**values))
        return int(card_id)

    def bury(self, card_id: int, until: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(cards).where(cards.c.id == card_id).values(buried_until=naive(until))
            )

    def set_suspended(self, card_id: int, suspended: bool = True) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(cards).where(cards.c.id == card_id).values(suspended=suspended))

    def _available(self, now: datetime):  # type: ignore[no-untyped-def]
        return and_(
            cards.c.retired.is_(False),
            cards.c.suspended.is_(False),
            or_(cards.c.buried_until.is_(None), cards.c.buried_until <= naive(now)),
        )

    def study_candidates(
        self,
        now: datetime,
        topic_ids: list[int] | None = None,
        new_limit: int = 10_000,
        review_limit: int | None = None,
    ) -> tuple[list[Candidate], list[Candidate]]:
        """(due reviews, most overdue first, at most `review_limit`; new cards in notes order)
        available now, optionally within some topics."""
        base = self._available(now)
        if topic_ids is not None:
            base = and_(base, cards.c.topic_id.in_(topic_ids))
        cols = (cards.c.id, cards.c.topic_id, cards.c.due, cards.c.position)
        with self.engine.connect() as conn:
            due = [
                Candidate(r[0], r[1], utc(r[2]), r[3])
                for r in conn.execute(
                    select(*cols)
                    .where(base, cards.c.fsrs.is_not(None), cards.c.due <= naive(now))
                    .order_by(cards.c.due, cards.c.id)
                    .limit(review_limit if review_limit is not None else -1)
                )
            ]
            new = [
                Candidate(r[0], r[1], None, r[3])
                for r in conn.execute(
                    select(*cols)
                    .where(base, cards.c.fsrs.is_(None), cards.c.due.is_(None))
                    .order_by(cards.c.source_id, cards.c.position)
                    .limit(new_limit)
                )
            ]
        return due, new

    def count_due_and_new(
        self, now: datetime, until: datetime, limit: int | None = None
    ) -> tuple[int, int]:
        """(reviews due by `until`, new cards) among cards available `now`, each counted up to
        `limit` (the daily limits cap both figures, and a capped count stops early)."""
        base = self._available(now)
        cap = limit if limit is not None else -1

        def count(*where: object) -> int:
            sub = select(cards.c.id).where(base, *where).limit(cap).subquery()  # type: ignore[arg-type]
            return int(conn.execute(select(func.count()).select_from(sub)).scalar_one())

        with self.engine.connect() as conn:
            due = count(cards.c.fsrs.is_not(None), cards.c.due <= naive(until))
            # a new card has neither state nor due date; `due IS NULL` lets the index answer
            new = count(cards.c.due.is_(None), cards.c.fsrs.is_(None))
        return due, new

    def review_days(self, since: datetime) -> list[str]:
        """Distinct UTC dates (ISO) with at least one review since `since`, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(func.date(reviews.c.reviewed_at).label("d"))
                .where(reviews.c.reviewed_at >= naive(since))
                .group_by("d")
                .order_by(func.date(reviews.c.reviewed_at).desc())
            ).scalars()
            return [str(r) for r in rows]

    def review_streak(self, today: datetime) -> int:
        """Consecutive days with reviews ending `today` (or yesterday): one indexed probe a day."""
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql(STREAK_SQL, streak_params(today)).scalar() or 0)

    def new_cards_studied_since(self, since: datetime) -> int:
        """Cards whose first review ever happened since `since` (new cards introduced)."""
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(reviews)
                    .where(reviews.c.reviewed_at >= naive(since), reviews.c.state_before.is_(None))
                ).scalar_one()
            )

    def reviews_since(self, since: datetime) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(reviews)
                    .where(reviews.c.reviewed_at >= naive(since))
                ).scalar_one()
            )

    def topic_subtree_ids(self, topic_id: int) -> list[int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(topics.c.id, topics.c.parent_id)).all()
        children: dict[int | None, list[int]] = {}
        for tid, parent in rows:
            children.setdefault(parent, []).append(tid)
        out, stack = [], [topic_id]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(children.get(t, []))
        return out


def streak(days: list[str], today: str) -> int:
    """Consecutive days with reviews ending today (or yesterday, if today has none yet)."""
    have = set(days)
    d = datetime.fromisoformat(today).date()
    if today not in have:
        d -= timedelta(days=1)
    n = 0
    while d.isoformat() in have:
        n += 1
        d -= timedelta(days=1)
    return n
