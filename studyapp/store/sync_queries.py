"""Sync's side of the collection: what the server does not have yet, and writing what it sent.

usecases/sync.py runs a sync; this module is only its SQL on the local file. Every pull is
written inside one `batch()` (one transaction): a sync killed halfway leaves nothing of itself.
Rows are streamed in id order by chunks, so a million-review log is never held in memory at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from studyapp.store.database import Database

CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class LogRow:
    """One review as it travels: times in the store's form (naive UTC text)."""

    uid: str
    card_uid: str
    rating: int
    reviewed_at: str
    duration_ms: int | None
    state_before: str | None
    state_after: str

    def values(self, card: object = None) -> tuple[object, ...]:
        """Its fields in column order (uid, card, rating, time, duration, states); `card`: the
        local card id in place of the card's uid."""
        return (
            self.uid,
            self.card_uid if card is None else card,
            self.rating,
            self.reviewed_at,
            self.duration_ms,
            self.state_before,
            self.state_after,
        )


@dataclass(frozen=True, slots=True)
class FlagRow:
    card_uid: str
    suspended: bool
    buried_until: str | None
    flags_at: str


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """A finished exam or quiz attempt with its answers (a JSON list of row dicts)."""

    uid: str
    exam: str
    mode: str
    started_at: str
    finished_at: str
    state: str
    scaled_score: int | None
    passed: bool | None
    result: str | None
    answers: str


@dataclass(frozen=True, slots=True)
class CardLog:
    """One card's merged log in replay order (time, then uid: the same order on every machine)."""

    card_id: int
    lapses: int
    leech: bool
    reviews: list[tuple[int, int, str, str | None, str]]  # id, rating, at, before, after


ANSWER_COLUMNS = (
    "position",
    "question_id",
    "domain",
    "task",
    "chosen",
    "correct",
    "flagged",
    "seconds",
    "answered_at",
)


TOTALS_TRIGGER = "tr_reviews_totals_insert"  # migration 0005: cards' review totals, per insert


class SyncQueries(Database):
    # ---- what to push ----------------------------------------------------------------------
    def unsynced_reviews(self) -> Iterator[tuple[int, LogRow]]:
        """Reviews the server does not have, oldest first, with their card's stable id (a card
        without one is skipped: it predates identities and the doctor reports it)."""
        last = 0
        while True:
            rows = self._rows(
                "SELECT r.id, r.uid, c.uid, r.rating, r.reviewed_at, r.duration_ms,"
                " r.state_before, r.state_after FROM reviews r JOIN cards c ON c.id = r.card_id"
                " WHERE r.synced = 0 AND r.id > ? AND r.uid IS NOT NULL AND c.uid IS NOT NULL"
                " ORDER BY r.id LIMIT ?",
                (last, CHUNK),
            )
            for r in rows:
                yield int(r[0]), LogRow(r[1], r[2], int(r[3]), r[4], r[5], r[6], r[7])
            if len(rows) < CHUNK:
                return
            last = int(rows[-1][0])

    def mark_reviews_synced(self, up_to_id: int) -> int:
        with self._write() as con:
            return con.execute(
                "UPDATE reviews SET synced = 1 WHERE synced = 0 AND id <= ?", (up_to_id,)
            ).rowcount

    def changed_flags(self, since: str | None) -> list[FlagRow]:
        rows = self._rows(
            "SELECT uid, suspended, buried_until, flags_at FROM cards"
            " WHERE flags_at IS NOT NULL AND uid IS NOT NULL AND flags_at > ?",
            (since or "",),
        )
        return [FlagRow(r[0], bool(r[1]), r[2], r[3]) for r in rows]

    def unsynced_attempts(self) -> list[tuple[int, AttemptRecord]]:
        rows = self._rows(
            "SELECT id, uid, exam, mode, started_at, finished_at, state, scaled_score, passed,"
            " result FROM exam_attempts"
            " WHERE synced = 0 AND finished_at IS NOT NULL AND uid IS NOT NULL ORDER BY id"
        )
        out = []
        for r in rows:
            answers = self._rows(
                f"SELECT {', '.join(ANSWER_COLUMNS)} FROM exam_answers WHERE attempt_id = ?"
                " ORDER BY position",
                (r[0],),
            )
            out.append(
                (
                    int(r[0]),
                    AttemptRecord(
                        r[1],
                        r[2],
                        r[3],
                        r[4],
                        r[5],
                        r[6],
                        r[7],
                        None if r[8] is None else bool(r[8]),
                        r[9],
                        json.dumps([dict(zip(ANSWER_COLUMNS, a, strict=True)) for a in answers]),
                    ),
                )
            )
        return out

    def mark_attempts_synced(self, ids: list[int]) -> None:
        with self._write() as con:
            con.executemany("UPDATE exam_attempts SET synced = 1 WHERE id = ?", [(i,) for i in ids])

    # ---- bookkeeping -----------------------------------------------------------------------
    def sync_value(self, server: str, name: str) -> str | None:
        row = self._row(
            "SELECT value FROM sync_state WHERE server = ? AND name = ?", (server, name)
        )
        return None if row is None else str(row[0])

    def set_sync_value(self, server: str, name: str, value: str) -> None:
        with self._write() as con:
            con.execute(
                "INSERT INTO sync_state (server, name, value) VALUES (?, ?, ?)"
                " ON CONFLICT (server, name) DO UPDATE SET value = excluded.value",
                (server, name, value),
            )

    # ---- writing what was pulled (inside the caller's batch) ---------------------------------
    def add_pulled_reviews(self, rows: list[LogRow]) -> tuple[set[int], int]:
        """Insert the reviews this file does not have (by uid), marked synced; a review whose
        card is not here waits in `sync_waiting`. Returns the ids of the cards that got one
        and how many were added. A few statements a batch, whatever its size."""
        if not rows:
            return set(), 0
        with self._write() as con:
            uids = json.dumps([r.uid for r in rows])
            have = {
                u
                for (u,) in con.execute(
                    "SELECT uid FROM reviews WHERE uid IN (SELECT value FROM json_each(?))",
                    (uids,),
                )
            }
            cards = dict(
                con.execute(
                    "SELECT uid, id FROM cards WHERE uid IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted({r.card_uid for r in rows})),),
                ).fetchall()
            )
            new = [r for r in rows if r.uid not in have]
            con.executemany(
                "INSERT OR IGNORE INTO sync_waiting (uid, card_uid, rating, reviewed_at,"
                " duration_ms, state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [r.values() for r in new if r.card_uid not in cards],
            )
            placed = [r for r in new if r.card_uid in cards]
            con.executemany(
                "INSERT OR IGNORE INTO reviews (uid, card_id, rating, reviewed_at,"
                " duration_ms, state_before, state_after, synced)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                [r.values(cards[r.card_uid]) for r in placed],
            )
        return {cards[r.card_uid] for r in placed}, len(placed)

    @contextmanager
    def bulk_reviews(self) -> Iterator[set[int]]:
        """Inside a batch: insert many reviews without the per-row totals trigger, then count
        the totals of the cards written to (the set yielded, filled by the caller) at once and
        put the trigger back, all in the batch's one transaction."""
        if self._in_batch() is None:
            raise RuntimeError("bulk_reviews() runs inside batch()")
        touched: set[int] = set()
        with self._write() as con:
            row = con.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                (TOTALS_TRIGGER,),
            ).fetchone()
            if row is not None:
                con.execute(f"DROP TRIGGER {TOTALS_TRIGGER}")
        yield touched
        with self._write() as con:
            if row is not None:
                con.execute(
                    "UPDATE cards SET review_count = (SELECT count(*) FROM reviews r"
                    " WHERE r.card_id = cards.id), review_ms = (SELECT"
                    " coalesce(sum(duration_ms), 0) FROM reviews r WHERE r.card_id = cards.id)"
                    " WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(touched)),),
                )
                con.execute(row[0])

    def waiting_reviews(self) -> list[LogRow]:
        """Pulled reviews whose card has been imported since: ready to be placed."""
        rows = self._rows(
            "SELECT w.uid, w.card_uid, w.rating, w.reviewed_at, w.duration_ms, w.state_before,"
            " w.state_after FROM sync_waiting w JOIN cards c ON c.uid = w.card_uid"
        )
        return [LogRow(*r) for r in rows]

    def drop_waiting(self, uids: list[str]) -> None:
        with self._write() as con:
            con.executemany("DELETE FROM sync_waiting WHERE uid = ?", [(u,) for u in uids])

    def waiting_count(self) -> int:
        return self._one("SELECT count(*) FROM sync_waiting")

    def card_log(self, card_id: int) -> CardLog:
        card = self._row("SELECT lapses, leech FROM cards WHERE id = ?", (card_id,))
        rows = self._rows(
            "SELECT id, rating, reviewed_at, state_before, state_after FROM reviews"
            " WHERE card_id = ? ORDER BY reviewed_at, uid",
            (card_id,),
        )
        return CardLog(card_id, int(card[0]), bool(card[1]), [tuple(r) for r in rows])

    def write_card_log(
        self,
        card_id: int,
        states: list[tuple[int, str | None, str]],
        fsrs_state: str,
        due: str,
        lapses: int,
        leech: bool,
    ) -> None:
        """Store a replayed log (review id, state before, state after) and the card's state.
        A card that reaches the leech threshold on the merged log is tagged and suspended, as
        it would have been on one machine."""
        with self._write() as con:
            con.executemany(
                "UPDATE reviews SET state_before = ?, state_after = ? WHERE id = ?",
                [(b, a, i) for i, b, a in states],
            )
            con.execute(
                "UPDATE cards SET fsrs = ?, due = ?, lapses = ?"
                + (", leech = 1, suspended = 1" if leech else "")
                + " WHERE id = ?",
                (fsrs_state, due, lapses, card_id),
            )

    def apply_flags(self, rows: Iterable[FlagRow]) -> int:
        """Suspensions and buries from the server, where they are newer than this file's."""
        with self._write() as con:
            return sum(
                con.execute(
                    "UPDATE cards SET suspended = ?, buried_until = ?, flags_at = ?"
                    " WHERE uid = ? AND (flags_at IS NULL OR flags_at < ?)",
                    (int(f.suspended), f.buried_until, f.flags_at, f.card_uid, f.flags_at),
                ).rowcount
                for f in rows
            )

    def add_pulled_attempts(self, rows: Iterable[AttemptRecord]) -> int:
        added = 0
        with self._write() as con:
            for a in rows:
                cur = con.execute(
                    "INSERT OR IGNORE INTO exam_attempts (uid, exam, mode, started_at,"
                    " finished_at, state, scaled_score, passed, result, synced)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    (
                        a.uid,
                        a.exam,
                        a.mode,
                        a.started_at,
                        a.finished_at,
                        a.state,
                        a.scaled_score,
                        None if a.passed is None else int(a.passed),
                        a.result,
                    ),
                )
                if not cur.rowcount:
                    continue
                added += 1
                answers: list[dict[str, Any]] = json.loads(a.answers)
                con.executemany(
                    f"INSERT INTO exam_answers (attempt_id, {', '.join(ANSWER_COLUMNS)})"
                    f" VALUES (?{', ?' * len(ANSWER_COLUMNS)})",
                    [(cur.lastrowid, *(x[c] for c in ANSWER_COLUMNS)) for x in answers],
                )
        return added

    def sync_figures(self) -> tuple[int, int]:
        """(reviews, reviews not on the server yet)."""
        return self._one("SELECT count(*) FROM reviews"), self.unsynced_count()

    def unsynced_count(self) -> int:
        """Reviews not on the server yet (the partial index: no scan of the log)."""
        return self._one("SELECT count(*) FROM reviews WHERE synced = 0")
