"""Actions on cards, each one entry of the undo log: undo, suspend, unsuspend, bury, unbury and
forget (a rating's entry is written by `StudyQueries.record_review`, in the rating's transaction).
`u` undoes them in order, whichever screen or command made them, across restarts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from studyapp.store.codec import stored
from studyapp.store.database import Database
from studyapp.util.clock import start_of_day, utcnow


class CardActions(Database):
    def undo_last(self, now: datetime | None = None) -> Undone | None:
        """Undo the newest action still in the undo log (a rating, bury, suspend, unsuspend,
        unbury or forget, whichever screen or command made it): its cards are put back exactly
        as they were and a rating's review is removed from the log. Returns what was undone,
        or None when there is nothing left to undo."""
        with self._write() as con:
            row = con.execute(
                "SELECT id, action, review_id, cards FROM undo_log ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            entry_id, action, review_id, cards = row
            if review_id is not None:
                # a review the sync server has (pushed, or pulled from another machine) is
                # kept: the other machines have it too
                synced = con.execute("SELECT synced FROM reviews WHERE id = ?", (review_id,))
                if (synced.fetchone() or (0,))[0]:
                    return None
                con.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            snapshot = json.loads(cards)
            # undoing a suspension or bury is itself a change of them: sync keeps the newest
            flags = ", flags_at = ?" if action in FLAG_ACTIONS else ""
            con.executemany(
                f"UPDATE cards SET {', '.join(f'{c} = ?' for c in SNAPSHOT[1:])}{flags}"
                " WHERE id = ?",
                [
                    (*values[1:], *((stored(now or utcnow()),) if flags else ()), values[0])
                    for values in snapshot
                ],
            )
            con.execute("DELETE FROM undo_log WHERE id = ?", (entry_id,))
        ids = tuple(int(v[0]) for v in snapshot)
        return Undone(str(action), ids, int(review_id) if review_id is not None else None)

    # ---- actions on cards (each one entry of the undo log) ---------------------------------
    def suspend_cards(self, card_ids: Iterable[int], now: datetime | None = None) -> int:
        """Suspend the cards (never shown until unsuspended). Returns how many changed."""
        return self._act("suspend", card_ids, ("suspended = 0", ()), ("suspended = 1", ()), now)

    def unsuspend_cards(self, card_ids: Iterable[int], now: datetime | None = None) -> int:
        """Unsuspend the cards; a leech keeps its tag. Returns how many changed."""
        return self._act("unsuspend", card_ids, ("suspended = 1", ()), ("suspended = 0", ()), now)

    def bury_cards(
        self, card_ids: Iterable[int], now: datetime | None = None, until: datetime | None = None
    ) -> int:
        """Hide the cards until `until` (default: the start of tomorrow). Returns how many
        changed (a card already buried as long is left alone)."""
        now = now or utcnow()
        end = stored(until or start_of_day(now) + timedelta(days=1))
        return self._act(
            "bury",
            card_ids,
            ("(buried_until IS NULL OR buried_until < ?)", (end,)),
            ("buried_until = ?", (end,)),
            now,
        )

    def unbury_cards(self, card_ids: Iterable[int], now: datetime | None = None) -> int:
        """Show buried cards again today. Returns how many changed."""
        now = now or utcnow()
        return self._act(
            "unbury",
            card_ids,
            ("buried_until > ?", (stored(now),)),
            ("buried_until = NULL", ()),
            now,
        )

    def forget_cards(self, card_ids: Iterable[int], now: datetime | None = None) -> int:
        """Reset the cards to new (Anki's Forget): their review history and lapse count are
        kept, their schedule starts again. Returns how many changed."""
        now = now or utcnow()
        return self._act(
            "forget",
            card_ids,
            ("fsrs IS NOT NULL", ()),
            ("fsrs = NULL, due = NULL, reset_at = ?", (stored(now),)),
            now,
        )

    def _act(
        self,
        action: str,
        card_ids: Iterable[int],
        applies: tuple[str, tuple[Any, ...]],
        change: tuple[str, tuple[Any, ...]],
        now: datetime | None,
    ) -> int:
        """Apply `change` (SET clause, its values) to the cards where `applies` (a condition,
        its values), recording them as they were in one undo entry, in one transaction.
        Returns how many cards changed."""
        ids = sorted({int(i) for i in card_ids})
        if not ids:
            return 0
        now = now or utcnow()
        where = f"id IN (SELECT value FROM json_each(?)) AND {applies[0]}"
        args = (json.dumps(ids), *applies[1])
        with self._write() as con:
            snapshot = snapshot_of(con, where, args)
            if not snapshot:
                return 0
            sets, values = change
            if action in FLAG_ACTIONS:  # when: sync keeps the newest suspension or bury
                sets, values = f"{sets}, flags_at = ?", (*values, stored(now))
            con.execute(f"UPDATE cards SET {sets} WHERE {where}", (*values, *args))
            log_undo(con, action, now, snapshot)
        return len(snapshot)


# the columns an undo entry keeps of each card, as they were before the action
SNAPSHOT = ("id", "fsrs", "due", "lapses", "suspended", "leech", "buried_until", "reset_at")
FLAG_ACTIONS = frozenset({"suspend", "unsuspend", "bury", "unbury"})  # what sync carries
UNDO_KEPT = 1000  # the newest actions that can be undone


@dataclass(frozen=True, slots=True)
class Undone:
    """What `undo_last` put back: the action's name, its cards, and a rating's review id."""

    action: str  # rate | bury | suspend | unsuspend | unbury | forget
    card_ids: tuple[int, ...]
    review_id: int | None = None


def snapshot_of(con: sqlite3.Connection, where: str, args: tuple[Any, ...]) -> list[list[Any]]:
    rows = con.execute(f"SELECT {', '.join(SNAPSHOT)} FROM cards WHERE {where}", args)
    return [list(r) for r in rows]


def log_undo(
    con: sqlite3.Connection,
    action: str,
    now: datetime,
    snapshot: list[list[Any]],
    review_id: int | None = None,
) -> None:
    entry = con.execute(
        "INSERT INTO undo_log (action, done_at, review_id, cards) VALUES (?, ?, ?, ?)",
        (action, stored(now), review_id, json.dumps(snapshot)),
    ).lastrowid
    if entry is not None and entry > UNDO_KEPT and entry % 100 == 0:  # trimmed now and then
        con.execute("DELETE FROM undo_log WHERE id <= ?", (entry - UNDO_KEPT,))
