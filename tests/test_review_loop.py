"""The review loop on a fake clock, as Anki's manual describes it: learning steps, the learn-ahead
limit, the day boundary, each answer on each kind of card, undo of every action in order, sibling
burying, custom study, and one count behind home, `s` and custom study."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.store.collection import Collection
from studyapp.study.rating import Rating
from studyapp.study.settings import StudySettings
from studyapp.usecases.custom_study import AHEAD, FORGOTTEN, NEW, REVIEWS, SCOPE, custom_session
from studyapp.usecases.importing import import_paths
from studyapp.usecases.studying import StudySession, overview
from tests.conftest import FakeClock

AGAIN, HARD, GOOD, EASY = Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY
# fuzzing off: the intervals below are the scheduler's exact ones
SETTINGS = StudySettings(enable_fuzzing=False)
THREE = "# T\n\nOne?::1\n\nTwo?::2\n\nThree?::3\n"
SIBLINGS = """# Topic A

SQS keeps messages for ==4 days== by default and at most ==14 days==.

| Service | Max size | Retention |
|---|---|---|
| SQS | 256 KB | 14 days |

Plain?::Answer
"""


def _collection(tmp_path: Path, text: str) -> Collection:
    note = tmp_path / "notes.md"
    note.write_text(text, encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    import_paths(repo, [note])
    return repo


def _session(
    repo: Collection, clock: FakeClock, settings: StudySettings = SETTINGS
) -> StudySession:
    session = StudySession(repo, settings, clock)
    session.start()
    return session


def _front(session: StudySession) -> str | None:
    card = session.current()
    return card.front if card is not None else None


# ---- learning steps and the learn-ahead limit ---------------------------------------------------
def test_a_new_card_rated_good_waits_for_its_10_minute_step(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, THREE)
    session = _session(repo, clock, replace(SETTINGS, learn_ahead_minutes=0))
    assert _front(session) == "One?"
    assert session.intervals()[GOOD] == "10m"
    session.rate(GOOD)
    assert _front(session) == "Two?"  # not One? again three cards on
    session.rate(GOOD)
    session.rate(GOOD)
    # nothing else is left, and no learn-ahead: the session waits for the first step
    assert session.current_id is None
    assert session.waiting_until() == clock.now + timedelta(minutes=10)
    clock.advance(minutes=9, seconds=59)
    assert not session.check_due()
    clock.advance(seconds=1)
    assert session.check_due() and _front(session) == "One?"


def test_learn_ahead_shows_a_learning_card_early_only_when_nothing_else_is_left(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, THREE)
    session = _session(repo, clock)  # learn ahead: 20 minutes (Anki's default)
    session.rate(GOOD)  # One? due in 10 minutes
    assert _front(session) == "Two?"  # the other cards come first
    session.rate(EASY)  # Two? graduates
    assert _front(session) == "Three?"
    session.rate(EASY)
    # nothing else left: One? (due in 10 minutes, within 20) is shown now
    assert _front(session) == "One?"


def test_a_learning_card_due_beyond_the_learn_ahead_limit_is_not_shown_early(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, "# T\n\nOne?::1\n")
    session = _session(repo, clock, replace(SETTINGS, learn_ahead_minutes=5))
    session.rate(GOOD)  # due in 10 minutes, beyond the 5-minute limit
    assert session.current_id is None and session.waiting_until() is not None
    clock.advance(minutes=4)
    assert not session.check_due()
    clock.advance(minutes=1, seconds=1)  # now due in 4m59s: within the limit
    assert session.check_due() and _front(session) == "One?"


def test_a_due_learning_card_comes_before_the_remaining_cards(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, THREE)
    session = _session(repo, clock)
    session.rate(AGAIN)  # One? due in 1 minute
    assert _front(session) == "Two?"
    clock.advance(minutes=2)
    session.rate(GOOD)
    assert _front(session) == "One?"  # its step is due: before Three?


def test_learning_steps_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, THREE)
    session = _session(repo, clock, replace(SETTINGS, learn_ahead_minutes=0))
    session.rate(GOOD)
    repo.close()
    repo = Collection.open(tmp_path / "db.sqlite3")
    again = _session(repo, clock, replace(SETTINGS, learn_ahead_minutes=0))
    assert _front(again) == "Two?"
    again.rate(GOOD)
    again.rate(GOOD)
    assert again.current_id is None
    clock.advance(minutes=10)
    assert again.check_due() and _front(again) == "One?"


# ---- the day boundary ---------------------------------------------------------------------------
def test_an_interday_step_is_due_by_the_day_as_a_review(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, "# T\n\nOne?::1\n")
    settings = replace(SETTINGS, learning_steps_minutes=(10.0, 1440.0))
    session = _session(repo, clock, settings)
    session.rate(GOOD)  # step 2: a day
    assert session.current_id is None and session.waiting_until() is None  # not today
    assert overview(repo, settings, clock()).due_today == 0
    clock.now = clock.now.replace(hour=0, minute=30) + timedelta(days=1)  # 00:30 next day
    nxt = _session(repo, clock, settings)
    assert _front(nxt) == "One?"  # due by the day, before its exact time (09:00)
    assert overview(repo, settings, clock()).due_today == 1


def test_a_learning_step_that_crosses_midnight_waits_for_the_next_day(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, "# T\n\nOne?::1\n")
    clock.now = clock.now.replace(hour=23, minute=55)
    session = _session(repo, clock)
    session.rate(GOOD)  # due at 00:05 tomorrow: not shown today, even with learn ahead
    assert session.current_id is None and session.waiting_until() is None
    clock.advance(minutes=11)
    assert _front(_session(repo, clock)) == "One?"


def test_reviews_are_due_by_the_day(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, "# T\n\nOne?::1\n")
    session = _session(repo, clock)
    session.rate(EASY)  # graduates to days
    card = repo.card(1)
    assert card is not None and card.due is not None
    clock.now = card.due.replace(hour=0, minute=1)  # early on the day it is due
    assert _front(_session(repo, clock)) == "One?"
    clock.now -= timedelta(minutes=2)  # the evening before: not yet
    assert _session(repo, clock).current_id is None


# ---- each answer on each kind of card (Anki's manual, "Learning" and "Lapses") ------------------
def test_answers_on_a_new_card(tmp_path: Path, clock: FakeClock) -> None:
    session = _session(_collection(tmp_path, "# T\n\nOne?::1\n"), clock)
    shown = session.intervals()
    # Again: the first step; Hard: the average of the first two steps; Good: the next step;
    # Easy: graduates at once to days
    assert shown[AGAIN] == "1m" and shown[HARD] == "6m" and shown[GOOD] == "10m"
    assert shown[EASY].endswith("d")


def test_answers_on_a_learning_card(tmp_path: Path, clock: FakeClock) -> None:
    session = _session(_collection(tmp_path, "# T\n\nOne?::1\n"), clock)
    session.rate(GOOD)  # on the last step (10 minutes)
    clock.advance(minutes=10)
    session.check_due()
    shown = session.intervals()
    # Again: back to the first step; Hard: the current step again; Good and Easy: graduate
    assert shown[AGAIN] == "1m" and shown[HARD] == "10m"
    assert shown[GOOD].endswith("d") and shown[EASY].endswith("d")
    session.rate(GOOD)
    info = session.info(1)
    assert info["state"] == "Review"


def test_answers_on_a_review_card_and_a_lapse(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, "# T\n\nOne?::1\n")
    session = _session(repo, clock)
    session.rate(EASY)  # a review card
    clock.advance(days=30)
    session.start()
    shown = session.intervals()
    days = {r: _days(shown[r]) for r in (HARD, GOOD, EASY)}
    # Again: a relearning step (10 minutes); Hard < Good < Easy, all a day or more
    assert shown[AGAIN] == "10m"
    assert 1 <= days[HARD] < days[GOOD] < days[EASY]
    session.rate(AGAIN)
    assert session.info(1)["state"] == "Relearning"
    clock.advance(minutes=10)
    session.check_due()
    relearn = session.intervals()
    # relearning, one step: Again repeats it, Hard is 1.5x it, Good and Easy return to review
    assert relearn[AGAIN] == "10m" and relearn[HARD] == "15m"
    assert relearn[GOOD].endswith("d") and relearn[EASY].endswith("d")
    session.rate(GOOD)
    assert session.info(1)["state"] == "Review"


def _days(shown: str) -> float:
    """ "3d", "1.5mo", "2y" in days."""
    for unit, size in (("mo", 30), ("y", 365), ("d", 1), ("h", 1 / 24), ("m", 1 / 1440)):
        if shown.endswith(unit):
            return float(shown[: -len(unit)]) * size
    raise ValueError(shown)


# ---- undo: every action, in order, across restarts ---------------------------------------------
def test_undo_takes_back_rate_bury_and_suspend_in_order(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, THREE)
    session = _session(repo, clock)
    session.rate(EASY)  # One?
    session.bury()  # Two?
    session.suspend()  # Three?
    assert session.current_id is None
    undone = session.undo()
    assert undone is not None and undone.action == "suspend"
    assert _front(session) == "Three?" and not repo.card(3).suspended  # type: ignore[union-attr]
    repo.close()
    repo = Collection.open(tmp_path / "db.sqlite3")  # a restart
    session = _session(repo, clock)
    assert _front(session) == "Three?"  # Two? is still buried
    undone = session.undo()
    assert undone is not None and undone.action == "bury" and _front(session) == "Two?"
    undone = session.undo()
    assert undone is not None and undone.action == "rate" and _front(session) == "One?"
    assert repo.reviews_for(1) == [] and repo.card_state(1) == (None, False)
    assert session.undo() is None


def test_the_browsers_actions_are_undone_too(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, THREE)
    session = _session(repo, clock)
    session.rate(EASY)
    assert repo.forget_cards([1], clock()) == 1
    assert repo.card_state(1) == (None, False) and len(repo.reviews_for(1)) == 1  # history kept
    assert repo.suspend_cards([1, 2], clock()) == 2
    assert repo.unsuspend_cards([2], clock()) == 1
    assert repo.bury_cards([3], clock()) == 1
    assert repo.unbury_cards([3], clock()) == 1
    steps = []
    while (undone := repo.undo_last(clock())) is not None:
        steps.append((undone.action, undone.card_ids))
    assert steps == [
        ("unbury", (3,)),
        ("bury", (3,)),
        ("unsuspend", (2,)),
        ("suspend", (1, 2)),
        ("forget", (1,)),
        ("rate", (1,)),
    ]
    assert all(not c.suspended for c in repo.list_cards())
    assert repo.card_state(1) == (None, False) and repo.reviews_for(1) == []


def test_undoing_a_leech_rating_unsuspends_the_card(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, "# T\n\nOne?::1\n")
    session = _session(repo, clock, replace(SETTINGS, leech_lapses=1))
    session.rate(EASY)
    clock.advance(days=30)
    session.start()
    notice = session.rate(AGAIN)
    assert notice is not None and "Press u to undo" in notice
    assert repo.card(1).suspended  # type: ignore[union-attr]
    session.undo()
    assert not repo.card(1).suspended and _front(session) == "One?"  # type: ignore[union-attr]


# ---- siblings ------------------------------------------------------------------------------------
def test_siblings_are_not_shown_the_same_day(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, SIBLINGS)
    session = _session(repo, clock)
    offered = list(session.queue.main)
    # one cloze of the line, one cell of the table row, the plain card
    assert len(offered) == 3
    kinds = sorted(repo.card(c).kind for c in offered)  # type: ignore[union-attr]
    assert kinds == ["basic", "cloze", "table_row"]
    assert overview(repo, SETTINGS, clock()).new_available == 3
    clock.advance(days=1)
    offered_next_day = set(_session(repo, clock).queue.main)
    assert offered_next_day == set(offered)  # nothing rated: the same first cards


def test_studying_a_card_buries_its_siblings_until_tomorrow(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, SIBLINGS)
    session = _session(repo, clock)
    while session.current_id is not None and session.current().kind != "cloze":  # type: ignore[union-attr]
        session.bury()
    cloze = session.current_id
    session.rate(EASY)
    sibling = next(c.id for c in repo.list_cards() if c.kind == "cloze" and c.id != cloze)
    assert sibling not in _session(repo, clock).queue
    clock.now = clock.now.replace(hour=0, minute=5) + timedelta(days=1)
    assert sibling in _session(repo, clock).queue.main
    # undoing the rating brings the sibling back today too
    clock.now = clock.now - timedelta(days=1)
    undone = repo.undo_last(clock())
    assert undone is not None and undone.action == "rate" and sibling in undone.card_ids
    unburied = replace(SETTINGS, bury_new_siblings=False)
    assert sibling in _session(repo, clock, unburied).queue.main


def test_sibling_burying_can_be_turned_off(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, SIBLINGS)
    settings = replace(SETTINGS, bury_new_siblings=False, bury_review_siblings=False)
    session = _session(repo, clock, settings)
    assert len(session.queue.main) == 5
    session.rate(EASY)
    assert len(session.queue.main) == 4  # the rated card's sibling stays


def test_review_siblings_are_buried_when_one_is_studied(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, SIBLINGS)
    off = replace(SETTINGS, bury_new_siblings=False, bury_review_siblings=False)
    first = _session(repo, clock, off)
    while first.current_id is not None:
        first.rate(EASY)  # every card a review card
    clock.advance(days=60)
    due = _session(repo, clock)
    assert len(due.queue.main) == 3  # one card of each note
    only_reviews = replace(SETTINGS, bury_review_siblings=False)
    assert len(_session(repo, clock, only_reviews).queue.main) == 5


# ---- custom study --------------------------------------------------------------------------------
def test_custom_study_raises_todays_new_card_limit(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, "# T\n\n" + "".join(f"Q{i}?::{i}\n\n" for i in range(6)))
    settings = replace(SETTINGS, new_per_day=2)
    session = _session(repo, clock, settings)
    session.rate(EASY)
    session.rate(EASY)
    assert session.current_id is None
    assert overview(repo, settings, clock()).new_available == 0
    more, notice = custom_session(repo, settings, NEW, 3, clock)
    assert "3 new cards left" in notice
    assert overview(repo, settings, clock()).new_available == 3  # home agrees
    assert len(more.queue.main) == 3
    repo.close()
    repo = Collection.open(tmp_path / "db.sqlite3")  # the raise holds for today, after a restart
    assert overview(repo, settings, clock()).new_available == 3
    clock.advance(days=1)
    assert overview(repo, settings, clock()).new_available == 2  # and is gone tomorrow


def test_custom_study_raises_todays_review_limit(tmp_path: Path, clock: FakeClock) -> None:
    repo = _collection(tmp_path, "# T\n\n" + "".join(f"Q{i}?::{i}\n\n" for i in range(4)))
    first = _session(repo, clock)
    while first.current_id is not None:
        first.rate(EASY)
    clock.advance(days=90)
    settings = replace(SETTINGS, reviews_per_day=1)
    session = _session(repo, clock, settings)
    session.rate(GOOD)
    assert session.current_id is None
    more, _ = custom_session(repo, settings, REVIEWS, 2, clock)
    assert len(more.queue.main) == 2


def test_custom_study_forgotten_ahead_and_a_topic_beyond_the_limits(
    tmp_path: Path, clock: FakeClock
) -> None:
    repo = _collection(tmp_path, "# A\n\nOne?::1\n\nTwo?::2\n\n# B\n\nThree?::3\n\nFour?::4\n")
    settings = replace(SETTINGS, new_per_day=1)
    session = _session(repo, clock, settings)
    session.rate(EASY)  # One? in review
    assert session.current_id is None  # today's one new card is spent
    # a topic beyond the limits: B's new cards, at once
    topic_b = [t.id for t in repo.topic_tree(clock()) if t.path.endswith("B")]
    beyond, _ = custom_session(repo, settings, SCOPE, 20, clock, topic_b, "B")
    assert sorted(_fronts(beyond)) == ["Four?", "Three?"]
    # study ahead: One? is due in some days; ahead by 60 days offers it today
    assert custom_session(repo, settings, AHEAD, 1, clock)[0].current_id is None
    only_b, _ = custom_session(repo, settings, AHEAD, 60, clock, topic_b, "B")
    assert len(only_b.queue) == 2  # opened on topic B: B's cards only
    ahead, _ = custom_session(repo, settings, AHEAD, 60, clock)
    seen = []
    while ahead.current_id is not None:
        seen.append(_front(ahead))
        ahead.rate(AGAIN if _front(ahead) == "One?" else EASY)  # One? forgotten
        if _front(ahead) == "One?":
            break  # back on its relearning step
    assert sorted(seen) == ["Four?", "One?", "Three?"]
    clock.advance(days=1)
    forgotten, _ = custom_session(repo, settings, FORGOTTEN, 2, clock)
    assert _fronts(forgotten) == ["One?"]  # rated Again in the last 2 days
    assert custom_session(repo, settings, FORGOTTEN, 1, clock)[0].current_id is None


def _fronts(session: StudySession) -> list[str]:
    out = []
    while session.current_id is not None:
        out.append(_front(session) or "")
        session.rate(EASY)
    return out


# ---- one count --------------------------------------------------------------------------------
@pytest.mark.parametrize("new_per_day", [0, 2, 20])
def test_home_and_s_offer_the_same_cards(
    tmp_path: Path, clock: FakeClock, new_per_day: int
) -> None:
    repo = _collection(tmp_path, SIBLINGS + THREE)
    settings = replace(SETTINGS, new_per_day=new_per_day)
    first = _session(repo, clock, replace(SETTINGS, new_per_day=3))
    first.rate(EASY)
    first.rate(GOOD)  # one card learning
    clock.advance(days=10)
    figures = overview(repo, settings, clock())
    session = _session(repo, clock, settings)
    assert figures.due_today + figures.new_available + figures.learning == len(session.queue)


# ---- display order --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("mix", ["review", "new", "review", "new"]),
        ("before_reviews", ["new", "new", "review", "review"]),
        ("after_reviews", ["review", "review", "new", "new"]),
    ],
)
def test_new_cards_among_reviews_follow_the_configured_order(
    tmp_path: Path, clock: FakeClock, order: str, expected: list[str]
) -> None:
    text = "".join(f"# T{i}\n\nQ{i}?::{i}\n\n" for i in range(4))
    repo = _collection(tmp_path, text)
    first = _session(repo, clock, replace(SETTINGS, new_per_day=2))
    first.rate(EASY)
    first.rate(EASY)  # two review cards
    clock.advance(days=60)
    session = _session(repo, clock, replace(SETTINGS, new_review_order=order))
    kinds = []
    while session.current_id is not None:
        kinds.append("new" if repo.card_state(session.current_id)[0] is None else "review")
        session.rate(EASY)
    assert kinds == expected
