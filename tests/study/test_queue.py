from __future__ import annotations

from datetime import UTC, datetime, timedelta

from studyapp.study.queue import Candidate, build_session

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def test_cards_of_one_topic_are_not_shown_back_to_back_when_avoidable() -> None:
    due = [
        Candidate(i, topic_id=1 if i < 4 else 2, due=T0 + timedelta(minutes=i)) for i in range(6)
    ]
    order = build_session(due, [], review_limit=200, new_limit=20)
    topics = [1 if i < 4 else 2 for i in order]
    # four cards of topic 1, two of topic 2: at most one unavoidable repeat at the end
    repeats = sum(a == b for a, b in zip(topics, topics[1:], strict=False))
    assert repeats == 1 and sorted(order) == list(range(6))


def test_limits_and_most_overdue_first() -> None:
    due = [Candidate(i, topic_id=i, due=T0 - timedelta(days=i)) for i in range(10)]
    new = [Candidate(100 + i, topic_id=50 + i, due=None, position=i) for i in range(30)]
    order = build_session(due, new, review_limit=5, new_limit=3)
    assert len(order) == 8
    reviews = [c for c in order if c < 100]
    assert reviews == [9, 8, 7, 6, 5]
    assert [c for c in order if c >= 100] == [100, 101, 102]
