"""The bundled content, loaded once per process: exam guides, the question bank, the service
catalogue. The one place that knows where they live and how they are read."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.util import locations

if TYPE_CHECKING:
    from studyapp.exam.bank import BankResult
    from studyapp.exam.guide import ExamGuide
    from studyapp.reports.mapping import Catalogue


def guides_dir() -> Path:
    return locations.content_dir() / "exams"


def questions_dir() -> Path:
    return locations.content_dir() / "questions"


def catalogue_path() -> Path:
    return locations.content_dir() / "catalogue" / "aws-services.yaml"


@lru_cache(maxsize=1)
def guides() -> dict[str, ExamGuide]:
    """The exam guides by code. Raises GuideError (file and line) for a broken guide."""
    from studyapp.exam.guide import load_guides

    return dict(load_guides(guides_dir()))


@lru_cache(maxsize=1)
def bank() -> BankResult:
    """The bundled question bank (its errors are in `.errors`, file and line each)."""
    from studyapp.exam.bank import load_bank

    return load_bank(questions_dir(), guides())


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The service catalogue the domain mapping reads. It remembers the topics it has mapped,
    so reopening the report in this process runs no pattern again."""
    from studyapp.reports.mapping import load_catalogue

    return load_catalogue(catalogue_path(), guides())


def unknown_exam(code: str | None) -> str | None:
    """The message for an exam code that is not one of the guides' (None: it is, or no code)."""
    if code is None or code.lower() in guides():
        return None
    return f"unknown exam {code!r}; known exams: {', '.join(sorted(guides()))}"


def forget() -> None:
    """Drop what was loaded, so the next call reads the files again (tests that point
    `locations.content_dir` elsewhere)."""
    for loader in (guides, bank, catalogue):
        loader.cache_clear()
