"""Writing parsed notes into the collection: one committed transaction per file, or one for a
whole run of files (`batch()`), so an import is applied wholly or not at all."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime

from studyapp.notes.model import ParsedNote
from studyapp.store import reconcile
from studyapp.store.codec import stored
from studyapp.store.database import Database
from studyapp.store.records import DeckCard, FileSummary, HistoryReview, StoredReview

SEP = " > "
# The one way a card row is created (imports and mistake cards): a new card, never reviewed.
INSERT_CARD = (
    "INSERT INTO cards (uid, source_id, kind, topic_id, front, back, prompt_key, line, position,"
    " updated_at, created_at, lapses, suspended, leech, retired)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)"
)


class ImportQueries(Database):
    def source_hashes(self) -> dict[str, str]:
        """{stored (resolved) path: sha256} of every imported file."""
        return {str(r[0]): str(r[1]) for r in self._rows("SELECT path, sha256 FROM sources")}

    def unchanged_summaries(self, paths: dict[str, str]) -> list[FileSummary]:
        """Summaries for files skipped by hash ({stored path: display path}), in few queries."""
        if not paths:
            return []
        keys = json.dumps(list(paths))
        in_keys = "(SELECT id FROM sources WHERE path IN (SELECT value FROM json_each(?)))"
        ids = dict(
            self._rows(
                "SELECT path, id FROM sources WHERE path IN (SELECT value FROM json_each(?))",
                (keys,),
            )
        )
        kinds = self._rows(
            f"SELECT source_id, kind, count(*) FROM cards WHERE source_id IN {in_keys}"
            " AND retired = 0 GROUP BY source_id, kind",
            (keys,),
        )
        n_topics = dict(
            self._rows(
                f"SELECT source_id, count(*) FROM topics WHERE source_id IN {in_keys}"
                " AND retired = 0 GROUP BY source_id",
                (keys,),
            )
        )
        n_tables = dict(
            self._rows(
                f"SELECT source_id, count(*) FROM comparison_tables WHERE source_id IN {in_keys}"
                " GROUP BY source_id",
                (keys,),
            )
        )
        by_kind: dict[int, dict[str, int]] = {}
        for sid, kind, n in kinds:
            by_kind.setdefault(sid, {})[kind] = n
        out = []
        for path, display in paths.items():
            sid = ids[path]
            k = by_kind.get(sid, {})
            out.append(
                FileSummary(
                    path=display,
                    status="unchanged",
                    topics=n_topics.get(sid, 0),
                    cards_by_kind=k,
                    tables=n_tables.get(sid, 0),
                    unchanged=sum(k.values()),
                )
            )
        return out

    def forget_files(self, path: str, as_shown: str = "") -> list[tuple[str, int]]:
        """Retire the cards and topics of every imported file at `path` (a resolved file path, or
        a folder: the files under it) or shown as `as_shown` (its display path), keeping their
        reviews; returns [(display path, cards retired)]. The file's hash is cleared, so importing
        it again brings the cards back with their history. Its comparison tables (no history of
        their own) are deleted."""
        with self._write() as con:
            found = con.execute(
                "SELECT id, display_path FROM sources"
                " WHERE path = ? OR substr(path, 1, ?) = ? OR display_path = ? ORDER BY path",
                (path, len(path.rstrip("/")) + 1, path.rstrip("/") + "/", as_shown),
            ).fetchall()
            out = []
            for sid, display in found:
                n = con.execute(
                    "UPDATE cards SET retired = 1 WHERE source_id = ? AND retired = 0", (sid,)
                ).rowcount
                con.execute("UPDATE topics SET retired = 1 WHERE source_id = ?", (sid,))
                con.execute("DELETE FROM comparison_tables WHERE source_id = ?", (sid,))
                con.execute("UPDATE sources SET sha256 = '' WHERE id = ?", (sid,))
                out.append((str(display), int(n)))
        return out

    def import_note(
        self, note: ParsedNote, path: str, display_path: str, kind: str, bundled: bool = False
    ) -> FileSummary:
        """Reconcile one parsed file with what is stored: in one committed transaction of its own,
        or as part of this thread's open `batch()`."""
        now = datetime.now(UTC)
        summary = FileSummary(
            path=display_path,
            status="imported",
            topics=len(note.topics),
            cards_by_kind=dict(Counter(c.kind for c in note.cards)),
            tables=len(note.tables),
            repaired=note.repaired,
            warnings=[(w.path, w.line, w.message) for w in note.warnings],
        )
        with self._write() as con:
            sid = _upsert_source(con, note, path, display_path, kind, bundled, now)
            topic_ids = _sync_topics(con, sid, note)
            _sync_cards(con, sid, note, topic_ids, now, summary)
            _sync_tables(con, sid, note, topic_ids)
        return summary

    # ---- Anki decks ------------------------------------------------------------------------
    def import_deck(
        self, note: ParsedNote, cards: list[DeckCard], path: str, display_path: str
    ) -> tuple[FileSummary, dict[str, int]]:
        """Store an Anki package's topics (`note.topics`) and cards: a card is found again by
        its uid (from the Anki note's GUID and the card's template), whichever file it came in
        by, so a re-import or a newer export of the same deck updates it. Cards of this file
        missing from the package are retired (history kept). Returns the summary and
        {uid: card id}."""
        now = datetime.now(UTC)
        stamp = stored(now)
        summary = FileSummary(
            path=display_path,
            status="imported",
            topics=len(note.topics),
            cards_by_kind=dict(Counter(c.kind for c in cards)),
            warnings=[(w.path, w.line, w.message) for w in note.warnings],
        )
        with self._write() as con:
            sid = _upsert_source(con, note, path, display_path, "anki", False, now)
            topic_ids = _sync_topics(con, sid, note)
            wanted = json.dumps([c.uid for c in cards] + [""])
            found = {
                str(r[0]): (int(r[1]), r[2], r[3], int(r[4]), int(r[5]))
                for r in con.execute(
                    "SELECT uid, id, front, back, retired, suspended FROM cards"
                    " WHERE source_id = ? OR uid IN (SELECT value FROM json_each(?))",
                    (sid, wanted),
                )
                if r[0] is not None
            }
            ids: dict[str, int] = {}
            for pos, c in enumerate(cards):
                topic_id = topic_ids.get(c.topic_key)
                key = reconcile.prompt_key(c.front)
                old = found.get(c.uid)
                if old is None:
                    cur = con.execute(
                        INSERT_CARD,
                        (c.uid, sid, c.kind, topic_id, c.front, c.back, key, 0, pos, stamp, stamp),
                    )
                    ids[c.uid] = int(cur.lastrowid or 0)
                    summary.new += 1
                    if c.suspended:  # as it was in Anki; later choices are the learner's here
                        con.execute("UPDATE cards SET suspended = 1 WHERE id = ?", (ids[c.uid],))
                    continue
                cid, front, back, retired, _suspended = old
                ids[c.uid] = cid
                same = front == c.front and back == c.back and not retired
                con.execute(
                    "UPDATE cards SET source_id = ?, topic_id = ?, kind = ?, front = ?, back = ?,"
                    " prompt_key = ?, position = ?, retired = 0"
                    + ("" if same else ", updated_at = ?")
                    + " WHERE id = ?",
                    (sid, topic_id, c.kind, c.front, c.back, key, pos)
                    + (() if same else (stamp,))
                    + (cid,),
                )
                if same:
                    summary.unchanged += 1
                else:
                    summary.updated += 1
            gone = [v[0] for k, v in found.items() if k not in ids and not v[3]]
            if gone:
                con.execute(
                    "UPDATE cards SET retired = 1 WHERE source_id = ?"
                    " AND id IN (SELECT value FROM json_each(?))",
                    (sid, json.dumps(gone)),
                )
            summary.retired = len(gone)
            # a deck's topics exist for its cards: an older file of the same deck whose cards
            # all came over to this one keeps no topics in the tree
            con.execute(
                "UPDATE topics SET retired = 1 WHERE retired = 0 AND source_id IN ("
                " SELECT s.id FROM sources s WHERE s.kind = 'anki' AND s.id != ? AND NOT EXISTS"
                " (SELECT 1 FROM cards c WHERE c.source_id = s.id AND c.retired = 0))",
                (sid,),
            )
        return summary, ids

    def card_uids(self) -> list[str]:
        """Every card's uid (an import matching Anki notes that studyapp exported)."""
        return [str(r[0]) for r in self._rows("SELECT uid FROM cards WHERE uid IS NOT NULL")]

    def card_ids_by_uid(self, uids: list[str]) -> dict[str, int]:
        rows = self._rows(
            "SELECT uid, id FROM cards WHERE uid IN (SELECT value FROM json_each(?))",
            (json.dumps(uids),),
        )
        return {str(r[0]): int(r[1]) for r in rows}

    def stored_reviews(self, card_ids: list[int]) -> dict[int, list[StoredReview]]:
        """{card id: its reviews in time order} for these cards."""
        out: dict[int, list[StoredReview]] = {}
        rows = self._rows(
            "SELECT card_id, id, uid, rating, reviewed_at, duration_ms FROM reviews"
            " WHERE card_id IN (SELECT value FROM json_each(?)) ORDER BY reviewed_at, id",
            (json.dumps(card_ids),),
        )
        for r in rows:
            out.setdefault(int(r[0]), []).append(
                StoredReview(int(r[1]), r[2], int(r[3]), str(r[4]), r[5])
            )
        return out

    def write_history(
        self, card_id: int, history: list[HistoryReview], fsrs: str, due: str, lapses: int
    ) -> int:
        """A card's whole review log replayed: reviews without an id are added, the others get
        their replayed states; the card takes the last state. Returns how many were added."""
        fresh = [h for h in history if h.id is None]
        with self._write() as con:
            con.executemany(
                "INSERT INTO reviews (uid, card_id, rating, reviewed_at, duration_ms,"
                " state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        h.uid,
                        card_id,
                        h.rating,
                        h.reviewed_at,
                        h.duration_ms,
                        h.state_before,
                        h.state_after,
                    )
                    for h in fresh
                ],
            )
            con.executemany(
                "UPDATE reviews SET state_before = ?, state_after = ? WHERE id = ?",
                [(h.state_before, h.state_after, h.id) for h in history if h.id is not None],
            )
            con.execute(
                "UPDATE cards SET fsrs = ?, due = ?, lapses = ? WHERE id = ?",
                (fsrs, due, lapses, card_id),
            )
        return len(fresh)


def _upsert_source(
    con: sqlite3.Connection,
    note: ParsedNote,
    path: str,
    display_path: str,
    kind: str,
    bundled: bool,
    now: datetime,
) -> int:
    values = (display_path, note.sha256, kind, int(bundled), int(note.repaired), stored(now))
    row = con.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone()
    if row is None:
        cur = con.execute(
            "INSERT INTO sources (display_path, sha256, kind, bundled, repaired, imported_at,"
            " path) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*values, path),
        )
        return int(cur.lastrowid or 0)
    con.execute(
        "UPDATE sources SET display_path = ?, sha256 = ?, kind = ?, bundled = ?, repaired = ?,"
        " imported_at = ? WHERE id = ?",
        (*values, row[0]),
    )
    return int(row[0])


def _topic_ids(con: sqlite3.Connection, sid: int) -> dict[str, int]:
    rows = con.execute("SELECT path_key, id FROM topics WHERE source_id = ?", (sid,))
    return {str(k): int(v) for k, v in rows}


def _sync_topics(con: sqlite3.Connection, sid: int, note: ParsedNote) -> dict[str, int]:
    existing = _topic_ids(con, sid)
    rows, seen = [], set()
    for pos, t in enumerate(note.topics):
        key = SEP.join(t.path)
        if key in seen:
            continue
        seen.add(key)
        rows.append((t.title, t.level, t.line, pos, t.body, ",".join(t.domains), sid, key))
    con.executemany(
        "INSERT INTO topics (title, level, line, position, body, domains, source_id, path_key,"
        " retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        [r for r in rows if r[7] not in existing],
    )
    con.executemany(
        "UPDATE topics SET title = ?, level = ?, line = ?, position = ?, body = ?, domains = ?,"
        " retired = 0 WHERE source_id = ? AND path_key = ?",
        [r for r in rows if r[7] in existing],
    )
    gone = [k for k in existing if k not in seen]
    if gone:
        con.execute(
            "UPDATE topics SET retired = 1 WHERE source_id = ?"
            " AND path_key IN (SELECT value FROM json_each(?))",
            (sid, json.dumps(gone)),
        )
    ids = _topic_ids(con, sid)
    con.executemany(
        "UPDATE topics SET parent_id = ? WHERE id = ?",
        [(ids.get(key.rpartition(SEP)[0]) if SEP in key else None, ids[key]) for key in seen],
    )
    return ids


def _sync_cards(
    con: sqlite3.Connection,
    sid: int,
    note: ParsedNote,
    topic_ids: dict[str, int],
    now: datetime,
    summary: FileSummary,
) -> None:
    id_to_key = {v: k for k, v in topic_ids.items()}
    known = [
        reconcile.Stored(
            id=r[0],
            topic_key=id_to_key.get(r[1], ""),
            kind=r[2],
            prompt_key=r[3],
            back=r[4],
            line=r[5],
            retired=bool(r[6]),
        )
        for r in con.execute(
            "SELECT id, topic_id, kind, prompt_key, back, line, retired FROM cards"
            " WHERE source_id = ?",
            (sid,),
        )
    ]
    fresh = [
        reconcile.Fresh(
            topic_key=SEP.join(c.topic_path),
            kind=c.kind,
            prompt_key=reconcile.prompt_key(c.front),
            back=c.back,
            line=c.line,
        )
        for c in note.cards
    ]
    plan = reconcile.plan(known, fresh)
    stamp = stored(now)

    def text(i: int) -> tuple[object, ...]:
        """Fresh card i's place and words, as stored (the columns both statements write)."""
        f, c = fresh[i], note.cards[i]
        return (topic_ids.get(f.topic_key), c.front, c.back, f.prompt_key, f.line, i, stamp)

    con.executemany(
        INSERT_CARD,
        [
            (uid, sid, fresh[i].kind, *text(i), stamp)
            for i, uid in zip(
                plan.insert, new_card_uids(con, note.path, fresh, plan.insert), strict=True
            )
        ],
    )
    con.executemany(
        "UPDATE cards SET topic_id = ?, front = ?, back = ?, prompt_key = ?, line = ?,"
        " position = ?, updated_at = ?, retired = 0 WHERE id = ?",
        [(*text(i), cid) for i, cid in {**plan.keep, **plan.update}.items()],
    )
    if plan.retire:
        con.execute(
            "UPDATE cards SET retired = 1 WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(plan.retire),),
        )
    summary.new = len(plan.insert)
    summary.updated = len(plan.update)
    summary.unchanged = len(plan.keep)
    summary.retired = len(plan.retire)


def new_card_uids(
    con: sqlite3.Connection, source: str, fresh: list[reconcile.Fresh], picks: list[int]
) -> list[str]:
    """Ids for the cards about to be inserted (notes/identity.py), each unique in the collection:
    a clash (two files of one name asking the same) takes the next "#n" of its prompt."""
    from studyapp.notes.identity import card_uid

    out: list[str] = []
    taken: set[str] = set()
    for i in picks:
        f = fresh[i]
        uid, n = card_uid(source, f.topic_key, f.kind, f.prompt_key), 1
        while uid in taken or con.execute("SELECT 1 FROM cards WHERE uid = ?", (uid,)).fetchone():
            n += 1
            uid = card_uid(source, f.topic_key, f.kind, f"{f.prompt_key}#{n}")
        taken.add(uid)
        out.append(uid)
    return out


def _sync_tables(
    con: sqlite3.Connection, sid: int, note: ParsedNote, topic_ids: dict[str, int]
) -> None:
    con.execute("DELETE FROM comparison_tables WHERE source_id = ?", (sid,))
    con.executemany(
        "INSERT INTO comparison_tables (source_id, topic_id, caption, header, rows, line)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                sid,
                topic_ids.get(SEP.join(t.topic_path)),
                t.caption,
                json.dumps(t.header, ensure_ascii=False),
                json.dumps(t.rows, ensure_ascii=False),
                t.line,
            )
            for t in note.tables
        ],
    )
