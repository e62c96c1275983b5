"""What to study now, as Anki's scheduler orders it (pure: candidates in, an order out).

Three kinds of card are on offer on a day:
- **intraday learning** cards (a new or forgotten card on a step shorter than a day): shown when
  their step is due, before anything else; when nothing else is left, one due within the
  learn-ahead limit is shown early. They do not count against the daily limits.
- **reviews** and **interday learning** cards (a step of a day or more): due by the day, most
  overdue first, within the review limit; interday learning mixed with the reviews (or before or
  after them: `interday_learning_order`).
- **new** cards in notes order, within the new-card limit, mixed evenly among the reviews (or
  before or after them: `new_review_order`).

Siblings (cards made from the same line, table row or cloze note) are not offered the same day
when burying is on: the first one gathered is kept, the others wait for tomorrow.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Candidate:
    card_id: int
    topic_id: int | None
    due: datetime | None  # None for a new card
    position: int = 0  # order in the notes, for new cards
    sibling: tuple[int, int] | None = None  # (notes file, line): cards made from one note


@dataclass(frozen=True, slots=True)
class Order:
    """The display order options (Anki's defaults)."""

    new_review_order: str = "mix"  # mix | after_reviews | before_reviews
    interday_learning_order: str = "mix"
    bury_new_siblings: bool = True
    bury_review_siblings: bool = True


def build_session(
    due: list[Candidate],
    new: list[Candidate],
    review_limit: int,
    new_limit: int,
    interday: Sequence[Candidate] = (),
    order: Order | None = None,
    taken: set[tuple[int, int]] | None = None,
) -> list[int]:
    """Today's reviews, interday learning and new cards in the order they are shown (intraday
    learning cards are not in it: `DayQueue` shows them when due). `taken`: the notes whose
    cards are already being studied (an intraday learning card's), added to as cards are kept."""
    order = order or Order()
    taken = set() if taken is None else taken
    by_due = sorted(due, key=lambda c: (c.due is None, c.due, c.card_id))
    learning_first = sorted(interday, key=lambda c: (c.due is None, c.due, c.card_id))
    room = max(review_limit, 0)
    kept_interday = _unburied(learning_first, taken, order.bury_review_siblings, room)
    room -= len(kept_interday)
    reviews = _unburied(by_due, taken, order.bury_review_siblings, room)
    fresh = _unburied(
        sorted(new, key=lambda c: c.position), taken, order.bury_new_siblings, new_limit
    )
    mixed = _mix(reviews, kept_interday, order.interday_learning_order)
    mixed = _mix(mixed, fresh, order.new_review_order)
    return [c.card_id for c in spread_topics(mixed)]


def _unburied(
    cards: list[Candidate], taken: set[tuple[int, int]], bury: bool, limit: int
) -> list[Candidate]:
    """Up to `limit` cards, skipping a card whose note already gave a card today (if `bury`)."""
    out: list[Candidate] = []
    for c in cards:
        if len(out) >= limit:
            break
        if c.sibling is not None:
            if bury and c.sibling in taken:
                continue
            taken.add(c.sibling)
        out.append(c)
    return out


def _mix(base: list[Candidate], extra: list[Candidate], how: str) -> list[Candidate]:
    """`extra` spread evenly among `base` (mix), or after it, or before it."""
    if how == "after_reviews" or not base:
        return base + extra
    if how == "before_reviews" or not extra:
        return extra + base
    mixed: list[Candidate] = []
    every = max(1, len(base) // len(extra))
    b, e = deque(base), deque(extra)
    while b or e:
        for _ in range(every):
            if b:
                mixed.append(b.popleft())
        if e:
            mixed.append(e.popleft())
    return mixed


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


@dataclass(slots=True)
class DayQueue:
    """A session's queue over time: `main` (reviews, interday learning and new cards, in order)
    and the intraday learning cards, each waiting for its step to be due.

    What comes next at `now`: a card just undone; else a learning card whose step is due; else
    the next card of `main`; else, when nothing else is left, a learning card due within
    `learn_ahead`; else nothing (`waiting_until` says when the next learning card is due)."""

    main: deque[int] = field(default_factory=deque)
    learn_ahead: timedelta = timedelta(minutes=20)
    learning: list[tuple[datetime, int]] = field(default_factory=list)  # (due, card), sorted
    pinned: int | None = None  # an undone card: shown next, whatever else is due

    def next(self, now: datetime) -> int | None:
        if self.pinned is not None:
            return self.pinned
        if self.learning and self.learning[0][0] <= now:
            return self.learning[0][1]
        if self.main:
            return self.main[0]
        if self.learning and self.learning[0][0] <= now + self.learn_ahead:
            return self.learning[0][1]
        return None

    def add_learning(self, card_id: int, due: datetime) -> None:
        self.remove(card_id)
        bisect.insort(self.learning, (due, card_id))

    def remove(self, card_id: int) -> bool:
        """Take the card out of the queue wherever it is; True if it was there."""
        found = False
        if self.pinned == card_id:
            self.pinned = None
            found = True
        if card_id in self.main:
            self.main.remove(card_id)
            found = True
        kept = [(d, c) for d, c in self.learning if c != card_id]
        if len(kept) != len(self.learning):
            self.learning = kept
            found = True
        return found

    def push_front(self, card_id: int) -> None:
        """Show this card next (an undone card comes back at once); a card pinned before goes
        back to the front of the main queue."""
        self.remove(card_id)
        if self.pinned is not None:
            self.main.appendleft(self.pinned)
        self.pinned = card_id

    def waiting_until(self) -> datetime | None:
        """When the next learning card is due, if any waits."""
        return self.learning[0][0] if self.learning else None

    @property
    def learning_count(self) -> int:
        return len(self.learning)

    def __len__(self) -> int:
        return len(self.main) + len(self.learning) + (self.pinned is not None)

    def __contains__(self, card_id: object) -> bool:
        return (
            card_id == self.pinned
            or card_id in self.main
            or any(c == card_id for _, c in self.learning)
        )
