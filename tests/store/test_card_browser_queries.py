"""The card browser's queries on a fake clock: each state finds the cards in it, the actions
change only what they say and count what they changed, Forget keeps the history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.store.collection import Collection
from studyapp.study.search import parse_search
from studyapp.study.settings import StudySettings
from studyapp.usecases.studying import StudySession

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NOTE = """# Queues
<!-- domains: saa-c03:2.1, dva-c02:1 -->

What is the default SQS visibility timeout?::30 seconds
How long can SQS keep a message?::14 days
Largest SQS message?::1 MiB
"""


def fronts(repo: Collection, query: str, now: datetime = NOW) -> list[str]:
    return [c.front for c in repo.search_cards(parse_search(query), now)]


def rate_first(repo: Collection, when: datetime, rating: int) -> str:
    session = StudySession(repo, StudySettings(enable_fuzzing=False), clock=lambda: when)
    session.start()
    card = session.current()
    assert card is not None
    session.rate(rating)
    return card.front


def test_states_on_a_fake_clock(notes_db: Callable[[str], Path]) -> None:
    repo = Collection.open(notes_db(NOTE))
    try:
        learning = rate_first(repo, NOW, 3)  # Good on a new card: the 10-minute step
        assert fronts(repo, "is:learning") == [learning]
        assert fronts(repo, "is:due") == []  # not before its step
        assert fronts(repo, "is:due", NOW + timedelta(minutes=11)) == [learning]
        assert len(fronts(repo, "is:new")) == 2
        (card,) = repo.search_cards(parse_search("is:learning"), NOW)
        assert card.state == "learning" and card.reviews == 1 and card.stability is not None
        assert card.interval_days is not None and abs(card.interval_days * 1440 - 10) < 0.01
        assert fronts(repo, "domain:dva-c02") == fronts(repo, "")
        assert fronts(repo, "domain:saa-c03:2.2") == []
    finally:
        repo.close()


def test_actions_count_what_they_change_and_forget_keeps_history(
    notes_db: Callable[[str], Path],
) -> None:
    repo = Collection.open(notes_db(NOTE))
    try:
        studied = rate_first(repo, NOW, 3)
        ids = [c.id for c in repo.search_cards(parse_search(""), NOW)]
        assert repo.suspend_cards(ids) == 3
        assert repo.suspend_cards(ids) == 0
        assert repo.unsuspend_cards(ids[:1]) == 1
        assert fronts(repo, "-is:suspended") == [fronts(repo, "")[0]]
        assert repo.unsuspend_cards(ids) == 2
        assert repo.bury_cards(ids[:2], until=NOW + timedelta(hours=1)) == 2
        assert len(fronts(repo, "is:buried")) == 2
        assert fronts(repo, "is:buried", NOW + timedelta(hours=2)) == []  # the bury ran out
        assert repo.unbury_cards(ids, now=NOW) == 2
        (card,) = repo.search_cards(parse_search("-is:new"), NOW)
        assert card.front == studied
        assert repo.forget_cards(ids) == 1  # only the studied card had anything to forget
        (card,) = [c for c in repo.search_cards(parse_search("is:new"), NOW) if c.front == studied]
        assert card.due is None and card.stability is None and card.reviews == 1
        assert len(repo.reviews_for(card.id)) == 1
    finally:
        repo.close()


def test_sorted_and_cut_in_the_store(notes_db: Callable[[str], Path]) -> None:
    repo = Collection.open(notes_db(NOTE))
    try:
        studied = rate_first(repo, NOW, 3)
        everything = parse_search("")
        by_prompt = [c.front for c in repo.search_cards(everything, NOW, sort="prompt")]
        assert by_prompt == sorted(by_prompt, key=str.lower)
        top = repo.search_cards(everything, NOW, sort="prompt", reverse=True, limit=2)
        assert [c.front for c in top] == by_prompt[::-1][:2]
        # cards without a value come last, whichever the direction
        for reverse in (False, True):
            due = repo.search_cards(everything, NOW, sort="due", reverse=reverse)
            assert due[0].front == studied
            stability = repo.search_cards(everything, NOW, sort="stability", reverse=reverse)
            assert stability[0].front == studied
        assert repo.count_cards(parse_search("is:new"), NOW) == 2
    finally:
        repo.close()
