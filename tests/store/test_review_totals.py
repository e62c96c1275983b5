"""The report's review totals per card are kept by triggers on the review log (migration 0005):
rating adds to them, undo takes away, and an older database is backfilled when upgraded."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.store.collection import Collection
from studyapp.store.migrate import backup_path
from studyapp.study.scheduler import GOOD, make_scheduler, review
from studyapp.usecases.importing import import_paths

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
NOTE = "# A\n\nOne?::1\nTwo?::2\n\n# B\n\nThree?::3\n"


def _rate(repo: Collection, card_id: int, when: datetime, ms: int) -> None:
    state, _ = repo.card_state(card_id)
    out = review(make_scheduler(), card_id, state, GOOD, when)
    repo.record_review(card_id, GOOD, when, out.card.to_json(), out.card.due, duration_ms=ms)


def _topic_totals(repo: Collection) -> dict[str, tuple[int, int]]:
    rows = repo.report_rows(NOW + timedelta(days=1))
    titles = {t.id: t.title for t in rows.topics}
    return {titles[s.topic_id]: (s.reviews, s.duration_ms) for s in rows.topic_stats.values()}


def test_ratings_add_to_the_topic_totals_and_undo_takes_them_away(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text(NOTE, encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    import_paths(repo, [note])
    _rate(repo, 1, NOW, 4000)
    _rate(repo, 2, NOW, 6000)
    _rate(repo, 1, NOW + timedelta(minutes=11), 1500)
    assert _topic_totals(repo) == {"A": (3, 11500), "B": (0, 0)}
    assert repo.undo_last().card_ids == (1,)
    assert _topic_totals(repo) == {"A": (2, 10000), "B": (0, 0)}
    repo.close()


def test_upgrading_from_0004_counts_the_reviews_already_in_the_log(
    tmp_path: Path, database_at: Callable[[Path, str], Path]
) -> None:
    path = database_at(tmp_path / "old.sqlite3", "0004")
    con = sqlite3.connect(path)
    con.executescript(
        """
        INSERT INTO sources (id, path, display_path, sha256, kind, bundled, repaired, imported_at)
        VALUES (1, '/n.md', 'n.md', 'x', 'markdown', 0, 0, '2026-11-01 00:00:00');
        INSERT INTO topics (id, source_id, path_key, title, level, line, position, body, domains,
                            retired)
        VALUES (1, 1, 'A', 'A', 1, 1, 0, '', '', 0);
        INSERT INTO cards (id, source_id, topic_id, kind, front, back, prompt_key, line, position,
                           lapses, suspended, leech, retired, created_at, updated_at)
        VALUES (1, 1, 1, 'basic', 'One?', '1', 'one', 3, 0, 0, 0, 0, 0,
                '2026-11-01 00:00:00', '2026-11-01 00:00:00');
        INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms, state_after) VALUES
            (1, 3, '2026-11-01 09:00:00', 2000, '{}'),
            (1, 3, '2026-11-02 09:00:00', NULL, '{}'),
            (1, 1, '2026-11-03 09:00:00', 500, '{}');
        """
    )
    con.commit()
    con.close()
    repo = Collection.open(path)
    assert _topic_totals(repo) == {"A": (3, 2500)}
    repo.close()
    assert backup_path(path, "0004").exists()
