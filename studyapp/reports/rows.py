"""The plain rows a progress report is computed from (the store fills them; tests build them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from studyapp.util.plain import FastPickle


@dataclass(frozen=True, slots=True)
class TopicText(FastPickle):
    """What the mapping reads of a topic (plain values, from the store or from a parse)."""

    id: int
    path: str  # heading path joined by " > "
    title: str
    body: str = ""
    line: int = 0
    domains: tuple[str, ...] = ()  # explicit tags from a domains comment (own or inherited)
    source: str = ""


@dataclass(frozen=True, slots=True)
class TopicStats:
    """One topic's live cards and all-time review totals."""

    topic_id: int
    cards: int = 0
    new_cards: int = 0  # never reviewed
    reviews: int = 0
    duration_ms: int = 0
    lapses: int = 0


@dataclass(slots=True)
class CardMemory:
    """Columns, one entry per reviewed live card: cheap for 100,000 cards."""

    topic_ids: list[int | None] = field(default_factory=list)
    stabilities: list[float] = field(default_factory=list)
    last_reviews: list[datetime] = field(default_factory=list)

    def add(self, topic_id: int | None, stability: float, last_review: datetime) -> None:
        self.topic_ids.append(topic_id)
        self.stabilities.append(stability)
        self.last_reviews.append(last_review)

    def __len__(self) -> int:
        return len(self.topic_ids)


@dataclass(frozen=True, slots=True)
class AnswerCount:
    """Answers to one exam's questions of one domain, on one day, in quizzes or mock exams."""

    exam: str
    domain: int
    kind: str  # quiz | mock
    day: str  # YYYY-MM-DD (UTC)
    answered: int
    correct: int


@dataclass
class ReportInput:
    now: datetime
    topics: list[TopicText]
    topic_stats: dict[int, TopicStats]
    memory: CardMemory
    answers: list[AnswerCount]
    reviews_per_day: dict[str, int]  # last 30 days, YYYY-MM-DD -> reviews
    due_per_day: dict[str, int]  # next 30 days; overdue cards count on today
    unmapped_cards: int = 0  # live cards without a topic
