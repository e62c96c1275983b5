"""Options in a new order for each attempt (pure, seeded).

The bank writes options A-D (or A-E); an attempt shows them in an order drawn from its seed and
the question's id, relettered A, B, C... in the new order so the key moves with its option. The
order is kept with the attempt ("CADB": the bank letters in the order shown), so a resumed or a
reviewed attempt shows the same order, and an answer can be told in the bank's letters.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from studyapp.exam.question import Question


def order_for(q: Question, seed: int | str) -> str:
    """The bank letters of `q` in the order the attempt seeded with `seed` shows them."""
    letters = list(q.letters)
    random.Random(f"options:{seed}:{q.id}").shuffle(letters)
    return "".join(letters)


def reorder(q: Question, order: str) -> Question:
    """`q` with its options shown in `order` (bank letters), relettered from A."""
    if sorted(order) != sorted(q.letters):
        raise ValueError(f"{q.id}: order {order!r} does not list the options {''.join(q.letters)}")
    shown = {bank: chr(ord("A") + i) for i, bank in enumerate(order)}
    text, why = dict(q.options), dict(q.explanations)
    return Question(
        id=q.id,
        exam=q.exam,
        domain=q.domain,
        task=q.task,
        difficulty=q.difficulty,
        stem=q.stem,
        choose=q.choose,
        options=tuple((shown[b], text[b]) for b in order),
        correct=frozenset(shown[b] for b in q.correct),
        explanations=tuple((shown[b], why[b]) for b in order),
        references=q.references,
        origin=q.origin,
    )


def bank_letters(order: str | None, shown: Iterable[str]) -> tuple[str, ...]:
    """Letters as shown in an attempt -> the bank's letters (unchanged without an order)."""
    if not order:
        return tuple(sorted(shown))
    return tuple(sorted(order[ord(letter) - ord("A")] for letter in shown))
