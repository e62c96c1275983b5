"""The bundled bank in content/questions: every question valid, enough of them, spread to weights.

Passes once the question writers have finished the bank.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlparse

import pytest
from exam_builders import REPO

from studyapp.exam.bank import BankResult, load_bank
from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import normalise_stem

MINIMUM = {"saa-c03": 390, "dva-c02": 390}  # six full mock exams of 65 each
AWS_HOSTS = ("aws.amazon.com", "amazon.com", "awsstatic.com")


@pytest.fixture(scope="module")
def bank(guides: dict[str, ExamGuide]) -> BankResult:
    return load_bank(REPO / "content" / "questions", guides)


def test_every_bundled_question_loads_without_errors(bank: BankResult) -> None:
    assert [str(e) for e in bank.errors] == []


def test_every_question_is_complete(bank: BankResult, guides: dict[str, ExamGuide]) -> None:
    for q in bank.questions:
        domain = guides[q.exam].domain(q.domain)
        assert domain is not None and domain.task(q.task) is not None, q.id
        assert q.correct <= set(q.letters) and len(q.correct) == q.choose, q.id
        assert [k for k, _ in q.explanations] == list(q.letters), q.id
        assert all(why.strip() for _, why in q.explanations), q.id
        hosts = [urlparse(ref).netloc for ref in q.references]
        assert any(h == d or h.endswith("." + d) for h in hosts for d in AWS_HOSTS), q.id


def test_no_two_questions_share_a_stem(bank: BankResult) -> None:
    stems = Counter(normalise_stem(q.stem) for q in bank.questions)
    assert [stem[:60] for stem, n in stems.items() if n > 1] == []


@pytest.mark.parametrize("code", sorted(MINIMUM))
def test_enough_questions_spread_to_the_domain_weights(
    bank: BankResult, guides: dict[str, ExamGuide], code: str
) -> None:
    questions = bank.for_exam(code)
    assert len(questions) >= MINIMUM[code]
    share = Counter(q.domain for q in questions)
    for domain in guides[code].domains:
        percent = 100 * share[domain.number] / len(questions)
        assert abs(percent - domain.weight) <= 3, (domain.number, round(percent, 1))


@pytest.mark.parametrize("code", sorted(MINIMUM))
def test_a_full_mock_can_be_assembled_without_repeats(
    bank: BankResult, guides: dict[str, ExamGuide], code: str
) -> None:
    from studyapp.exam.assemble import assemble

    first = assemble(guides[code], bank.questions, seed=1)
    assert len(first.questions) == 65 and len(set(first.ids)) == 65
    if len(bank.for_exam(code)) >= 130:
        second = assemble(guides[code], bank.questions, seed=2, avoid_ids=frozenset(first.ids))
        assert second.repeated == ()


@pytest.mark.parametrize("code", sorted(MINIMUM))
def test_six_distinct_full_mocks_can_be_sat_one_after_another(
    bank: BankResult, guides: dict[str, ExamGuide], code: str
) -> None:
    from studyapp.exam.assemble import assemble

    seen: set[str] = set()
    for seed in range(6):
        mock = assemble(guides[code], bank.questions, seed=seed, avoid_ids=frozenset(seen))
        assert len(mock.questions) == 65 and mock.repeated == (), (seed, mock.notes)
        seen |= set(mock.ids)
    assert len(seen) == 6 * 65
