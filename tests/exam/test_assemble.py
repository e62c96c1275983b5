from __future__ import annotations

from collections import Counter

import pytest
from exam_builders import generated_bank, make_question

from studyapp.exam.assemble import Scope, apportion, assemble, quiz
from studyapp.exam.guide import ExamGuide


def test_largest_remainder_apportionment_of_the_real_weights() -> None:
    assert apportion({1: 30, 2: 26, 3: 24, 4: 20}, 65) == {1: 19, 2: 17, 3: 16, 4: 13}
    assert apportion({1: 32, 2: 26, 3: 24, 4: 18}, 65) == {1: 21, 2: 17, 3: 15, 4: 12}
    assert apportion({1: 30, 2: 26, 3: 24, 4: 20}, 50) == {1: 15, 2: 13, 3: 12, 4: 10}
    assert apportion({1: 32, 2: 26, 3: 24, 4: 18}, 50) == {1: 16, 2: 13, 3: 12, 4: 9}


@pytest.mark.parametrize("code", ["saa-c03", "dva-c02"])
@pytest.mark.parametrize("count", [None, 65, 30, 10])
def test_mock_and_practice_exams_follow_the_domain_weights(
    guides: dict[str, ExamGuide], code: str, count: int | None
) -> None:
    guide = guides[code]
    result = assemble(guide, generated_bank(guide), count=count, seed=7)
    want = count or 65
    assert len(result.questions) == want
    assert len(set(result.ids)) == want
    assert result.per_domain() == apportion(guide.weights, want)
    assert result.notes == () and result.repeated == ()


def test_questions_are_spread_over_task_statements(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    result = assemble(guide, generated_bank(guide), seed=1)
    d3_tasks = Counter(q.task for q in result.questions if q.domain == 3)
    assert set(d3_tasks) == {"3.1", "3.2", "3.3", "3.4", "3.5"}
    assert max(d3_tasks.values()) - min(d3_tasks.values()) <= 1


def test_same_seed_same_exam_other_seed_other_order(guides: dict[str, ExamGuide]) -> None:
    guide = guides["dva-c02"]
    bank = generated_bank(guide)
    assert assemble(guide, bank, seed=3).ids == assemble(guide, list(reversed(bank)), seed=3).ids
    assert assemble(guide, bank, seed=3).ids != assemble(guide, bank, seed=4).ids


def test_the_last_attempts_questions_are_not_repeated(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    bank = generated_bank(guide, per_domain=40)
    first = assemble(guide, bank, seed=1)
    second = assemble(guide, bank, seed=2, avoid_ids=frozenset(first.ids))
    assert not set(first.ids) & set(second.ids)
    assert second.repeated == ()


def test_repeats_only_when_the_bank_runs_out_and_says_so(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    bank = generated_bank(guide, per_domain=20)
    first = assemble(guide, bank, seed=1)
    second = assemble(guide, bank, seed=2, avoid_ids=frozenset(first.ids))
    assert len(second.questions) == 65
    unused_before = {q.id for q in bank} - set(first.ids)
    assert unused_before <= set(second.ids)  # every new question is used first
    assert set(second.repeated) == set(second.ids) & set(first.ids)
    assert len(second.repeated) == 65 - len(unused_before)
    assert any("repeated from your last attempt" in note for note in second.notes)


def test_a_thin_domain_is_topped_up_from_the_others(guides: dict[str, ExamGuide]) -> None:
    guide = guides["dva-c02"]
    bank = [q for q in generated_bank(guide) if q.domain != 4 or q.id.endswith(("0", "1"))]
    result = assemble(guide, bank, seed=5)
    assert len(result.questions) == 65
    assert result.per_domain()[4] == sum(1 for q in bank if q.domain == 4)
    assert any(note.startswith("Domain 4: ") for note in result.notes)
    assert any("other domains" in note for note in result.notes)


def test_a_small_bank_gives_a_short_exam_and_says_so(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    bank = generated_bank(guide, per_domain=5)
    result = assemble(guide, bank, seed=0)
    assert len(result.questions) == 20
    assert any("only 20" in note for note in result.notes)


def test_other_exams_questions_never_appear(guides: dict[str, ExamGuide]) -> None:
    saa, dva = guides["saa-c03"], guides["dva-c02"]
    result = assemble(saa, generated_bank(saa) + generated_bank(dva), seed=0)
    assert {q.exam for q in result.questions} == {"saa-c03"}


def test_quiz_draws_only_from_its_scope(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    bank = generated_bank(guide)
    by_task = quiz(bank, Scope(exam="saa-c03", task="3.2"), count=5, seed=1)
    assert len(by_task.questions) == 5 and {q.task for q in by_task.questions} == {"3.2"}
    by_domain = quiz(bank, Scope(exam="saa-c03", domain=2), count=10, seed=1)
    assert {q.domain for q in by_domain.questions} == {2}
    assert Counter(q.task for q in by_domain.questions) == {"2.1": 5, "2.2": 5}


def test_quiz_prefers_new_questions_and_reports_a_short_scope() -> None:
    bank = [make_question(f"q{i}") for i in range(6)]
    result = quiz(bank, Scope(), count=4, seed=0, avoid_ids={"q0", "q1", "q2"})
    assert {"q3", "q4", "q5"} <= set(result.ids)
    assert len(result.repeated) == 1
    small = quiz(bank, Scope(), count=10, seed=0)
    assert len(small.questions) == 6 and small.notes
