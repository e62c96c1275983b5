"""The bundled content covers both exam guides and imports cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.exam.guide import load_guides
from studyapp.notes.model import CARD_KINDS
from studyapp.notes.parse import parse_file
from studyapp.store.collection import Collection
from studyapp.usecases.importing import import_paths
from studyapp.util import locations

SEP = " > "


def _cards_per_topic() -> dict[str, int]:
    """Cards under each topic path, sub-topics included."""
    counts: dict[str, int] = {}
    for path in sorted(locations.bundled_notes_dir().glob("*.md")):
        note = parse_file(path)
        for topic in note.topics:
            counts.setdefault(SEP.join(topic.path), 0)
        for card in note.cards:
            for depth in range(1, len(card.topic_path) + 1):
                key = SEP.join(card.topic_path[:depth])
                counts[key] = counts.get(key, 0) + 1
    return counts


def test_every_task_statement_names_topics_that_exist_with_five_cards() -> None:
    cards = _cards_per_topic()
    guides = load_guides(locations.content_dir() / "exams")
    assert set(guides) >= {"saa-c03", "dva-c02"}
    problems = []
    for guide in guides.values():
        for domain in guide.domains:
            for task in domain.tasks:
                if not task.topics:
                    problems.append(f"{guide.code} {task.id}: no covering topic")
                for topic in task.topics:
                    if cards.get(topic, 0) < 5:
                        problems.append(f"{guide.code} {task.id}: {topic!r} has {cards.get(topic)}")
    assert problems == []


def test_bundled_notes_import_without_warnings_and_use_every_card_kind(tmp_path: Path) -> None:
    repo = Collection.open(tmp_path / "db.sqlite3")
    report = import_paths(repo, [locations.bundled_notes_dir()], bundled=True)
    repo.close()
    warnings = [w for f in report.files for w in f.warnings]
    assert warnings == []
    kinds = set()
    for f in report.files:
        kinds |= set(f.cards_by_kind)
    assert {"basic", "reversed", "cloze", "definition", "table_row", "fact"} <= kinds
    assert kinds <= set(CARD_KINDS)
    assert len(report.files) >= 11


def test_every_bundled_topic_links_the_aws_page_it_was_checked_against() -> None:
    missing = []
    for path in sorted(locations.bundled_notes_dir().glob("*.md")):
        for topic in parse_file(path).topics:
            if topic.level == 2 and "https://docs.aws.amazon.com/" not in topic.body:
                missing.append(f"{path.name}: {topic.title}")
    assert missing == []


def test_content_is_in_our_own_words() -> None:
    shared = locations.repo_root().parent / "shared"
    tool = shared / "tools" / "copied_sentences.py"
    if not tool.exists():
        pytest.skip("../shared is not beside this checkout")
    out = subprocess.run(
        [sys.executable, str(tool), str(locations.content_dir()), str(shared / "notes")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout
