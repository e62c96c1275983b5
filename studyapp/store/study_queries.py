"""Studying: what is due, the cards, ratings and today's figures (undo, bury, suspend and
forget: store/card_actions.py).

Studying is the app's hot path: every query here is one indexed probe or range, so a rating
costs well under a millisecond of SQL whatever the size of the collection.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from studyapp.notes.identity import new_uid
from studyapp.store.card_actions import SNAPSHOT, log_undo, snapshot_of
from studyapp.store.codec import day, loaded, stored
from studyapp.store.database import Database

if TYPE_CHECKING:  # imported where used: the home screen's figures need neither
    from studyapp.store.records import CardRow, ReviewRow
    from studyapp.study.queue import Candidate

REVIEW_STATE = 2  # fsrs.State.Review
STREAK_LIMIT_DAYS = 3660
# A card the learner can be shown at a given moment: not retired, suspended or buried.
AVAILABLE = "retired = 0 AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"
IN_TOPICS = " AND topic_id IN (SELECT value FROM json_each(?))"
IN_CARDS = " AND id IN (SELECT value FROM json_each(?))"
# a studied card's FSRS state (1 learning, 2 review, 3 relearning): ix_cards_state indexes it
STATE = "json_extract(fsrs, '$.state')"

# Consecutive days with reviews ending today (or yesterday, if today has none yet), walked in
# SQL: one indexed probe a day, so a long history costs the streak's length, not the log's size.
# Stored times are "YYYY-MM-DD HH:MM:SS.ffffff", so a bare date compares as that day's midnight.
STREAK_SQL = """
WITH RECURSIVE walk(day, n) AS (
    SELECT CASE WHEN EXISTS (
        SELECT 1 FROM reviews WHERE reviewed_at >= ?1 AND reviewed_at < date(?1, '+1 day')
    ) THEN ?1 ELSE date(?1, '-1 day') END, 0
    UNION ALL
    SELECT date(day, '-1 day'), n + 1 FROM walk
    WHERE n < ?2 AND EXISTS (
        SELECT 1 FROM reviews WHERE reviewed_at >= day AND reviewed_at < date(day, '+1 day')
    )
)
SELECT max(n) FROM walk
"""
# The one card row every reader of cards uses (study, browse, the CLI, the palette).
CARD_ROW = """
SELECT c.id, s.display_path, t.path_key, c.kind, c.front, c.back, c.line, c.due, c.suspended,
       c.retired, c.topic_id
FROM cards c JOIN sources s ON s.id = c.source_id LEFT JOIN topics t ON t.id = c.topic_id
"""


@dataclass(frozen=True, slots=True)
class DayCandidates:
    """What `day_candidates` found, by kind."""

    reviews: list[Candidate]
    interday: list[Candidate]  # learning cards on a step of a day or more
    intraday: list[Candidate]  # learning cards on a step shorter than a day
    new: list[Candidate]


@dataclass(frozen=True, slots=True)
class RecordedReview:
    review_id: int
    lapses: int
    became_leech: bool
    buried: tuple[int, ...] = ()  # the siblings it buried until tomorrow


def card_row(row: Any) -> CardRow:
    from studyapp.store.records import CardRow

    return CardRow.from_row(row, loaded(row[7]))


class StudyQueries(Database):
    # ---- figures ---------------------------------------------------------------------------
    def counts(self, reviews: bool = True) -> dict[str, int]:
        """The collection's size: files, live topics, live cards, tables (and reviews, unless
        `reviews=False`: the home screen leaves the million-row log alone)."""
        out = {
            "sources": self._one("SELECT count(*) FROM sources"),
            "topics": self._one("SELECT count(*) FROM topics WHERE retired = 0"),
            # all cards minus the few retired: a bare count(*) reads the narrowest index
            "cards": self._one(
                "SELECT (SELECT count(*) FROM cards)"
                " - (SELECT count(*) FROM cards WHERE retired = 1)"
            ),
            "tables": self._one("SELECT count(*) FROM comparison_tables"),
        }
        if reviews:
            out["reviews"] = self._one("SELECT count(*) FROM reviews")
        return out

    def new_cards_studied_since(self, since: datetime) -> int:
        """Cards whose first review ever happened since `since` (new cards introduced)."""
        return self._one(
            "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND state_before IS NULL",
            (stored(since),),
        )

    def review_cards_rated_since(self, since: datetime) -> int:
        """Ratings since `since` of cards in review (what the daily review limit counts; a
        learning step does not count, as in Anki)."""
        return self._one(
            "SELECT count(*) FROM reviews WHERE reviewed_at >= ?"
            " AND json_extract(state_before, '$.state') = 2",
            (stored(since),),
        )

    def reviews_since(self, since: datetime) -> int:
        return self._one("SELECT count(*) FROM reviews WHERE reviewed_at >= ?", (stored(since),))

    def review_streak(self, today: datetime) -> int:
        """Consecutive days with reviews ending `today` (or yesterday): one indexed probe a day."""
        return self._one(STREAK_SQL, (day(today), STREAK_LIMIT_DAYS))

    # ---- the queue and the cards -----------------------------------------------------------
    def day_candidates(
        self,
        now: datetime,
        until: datetime,
        topic_ids: list[int] | None = None,
        new_limit: int = 10_000,
        review_limit: int | None = None,
        card_ids: list[int] | None = None,
        distinct_new: bool = True,
    ) -> DayCandidates:
        """What can be studied now, by kind (study/queue.py says how each is shown): reviews due
        before `until` (most overdue first, at most `review_limit`), learning cards due before
        `until` (split into intraday and interday by their step), and new cards in notes order
        (at most `new_limit`; with `distinct_new`, one per note: siblings wait for tomorrow).
        Optionally only within some topics, or only some cards."""
        scope, extra = ("", ()) if topic_ids is None else (IN_TOPICS, (json.dumps(topic_ids),))
        if card_ids is not None:
            scope += IN_CARDS
            extra = (*extra, json.dumps(card_ids))
        cap = review_limit if review_limit is not None else -1
        at, end = stored(now), stored(until)

        from studyapp.study.queue import Candidate

        def read(con: sqlite3.Connection) -> DayCandidates:
            columns = "id, topic_id, due, source_id, line"
            reviews = [
                Candidate(r[0], r[1], loaded(r[2]), 0, (r[3], r[4]))
                for r in con.execute(
                    f"SELECT {columns} FROM cards WHERE {AVAILABLE}{scope}"
                    f" AND {STATE} = 2 AND due < ? ORDER BY due, id LIMIT ?",
                    (at, *extra, end, cap),
                )
            ]
            intraday: list[Candidate] = []
            interday: list[Candidate] = []
            learning = [  # learning, then relearning: each one range of ix_cards_state
                r
                for state in (1, 3)
                for r in con.execute(
                    f"SELECT {columns}, json_extract(fsrs, '$.last_review') FROM cards"
                    f" WHERE {AVAILABLE}{scope} AND {STATE} = ? AND due < ? ORDER BY due, id",
                    (at, *extra, state, end),
                )
            ]
            for r in sorted(learning, key=lambda r: (r[2], r[0])):
                due = loaded(r[2])
                last = datetime.fromisoformat(r[5]) if r[5] else None
                card = Candidate(r[0], r[1], due, 0, (r[3], r[4]))
                step = (due - last) if due is not None and last is not None else timedelta(0)
                (interday if step >= timedelta(days=1) else intraday).append(card)
            new: list[Candidate] = []
            seen: set[tuple[int, int]] = set()
            page, offset = max(new_limit, 0) * 3 + 10, 0
            while len(new) < new_limit:
                rows = con.execute(
                    f"SELECT id, topic_id, position, source_id, line FROM cards"
                    f" WHERE {AVAILABLE}{scope} AND fsrs IS NULL AND due IS NULL"
                    " ORDER BY source_id, position LIMIT ? OFFSET ?",
                    (at, *extra, page, offset),
                ).fetchall()
                for r in rows:
                    key = (r[3], r[4])
                    if distinct_new and key in seen:
                        continue
                    seen.add(key)
                    new.append(Candidate(r[0], r[1], None, r[2], key))
                    if len(new) >= new_limit:
                        break
                if len(rows) < page:
                    break
                offset += page
            return DayCandidates(reviews, interday, intraday, new)

        return self._read(read)

    def study_candidates(
        self,
        now: datetime,
        topic_ids: list[int] | None = None,
        new_limit: int = 10_000,
        review_limit: int | None = None,
    ) -> tuple[list[Candidate], list[Candidate]]:
        """(every studied card due by `now`, most overdue first; new cards in notes order, one
        per note): `day_candidates` at one moment, for the CLI and checks."""
        found = self.day_candidates(
            now, now + timedelta(microseconds=1), topic_ids, new_limit, review_limit
        )
        due = sorted(
            found.reviews + found.interday + found.intraday,
            key=lambda c: (c.due is None, c.due, c.card_id),
        )
        return due, found.new

    def forgotten_since(self, since: datetime) -> list[int]:
        """Cards rated Again since `since` (custom study: review forgotten cards)."""
        rows = self._rows(
            "SELECT DISTINCT card_id FROM reviews WHERE reviewed_at >= ? AND rating = 1",
            (stored(since),),
        )
        return [int(r[0]) for r in rows]

    def card(self, card_id: int) -> CardRow | None:
        row = self._row(CARD_ROW + " WHERE c.id = ?", (card_id,))
        return card_row(row) if row is not None else None

    def card_state(self, card_id: int) -> tuple[str | None, bool]:
        """(FSRS state JSON or None for a new card, retired flag)."""
        row = self._row("SELECT fsrs, retired FROM cards WHERE id = ?", (card_id,))
        if row is None:
            raise KeyError(f"no card {card_id}")
        return row[0], bool(row[1])

    def reviews_for(self, card_id: int) -> list[ReviewRow]:
        from studyapp.store.records import ReviewRow

        rows = self._rows(
            "SELECT id, card_id, rating, reviewed_at, duration_ms FROM reviews"
            " WHERE card_id = ? ORDER BY reviewed_at, id",
            (card_id,),
        )
        return [ReviewRow(r[0], r[1], r[2], loaded(r[3]) or r[3], r[4]) for r in rows]

    def topic_subtree_ids(self, topic_id: int) -> list[int]:
        rows = self._rows(
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
            " SELECT t.id FROM topics t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub",
            (topic_id,),
        )
        return [int(r[0]) for r in rows]

    # ---- writing ---------------------------------------------------------------------------
    def record_review(
        self,
        card_id: int,
        rating: int,
        now: datetime,
        state_after: str,
        due: datetime,
        duration_ms: int | None = None,
        lapsed: bool = False,
        leech_lapses: int = 8,
        bury_until: datetime | None = None,
        bury_new: bool = False,
        bury_review: bool = False,
    ) -> RecordedReview:
        """Append to the review log and store the card's new state, in one transaction, with
        one undo entry (the card and the siblings it buries, as they were).
        At `leech_lapses` lapses the card is tagged leech and suspended. With `bury_until`, the
        card's siblings (the live cards of the same notes file and line) that are new
        (`bury_new`) or in review (`bury_review`) are hidden until then; a learning sibling is
        left alone, as in Anki."""
        with self._write() as con:
            row = con.execute(
                f"SELECT {', '.join(SNAPSHOT)}, source_id, line FROM cards WHERE id = ?",
                (card_id,),
            ).fetchone()
            snapshot = [list(row[: len(SNAPSHOT)])]  # the card as it was, for undo
            before, lapses = row[1], row[3]
            source_id, line = row[len(SNAPSHOT)], row[len(SNAPSHOT) + 1]
            kinds = [
                k for k, on in (("fsrs IS NULL", bury_new), (f"{STATE} = 2", bury_review)) if on
            ]
            buried: list[int] = []
            if kinds and bury_until is not None:
                where = (
                    "source_id = ? AND line = ? AND id != ? AND retired = 0"
                    f" AND ({' OR '.join(kinds)})"
                    " AND (buried_until IS NULL OR buried_until < ?)"
                )
                args = (source_id, line, card_id, stored(bury_until))
                siblings = snapshot_of(con, where, args)
                if siblings:
                    con.execute(
                        f"UPDATE cards SET buried_until = ? WHERE {where}",
                        (stored(bury_until), *args),
                    )
                    snapshot += siblings
                    buried = [int(v[0]) for v in siblings]
            rid = con.execute(
                "INSERT INTO reviews (uid, card_id, rating, reviewed_at, duration_ms, state_before,"
                " state_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (new_uid(), card_id, rating, stored(now), duration_ms, before, state_after),
            ).lastrowid
            lapses += 1 if lapsed else 0
            leech = lapsed and lapses >= leech_lapses
            con.execute(
                "UPDATE cards SET fsrs = ?, due = ?, lapses = ?, updated_at = ?"
                + (", leech = 1, suspended = 1" if leech else "")
                + " WHERE id = ?",
                (state_after, stored(due), lapses, stored(now), card_id),
            )
            log_undo(con, "rate", now, snapshot, int(rid or 0))  # the rated card first
        return RecordedReview(int(rid or 0), lapses, leech, tuple(buried))

    # ---- custom study: today's raised limits ------------------------------------------------
    def raise_day_limits(self, today: datetime, new: int = 0, reviews: int = 0) -> None:
        """Add to today's new-card and review limits (custom study)."""
        with self._write() as con:
            con.execute(
                "INSERT INTO day_limits (day, extra_new, extra_reviews) VALUES (?, ?, ?)"
                " ON CONFLICT (day) DO UPDATE SET extra_new = extra_new + excluded.extra_new,"
                " extra_reviews = extra_reviews + excluded.extra_reviews",
                (day(today), max(new, 0), max(reviews, 0)),
            )

    def day_limits_raised(self, today: datetime) -> tuple[int, int]:
        """(extra new cards, extra reviews) custom study added to today's limits."""
        row = self._row(
            "SELECT extra_new, extra_reviews FROM day_limits WHERE day = ?", (day(today),)
        )
        return (int(row[0]), int(row[1])) if row is not None else (0, 0)
