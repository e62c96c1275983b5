"""Sitting exams with real keys: answer, flag, navigate, submit, result, mistakes -> cards,
the clock running out (a fake clock), quitting and resuming, review mode and quizzes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.widgets import Static

from studyapp.exam.question import Question
from studyapp.store.collection import Collection
from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.exam_nav import ConfirmScreen, NavigatorScreen
from studyapp.tui.exam_flow import open_exam
from studyapp.tui.factory import make_app
from studyapp.tui.screens.exam import ExamScreen
from studyapp.tui.screens.exam_result import ExamResultScreen
from studyapp.usecases.config import Config
from studyapp.usecases.examining import ExamPlan


class FakeClock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


def _app(db: Path, repo: Collection, plan: ExamPlan, clock: FakeClock) -> StudyApp:
    def launch(app: Any) -> None:
        open_exam(app, repo, plan, now=clock)

    return make_app(db, import_bundled=False, config=Config(), launch=launch)


def _text(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _right_keys(q: Question) -> list[str]:
    return [letter.lower() for letter in sorted(q.correct)]


def _wrong_keys(q: Question) -> list[str]:
    wrong = [letter for letter in q.letters if letter not in q.correct]
    return [letter.lower() for letter in wrong[: q.choose]]


async def _until(pilot: Any, test: Callable[[], bool]) -> None:
    for _ in range(50):
        if test():
            break
        await pilot.pause()
    assert test()
    await pilot.pause()  # let the new screen finish mounting


async def test_sitting_a_short_exam_end_to_end(tmp_path: Path) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    app = _app(db, repo, ExamPlan("saa-c03", "practice", count=5, seed=3), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        session = screen.run.session
        assert "Q 1/5" in _text(app, "#exam-status") and "Time left 10:00" in _text(
            app, "#exam-status"
        )
        q1 = session.current
        assert _text(app, "#exam-stem").startswith(q1.stem.split()[0])
        clock.advance(seconds=40)
        await pilot.press(*_right_keys(q1))
        assert "(•)" in _text(app, "#exam-options") or "[x]" in _text(app, "#exam-options")
        await pilot.press("n")
        q2 = session.current
        clock.advance(seconds=70)
        await pilot.press(*_wrong_keys(q2), "f")
        assert "⚑" in _text(app, "#exam-status")
        await pilot.press("right", "p")  # forward to 3, back to 2
        assert session.current.id == q2.id
        await pilot.press("g")
        assert isinstance(app.screen, NavigatorScreen)
        assert "2 answered, 0 incomplete, 3 blank, 1 flagged" in _text(app, "#nav-title")
        await pilot.press("b")  # the first blank question
        assert isinstance(app.screen, ExamScreen) and session.index == 2
        await pilot.press("s")
        assert isinstance(app.screen, NavigatorScreen)
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not yet
        assert isinstance(app.screen, ExamScreen) and not session.submitted
        await pilot.press("s", "s", "y")
        await _until(pilot, lambda: isinstance(app.screen, ExamResultScreen))
        summary = _text(app, "#result-summary")
        assert "Estimated score 280 on 100-1000" in summary  # 1 of 5 right
        assert "FAIL" in summary and "estimate" in summary
        assert "no pass mark per domain" in summary
        assert "1/5 right" in summary
        detail = _text(app, "#result-question")
        assert "Question 1 of 5: right" in detail and "time 00:40" in detail
        await pilot.press("c")  # a right answer makes no card
        assert "was right" in _text(app, "#result-notice")
        await pilot.press("w")
        detail = _text(app, "#result-question")
        assert "Question 2 of 5: wrong" in detail and "⚑ flagged" in detail
        assert "time 01:10" in detail and "← your answer" in detail
        await pilot.press("c")
        assert "Card added under Mock exam mistakes > SAA-C03" in _text(app, "#result-notice")
        await pilot.press("q")
        assert not isinstance(app.screen, ExamResultScreen)
    cards = repo.list_cards(topic="Mock exam mistakes")
    assert len(cards) == 1 and cards[0].front.startswith(q2.stem.split()[0])
    assert f"Mock exam mistakes > SAA-C03 domain {q2.domain}" == cards[0].topic_path
    (attempt,) = repo.attempts("saa-c03")
    assert attempt.mode == "practice" and attempt.scaled_score == 280 and attempt.passed is False
    answers = repo.attempt_answers(attempt.id)
    assert [a.correct for a in answers] == [True, False, False, False, False]
    assert [a.flagged for a in answers] == [False, True, False, False, False]
    repo.close()


async def test_the_clock_warns_then_submits_at_zero(tmp_path: Path) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    app = _app(db, repo, ExamPlan("dva-c02", "practice", count=20, seed=1), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        assert "Time left 40:00" in _text(app, "#exam-status")
        await pilot.press(*_right_keys(screen.run.session.current))
        clock.advance(minutes=31)
        screen.tick_clock()  # what the one-second interval calls
        await pilot.pause()
        assert "9 minute(s) left" in _text(app, "#exam-warning")
        assert "Time left 09:00" in _text(app, "#exam-status")
        clock.advance(minutes=10)
        screen.tick_clock()
        await _until(pilot, lambda: isinstance(app.screen, ExamResultScreen))
        summary = _text(app, "#result-summary")
        assert "Submitted automatically when the time ran out" in summary
        assert "1/20 right" in summary
    (attempt,) = repo.attempts("dva-c02")
    assert attempt.result is not None and attempt.result["auto_submitted"] is True
    assert len(repo.attempt_answers(attempt.id)) == 20
    repo.close()


async def test_quitting_mid_exam_then_resuming_finds_the_answers(tmp_path: Path) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    plan = ExamPlan("saa-c03", "practice", count=5, seed=8)
    app = _app(db, repo, plan, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        session = app.screen.run.session  # type: ignore[attr-defined]
        first = session.current
        clock.advance(minutes=3)
        await pilot.press(*_wrong_keys(first), "f", "n")
        second = session.current
        await pilot.press(*_right_keys(second))
        clock.advance(minutes=1)
        await pilot.press("q")
        assert not isinstance(app.screen, ExamScreen)
    clock.advance(hours=5)  # time away is not exam time
    again = _app(db, repo, plan, clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        assert "2/5 answered" in _text(again, "#confirm-message")
        await pilot.press("y")
        await _until(pilot, lambda: isinstance(again.screen, ExamScreen))
        resumed = again.screen.run.session  # type: ignore[attr-defined]
        assert resumed.current.id == second.id
        assert resumed.answers[first.id] == tuple(k.upper() for k in _wrong_keys(first))
        assert resumed.answers[second.id] == tuple(sorted(second.correct))
        assert resumed.flags == {first.id}
        assert "Time left 06:00" in _text(again, "#exam-status")
        assert "(resumed)" in _text(again, "#exam-status")
        await pilot.press("p")
        assert "⚑" in _text(again, "#exam-status")
    assert repo.unfinished_attempt("saa-c03") is not None
    repo.close()


async def test_review_mode_shows_the_answer_and_why_after_each_question(tmp_path: Path) -> None:
    db, clock = tmp_path / "db.sqlite3", FakeClock()
    repo = Collection.open(db)
    app = _app(db, repo, ExamPlan("saa-c03", "review", count=3, seed=2), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        session = app.screen.run.session  # type: ignore[attr-defined]
        assert "untimed" in _text(app, "#exam-status")
        q = session.current
        await pilot.press(*_wrong_keys(q), "enter")
        shown = _text(app, "#exam-reveal")
        assert f"the answer is {', '.join(sorted(q.correct))}" in shown
        assert shown.count("✓") == q.choose and shown.count("✗") == len(q.options) - q.choose
        await pilot.press(_right_keys(q)[0])  # locked once shown
        assert "can no longer change" in _text(app, "#exam-notice")
        await pilot.press("n")
        assert session.index == 1 and _text(app, "#exam-reveal") == ""
    repo.close()


async def test_home_e_opens_the_chooser_and_starts_a_quiz(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    Collection.open(db).close()
    app = make_app(db, import_bundled=False, config=Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
        from textual.widgets import OptionList

        listing = app.screen.query_one("#exams-list", OptionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(label.startswith("SAA-C03 full mock: 65 questions, 130 min") for label in labels)
        assert any(label.startswith("DVA-C02 quiz: domain 2") for label in labels)
        index = next(i for i, t in enumerate(labels) if t.startswith("SAA-C03 quiz: domain 3"))
        listing.highlighted = index
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ExamScreen))
        session = app.screen.run.session  # type: ignore[attr-defined]
        assert len(session.questions) == 10 and {q.domain for q in session.questions} == {3}
        assert "SAA-C03 quiz (domain 3)" in _text(app, "#exam-status")
        await pilot.press("q")  # kept to resume: the chooser now offers it first
        await pilot.pause()
        first = str(listing.get_option_at_index(0).prompt)
        assert first.startswith("Resume: SAA-C03 quiz: 0/10 answered")
