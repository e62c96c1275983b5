"""The topics' domain mappings are kept beside the database between runs, used only while the
catalogue, guides and mapping code are unchanged, and a damaged cache is simply rebuilt."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.exam.guide import load_guides
from studyapp.reports import mapping
from studyapp.reports.mapping import load_catalogue, map_topics
from studyapp.store.collection import Collection
from studyapp.usecases import content, mapping_cache
from studyapp.usecases.importing import import_paths

NOTE = """# Amazon SQS
A queue service: consumers poll SQS for messages; visibility timeout hides them meanwhile.

# AWS KMS
Keys for encryption at rest; KMS key policies say who may use them.
"""


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> tuple[dict, mapping.Catalogue]:  # type: ignore[type-arg]
    """What a new process starts with: no catalogue memo, no cache read yet."""
    from studyapp.util import locations

    monkeypatch.setattr(mapping_cache, "_loaded_for", {})
    guides = dict(load_guides(locations.content_dir() / "exams"))
    return guides, load_catalogue(content.catalogue_path(), guides)


def _topics(tmp_path: Path) -> tuple[Path, list[mapping.TopicText]]:
    note = tmp_path / "n.md"
    note.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    repo = Collection.open(db)
    import_paths(repo, [note])
    topics = repo.report_rows(datetime.now(UTC)).topics
    repo.close()
    return db, topics


def _domains(found: dict[int, mapping.TopicMapping]) -> dict[int, tuple[int, ...]]:
    return {tid: m.domains("saa-c03") for tid, m in found.items()}


def test_a_new_process_reads_the_mappings_instead_of_mapping_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, topics = _topics(tmp_path)
    guides, catalogue = _fresh_process(monkeypatch)
    mapping_cache.load_into(catalogue, db)
    first = _domains(map_topics(topics, catalogue, guides))
    mapping_cache.save_from(catalogue, db)
    assert mapping_cache.cache_path(db).is_file()
    assert any(first.values())

    guides, catalogue = _fresh_process(monkeypatch)
    mapping_cache.load_into(catalogue, db)

    def no_mapping(*_args: object) -> None:
        raise AssertionError("mapped again although the cache holds this topic")

    monkeypatch.setattr(mapping, "map_topic", no_mapping)
    assert _domains(map_topics(topics, catalogue, guides)) == first


def test_a_cache_from_another_catalogue_or_a_damaged_one_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, topics = _topics(tmp_path)
    guides, catalogue = _fresh_process(monkeypatch)
    map_topics(topics, catalogue, guides)
    mapping_cache.save_from(catalogue, db)

    monkeypatch.setattr(mapping_cache, "fingerprint", lambda: "another catalogue")
    guides, catalogue = _fresh_process(monkeypatch)
    mapping_cache.load_into(catalogue, db)
    assert catalogue._memo == {}

    mapping_cache.cache_path(db).write_bytes(b"\x80\x05 not a pickle at all")
    guides, catalogue = _fresh_process(monkeypatch)
    mapping_cache.load_into(catalogue, db)
    assert catalogue._memo == {}
    assert any(_domains(map_topics(topics, catalogue, guides)).values())
