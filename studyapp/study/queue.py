"""What to study now: due reviews and new cards, in an order that keeps topics apart."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Candidate:
    card_id: int
    topic_id: int | None
    due: datetime | None  # None for a new card
    position: int = 0  # order in the notes, for new cards


def build_session(
    due: list[Candidate],
    new: list[Candidate],
    review_limit: int,
    new_limit: int,
) -> list[int]:
    """Most overdue reviews first, new cards mixed in evenly (as Anki does), and two cards of one
    topic never back to back when another topic is available."""
    reviews = sorted(due, key=lambda c: (c.due is None, c.due, c.card_id))[: max(review_limit, 0)]
    fresh = sorted(new, key=lambda c: c.position)[: max(new_limit, 0)]
    mixed: list[Candidate] = []
    if fresh and reviews:
        every = max(1, len(reviews) // len(fresh))
        r, f = deque(reviews), deque(fresh)
        while r or f:
            for _ in range(every):
                if r:
                    mixed.append(r.popleft())
            if f:
                mixed.append(f.popleft())
    else:
        mixed = reviews + fresh
    return [c.card_id for c in spread_topics(mixed)]


def spread_topics(cards: list[Candidate]) -> list[Candidate]:
    """Keep the order, but take the next card of another topic when the next one repeats the
    previous card's topic (a bounded look-ahead keeps this linear)."""
    pending = deque(cards)
    out: list[Candidate] = []
    lookahead = 50
    while pending:
        prev = out[-1].topic_id if out else None
        pick = 0
        if prev is not None and pending[0].topic_id == prev:
            for i in range(1, min(lookahead, len(pending))):
                if pending[i].topic_id != prev:
                    pick = i
                    break
        if pick:
            pending.rotate(-pick)
            out.append(pending.popleft())
            pending.rotate(pick)
        else:
            out.append(pending.popleft())
    return out
