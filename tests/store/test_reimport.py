"""Re-importing edited notes keeps every review already made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.store.collection import Collection
from studyapp.study.scheduler import GOOD, make_scheduler, review
from studyapp.usecases.importing import import_paths

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

NOTES = """# SQS

## Visibility timeout

What is the default visibility timeout of an SQS queue?::30 seconds
What is the longest visibility timeout SQS allows?::12 hours

## Retention

How long does SQS keep a message by default?::4 days
"""


def _study(repo: Collection, card_id: int, when: datetime) -> str:
    state, _ = repo.card_state(card_id)
    out = review(make_scheduler(), card_id, state, GOOD, when)
    repo.record_review(card_id, GOOD, when, out.card.to_json(), out.card.due)
    return out.card.to_json()


def _card(repo: Collection, needle: str, include_retired: bool = False):
    found = [c for c in repo.list_cards(include_retired=include_retired) if needle in c.front]
    assert len(found) == 1, [c.front for c in repo.list_cards(include_retired=True)]
    return found[0]


def _setup(tmp_path: Path) -> tuple[Collection, Path]:
    note = tmp_path / "sqs.md"
    note.write_text(NOTES, encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    first = import_paths(repo, [note]).files[0]
    assert first.status == "imported" and first.new == 3
    return repo, note


def test_unchanged_file_is_skipped_by_hash_and_keeps_reviews(tmp_path: Path) -> None:
    repo, note = _setup(tmp_path)
    card = _card(repo, "default visibility")
    state = _study(repo, card.id, NOW)
    again = import_paths(repo, [note]).files[0]
    assert again.status == "unchanged"
    assert again.unchanged == 3 and again.new == 0
    assert repo.card_state(card.id) == (state, False)
    assert len(repo.reviews_for(card.id)) == 1


def test_edited_file_keeps_state_of_cards_whose_prompt_is_unchanged(tmp_path: Path) -> None:
    repo, note = _setup(tmp_path)
    card = _card(repo, "default visibility")
    state = _study(repo, card.id, NOW)
    note.write_text(NOTES.replace("4 days", "4 days (1 minute to 14 days)"), encoding="utf-8")
    result = import_paths(repo, [note]).files[0]
    assert result.status == "imported"
    assert (result.new, result.updated, result.retired, result.unchanged) == (0, 1, 0, 2)
    assert _card(repo, "default visibility").id == card.id
    assert repo.card_state(card.id) == (state, False)


def test_slightly_reworded_prompt_keeps_its_history(tmp_path: Path) -> None:
    repo, note = _setup(tmp_path)
    card = _card(repo, "longest visibility")
    _study(repo, card.id, NOW)
    _study(repo, card.id, NOW + timedelta(days=3))
    note.write_text(
        NOTES.replace(
            "What is the longest visibility timeout SQS allows?",
            "What is the longest visibility timeout that SQS allows?",
        ),
        encoding="utf-8",
    )
    result = import_paths(repo, [note]).files[0]
    assert (result.new, result.updated, result.retired) == (0, 1, 0)
    moved = _card(repo, "longest visibility timeout that")
    assert moved.id == card.id
    assert len(repo.reviews_for(card.id)) == 2


def test_reworded_beyond_recognition_is_a_new_card_and_the_old_one_retires(
    tmp_path: Path,
) -> None:
    repo, note = _setup(tmp_path)
    card = _card(repo, "longest visibility")
    note.write_text(
        NOTES.replace(
            "What is the longest visibility timeout SQS allows?::12 hours",
            "Which API call extends a message's timeout?::ChangeMessageVisibility",
        ),
        encoding="utf-8",
    )
    result = import_paths(repo, [note]).files[0]
    assert (result.new, result.retired) == (1, 1)
    assert _card(repo, "longest visibility", include_retired=True).retired
    assert card.id not in {c.id for c in repo.list_cards()}


def test_removed_card_is_retired_and_returns_with_its_history(tmp_path: Path) -> None:
    repo, note = _setup(tmp_path)
    card = _card(repo, "keep a message by default")
    state = _study(repo, card.id, NOW)
    without = NOTES.replace("How long does SQS keep a message by default?::4 days\n", "")
    note.write_text(without, encoding="utf-8")
    result = import_paths(repo, [note]).files[0]
    assert result.retired == 1
    assert card.id not in {c.id for c in repo.list_cards()}
    assert repo.card_state(card.id) == (state, True)

    note.write_text(NOTES, encoding="utf-8")
    back = import_paths(repo, [note]).files[0]
    assert back.new == 0 and back.updated == 1
    assert _card(repo, "keep a message by default").id == card.id
    assert repo.card_state(card.id) == (state, False)
    assert len(repo.reviews_for(card.id)) == 1


def test_renamed_heading_keeps_cards_and_their_history(tmp_path: Path) -> None:
    repo, note = _setup(tmp_path)
    card = _card(repo, "default visibility")
    _study(repo, card.id, NOW)
    note.write_text(NOTES.replace("## Visibility timeout", "## Visibility"), encoding="utf-8")
    result = import_paths(repo, [note]).files[0]
    assert result.new == 0 and result.retired == 0
    moved = _card(repo, "default visibility")
    assert moved.id == card.id and moved.topic_path == "SQS > Visibility"
    assert len(repo.reviews_for(card.id)) == 1
