from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from exam_builders import make_question

from studyapp.exam.guide import ExamGuide
from studyapp.exam.session import ExamOver, ExamSession

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def session(guides: dict[str, ExamGuide], n: int = 65, mode: str = "timed") -> ExamSession:
    qs = [make_question(f"q{i:02d}", domain=1 + i % 4) for i in range(n - 1)]
    qs.append(make_question("mr", domain=2, choose=2))
    return ExamSession.start(guides["saa-c03"], qs, T0, mode=mode)  # type: ignore[arg-type]


def test_answer_change_flag_and_the_navigator(guides: dict[str, ExamGuide]) -> None:
    s = session(guides, n=4)
    s.answer(["B"], at(1))
    s.answer(["A"], at(2))  # changed mind
    s.flag(at(2))
    s.goto(3, at(3))
    s.toggle("A", at(4))  # one of two picks
    rows = s.navigator()
    assert [(r.status, r.flagged, r.current) for r in rows] == [
        ("answered", True, False),
        ("blank", False, False),
        ("blank", False, False),
        ("incomplete", False, True),
    ]
    s.toggle("B", at(5))
    s.previous(at(5))
    s.goto(0, at(6))
    s.unflag(at(6))
    assert s.navigator()[3].status == "answered" and not s.navigator()[0].flagged
    result = s.submit(at(7))
    assert result.right == 2 and not result.auto_submitted
    assert [round(o.seconds) for o in result.outcomes] == [240, 0, 60, 120]


def test_bad_answers_are_refused(guides: dict[str, ExamGuide]) -> None:
    s = session(guides, n=4)
    with pytest.raises(ValueError):
        s.answer(["Z"], at(1))
    with pytest.raises(ValueError):
        s.answer(["A", "B"], at(1))  # single choice
    s.goto(3, at(1))
    with pytest.raises(ValueError):
        s.answer(["A", "B", "C"], at(1))  # choose 2


def test_the_clock_warns_at_ten_minutes_and_submits_at_zero(guides: dict[str, ExamGuide]) -> None:
    s = session(guides)
    assert s.remaining(at(0)) == timedelta(minutes=130)
    assert not s.warning_due(at(119))
    assert s.warning_due(at(120.5))
    s.acknowledge_warning()
    assert not s.warning_due(at(121))
    s.answer(["A"], at(125))
    assert s.tick(at(129)) is None
    assert s.expired(at(130)) and s.remaining(at(131)) == timedelta(0)
    result = s.tick(at(131))
    assert result is not None and result.auto_submitted and result.right == 1
    assert round(result.seconds) == 130 * 60  # time after the deadline is not counted
    with pytest.raises(ExamOver):
        s.answer(["B"], at(132))


def test_an_answer_after_the_deadline_submits_without_it(guides: dict[str, ExamGuide]) -> None:
    s = session(guides)
    with pytest.raises(ExamOver):
        s.answer(["A"], at(140))
    assert s.result is not None and s.result.auto_submitted and s.result.right == 0


def test_resume_after_saving_keeps_everything_and_not_the_time_away(
    guides: dict[str, ExamGuide],
) -> None:
    s = session(guides)
    s.answer(["A"], at(5))
    s.flag(at(5))
    s.goto(64, at(10))
    s.answer(["A", "B"], at(20))
    s.acknowledge_warning()
    saved = json.loads(json.dumps(s.to_dict()))  # a plain, JSON-safe dict

    back = ExamSession.from_dict(saved)  # the app quit right after minute 20
    assert back.remaining(at(60 * 24)) == timedelta(minutes=110)  # paused while away
    assert back.current.id == "mr" and back.navigator()[0].flagged and back.warned
    back.resume(at(60 * 24))  # opened again the next day
    back.goto(1, at(60 * 24 + 1))  # one more minute on "mr"
    assert back.remaining(at(60 * 24 + 1)) == timedelta(minutes=109)
    result = back.submit(at(60 * 24 + 2))
    assert result.right == 2
    outcomes = {o.id: o.seconds for o in result.outcomes}
    assert round(outcomes["mr"]) == 11 * 60 and round(outcomes["q01"]) == 60
    assert ExamSession.from_dict(back.to_dict()).result == result


def test_suspend_stops_the_clock(guides: dict[str, ExamGuide]) -> None:
    s = session(guides)
    s.suspend(at(30))
    assert s.remaining(at(90)) == timedelta(minutes=100)
    s.next(at(90))
    assert s.remaining(at(95)) == timedelta(minutes=95)


def test_review_mode_reveals_then_locks_the_answer(guides: dict[str, ExamGuide]) -> None:
    s = session(guides, n=3, mode="review")
    assert s.remaining(at(500)) is None and not s.expired(at(500))
    s.answer(["C"], at(1))
    shown = s.reveal(at(1))
    assert shown.correct == ("A",) and shown.chosen == ("C",) and not shown.right
    assert [(k, ok) for k, _why, ok in shown.explanations] == [
        ("A", True),
        ("B", False),
        ("C", False),
        ("D", False),
    ]
    assert shown.references
    with pytest.raises(ValueError):
        s.answer(["A"], at(2))


def test_timed_mode_never_reveals(guides: dict[str, ExamGuide]) -> None:
    s = session(guides, n=3)
    with pytest.raises(ValueError):
        s.reveal(at(1))


def test_practice_exam_time_follows_the_real_pace(guides: dict[str, ExamGuide]) -> None:
    s = session(guides, n=20)
    assert s.remaining(at(0)) == timedelta(minutes=40)


def test_times_must_be_timezone_aware(guides: dict[str, ExamGuide]) -> None:
    s = session(guides, n=2)
    with pytest.raises(ValueError):
        s.answer(["A"], datetime(2025, 3, 1, 9, 5))
