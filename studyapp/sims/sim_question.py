"""A "predict, then run" quiz question: its text (content) joined with a run's outcome (code)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .question_texts import QuestionText, fill
from .scenario import ScenarioError


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


@dataclass(frozen=True)
class Outcome:
    """What one run showed: the option it makes right and the figures its verdict quotes.

    `answer` names an option by its `outcome` in the content (or by its text when it has none);
    `verdict` picks one of the question's verdict cases ("" when it has a single one); `rule`
    is the rule the simulator says it applied, when it names one.
    """

    answer: str
    values: dict[str, object] = field(default_factory=dict)
    verdict: str = ""
    rule: str = ""


Builder = Callable[[int], Outcome]
BUILDERS: dict[str, Builder] = {}


def builds(qid: str) -> Callable[[Builder], Builder]:
    """Register the function that runs the simulation behind question `qid`."""

    def register(builder: Builder) -> Builder:
        if qid in BUILDERS:
            raise ValueError(f"two builders for the question '{qid}'")
        BUILDERS[qid] = builder
        return builder

    return register


def build(text: QuestionText, seed: int) -> SimQuestion:
    """Run the builder registered for this question and join its outcome with the text."""
    builder = BUILDERS.get(text.id)
    if builder is None:
        raise ScenarioError(f"{text.file}:{text.line}: question '{text.id}' has no builder")
    return make_question(text, builder(seed))


def make_question(text: QuestionText, outcome: Outcome) -> SimQuestion:
    """The question as the learner sees it: correct is the option the run's answer names."""
    where = f"{text.file}:{text.line}: question '{text.id}'"
    if outcome.rule and outcome.rule != text.rule.id:
        raise ScenarioError(
            f"{where}: the simulator applied the rule '{outcome.rule}', not '{text.rule.id}'"
        )
    template = text.verdict(outcome.verdict)
    if template is None:
        raise ScenarioError(f"{where}: no verdict for the case '{outcome.verdict}'")
    why = fill(text, template, outcome.values)
    built = []
    correct = []
    for index, option in enumerate(text.options):
        oid = "abcdefgh"[index]
        shown = fill(text, option.text, outcome.values)
        if (option.outcome or shown) == outcome.answer:
            correct.append(oid)
            built.append(Option(oid, shown, f"Correct. {why}"))
        else:
            because = fill(text, option.if_wrong, outcome.values)
            built.append(Option(oid, shown, f"Not what happens: {because} {why}"))
    return SimQuestion(
        text.id,
        text.simulator,
        fill(text, text.stem, outcome.values),
        built,
        correct,
        text.rule.url,
        text.rule.id,
    )
