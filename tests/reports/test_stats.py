"""Statistics from a real review log: retention by month, the heatmap, card states, hours
(reports/stats.py), through the store, `report --format json` and the screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from studyapp.cli.main import main
from studyapp.store.collection import Collection
from studyapp.usecases.reporting import build_stats

NOTE = """# SQS

## Visibility timeout

What is the default visibility timeout?::30 seconds
Standard queue:::A queue with at-least-once delivery and best-effort ordering

## Long polling

What is the longest ReceiveMessage wait?::20 seconds
"""
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
# (card, rating, when): card 0 goes new -> Review (Easy), lapses in October (Again: a failed
# review of a review card), relearns (Good, not a review card then), passes in November; card 1
# is new in November (Easy) and passes a review (Hard); card 2 is suspended, card 3 stays new.
HISTORY = [
    (0, fsrs.Rating.Easy, datetime(2026, 10, 1, 9, 0, tzinfo=UTC)),
    (0, fsrs.Rating.Again, datetime(2026, 10, 20, 9, 0, tzinfo=UTC)),
    (0, fsrs.Rating.Good, datetime(2026, 10, 20, 9, 15, tzinfo=UTC)),
    (0, fsrs.Rating.Good, datetime(2026, 11, 5, 14, 0, tzinfo=UTC)),
    (1, fsrs.Rating.Easy, datetime(2026, 11, 1, 14, 30, tzinfo=UTC)),
    (1, fsrs.Rating.Hard, datetime(2026, 11, 10, 14, 45, tzinfo=UTC)),
]


def studied(db: Path, shift: timedelta = timedelta(0)) -> list[int]:
    """Replay HISTORY (moved by `shift`) with the real scheduler; returns the card ids."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    repo = Collection.open(db)
    try:
        ids = [c.id for c in repo.list_cards()]
        assert len(ids) == 4
        states = {i: fsrs.Card() for i in ids}
        for n, rating, when in HISTORY:
            card, _ = scheduler.review_card(states[ids[n]], rating, review_datetime=when + shift)
            states[ids[n]] = card
            repo.record_review(ids[n], int(rating), when + shift, card.to_json(), card.due)
        repo.suspend_cards([ids[2]])
    finally:
        repo.close()
    return ids


@pytest.fixture
def db(notes_db: Callable[[str], Path]) -> Path:
    return notes_db(NOTE)


def test_retention_heatmap_states_and_hours_from_the_review_log(db: Path) -> None:
    studied(db)
    repo = Collection.open(db)
    try:
        from studyapp.reports.stats import make_stats

        stats = make_stats(repo.stats_rows(NOW, 0))
        shifted = make_stats(repo.stats_rows(NOW, 120))
    finally:
        repo.close()
    data = stats.to_json()
    assert data["retention_by_month"] == [
        {"month": "2026-10", "reviews": 1, "passed": 0, "retention": 0.0},
        {"month": "2026-11", "reviews": 2, "passed": 2, "retention": 1.0},
    ]
    heat = data["heatmap"]
    assert isinstance(heat, dict)
    assert heat["reviews"] == {
        "2026-10-01": 1,
        "2026-10-20": 2,
        "2026-11-01": 1,
        "2026-11-05": 1,
        "2026-11-10": 1,
    }
    assert (heat["days_studied"], heat["busiest"], heat["last"]) == (5, 2, "2026-11-20")
    assert heat["first"] == "2025-11-21"  # 365 days ending today
    states = data["card_states"]
    assert isinstance(states, dict)
    assert (states["new"], states["suspended"], states["learning"], states["relearning"]) == (
        1,
        1,
        0,
        0,
    )
    assert states["young"] + states["mature"] == 2 and stats.total_cards == 4
    by_hour = {h["hour"]: (h["reviews"], h["passed"]) for h in data["hours"]["by_hour"]}  # type: ignore[index]
    assert {h: v for h, v in by_hour.items() if v[0]} == {9: (3, 2), 14: (3, 3)}
    assert [h for h, t in enumerate(shifted.hours) if t.reviews] == [11, 16]  # UTC+02:00


def test_the_heatmap_has_a_row_per_weekday_and_the_busiest_day_darkest(db: Path) -> None:
    studied(db)
    repo = Collection.open(db)
    try:
        from studyapp.reports.stats import make_stats

        stats = make_stats(repo.stats_rows(NOW, 0))
    finally:
        repo.close()
    rows = stats.heatmap_rows()
    assert len(rows) == 7 and len({len(r) for r in rows}) == 1
    assert "".join(rows).count("█") == 1  # 2026-10-20, two reviews
    assert "".join(rows).count("▒") == 4  # each day with one review: half the busiest
    # 2026-10-20 was a Tuesday: the darkest cell is on the Tuesday row
    assert "█" in rows[1]


def test_a_card_buried_until_tomorrow_counts_as_buried(db: Path) -> None:
    ids = studied(db)
    repo = Collection.open(db)
    try:
        repo.bury_cards([ids[3]], until=NOW + timedelta(days=1))
        stats = build_stats(repo, NOW)
    finally:
        repo.close()
    assert (stats.states["buried"], stats.states["new"]) == (1, 0)


def test_report_json_keeps_its_reports_and_adds_stats(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studied(db)
    assert main(["--db", str(db), "report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"reports", "stats"} and data["reports"]
    assert set(data["stats"]) == {"retention_by_month", "heatmap", "card_states", "hours"}
    assert [m["month"] for m in data["stats"]["retention_by_month"]] == ["2026-10", "2026-11"]
    assert sum(data["stats"]["card_states"].values()) == 4
    assert len(data["stats"]["hours"]["by_hour"]) == 24


async def test_t_on_home_opens_the_statistics_screen(db: Path) -> None:
    from textual.widgets import Static

    from studyapp.tui.factory import make_app
    from studyapp.tui.screens.home import HomeScreen
    from studyapp.tui.screens.stats import StatsScreen
    from studyapp.usecases.config import Config

    # the same history, ending a week ago: inside the heatmap's year whenever the test runs
    studied(db, shift=datetime.now(UTC) - timedelta(days=7) - HISTORY[-1][2])
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)

        def text(part: str) -> str:
            return str(app.screen.query_one(f"#stats-{part}", Static).content)

        assert text("states").startswith("Cards: 4\n   new 1   learning 0   relearning 0")
        assert "suspended 1   buried 0" in text("states")
        heat = text("heatmap").splitlines()
        assert heat[0].startswith("Reviews, last 365 days (UTC): 5 days studied, busiest day 2")
        assert [line.split()[0] for line in heat[1:]] == [
            "Mon",
            "Tue",
            "Wed",
            "Thu",
            "Fri",
            "Sat",
            "Sun",
        ]
        retention = text("retention").splitlines()
        # the week-ago history may fall in one month or two: three reviews of review cards
        assert retention[0].startswith("Retention by month")
        assert sum(int(line.split()[2]) for line in retention[1:]) == 3
        assert all(line.split()[3] == "reviews" for line in retention[1:])
        assert text("hours").startswith("Hours (local time, UTC")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def hours_table(db: Path) -> dict[tuple[str, int], tuple[int, int]]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT hour, review_card, reviews, passed FROM review_hours WHERE reviews > 0"
        ).fetchall()
    finally:
        con.close()
    return {(h, int(k)): (n, p) for h, k, n, p in rows}


def from_the_log(db: Path) -> dict[tuple[str, int], tuple[int, int]]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT substr(reviewed_at, 1, 13), coalesce(json_extract(state_before, '$.state') = 2,"
            " 0), COUNT(*), SUM(rating > 1) FROM reviews GROUP BY 1, 2"
        ).fetchall()
    finally:
        con.close()
    return {(h, int(k)): (n, p) for h, k, n, p in rows}


def test_the_hour_counts_follow_the_log_through_undo_and_an_upgrade(
    tmp_path: Path, db: Path
) -> None:
    studied(db)
    assert hours_table(db) == from_the_log(db) and hours_table(db)[("2026-10-20 09", 1)] == (1, 0)
    repo = Collection.open(db)
    assert repo.undo_last().action == "suspend"  # type: ignore[union-attr]  # the newest action
    assert repo.undo_last().action == "rate"  # type: ignore[union-attr]  # card 1's Hard of 2026-11-10 14:45
    repo.close()
    assert ("2026-11-10 14", 1) not in hours_table(db)
    assert hours_table(db) == from_the_log(db)

    # a collection from before the table: the upgrade counts its existing log
    from studyapp.store.migrate import upgrade_to
    from studyapp.store.revision import KNOWN_REVISIONS

    old = tmp_path / "old.sqlite3"
    upgrade_to(old, KNOWN_REVISIONS[KNOWN_REVISIONS.index("0009") - 1])
    import sqlite3

    con = sqlite3.connect(old)
    con.execute(
        "INSERT INTO sources (id, path, display_path, sha256, kind, bundled, repaired, imported_at)"
        " VALUES (1, '/n.md', 'n.md', '', 'markdown', 0, 0, '2026-01-01 00:00:00.000000')"
    )
    con.execute(
        "INSERT INTO cards (id, source_id, kind, front, back, prompt_key, line, position,"
        " lapses, suspended, leech, retired, created_at, updated_at)"
        " VALUES (1, 1, 'basic', 'Q', 'A', 'q', 1, 0, 0, 0, 0, 0, '2026-01-01', '2026-01-01')"
    )
    con.executemany(
        "INSERT INTO reviews (card_id, rating, reviewed_at, state_before, state_after)"
        " VALUES (1, ?, ?, ?, '{}')",
        [
            (3, "2026-03-04 10:15:00.000000", None),
            (1, "2026-03-04 10:40:00.000000", '{"state": 2}'),
            (3, "2026-03-05 08:00:00.000000", '{"state": 2}'),
        ],
    )
    con.commit()
    con.close()
    repo = Collection.open(old)
    stats = build_stats(repo, datetime(2026, 3, 6, tzinfo=UTC))
    repo.close()
    assert hours_table(old) == {
        ("2026-03-04 10", 0): (1, 1),
        ("2026-03-04 10", 1): (1, 0),
        ("2026-03-05 08", 1): (1, 1),
    }
    assert [(m, t.reviews, t.passed) for m, t in stats.months] == [("2026-03", 2, 1)]
