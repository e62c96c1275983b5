"""Options shuffled per attempt: seeded, relettered with the key following its option, kept with
the attempt so that a resumed or reviewed attempt shows the same order."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from exam_builders import REPO

from studyapp.exam.bank import load_bank
from studyapp.exam.guide import ExamGuide
from studyapp.exam.session import ExamSession
from studyapp.exam.shuffle import bank_letters, order_for, reorder
from studyapp.store.collection import Collection
from studyapp.usecases.examining import ExamPlan, ExamRun

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _bank(guides: dict[str, ExamGuide]):  # type: ignore[no-untyped-def]
    return load_bank(REPO / "content" / "questions", guides)


def test_the_key_follows_its_option_when_the_options_move(guides: dict[str, ExamGuide]) -> None:
    for q in _bank(guides).questions[:50]:
        order = order_for(q, 7)
        shown = reorder(q, order)
        assert sorted(shown.letters) == sorted(q.letters)
        assert {shown.option(k) for k in shown.correct} == {q.option(k) for k in q.correct}
        for letter in shown.letters:
            bank = order[ord(letter) - ord("A")]
            assert shown.option(letter) == q.option(bank)
            assert shown.explanation(letter) == q.explanation(bank)
        assert bank_letters(order, shown.correct) == tuple(sorted(q.correct))


def test_keys_land_on_every_letter_and_the_same_seed_gives_the_same_order(
    guides: dict[str, ExamGuide],
) -> None:
    single = [q for q in _bank(guides).for_exam("saa-c03") if q.choose == 1]
    keys = Counter(next(iter(reorder(q, order_for(q, 11)).correct)) for q in single)
    assert set(keys) == set("ABCD") and max(keys.values()) < 0.4 * len(single)
    assert [order_for(q, 11) for q in single] == [order_for(q, 11) for q in single]
    assert [order_for(q, 11) for q in single] != [order_for(q, 12) for q in single]


def test_a_saved_attempt_comes_back_in_the_order_it_was_shown(guides: dict[str, ExamGuide]) -> None:
    qs = _bank(guides).for_exam("dva-c02")[:10]
    session = ExamSession.start(guides["dva-c02"], qs, T0, shuffle_seed=5)
    assert any(s.options != q.options for s, q in zip(session.questions, qs, strict=True))
    session.toggle("A", T0 + timedelta(seconds=5))
    back = ExamSession.from_dict(session.to_dict())
    assert [q.options for q in back.questions] == [q.options for q in session.questions]
    assert [q.correct for q in back.questions] == [q.correct for q in session.questions]
    assert back.orders == session.orders and back.shuffle_seed == 5
    first = qs[0]
    assert back.bank_answer(first.id, ("A",)) == (session.orders[first.id][0],)


def test_an_attempt_resumed_from_the_collection_shows_the_same_options(tmp_path: Path) -> None:
    repo = Collection.open(tmp_path / "db.sqlite3")
    run = ExamRun.start(repo, ExamPlan("saa-c03", "practice", count=8, seed=4), T0)
    shown = [(q.id, q.options, q.correct) for q in run.session.questions]
    q = run.session.current
    wrong = next(letter for letter in q.letters if letter not in q.correct)
    run.session.toggle(wrong, T0 + timedelta(seconds=20))
    run.suspend(T0 + timedelta(seconds=21))
    repo.close()

    repo = Collection.open(tmp_path / "db.sqlite3")
    row = repo.unfinished_attempt("saa-c03")
    assert row is not None
    again = ExamRun.resume(repo, row, T0 + timedelta(hours=1))
    assert [(x.id, x.options, x.correct) for x in again.session.questions] == shown
    again.finish(T0 + timedelta(hours=1, minutes=1))
    stored = repo.attempt_answers(row.id)[0]
    order = again.session.orders[q.id]
    assert stored.chosen == (order[ord(wrong) - ord("A")],)  # told in the bank's letters
    assert stored.correct is False
