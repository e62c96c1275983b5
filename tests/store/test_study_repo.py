"""Ratings are committed as made; undo, bury, suspend and leeches behave as Anki users expect."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.store.collection import Collection
from studyapp.study.scheduler import AGAIN, GOOD, make_scheduler, review
from studyapp.usecases.importing import import_paths

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _repo(tmp_path: Path) -> Collection:
    note = tmp_path / "n.md"
    note.write_text("# A\n\nOne?::1\n\n# B\n\nTwo?::2\n", encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    import_paths(repo, [note])
    return repo


def _rate(repo: Collection, card_id: int, rating: int, when: datetime):  # type: ignore[no-untyped-def]
    state, _ = repo.card_state(card_id)
    out = review(make_scheduler(), card_id, state, rating, when)
    return repo.record_review(
        card_id, rating, when, out.card.to_json(), out.card.due, lapsed=out.lapsed, leech_lapses=2
    )


def test_new_cards_are_offered_and_a_rated_card_waits_until_due(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    due, new = repo.study_candidates(NOW)
    assert due == [] and len(new) == 2
    _rate(repo, new[0].card_id, GOOD, NOW)
    due, new = repo.study_candidates(NOW)
    assert len(new) == 1 and due == []
    due, _ = repo.study_candidates(NOW + timedelta(minutes=11))
    assert [c.card_id for c in due] == [1]


def test_undo_restores_the_card_and_removes_the_review(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _rate(repo, 1, GOOD, NOW)
    first = repo.card_state(1)
    _rate(repo, 1, GOOD, NOW + timedelta(minutes=11))
    assert repo.undo_last().card_ids == (1,)
    assert repo.card_state(1) == first
    assert len(repo.reviews_for(1)) == 1
    assert repo.undo_last().card_ids == (1,)
    assert repo.card_state(1) == (None, False)
    assert repo.undo_last() is None


def test_buried_card_returns_tomorrow_and_suspended_card_never(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    repo.bury_cards([1], NOW)
    repo.suspend_cards([2], NOW)
    assert repo.study_candidates(NOW) == ([], [])
    _, new = repo.study_candidates(NOW + timedelta(days=1))
    assert [c.card_id for c in new] == [1]


def test_a_card_that_lapses_too_often_becomes_a_suspended_leech(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    t = NOW
    for _ in range(4):  # graduate the card to Review
        _rate(repo, 1, GOOD, t)
        t += timedelta(days=5)
    first = _rate(repo, 1, AGAIN, t)
    assert first.lapses == 1 and not first.became_leech
    for _ in range(2):
        t += timedelta(days=5)
        _rate(repo, 1, GOOD, t)
    second = _rate(repo, 1, AGAIN, t + timedelta(days=20))
    assert second.lapses == 2 and second.became_leech
    assert 1 not in [c.card_id for c in repo.study_candidates(t + timedelta(days=400))[0]]
    repo.undo_last()
    assert 1 in [c.card_id for c in repo.study_candidates(t + timedelta(days=400))[0]]


def test_streak_counts_consecutive_days_ending_today_or_yesterday(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    for day in (1, 3, 4, 5):  # November: a gap on the 2nd
        _rate(repo, 1, GOOD, datetime(2026, 11, day, 9, 0, tzinfo=UTC))
    at = datetime(2026, 11, 5, 22, 0, tzinfo=UTC)
    assert repo.review_streak(at) == 3  # the 3rd, 4th and 5th
    assert repo.review_streak(at + timedelta(days=1)) == 3  # nothing yet today: up to yesterday
    assert repo.review_streak(at + timedelta(days=2)) == 0
    repo.close()
