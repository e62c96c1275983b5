"""The bundled content, loaded once per process: exam guides, the question bank, the service
catalogue, the simulators' question texts. The one place that knows where they live and how they
are read."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.usecases.parsed_cache import cached
from studyapp.util import locations

if TYPE_CHECKING:
    from studyapp.exam.bank import BankResult
    from studyapp.exam.guide import ExamGuide
    from studyapp.facts import FactCatalogue, Problem
    from studyapp.reports.mapping import Catalogue
    from studyapp.sims.question_texts import QuestionTexts


def guides_dir() -> Path:
    return locations.content_dir() / "exams"


def questions_dir() -> Path:
    return locations.content_dir() / "questions"


def facts_dir() -> Path:
    return locations.content_dir() / "facts"


def catalogue_path() -> Path:
    return locations.content_dir() / "catalogue" / "aws-services.yaml"


# The rule books a question text cites (each parsed text holds its rule's words and page).
RULE_BOOK_MODULES = ("route53", "sqs", "rds_proxy", "lambda", "dynamodb")


def sim_questions_path() -> Path:
    return locations.content_dir() / "sim_questions.yaml"


def _yaml(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _code(*modules: str) -> list[Path]:
    """The source files of the modules that parse a kind of content (part of its cache key),
    found without importing them (a cached result needs no YAML parser)."""
    from importlib.util import find_spec

    names = ("studyapp.util.yamlsafe", "studyapp.util.yaml_loader", *modules)
    return [Path(__file__)] + [Path(getattr(find_spec(m), "origin", None) or "") for m in names]


@lru_cache(maxsize=1)
def guides() -> dict[str, ExamGuide]:
    """The exam guides by code. Raises GuideError (file and line) for a broken guide."""
    from studyapp.exam.guide import load_guides

    files = _yaml(guides_dir())
    code = _code("studyapp.exam.guide")
    return cached("guides", files, code, lambda: dict(load_guides(guides_dir())))


@lru_cache(maxsize=1)
def bank() -> BankResult:
    """The bundled question bank (its errors are in `.errors`, file and line each)."""
    from studyapp.exam.bank import load_bank

    files = _yaml(guides_dir()) + _yaml(questions_dir())
    code = _code("studyapp.exam.bank", "studyapp.exam.question", "studyapp.exam.guide")
    return cached("bank", files, code, lambda: load_bank(questions_dir(), guides()))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The service catalogue the domain mapping reads. It remembers the topics it has mapped,
    so reopening the report in this process runs no pattern again."""
    from studyapp.reports.mapping import load_catalogue

    files = [catalogue_path(), *_yaml(guides_dir())]
    code = _code("studyapp.reports.catalogue", "studyapp.reports.mapping", "studyapp.exam.guide")
    return cached("catalogue", files, code, lambda: load_catalogue(catalogue_path(), guides()))


@lru_cache(maxsize=1)
def facts() -> tuple[FactCatalogue, tuple[Problem, ...]]:
    """The documented AWS values the fact check compares claims with, and what was wrong in the
    catalogue's files (bad entries are left out, file and line each; the rest is used)."""
    from studyapp.facts import load_dir

    def build() -> tuple[FactCatalogue, tuple[Problem, ...]]:
        catalogue, problems = load_dir(facts_dir())
        return catalogue, tuple(problems)

    code = _code("studyapp.facts.catalogue", "studyapp.facts.units")
    return cached("facts", _yaml(facts_dir()), code, build)


@lru_cache(maxsize=1)
def sim_questions() -> QuestionTexts:
    """The texts of the "predict, then run" questions (the simulators compute their answers).
    Raises ScenarioError (file and line) for a broken entry."""
    from studyapp.sims.question_texts import load_question_texts

    rule_books = [f"studyapp.sims.{kind}_rules" for kind in RULE_BOOK_MODULES]
    modules = ("studyapp.sims.question_texts", "studyapp.sims.scenario", "studyapp.sims.trace")
    code = _code(*modules, *rule_books)
    path = sim_questions_path()
    return cached("sim-questions", [path], code, lambda: load_question_texts(path))


def unknown_exam(code: str | None) -> str | None:
    """The message for an exam code that is not one of the guides' (None: it is, or no code)."""
    if code is None or code.lower() in guides():
        return None
    return f"unknown exam {code!r}; known exams: {', '.join(sorted(guides()))}"


def forget() -> None:
    """Drop what was loaded, so the next call reads the files again (tests that point
    `locations.content_dir` elsewhere)."""
    for loader in (guides, bank, catalogue, facts, sim_questions):
        loader.cache_clear()
