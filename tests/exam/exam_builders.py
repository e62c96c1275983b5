"""Builders for exam tests: a generated bank big enough for any mock."""

from __future__ import annotations

from pathlib import Path

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def make_question(
    qid: str, exam: str = "saa-c03", domain: int = 1, task: str | None = None, choose: int = 1
) -> Question:
    letters = "ABCD" if choose == 1 else "ABCDE"
    correct = frozenset(letters[:choose])
    return Question(
        id=qid,
        exam=exam,
        domain=domain,
        task=task or f"{domain}.1",
        difficulty="medium",
        stem=f"Generated stem for {qid}. Which option is right?",
        choose=choose,
        options=tuple((k, f"option {k} of {qid}") for k in letters),
        correct=correct,
        explanations=tuple((k, f"why {k}") for k in letters),
        references=("https://docs.aws.amazon.com/",),
    )


def generated_bank(guide: ExamGuide, per_domain: int = 40) -> list[Question]:
    """`per_domain` questions in every domain, dealt over its task statements."""
    bank = []
    for d in guide.domains:
        for i in range(per_domain):
            task = d.tasks[i % len(d.tasks)].id
            bank.append(
                make_question(f"{guide.code}-d{d.number}-{i:03d}", guide.code, d.number, task)
            )
    return bank
