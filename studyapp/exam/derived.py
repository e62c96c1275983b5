"""Quiz questions derived from comparison tables in the learner's notes (pure).

A table row's key (its first cell) and a column header make the stem; the right answer is that
row's cell, and the distractors are other rows' cells from the same column, so every option is
plausible. A row whose cell is blank or not unique in its column gives no question, and a column
needs at least four distinct values (the right one and three distractors).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question

LETTERS = "ABCD"


@dataclass(frozen=True)
class TableSource:
    """A table as plain rows: the first column names each row."""

    id: int | str
    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    topic_path: str = ""
    domains: Sequence[str] = ()  # "saa-c03:1.2" or "saa-c03:1" tags from the notes


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def place(domains: Sequence[str], guide: ExamGuide) -> tuple[int, str] | None:
    """(domain, task) for `guide` from a topic's domain tags; None when none names this exam."""
    for tag in domains:
        code, _, where = tag.strip().partition(":")
        if code.strip().lower() != guide.code or not where:
            continue
        head = where.strip().split(".")[0]
        if not head.isdigit():
            continue
        domain = guide.domain(int(head))
        if domain is None:
            continue
        task = domain.task(where.strip())
        return domain.number, (task or domain.tasks[0]).id
    return None


def table_questions(table: TableSource, guide: ExamGuide, seed: int | str = 0) -> list[Question]:
    """Every question the table gives for `guide` (none if its topic is not tagged for it)."""
    where = place(table.domains, guide)
    if where is None:
        return []
    domain, task = where
    rng = random.Random(f"table:{table.id}:{seed}")
    width = len(table.header)
    out: list[Question] = []
    for col in range(1, width):
        column = table.header[col].strip()
        if not column:
            continue
        cells = [
            (str(r[0]).strip(), str(r[col]).strip() if col < len(r) else "") for r in table.rows
        ]
        counts: dict[str, int] = {}
        for _, cell in cells:
            if cell:
                counts[_norm(cell)] = counts.get(_norm(cell), 0) + 1
        if len(counts) < 4:
            continue
        for row_i, (key, cell) in enumerate(cells):
            if not key or not cell or counts[_norm(cell)] != 1:
                continue
            others: dict[str, tuple[str, str]] = {}
            for other_key, other in cells:
                if other and _norm(other) != _norm(cell):
                    others.setdefault(_norm(other), (other_key, other))
            pool = sorted(others.values())
            picks = rng.sample(pool, 3)
            options = [(key, cell, True)] + [(k, c, False) for k, c in picks]
            rng.shuffle(options)
            lettered = list(zip(LETTERS, options, strict=True))
            caption = table.caption.strip() or table.topic_path or "your notes"
            out.append(
                Question(
                    id=f"table-{table.id}-r{row_i}-c{col}",
                    exam=guide.code,
                    domain=domain,
                    task=task,
                    difficulty="easy",
                    stem=f"From the comparison table “{caption}”: what is the {column} of {key}?",
                    choose=1,
                    options=tuple((letter, text) for letter, (_, text, _) in lettered),
                    correct=frozenset(letter for letter, (_, _, ok) in lettered if ok),
                    explanations=tuple(
                        (
                            letter,
                            f"Right: the table gives {key} this {column}."
                            if ok
                            else f"That is the {column} of {row_key}, not of {key}.",
                        )
                        for letter, (row_key, _, ok) in lettered
                    ),
                    references=(),
                    origin="table",
                )
            )
    return out


def derived_questions(
    tables: Sequence[TableSource], guide: ExamGuide, seed: int | str = 0
) -> list[Question]:
    return [q for t in tables for q in table_questions(t, guide, seed)]
