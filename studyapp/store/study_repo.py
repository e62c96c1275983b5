"""The study side of the Repository: delegated to the stdlib StudyStore (study_store.py), the
same code the app uses before SQLAlchemy has even been imported."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from studyapp.store.records import CardRow, ReviewRow
from studyapp.store.study_store import RecordedReview, StudyStore
from studyapp.study.queue import Candidate

__all__ = ["RecordedReview", "StudyMixin", "streak"]


class StudyMixin:
    path: Path
    _study: StudyStore | None = None

    @property
    def study_store(self) -> StudyStore:
        """The stdlib connection for studying, opened on first use (after migrations)."""
        if self._study is None:
            self._study = StudyStore.connect(self.path)
        return self._study

    def adopt_study_store(self, store: StudyStore) -> None:
        """Study through a store the app opened before this repository (one connection)."""
        self._study = store

    def close_study_store(self) -> None:
        if self._study is not None:
            self._study.close()
            self._study = None

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
        return self.study_store.record_review(
            card_id, rating, now, state_after, due, duration_ms, lapsed, leech_lapses
        )

    def undo_last_review(self) -> int | None:
        return self.study_store.undo_last_review()

    def bury(self, card_id: int, until: datetime) -> None:
        self.study_store.bury(card_id, until)

    def set_suspended(self, card_id: int, suspended: bool = True) -> None:
        self.study_store.set_suspended(card_id, suspended)

    def study_candidates(
        self,
        now: datetime,
        topic_ids: list[int] | None = None,
        new_limit: int = 10_000,
        review_limit: int | None = None,
    ) -> tuple[list[Candidate], list[Candidate]]:
        return self.study_store.study_candidates(now, topic_ids, new_limit, review_limit)

    def count_due_and_new(
        self, now: datetime, until: datetime, limit: int | None = None
    ) -> tuple[int, int]:
        return self.study_store.count_due_and_new(now, until, limit)

    def review_streak(self, today: datetime) -> int:
        return self.study_store.review_streak(today)

    def new_cards_studied_since(self, since: datetime) -> int:
        return self.study_store.new_cards_studied_since(since)

    def reviews_since(self, since: datetime) -> int:
        return self.study_store.reviews_since(since)

    def topic_subtree_ids(self, topic_id: int) -> list[int]:
        return self.study_store.topic_subtree_ids(topic_id)

    def card(self, card_id: int) -> CardRow | None:
        return self.study_store.card(card_id)

    def card_state(self, card_id: int) -> tuple[str | None, bool]:
        return self.study_store.card_state(card_id)

    def reviews_for(self, card_id: int) -> list[ReviewRow]:
        return self.study_store.reviews_for(card_id)


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
