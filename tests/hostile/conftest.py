"""Fixtures for the hostile-input tests: the generated corpus (once a session) and a CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corpus import Corpus, build

from studyapp.cli.main import main

Run = Callable[..., str]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`studyapp ARGS...` as the learner runs it: stdout, after checking it exited with 0."""

    def go(*argv: str | Path) -> str:
        code = main([str(a) for a in argv])
        out = capsys.readouterr().out
        assert code == 0, out
        return out

    return go


@pytest.fixture
def cards(run: Run) -> Callable[[Path], list[dict[str, Any]]]:
    """The cards `studyapp cards --json` lists for a database."""

    def go(db: Path) -> list[dict[str, Any]]:
        data = json.loads(run("--db", db, "cards", "--json"))
        rows: list[dict[str, Any]] = data["cards"]
        return rows

    return go
