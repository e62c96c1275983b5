"""The progress report screen: opened with `r` from home over a small history; `w` studies the
weakest domain."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Sparkline, Static

from studyapp.config import Config
from studyapp.importer import import_paths
from studyapp.store.repository import Repository
from studyapp.studying import StudySession
from studyapp.tui.app import StudyApp
from studyapp.tui.screens.report import ReportScreen
from studyapp.tui.screens.review import ReviewScreen

NOTE = """# Encryption keys
<!-- domains: saa-c03:1 -->

Which service keeps the keys?::KMS
Who can rotate a customer managed key?::You, on a schedule

# Decoupled queues
<!-- domains: saa-c03:2 -->

What holds messages until a consumer polls?::SQS
What pushes one message to many subscribers?::SNS
"""


def _history(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Cards in SAA-C03 domains 1 and 2; every domain 2 card reviewed Easy, domain 1 untouched."""
    note = tmp_path / "n.md"
    note.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    repo = Repository.open(db)
    try:
        import_paths(repo, [note])
        topics = {t.title: t.id for t in repo.report_rows(datetime.now(UTC)).topics}
        session = StudySession(repo, Config().study, topic_ids=[topics["Decoupled queues"]])
        session.start()
        assert len(session.queue) == 2
        while session.queue:
            session.rate(4)
    finally:
        repo.close()
    return db, topics


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_report_shows_domains_and_studies_the_weakest(tmp_path: Path) -> None:
    db, topics = _history(tmp_path)
    app = StudyApp(db, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, ReportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # the exam holding the cards is shown first
        assert _text(app, "#report-title").startswith("SAA-C03")
        domains = _text(app, "#report-domains")
        assert "Domain 1. Design Secure Architectures  (30% of the exam)" in domains
        assert "cards known 0 of 2 (0 reviewed, 1 topics)" in domains
        assert "cards known 2 of 2 (2 reviewed, 1 topics)" in domains
        assert "weak: Decoupled queues (2/2 known" in domains
        readiness = _text(app, "#report-readiness")
        assert "nothing yet for domain(s) 1, 3, 4" in readiness and "range" in readiness
        assert "2 in all" in _text(app, "#report-reviews-label")
        assert sum(app.screen.query_one("#report-reviews", Sparkline).data or []) == 2
        assert sum(app.screen.query_one("#report-due", Sparkline).data or []) == 2

        await pilot.press("x")  # the other exam: none of these cards are mapped to it
        assert _text(app, "#report-title").startswith("DVA-C02")
        assert "cards known 0 of 0" in _text(app, "#report-domains")
        await pilot.press("x")
        assert _text(app, "#report-title").startswith("SAA-C03")

        await pilot.press("w")  # domain 1 has cards but no evidence: it is the weakest
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.topic_ids == [topics["Encryption keys"]]
        assert _text(app, "#review-topic").startswith("Encryption keys")
        assert _text(app, "#review-front") == "Which service keeps the keys?"
        await pilot.press("space", "4")
        assert _text(app, "#review-topic").startswith("Encryption keys")
        assert _text(app, "#review-front") == "Who can rotate a customer managed key?"
        await pilot.press("space", "4")
        assert "Session complete" in _text(app, "#review-topic")  # only domain 1's two cards
        await pilot.press("escape")
        assert isinstance(app.screen, ReportScreen)


async def test_weakest_with_no_cards_in_any_domain_says_so(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    Repository.open(db).close()
    app = StudyApp(db, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not enough data yet" in _text(app, "#report-readiness")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert any("No cards belong" in str(n.message) for n in app._notifications)
