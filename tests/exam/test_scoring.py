from __future__ import annotations

from exam_builders import make_question

from studyapp.exam.guide import ExamGuide
from studyapp.exam.scoring import estimated_scaled, score


def test_linear_scaled_estimate() -> None:
    assert estimated_scaled(0.72, (100, 1000)) == 748
    assert estimated_scaled(0.0, (100, 1000)) == 100
    assert estimated_scaled(1.0, (100, 1000)) == 1000


def test_blank_is_wrong_and_pass_needs_720(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    qs = [make_question(f"q{i:02d}", domain=1 + i % 4) for i in range(50)]
    right = {q.id: ["A"] for q in qs[:36]}  # 72%
    result = score(guide, qs, right)
    assert (result.right, result.asked, result.blank) == (36, 50, 14)
    assert result.scaled == 748 and result.passed
    fail = score(guide, qs, {q.id: ["A"] for q in qs[:34]})  # 68% -> 712
    assert fail.scaled == 712 and not fail.passed


def test_multiple_response_is_all_or_nothing(guides: dict[str, ExamGuide]) -> None:
    guide = guides["dva-c02"]
    q = make_question("mr", exam="dva-c02", choose=2)  # correct: A and B
    assert score(guide, [q], {"mr": ["B", "A"]}).right == 1
    assert score(guide, [q], {"mr": ["A"]}).right == 0
    assert score(guide, [q], {"mr": ["A", "C"]}).right == 0
    assert score(guide, [q], {"mr": ["A", "B", "C"]}).right == 0


def test_per_domain_percentages_and_time_per_question(guides: dict[str, ExamGuide]) -> None:
    guide = guides["saa-c03"]
    qs = [make_question("a", domain=1), make_question("b", domain=1), make_question("c", domain=2)]
    result = score(guide, qs, {"a": ["A"], "b": ["C"], "c": ["A"]}, {"a": 30.0, "b": 90.0})
    domains = {d.number: d for d in result.domains}
    assert domains[1].percent == 50.0 and domains[2].percent == 100.0
    assert domains[3].asked == 0 and domains[3].percent == 0.0
    assert [o.seconds for o in result.outcomes] == [30.0, 90.0, 0.0]
    assert result.seconds_per_question == 40.0
    saved = result.to_dict()
    assert saved["scaled_is_estimate"] is True
    assert saved["domains"][0] == {
        "number": 1,
        "name": domains[1].name,
        "weight": domains[1].weight,
        "asked": 2,
        "right": 1,
        "percent": 50.0,
    }
