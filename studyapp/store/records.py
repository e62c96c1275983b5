"""Plain rows the repository returns to the CLI and screens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class FileSummary:
    """What one import did to one file; the JSON of `studyapp import` is built from it."""

    path: str
    status: str  # imported | unchanged | skipped
    topics: int = 0
    cards_by_kind: dict[str, int] = field(default_factory=dict)
    tables: int = 0
    new: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0
    repaired: bool = False
    warnings: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def cards(self) -> int:
        return sum(self.cards_by_kind.values())

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "status": self.status,
            "topics": self.topics,
            "cards": self.cards,
            "cards_by_kind": dict(sorted(self.cards_by_kind.items())),
            "tables": self.tables,
            "new": self.new,
            "updated": self.updated,
            "retired": self.retired,
            "unchanged": self.unchanged,
            "repaired": self.repaired,
            "warnings": [{"path": p, "line": n, "message": m} for p, n, m in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class CardRow:
    id: int
    source: str
    topic_path: str
    kind: str
    front: str
    back: str
    line: int
    due: datetime | None
    suspended: bool
    retired: bool
    topic_id: int | None = None

    @classmethod
    def from_row(cls, r: Sequence[Any], due: datetime | None) -> CardRow:
        """From a row of the card queries: id, source, topic path, kind, front, back, line,
        (due, given converted by the caller's driver), suspended, retired, topic id."""
        return cls(
            id=r[0],
            source=r[1],
            topic_path=r[2] or "",
            kind=r[3],
            front=r[4],
            back=r[5],
            line=r[6],
            due=due,
            suspended=bool(r[8]),
            retired=bool(r[9]),
            topic_id=r[10],
        )

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "line": self.line,
            "topic": self.topic_path,
            "kind": self.kind,
            "front": self.front,
            "back": self.back,
            "due": self.due.isoformat() if self.due else None,
            "suspended": self.suspended,
        }


@dataclass(frozen=True, slots=True)
class ReviewRow:
    id: int
    card_id: int
    rating: int
    reviewed_at: datetime
    duration_ms: int | None


@dataclass(frozen=True, slots=True)
class TopicRow:
    id: int
    parent_id: int | None
    source: str
    title: str
    path: str
    level: int
    cards: int
    due: int


@dataclass(frozen=True, slots=True)
class TableRow:
    id: int
    topic_id: int | None
    caption: str
    header: list[str]
    rows: list[list[str]]
    source: str
    line: int


@dataclass(frozen=True, slots=True)
class DeckCard:
    """One card of an imported Anki package, ready to store."""

    uid: str  # from the Anki note's GUID and the card's template (usecases/anki_import.py)
    topic_key: str  # the deck path joined by " > "
    kind: str
    front: str
    back: str
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class StoredReview:
    id: int
    uid: str | None
    rating: int
    reviewed_at: str  # as stored (codec.stored)
    duration_ms: int | None


@dataclass(frozen=True, slots=True)
class HistoryReview:
    """One review of a card's replayed log: `id` None for a review to add."""

    id: int | None
    uid: str | None
    rating: int
    reviewed_at: str
    duration_ms: int | None
    state_before: str | None
    state_after: str


@dataclass(frozen=True, slots=True)
class BrowserCard:
    """One row of the card browser (and of `studyapp cards search --json`)."""

    id: int
    source: str  # as shown (the path it was imported by)
    source_path: str  # absolute: what `$EDITOR` opens
    line: int
    topic: str
    kind: str
    front: str
    back: str
    state: str  # new | learning | review | relearning
    due: datetime | None
    interval_days: float | None  # from the last review to the due date
    stability: float | None
    difficulty: float | None
    lapses: int
    reviews: int
    suspended: bool
    buried: bool
    leech: bool

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "line": self.line,
            "topic": self.topic,
            "kind": self.kind,
            "front": self.front,
            "back": self.back,
            "state": self.state,
            "due": self.due.isoformat() if self.due else None,
            "interval_days": None if self.interval_days is None else round(self.interval_days, 2),
            "stability": None if self.stability is None else round(self.stability, 2),
            "difficulty": None if self.difficulty is None else round(self.difficulty, 2),
            "lapses": self.lapses,
            "reviews": self.reviews,
            "suspended": self.suspended,
            "buried": self.buried,
            "leech": self.leech,
        }
