"""The fixed text of the "predict, then run" questions, read from `content/sim_questions.yaml`.

The file holds what a question says (stem, options, why each wrong option is wrong, the rule it
cites, the verdict with `{name}` placeholders for the run's figures); `questions.py` holds how
each answer is computed. Read with the strict loader every content file uses (through
`scenario.parse_document`), so a bad entry is refused with its file, line and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .dynamodb_rules import RULES as DDB_RULES
from .lambda_rules import RULES as LAMBDA_RULES
from .rds_proxy_rules import RULES as RDS_RULES
from .route53_rules import RULES as R53_RULES
from .scenario import ScenarioError, Section, load_document, parse_document
from .sqs_rules import RULES as SQS_RULES
from .trace import Rule

QUESTION_TEXTS = Path(__file__).resolve().parents[2] / "content" / "sim_questions.yaml"
WHAT = "the questions file"
MAX_OPTIONS = 8

RULE_BOOKS: dict[str, dict[str, Rule]] = {
    "route53": R53_RULES,
    "sqs": SQS_RULES,
    "rds-proxy": RDS_RULES,
    "lambda": LAMBDA_RULES,
    "dynamodb": DDB_RULES,
}

# `{name}` or `{name:spec}`; any other brace is a mistake in the text.
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([^{}]*))?\}")


@dataclass(frozen=True)
class Text:
    """A text of the file that may quote the run's figures, with the line it is on."""

    template: str
    line: int

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.group(1) for m in PLACEHOLDER.finditer(self.template))


@dataclass(frozen=True)
class OptionText:
    text: Text
    if_wrong: Text
    outcome: str | None  # the name a builder reports for it; None: its (filled) text


@dataclass(frozen=True)
class QuestionText:
    id: str
    simulator: str
    rule: Rule
    stem: Text
    options: tuple[OptionText, ...]
    verdicts: tuple[tuple[str, Text], ...]  # (case, text); one case "" for a single verdict
    file: str
    line: int

    def verdict(self, case: str) -> Text | None:
        return next((text for name, text in self.verdicts if name == case), None)


@dataclass(frozen=True)
class QuestionTexts:
    """Every question's text, in the file's order."""

    questions: tuple[QuestionText, ...]
    file: str

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


def load_question_texts(path: Path = QUESTION_TEXTS) -> QuestionTexts:
    """Read the questions' texts; raise `ScenarioError("file:line: ...")` on a bad entry."""
    return _questions(load_document(path, WHAT))


def parse_question_texts(text: str, name: str) -> QuestionTexts:
    return _questions(parse_document(text, name, WHAT))


def _questions(doc: Section) -> QuestionTexts:
    seen: dict[str, int] = {}
    questions = []
    for entry in doc.get_sections("questions"):
        question = _question(entry)
        if question.id in seen:
            raise entry.fail("id", f"'{question.id}' is already used on line {seen[question.id]}")
        seen[question.id] = question.line
        questions.append(question)
    doc.done()
    return QuestionTexts(tuple(questions), doc.file)


def _question(entry: Section) -> QuestionText:
    qid = entry.get_str("id")
    simulator = entry.get_str("simulator", choices=tuple(RULE_BOOKS))
    rule_id = entry.get_str("rule")
    book = RULE_BOOKS[simulator]
    if rule_id not in book:
        raise entry.fail("rule", f"'{rule_id}' is not a rule of the {simulator} simulator")
    stem = _text(entry, "stem")
    options = tuple(_option(o) for o in entry.get_sections("options"))
    if not 2 <= len(options) <= MAX_OPTIONS:
        raise entry.fail("options", f"needs 2 to {MAX_OPTIONS} options, not {len(options)}")
    names = [o.outcome or o.text.template for o in options]
    for index, option_name in enumerate(names):
        if option_name in names[:index]:
            raise ScenarioError(
                f"{entry.file}:{options[index].text.line}: field '{entry.path}.options"
                f"[{index}]': a second option for the outcome '{option_name}'"
            )
    verdicts = _verdicts(entry)
    entry.done()
    return QuestionText(
        qid, simulator, book[rule_id], stem, options, verdicts, entry.file, entry.line
    )


def _option(section: Section) -> OptionText:
    text = _text(section, "text")
    if_wrong = _text(section, "if_wrong")
    outcome = section.get_str("outcome", None)
    section.done()
    return OptionText(text, if_wrong, outcome)


def _verdicts(entry: Section) -> tuple[tuple[str, Text], ...]:
    if entry.has("verdict") and isinstance(entry.data["verdict"], dict):
        cases = entry.get_section("verdict")
        found = tuple((str(case), _text(cases, str(case))) for case in cases.data)
        if not found:
            raise entry.fail("verdict", "needs at least one case")
        return found
    return (("", _text(entry, "verdict")),)


def _text(section: Section, key: str) -> Text:
    value = section.get_str(key).strip()
    if not value:
        raise section.fail(key, "must not be empty")
    left = PLACEHOLDER.sub("", value)
    if "{" in left or "}" in left:
        raise section.fail(
            key, "a brace that is not a placeholder ({name} or {name:format}) in " + repr(value)
        )
    return Text(value, section.line_of(key))


def fill(question: QuestionText, text: Text, values: dict[str, object]) -> str:
    """The text with the run's figures in; a placeholder the run did not report is an error."""

    def one(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name not in values:
            raise ScenarioError(
                f"{question.file}:{text.line}: question '{question.id}': the run reports no "
                f"figure '{name}' (it reports: {', '.join(sorted(values)) or 'none'})"
            )
        try:
            return format(values[name], spec)
        except (TypeError, ValueError) as exc:
            raise ScenarioError(
                f"{question.file}:{text.line}: question '{question.id}': cannot write "
                f"'{name}' as '{spec}' ({exc})"
            ) from None

    return PLACEHOLDER.sub(one, text.template)
