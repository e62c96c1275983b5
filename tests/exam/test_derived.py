"""Quiz questions derived from a comparison table: row key + column, distractors from the column."""

from __future__ import annotations

from studyapp.exam.derived import (
    TableSource,
    derived_questions,
    place,
    row_stem,
    table_questions,
)
from studyapp.exam.guide import ExamGuide

HEADER = ["Queue", "Ordering", "Max retention"]
ROWS = [
    ["Standard", "best effort", "14 days"],
    ["FIFO", "strict per group", "14 days"],
    ["Kinesis", "per shard", "365 days"],
    ["SNS", "none kept", "no storage"],
    ["MQ", "per queue", "broker setting"],
]


def _table(domains: tuple[str, ...] = ("saa-c03:2.1",)) -> TableSource:
    return TableSource(7, "Messaging services", HEADER, ROWS, "Messaging", domains)


def test_each_unique_cell_gives_a_question_with_distractors_from_its_column(
    guides: dict[str, ExamGuide],
) -> None:
    qs = table_questions(_table(), guides["saa-c03"], seed=1)
    # Ordering: 5 distinct cells -> 5 questions. Retention: "14 days" twice, and the 3 unique
    # cells have too few look-alikes (days vs words) to make four options.
    assert len(qs) == 5
    column = {r[1] for r in ROWS}
    for q in qs:
        assert q.exam == "saa-c03" and (q.domain, q.task) == (2, "2.1")
        assert q.choose == 1 and len(q.options) == 4 and len(q.correct) == 1
        assert q.origin == "table"
        texts = [text for _, text in q.options]
        assert len(set(texts)) == 4 and set(texts) <= column
    fifo = next(q for q in qs if "“FIFO”" in q.stem)
    assert fifo.stem.startswith("For the queue “FIFO”, what is the ordering?")
    (right,) = fifo.correct
    assert fifo.option(right) == "strict per group"
    wrong = next(letter for letter in fifo.letters if letter != right)
    assert "not for FIFO" in fifo.explanation(wrong)


def test_stems_read_as_english_whatever_the_header() -> None:
    kms = row_stem("Key type", "AWS owned key", "Who creates and manages it")
    assert (
        kms == "For the key type “AWS owned key”, which of these says who creates and manages it?"
    )
    assert row_stem("Volume type", "gp3", "Max IOPS per volume") == (
        "For the volume type “gp3”, what is the max IOPS per volume?"
    )
    assert row_stem("Purchase option", "Spot", "Can AWS interrupt?") == (
        "For the purchase option “Spot”, which answer fits the question “Can AWS interrupt?”?"
    )
    assert row_stem("Load balancer", "ALB", "Routes on") == (
        "For the load balancer “ALB”, which entry belongs under “Routes on”?"
    )
    assert row_stem("Storage class", "S3 Standard", "AZs") == (
        "For the storage class “S3 Standard”, what are the AZs?"
    )


def test_distractors_cannot_be_told_apart_by_their_form(guides: dict[str, ExamGuide]) -> None:
    header = ["Volume type", "Max IOPS", "Best use"]
    rows = [
        ["gp3", "80,000", "Most workloads: boot volumes, dev and test"],
        ["gp2", "16,000", "Older general purpose volumes"],
        ["io2 Block Express", "256,000", "Large databases that need sub-millisecond latency"],
        ["io1", "64,000", "I/O-intensive databases"],
        ["st1", "500", "Big sequential reads: logs, data warehouses"],
        ["sc1", "250", "Cold data read rarely"],
        ["standard", "about 100", "Previous generation: none"],
    ]
    table = TableSource(3, "EBS", header, rows, "Storage", ("saa-c03:3.1",))
    qs = table_questions(table, guides["saa-c03"], seed=4)
    for q in qs:
        texts = [t for _, t in q.options]
        digits = {any(ch.isdigit() for ch in t) for t in texts}
        assert len(digits) == 1, texts  # all numbers or all words
        assert max(map(len, texts)) <= 2.5 * min(map(len, texts)), texts
    iops = [q for q in qs if "max IOPS" in q.stem]
    assert len(iops) == 7


def test_feature_tables_name_the_thing_from_its_cell(guides: dict[str, ExamGuide]) -> None:
    header = ["Feature", "Standard", "Intelligent-Tiering", "Standard-IA", "Glacier Deep Archive"]
    rows = [
        ["Minimum storage duration", "none", "none", "30 days", "180 days"],
        ["Retrieval", "milliseconds", "milliseconds", "milliseconds", "within 12 hours"],
    ]
    table = TableSource(5, "S3 storage classes", header, rows, "Storage", ("saa-c03:3.1",))
    qs = table_questions(table, guides["saa-c03"], seed=2)
    stems = sorted(q.stem.split(" (From")[0] for q in qs)
    assert stems == [
        "Which one has “180 days” as its minimum storage duration?",
        "Which one has “30 days” as its minimum storage duration?",
        "Which one has “within 12 hours” as its retrieval?",
    ]
    deep = next(q for q in qs if "180 days" in q.stem)
    assert {t for _, t in deep.options} <= set(header[1:])
    assert deep.option(next(iter(deep.correct))) == "Glacier Deep Archive"
    two = TableSource(
        6,
        "SG vs NACL",
        ["Feature", "SG", "NACL"],
        [["State", "stateful", "stateless"]],
        "",
        ("saa-c03:1.2",),
    )
    assert table_questions(two, guides["saa-c03"]) == []


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
