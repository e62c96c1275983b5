"""The real learners' notes in /work/shared/notes (skipped when that folder is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyapp.notes.model import DEFINITION, FACT, TABLE_ROW
from studyapp.notes.parse import parse_file

NOTES = Path(__file__).resolve().parents[2].parent / "shared" / "notes"
FILES = [
    "solutions-architect-associate.md",
    "rds-proxy-elasticache-route53.md",
    "iam-boundary-rds-proxy-route53-dynamodb.md",
]
_TOP = re.compile(r"^(#{1,2}) (.+)$")


def note_path(name: str) -> Path:
    path = NOTES / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def top_headings(path: Path) -> list[str]:
    """Level-1/2 ATX headings outside code fences, as written."""
    found: list[str] = []
    fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fence = not fence
        elif not fence and (m := _TOP.match(line)) and not m.group(2).lower().startswith("todo"):
            found.append(m.group(2).strip().replace("\\", ""))
    return found


@pytest.mark.parametrize("name", FILES)
def test_real_notes_topics_mirror_headings(name: str) -> None:
    path = note_path(name)
    note = parse_file(path, display_path=name)
    titles = {t.title.replace("*", "") for t in note.topics}
    for heading in top_headings(path):
        assert heading.replace("*", "") in titles
    assert all(w.path == name for w in note.warnings)


@pytest.mark.parametrize("name", FILES)
def test_real_notes_give_cards_of_several_kinds(name: str) -> None:
    note = parse_file(note_path(name))
    kinds = {c.kind for c in note.cards}
    assert TABLE_ROW in kinds and DEFINITION in kinds and FACT in kinds
    assert note.tables
    for card in note.cards:
        assert card.front.strip() and card.back.strip()
        assert card.line >= 1
        assert "**" not in card.front and "](" not in card.front


def test_real_notes_toc_is_not_a_topic() -> None:
    note = parse_file(note_path("solutions-architect-associate.md"))
    assert not any("](#" in c.front or "](#" in c.back for c in note.cards)
    assert note.topics[0].title == "Architect Associate"
    assert "](#" not in note.topics[0].body


def test_real_notes_mojibake_is_repaired() -> None:
    path = note_path("rds-proxy-elasticache-route53.md")
    raw = path.read_text(encoding="utf-8")
    assert "\u201a\u00dc\u00ee" in raw  # the file on disk really is damaged ("‚Üî")
    note = parse_file(path)
    assert note.repaired
    text = "\n".join(t.body for t in note.topics)
    assert "App \u2194 RDS Proxy" in text and "\u201a\u00dc\u00ee" not in text
    assert "\u2705 Benefits of RDS Proxy" in text
    assert sum("mojibake" in w.message for w in note.warnings) == 1
