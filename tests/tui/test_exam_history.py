"""The exam experience around the bank, with real keys: the history of past attempts (score,
per-domain results, trend) and reviewing one; the review after an exam filtered to incorrect,
flagged or blank questions; a quiz that leaves an unfinished mock exam alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList, Static

from studyapp.exam.question import Question
from studyapp.store.collection import Collection
from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.exam_nav import ConfirmScreen
from studyapp.tui.exam_flow import open_exam
from studyapp.tui.factory import make_app
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.exam_history import ExamHistoryScreen
from studyapp.tui.screens.exam_result import ExamResultScreen
from studyapp.usecases.config import Config
from studyapp.usecases.examining import ExamPlan, ExamRun


class FakeClock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _right(q: Question) -> list[str]:
    return [letter.lower() for letter in sorted(q.correct)]


def _wrong(q: Question) -> list[str]:
    return [letter.lower() for letter in q.letters if letter not in q.correct][: q.choose]


async def _until(pilot: Any, test: Callable[[], bool]) -> None:
    for _ in range(60):
        if test():
            break
        await pilot.pause()
    assert test()
    await pilot.pause()


def _sit(repo: Collection, plan: ExamPlan, when: datetime, right: int) -> ExamRun:
    """A finished attempt with the first `right` questions answered right, the rest wrong."""
    run = ExamRun.start(repo, plan, when)
    s = run.session
    for i, q in enumerate(s.questions):
        s.goto(i, when)
        letters = sorted(q.correct) if i < right else [x for x in q.letters if x not in q.correct]
        s.answer(letters[: q.choose], when + timedelta(seconds=10 * i))
    run.finish(when + timedelta(minutes=5))
    return run


async def test_history_lists_past_attempts_with_domains_and_trend_and_opens_one(
    tmp_path: Path,
) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    first = _sit(repo, ExamPlan("saa-c03", "practice", count=10, seed=1), clock.t, right=4)
    _sit(repo, ExamPlan("saa-c03", "practice", count=10, seed=2), clock.t + timedelta(days=1), 7)
    _sit(repo, ExamPlan("dva-c02", "quiz", seed=3), clock.t + timedelta(days=2), right=5)
    abandoned = ExamRun.start(repo, ExamPlan("saa-c03", "practice", count=10, seed=9), clock.t)
    repo.abandon_attempt(int(abandoned.attempt_id or 0), clock.t + timedelta(days=3))
    repo.close()

    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("h")
        await _until(pilot, lambda: isinstance(app.screen, ExamHistoryScreen))
        table = app.screen.query_one("#history-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert len(rows) == 3  # the abandoned attempt has no score: not listed
        assert [r[1:6] for r in rows] == [
            ["DVA-C02", "quiz", "50%", "5/10", "first"],
            ["SAA-C03", "practice", "730 pass", "7/10", "+30 pts"],
            ["SAA-C03", "practice", "460 fail", "4/10", "first"],
        ]
        assert all(r[6].startswith(("1: ", "2: ", "3: ", "4: ")) for r in rows)
        trend = _text(app, "#history-trend")
        assert "SAA-C03 practice:" in trend and "40% → 70%, up 30 points over 2 attempts" in trend
        assert "DVA-C02 quiz:" in trend and "(one attempt)" in trend
        assert "5/10 right (50%)" in _text(app, "#history-detail")
        await pilot.press("down", "down")
        detail = _text(app, "#history-detail")
        assert "4/10 right (40%), estimated score 460" in detail
        assert "1. Design Secure Architectures:" in detail
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ExamResultScreen))
        assert "4/10 right" in _text(app, "#result-summary")
        shown = app.screen.run.session.questions  # type: ignore[attr-defined]
        assert [(q.id, q.options) for q in shown] == [
            (q.id, q.options) for q in first.session.questions
        ]  # the options in the order they were sat
        assert "Question 1 of 10: right" in _text(app, "#result-question")
        await pilot.press("i")
        assert "Showing incorrect: 1 of 6" in _text(app, "#result-filter")
        assert "Question 5 of 10: wrong" in _text(app, "#result-question")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ExamHistoryScreen))
        await pilot.press("escape")
        await _until(pilot, lambda: app.screen.query("#exams-list"))
        assert isinstance(app.screen.query_one("#exams-list"), OptionList)


async def test_history_says_so_when_nothing_was_sat(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    Collection.open(db).close()
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("h")
        await _until(pilot, lambda: isinstance(app.screen, ExamHistoryScreen))
        assert _text(app, "#history-trend").startswith("No finished attempts yet")
        assert not app.screen.query_one("#history-table", DataTable).display


def _app(db: Path, repo: Collection, plan: ExamPlan, clock: FakeClock) -> StudyApp:
    def launch(app: Any) -> None:
        open_exam(app, repo, plan, now=clock)

    return make_app(db, import_bundled=False, config=Config(), launch=launch)


async def test_after_an_exam_the_review_filters_to_incorrect_flagged_or_blank(
    tmp_path: Path,
) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    app = _app(db, repo, ExamPlan("saa-c03", "practice", count=5, seed=6), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        s = app.screen.run.session  # type: ignore[attr-defined]
        qs = s.questions
        await pilot.press(*_wrong(qs[0]), "f", "n")  # 1 wrong, flagged
        await pilot.press(*_right(qs[1]), "n")  # 2 right
        await pilot.press("f", "n")  # 3 blank, flagged
        await pilot.press(*_wrong(qs[3]), "n")  # 4 wrong
        await pilot.press(*_right(qs[4]))  # 5 right
        await pilot.press("s", "s", "y")
        await _until(pilot, lambda: isinstance(app.screen, ExamResultScreen))
        assert "Showing all: 1 of 5" in _text(app, "#result-filter")
        legend = _text(app, "#result-filter")
        assert "i incorrect (2)" in legend and "f flagged (2)" in legend
        assert "b blank (1)" in legend and "a all (5)" in legend

        await pilot.press("i")
        assert "Showing incorrect: 1 of 2" in _text(app, "#result-filter")
        assert "Question 1 of 5: wrong" in _text(app, "#result-question")
        await pilot.press("n")
        assert "Question 4 of 5: wrong" in _text(app, "#result-question")
        await pilot.press("n")  # the last incorrect one: stays
        assert "Showing incorrect: 2 of 2" in _text(app, "#result-filter")

        await pilot.press("f")
        assert "Showing flagged: 1 of 2" in _text(app, "#result-filter")
        detail = _text(app, "#result-question")
        assert "Question 1 of 5: wrong  ⚑ flagged" in detail
        await pilot.press("n")
        assert "Question 3 of 5: blank  ⚑ flagged" in _text(app, "#result-question")
        await pilot.press("p")
        assert "Question 1 of 5" in _text(app, "#result-question")

        await pilot.press("b")
        assert "Showing blank: 1 of 1" in _text(app, "#result-filter")
        assert "Question 3 of 5: blank" in _text(app, "#result-question")
        assert "Your answer: none." in _text(app, "#result-question")

        await pilot.press("a", "n")
        assert "Showing all: 4 of 5" in _text(app, "#result-filter")
        assert "Question 4 of 5: wrong" in _text(app, "#result-question")
    repo.close()


async def test_a_filter_with_nothing_to_show_says_so(tmp_path: Path) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    app = _app(db, repo, ExamPlan("saa-c03", "practice", count=2, seed=4), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        s = app.screen.run.session  # type: ignore[attr-defined]
        await pilot.press(*_right(s.questions[0]), "n", *_right(s.questions[1]))
        await pilot.press("s", "s", "y")
        await _until(pilot, lambda: isinstance(app.screen, ExamResultScreen))
        for key, name in (("i", "incorrect"), ("f", "flagged"), ("b", "blank")):
            await pilot.press(key)
            assert f"No {name} questions in this attempt." in _text(app, "#result-notice")
            assert "Showing all: 1 of 2" in _text(app, "#result-filter")
    repo.close()


async def test_a_quiz_leaves_an_unfinished_mock_exam_alone(tmp_path: Path) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    mock = ExamPlan("saa-c03", "practice", count=5, seed=8)
    app = _app(db, repo, mock, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        first = app.screen.run.session.current  # type: ignore[attr-defined]
        await pilot.press(*_right(first), "q")
        await _until(pilot, lambda: not isinstance(app.screen, ExamScreen))
    practice = repo.unfinished_attempt("saa-c03")
    assert practice is not None and practice.mode == "practice"

    quiz = _app(db, repo, ExamPlan("saa-c03", "quiz", seed=2), clock)
    async with quiz.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(quiz.screen, (ExamScreen, ConfirmScreen)))
        assert isinstance(quiz.screen, ExamScreen)  # no offer to resume or close the mock
        assert "SAA-C03 quiz" in _text(quiz, "#exam-status")
        await pilot.press("q")
        await _until(pilot, lambda: not isinstance(quiz.screen, ExamScreen))
    kinds = sorted(row.mode for row in repo.unfinished_attempts())
    assert kinds == ["practice", "quiz"]

    again = _app(db, repo, mock, clock)  # the same kind: offered, and still there
    async with again.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        assert "SAA-C03 practice: 1/5 answered" in _text(again, "#confirm-message")
        await pilot.press("n")  # start a new one: only the old practice attempt is closed
        await _until(pilot, lambda: isinstance(again.screen, ExamScreen))
    kinds = sorted(row.mode for row in repo.unfinished_attempts())
    assert kinds == ["practice", "quiz"]
    assert repo.attempt(practice.id).finished_at is not None  # type: ignore[union-attr]
    repo.close()


def test_history_command_prints_the_attempts_and_the_trend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from studyapp.cli.main import main

    db, t = tmp_path / "db.sqlite3", datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    repo = Collection.open(db)
    _sit(repo, ExamPlan("saa-c03", "practice", count=10, seed=1), t, right=4)
    _sit(repo, ExamPlan("saa-c03", "practice", count=10, seed=2), t + timedelta(days=1), 7)
    repo.close()
    assert main(["--db", str(db), "history", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(a["right"], a["scaled"], a["change"]) for a in data["attempts"]] == [
        (7, 730, 30.0),
        (4, 460, None),
    ]
    assert data["trends"] == [{"exam": "saa-c03", "kind": "practice", "percents": [40.0, 70.0]}]
    assert main(["--db", str(db), "history", "saa-c03"]) == 0
    out = capsys.readouterr().out
    assert "SAA-C03 practice: " in out and "up 30 points over 2 attempts" in out
    assert "SAA-C03 practice: 7/10 (70%) 730 pass  +30 pts  per domain 1: " in out
    assert main(["--db", str(db), "history", "dva-c02"]) == 0
    assert "No finished attempts yet" in capsys.readouterr().out
    assert main(["--db", str(db), "history", "xyz-c01"]) == 2
