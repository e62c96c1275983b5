"""A "predict, then run" quiz question and how builders assemble one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    explanation: str


@dataclass(frozen=True)
class SimQuestion:
    id: str
    simulator: str
    stem: str
    options: list[Option]
    correct: list[str]
    reference: str
    rule: str


def make_question(
    qid: str,
    simulator: str,
    stem: str,
    rule_url: tuple[str, str],
    options: list[tuple[str, str]],
    is_correct: Callable[[str], bool],
    why: str,
) -> SimQuestion:
    built = []
    correct = []
    for index, (text, wrong_because) in enumerate(options):
        oid = "abcdefgh"[index]
        if is_correct(text):
            correct.append(oid)
            built.append(Option(oid, text, f"Correct. {why}"))
        else:
            built.append(Option(oid, text, f"Not what happens: {wrong_because} {why}"))
    rule, url = rule_url
    return SimQuestion(qid, simulator, stem, built, correct, url, rule)
