"""Parsed content is cached between runs, and never used when its files or code changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.usecases import parsed_cache
from studyapp.util import locations


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(locations.CACHE_ENV, str(folder))
    return folder


def test_a_second_run_reads_the_cache_instead_of_parsing(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"x": len(calls)}

    assert parsed_cache.cached("demo", [source], [], build) == {"x": 1}
    assert parsed_cache.cached("demo", [source], [], build) == {"x": 1}
    assert calls == [1]
    assert len(list(cache.glob("demo-*.pickle"))) == 1


def test_an_edited_file_is_parsed_again_and_replaces_the_old_cache(
    cache: Path, tmp_path: Path
) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    assert parsed_cache.cached("demo", [source], [], lambda: "first") == "first"
    source.write_text("x: 2\n", encoding="utf-8")
    assert parsed_cache.cached("demo", [source], [], lambda: "second") == "second"
    assert len(list(cache.glob("demo-*.pickle"))) == 1


def test_a_damaged_cache_file_is_built_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    parsed_cache.cached("demo", [source], [], lambda: "good")
    for stale in cache.glob("demo-*.pickle"):
        stale.write_bytes(b"not a pickle")
    assert parsed_cache.cached("demo", [source], [], lambda: "rebuilt") == "rebuilt"


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(locations.CACHE_ENV, str(blocker / "cache"))  # under a file: unwritable
    assert parsed_cache.cached("demo", [blocker], [], lambda: 42) == 42


def test_the_bundled_content_loads_the_same_from_the_cache(cache: Path) -> None:
    from studyapp.usecases import content

    first = content.bank()
    content.forget()
    again = content.bank()
    assert [q.id for q in again.questions] == [q.id for q in first.questions]
    assert again.errors == first.errors
