"""The look of the study screens, at a fixed terminal size, on a generated collection.

Every app comes from one factory: a temp database with fixed notes, the bundled notes left out,
default settings without interval fuzzing, and the database shown by a fixed name. Nothing has
been reviewed, so the home figures do not depend on the day; the review runs on a fixed clock.
Update with: .venv/bin/pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from studyapp.store.collection import Collection
from studyapp.study.settings import StudySettings
from studyapp.tui.app import StudyApp
from studyapp.tui.factory import make_app as build_app
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config
from studyapp.usecases.importing import import_paths
from studyapp.usecases.studying import StudySession

# every screen reads at 80x24 and uses the width at 200 columns
SIZES = {"narrow": (80, 24), "wide": (200, 50)}
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

NOTES = """# Messaging

## Queues compared

SQS keeps a message until a consumer deletes it; SNS pushes to every subscriber at once.

| Service | Model | Ordering |
|---|---|---|
| SQS | pull | FIFO option |
| SNS | push | none |
| Kinesis | pull | per shard |

What is the default SQS visibility timeout?::30 seconds

# Storage

Largest single S3 object?::5 TB
"""


def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StudyApp:
    """The app on a fresh collection; notes are imported by a relative path, so every screen
    shows `messaging.md`, not the temp dir."""
    (tmp_path / "messaging.md").write_text(NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "study.sqlite3"
    repo = Collection.open(db)
    import_paths(repo, [Path("messaging.md")])
    repo.close()
    return build_app(
        db,
        import_bundled=False,
        config=Config(study=StudySettings(enable_fuzzing=False)),
        db_label="study.sqlite3",
    )


async def opened(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def review(pilot: Any, flip: bool) -> None:
    await opened(pilot)
    app = pilot.app
    session = StudySession(app.collection, app.config.study, clock=lambda: NOW)
    session.start()
    await app.push_screen(ReviewScreen(session))
    await pilot.pause()
    if flip:
        await pilot.press("space")
        await pilot.pause()


Size = tuple[int, int]


class TestHome:
    @sizes
    def test_home(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Size
    ) -> None:
        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=size, run_before=opened)


class TestReview:
    @sizes
    def test_front(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Size
    ) -> None:
        async def front(pilot: Any) -> None:
            await review(pilot, flip=False)

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=size, run_before=front)

    @sizes
    def test_back(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Size
    ) -> None:
        async def back(pilot: Any) -> None:
            await review(pilot, flip=True)

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=size, run_before=back)


async def browse_queues(pilot: Any) -> None:
    await opened(pilot)
    await pilot.press("b")
    await opened(pilot)  # the repository opens in a worker
    # source > Messaging > Queues compared
    await pilot.press("down", "enter", "down", "enter", "down")
    await pilot.pause()
    await pilot.pause()


class TestBrowse:
    @sizes
    def test_browse_topic_with_table(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Size
    ) -> None:
        assert snap_compare(
            make_app(tmp_path, monkeypatch), terminal_size=size, run_before=browse_queues
        )


class TestDrill:
    @sizes
    def test_drill_one_cell_revealed(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Size
    ) -> None:
        async def drill(pilot: Any) -> None:
            await browse_queues(pilot)
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=size, run_before=drill)


class TestCardBrowser:
    @sizes
    def test_card_browser_one_suspended(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Size
    ) -> None:
        async def cards(pilot: Any) -> None:
            await opened(pilot)
            await pilot.press("k")
            await opened(pilot)
            await pilot.press("down", "s")  # the second card suspended
            await opened(pilot)
            pilot.app.clear_notifications()
            await pilot.pause()

        assert snap_compare(make_app(tmp_path, monkeypatch), terminal_size=size, run_before=cards)


REPORT_NOTES = """# Identity
<!-- domains: saa-c03:1 -->

Which service issues temporary credentials?::STS
What evaluates an explicit deny?::IAM policy evaluation, before any allow
Where are customer managed keys kept?::KMS
What stores secrets with rotation?::Secrets Manager
What filters web requests by rule?::WAF

# Resilience
<!-- domains: saa-c03:2 -->

What spreads instances over zones?::An Auto Scaling group across AZs
What fails a database over to a standby?::RDS Multi-AZ
What buffers work between tiers?::SQS
What routes away from unhealthy endpoints?::Route 53 health checks
What copies objects to another region?::S3 cross-region replication

# Performance
<!-- domains: saa-c03:3 -->

What caches reads in memory?::ElastiCache
What serves static files from the edge?::CloudFront
What gives single-digit millisecond key-value reads?::DynamoDB
What speeds up DynamoDB reads to microseconds?::DAX
What is the fastest EBS volume type?::io2 Block Express

# Cost
<!-- domains: saa-c03:4 -->

What is the cheapest S3 class for rare access?::S3 Glacier Deep Archive
What discounts steady EC2 use with flexibility?::Savings Plans
What runs interruptible work cheaply?::Spot Instances
What moves objects between tiers by access?::S3 Intelligent-Tiering
What shows spend by service?::Cost Explorer
"""


def report_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StudyApp:
    """60 days of reviews (fixed ratings) and a domain quiz every week (fixed answers) before
    NOW, on 20 cards tagged to the four SAA-C03 domains."""
    from datetime import timedelta

    from studyapp.usecases.examining import ExamPlan, ExamRun

    (tmp_path / "aws.md").write_text(REPORT_NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "study.sqlite3"
    repo = Collection.open(db)
    settings = StudySettings(enable_fuzzing=False)
    try:
        import_paths(repo, [Path("aws.md")])
        for back in range(60, 0, -1):
            when = NOW - timedelta(days=back)
            session = StudySession(repo, settings, clock=lambda when=when: when)
            session.start()
            rated: set[int] = set()
            while session.current_id is not None and session.current_id not in rated:
                card = session.current_id
                rated.add(card)
                session.rate(1 if (card * 7 + back) % 9 == 0 else 3)
        for k, back in enumerate(range(53, 0, -7)):  # one quiz a week, domains in turn
            when = NOW - timedelta(days=back)
            domain = 1 + k % 4
            run = ExamRun.start(repo, ExamPlan("saa-c03", "quiz", domain=domain, seed=k), when)
            for i, q in enumerate(run.session.questions):
                run.session.goto(i, when)
                right = (i * (domain + 2) + k) % 10 < 3 + domain + k % 3
                wrong = next(letter for letter in q.letters if letter not in q.correct)
                run.session.answer(sorted(q.correct) if right else [wrong], when)
            run.finish(when)
    finally:
        repo.close()
    return build_app(
        db, import_bundled=False, config=Config(study=settings), db_label="study.sqlite3"
    )


async def report_opened(pilot: Any) -> None:
    from studyapp.tui.screens.report import ReportScreen

    app = pilot.app
    await opened(pilot)
    app.with_collection(lambda c: app.push_screen(ReportScreen(c, now=lambda: NOW)))
    await opened(pilot)  # the report reads the history
    app.clear_notifications()  # "Opening your collection…" comes and goes with the machine's speed
    await pilot.pause()


class TestReport:
    def test_report_wide(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert snap_compare(
            report_app(tmp_path, monkeypatch), terminal_size=(200, 50), run_before=report_opened
        )

    def test_report_narrow(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert snap_compare(
            report_app(tmp_path, monkeypatch), terminal_size=(80, 24), run_before=report_opened
        )
