"""The progress report screen: opened with `r` from home over a small history; its plots, `x`
switches exam, `w` reviews and `k` quizzes the weakest domain."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.widgets import Static

from studyapp.store.collection import Collection
from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.exam_nav import ConfirmScreen, NavigatorScreen
from studyapp.tui.factory import make_app
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.exam_result import ExamResultScreen
from studyapp.tui.screens.report import ReportScreen
from studyapp.tui.screens.report_plots import DayBars, ReportPlot, bar_chart, count_ticks
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import Config
from studyapp.usecases.importing import import_paths
from studyapp.usecases.studying import StudySession

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
    repo = Collection.open(db)
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


def _plot(app: StudyApp, selector: str) -> Any:
    widget = app.screen.query_one(selector)
    assert isinstance(widget, DayBars | ReportPlot)
    return widget


def _drawn(app: StudyApp, selector: str) -> str:
    """The plot as the learner sees it (axes, tick labels, bars)."""
    return str(_plot(app, selector).render())


async def _open_report(app: StudyApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("r")  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
    assert isinstance(app.screen, ReportScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_report_shows_domains_and_studies_the_weakest(tmp_path: Path) -> None:
    db, topics = _history(tmp_path)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
        assert isinstance(app.screen, ReportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # the exam holding the cards is shown first
        assert _text(app, "#report-title").startswith("SAA-C03")
        domains = _text(app, "#report-domains")
        assert "Domain 1. Design Secure Architectures  (30% of the exam)" in domains
        assert "cards known 0 of 2 (0 reviewed, 1 topic)" in domains
        assert "cards known 2 of 2 (2 reviewed, 1 topic)" in domains
        assert "weak: Decoupled queues (2/2 known" in domains
        readiness = _text(app, "#report-readiness")
        assert "nothing yet for domain(s) 1, 3, 4" in readiness and "range" in readiness
        assert "2 in all" in _text(app, "#report-reviews-label")
        reviews = _plot(app, "#report-reviews")
        assert reviews.display and sum(reviews.values) == 2 and reviews.values[-1] == 2
        lines = [line for line in _drawn(app, "#report-reviews").splitlines() if line.strip()]
        assert lines[0].startswith("2┤") and lines[-1].endswith("today")
        today = lines[-2].rindex("┬")  # the last date tick on the axis: today's column
        assert lines[-3][today] == "█" and lines[0][today] == "█"  # a bar up to 2
        due = _plot(app, "#report-due")
        assert due.display and sum(due.values) == 2
        assert "today" in _drawn(app, "#report-due")
        # no quiz answered yet: said in words, no empty plot
        assert "no answers in the last 8 weeks" in _text(app, "#report-accuracy-label")
        assert not _plot(app, "#report-accuracy").display

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
    Collection.open(db).close()
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not enough data yet" in _text(app, "#report-readiness")
        assert "none yet" in _text(app, "#report-reviews-label")
        assert "nothing falls due" in _text(app, "#report-due-label")
        assert "no answers" in _text(app, "#report-accuracy-label")
        for plot in ("#report-reviews", "#report-due", "#report-accuracy"):
            assert not _plot(app, plot).display
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert any("No cards belong" in str(n.message) for n in app._notifications)


async def test_quiz_of_the_weakest_domain_then_its_accuracy_is_plotted(tmp_path: Path) -> None:
    db, _topics = _history(tmp_path)
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(110, 50)) as pilot:
        await _open_report(app, pilot)
        assert _text(app, "#report-title").startswith("SAA-C03")
        await pilot.press("k")  # domain 1: cards, but no evidence yet
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        run = app.screen.run
        assert run.kind == "quiz" and run.guide.code == "saa-c03"
        questions = run.session.questions
        assert questions and {q.domain for q in questions} == {1}
        for _ in questions:  # answer every question right, check it, go on
            await pilot.press(*[c.lower() for c in sorted(run.session.current.correct)])
            await pilot.press("n", "n")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, NavigatorScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        await app.workers.wait_for_complete()  # the report reads the new answers
        await pilot.pause()
        n = len(questions)
        assert f"quiz: 100% of {n}" in _text(app, "#report-domains")
        accuracy = _plot(app, "#report-accuracy")
        assert accuracy.display and accuracy.values == [100.0]
        drawn = _drawn(app, "#report-accuracy")
        top = next(line for line in drawn.splitlines() if line.strip().startswith("100%"))
        assert "1" in top.split("┤", 1)[1]  # domain 1's point, at 100%
        assert f"1 Design Secure Architectures ({n} answers)" in _text(app, "#report-legend")
        assert "by week" in _text(app, "#report-accuracy-label")


def test_day_chart_puts_each_day_in_its_own_column_under_a_whole_number_axis() -> None:
    days = [f"2026-03-{d:02d}" for d in range(1, 31)]
    values = [0.0] * 30
    values[0], values[1], values[29] = 7.0, 1.0, 3.0
    text = bar_chart(values, days, 74, 11, True, (0, 0, 255)).plain
    assert len(text.splitlines()) == 11  # the spare row sits above the chart
    lines = [line for line in text.splitlines() if line.strip()]
    assert count_ticks(7) == [0, 2, 4, 6, 8]
    assert [line.split("┤")[0].strip() for line in lines if "┤" in line] == ["8", "6", "4", "2"]
    axis, dates = lines[-2], lines[-1]
    assert axis.startswith("0└")
    assert dates.split() == ["2", "Mar", "9", "Mar", "16", "Mar", "23", "Mar", "today"]
    ticks = [i for i, ch in enumerate(axis) if ch == "┬"]
    assert len(ticks) == 5
    bars = lines[:-2]
    # one column a day, two characters apart: the first two days do not run together
    filled = sorted({i for line in bars for i, ch in enumerate(line) if ch not in " │┤0123456789"})
    assert len(filled) == 3 and filled[1] - filled[0] == 2
    assert ticks[-1] in filled  # today's 3 reviews stand over the "today" tick
    # 7 of 8 reaches 7/8 of the height: the top row is blank, the next is full
    first = filled[0]
    assert bars[0][first] == " " and bars[1][first] == "█"


def test_day_chart_drops_date_labels_that_would_collide() -> None:
    days = [f"2026-03-{d:02d}" for d in range(1, 31)]
    text = bar_chart([1.0] * 30, days, 24, 6, False, (0, 0, 255)).plain
    dates = text.splitlines()[-1]
    assert dates.startswith("today")
    assert len(dates) <= 24 and "  " in dates  # labels kept apart, within the width
