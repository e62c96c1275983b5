"""The bank's linter: its figures for the bundled bank, and its time on that bank and on a bank
ten times larger (the near-duplicate search compares only stems that share a phrase).

Run: .venv/bin/python benchmarks/bank_lint.py

Prints `studyapp questions --lint`'s figures per exam, then the time of `lint_bank` (best of 3)
over the 780 bundled questions and over 7,800 (the bank repeated, each copy with its own ids and
a few words changed so the copies are not near-duplicates of each other).
"""

from __future__ import annotations

import random
import time
from dataclasses import replace

from studyapp.exam.lint import lint_bank
from studyapp.exam.question import Question
from studyapp.usecases import content

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]


def best_of(n: int, work: object) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def larger(questions: tuple[Question, ...], copies: int) -> list[Question]:
    rng = random.Random(3)
    out = list(questions)
    for c in range(1, copies):
        for q in questions:
            words = q.stem.split()
            for i in range(0, len(words), 3):
                words[i] = rng.choice(WORDS) + str(c)
            out.append(replace(q, id=f"{q.id}-copy{c}", stem=" ".join(words)))
    return out


def main() -> None:
    guides, bank = content.guides(), content.bank()
    report = lint_bank(guides, bank.questions)
    for e in report.exams:
        print(
            f"{e.exam}: {e.total} questions; longest key {e.longest_key_share:.1%}, shortest key"
            f" {e.shortest_key_share:.1%}, keyword tell {e.keyword_key_share:.1%}; stems"
            f" {e.stem_words_min}-{e.stem_words_max} words (mean {e.stem_words_mean:.1f});"
            f" MOST/LEAST {e.most_least_share:.1%}"
        )
    best = report.most_similar
    if best is not None:
        print(f"closest stems: {best.first} / {best.second}, Jaccard {best.similarity:.2f}")
    print(f"problems: {len(report.problems)}")
    small = best_of(3, lambda: lint_bank(guides, bank.questions))
    big_bank = larger(bank.questions, 10)
    big = best_of(3, lambda: lint_bank(guides, big_bank))
    print(f"lint_bank over {len(bank.questions)} questions: {small * 1000:.0f} ms")
    print(f"lint_bank over {len(big_bank)} questions: {big * 1000:.0f} ms")


if __name__ == "__main__":
    main()
