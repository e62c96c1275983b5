"""Fixtures for exam tests: the real guides."""

from __future__ import annotations

import pytest
from exam_builders import REPO

from studyapp.exam.guide import ExamGuide, load_guides


@pytest.fixture(scope="session")
def guides() -> dict[str, ExamGuide]:
    return load_guides(REPO / "content" / "exams")
