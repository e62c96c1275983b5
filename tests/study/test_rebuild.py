"""The review log is the truth: replaying a card's ratings through fsrs's `reschedule_card`
gives back the state the app stored as it went (with fuzzing off, so intervals are exact)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card

from studyapp.store.collection import Collection
from studyapp.study.scheduler import make_scheduler, rebuild
from studyapp.study.settings import StudySettings
from studyapp.usecases.importing import import_paths
from studyapp.usecases.studying import StudySession

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_replaying_the_review_log_rebuilds_each_cards_stored_state(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text("# Q\n\nOne?::1\nTwo?::2\nThree?::3\n", encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    import_paths(repo, [note])
    settings = StudySettings(enable_fuzzing=False)
    clock = {"now": START}
    # days of study: learning steps, a lapse, relearning, long intervals
    for day, ratings in enumerate([[3, 3, 1, 3, 4, 3], [3, 1, 3, 2], [4, 3, 1, 3, 3]]):
        clock["now"] = START + timedelta(days=day * 5)
        session = StudySession(repo, settings, clock=lambda: clock["now"])
        session.start()
        for rating in ratings:
            if not session.queue:
                break
            session.rate(rating)
            clock["now"] += timedelta(minutes=11)
    scheduler = make_scheduler(settings)
    checked = 0
    for card_id in (1, 2, 3):
        log = [(r.rating, r.reviewed_at, r.duration_ms) for r in repo.reviews_for(card_id)]
        stored, _ = repo.card_state(card_id)
        rebuilt = rebuild(scheduler, card_id, log)
        if not log:
            assert stored is None and rebuilt is None
            continue
        assert stored is not None and rebuilt is not None
        kept = Card.from_json(stored)
        assert (rebuilt.state, rebuilt.step, rebuilt.due) == (kept.state, kept.step, kept.due)
        assert rebuilt.stability == kept.stability
        assert rebuilt.difficulty == kept.difficulty
        checked += 1
    repo.close()
    assert checked == 3
