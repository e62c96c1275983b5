"""Quiz questions derived from a comparison table: row key + column, distractors from the column."""

from __future__ import annotations

from studyapp.exam.derived import TableSource, derived_questions, place, table_questions
from studyapp.exam.guide import ExamGuide

HEADER = ["Queue", "Ordering", "Max retention"]
ROWS = [
    ["Standard", "best effort", "14 days"],
    ["FIFO", "strict per group", "14 days"],
    ["Kinesis", "per shard", "365 days"],
    ["SNS", "none", "no storage"],
    ["MQ", "per queue", "broker setting"],
]


def _table(domains: tuple[str, ...] = ("saa-c03:2.1",)) -> TableSource:
    return TableSource(7, "Messaging services", HEADER, ROWS, "Messaging", domains)


def test_each_unique_cell_gives_a_question_with_distractors_from_its_column(
    guides: dict[str, ExamGuide],
) -> None:
    qs = table_questions(_table(), guides["saa-c03"], seed=1)
    # Ordering: 5 distinct cells -> 5 questions; retention: "14 days" twice -> 3 unique rows.
    assert len(qs) == 5 + 3
    column = {r[1] for r in ROWS}
    for q in qs:
        assert q.exam == "saa-c03" and (q.domain, q.task) == (2, "2.1")
        assert q.choose == 1 and len(q.options) == 4 and len(q.correct) == 1
        assert q.origin == "table"
        texts = [text for _, text in q.options]
        assert len(set(texts)) == 4
        if "Ordering" in q.stem:
            assert set(texts) <= column
    fifo = next(q for q in qs if "Ordering of FIFO" in q.stem)
    (right,) = fifo.correct
    assert fifo.option(right) == "strict per group"
    wrong = next(letter for letter in fifo.letters if letter != right)
    assert "not of FIFO" in fifo.explanation(wrong)


def test_no_questions_without_a_tag_for_the_exam_or_enough_distinct_cells(
    guides: dict[str, ExamGuide],
) -> None:
    assert table_questions(_table(("dva-c02:1.1",)), guides["saa-c03"]) == []
    assert table_questions(_table(()), guides["saa-c03"]) == []
    small = TableSource(
        1, "t", ["k", "v"], [["a", "1"], ["b", "2"], ["c", "3"]], "", ("saa-c03:1",)
    )
    assert table_questions(small, guides["saa-c03"]) == []


def test_a_domain_tag_without_a_task_uses_the_domains_first_task(
    guides: dict[str, ExamGuide],
) -> None:
    assert place(("dva-c02:3",), guides["dva-c02"]) == (3, "3.1")
    assert place(("saa-c03:9.1",), guides["saa-c03"]) is None
    qs = derived_questions([_table(("dva-c02:1",))], guides["dva-c02"], seed=0)
    assert qs and all((q.exam, q.domain, q.task) == ("dva-c02", 1, "1.1") for q in qs)
    again = derived_questions([_table(("dva-c02:1",))], guides["dva-c02"], seed=0)
    assert [q.options for q in again] == [q.options for q in qs]  # deterministic for a seed
