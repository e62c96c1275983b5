"""Writing parsed notes into the database: one committed transaction per file, or one for a
whole run of files (`batch()`), so an import is applied wholly or not at all."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from studyapp.notes.model import ParsedNote
from studyapp.store import db, reconcile
from studyapp.store.records import FileSummary
from studyapp.store.schema import cards, comparison_tables, sources, topics
from studyapp.store.timeutil import naive

SEP = " > "


class ImportMixin:
    engine: Engine
    path: Path
    _batch: tuple[Connection, int] | None = None  # the open batch and the thread that owns it

    @contextmanager
    def batch(self) -> Iterator[Connection]:
        """One write transaction around several `import_note` calls (made in this thread): they
        are committed together when the block ends, or rolled back together when it raises or the
        process dies. `BEGIN IMMEDIATE` takes the write lock at once, so another studyapp writing
        makes this one wait (the busy timeout) rather than fail halfway on a stale snapshot."""
        current = self._batch
        if current is not None and current[1] == threading.get_ident():
            yield current[0]  # already inside a batch: part of it
            return
        conn = self.engine.connect()
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException as exc:
            conn.close()
            if isinstance(exc, DBAPIError):
                raise db.error_for(self.path, exc.orig or exc) from exc
            raise
        self._batch = (conn, threading.get_ident())
        try:
            yield conn
            conn.commit()
        except BaseException as exc:
            with suppress(DBAPIError, db.DatabaseError):
                conn.rollback()
            if isinstance(exc, DBAPIError):
                raise db.error_for(self.path, exc.orig or exc) from exc
            raise
        finally:
            self._batch = None
            conn.close()

    def unchanged_summaries(self, paths: dict[str, str]) -> list[FileSummary]:
        """Summaries for files skipped by hash ({stored path: display path}), in few queries."""
        if not paths:
            return []
        with self.engine.connect() as conn:
            ids = dict(
                conn.execute(
                    select(sources.c.path, sources.c.id).where(sources.c.path.in_(list(paths)))
                ).all()
            )
            sids = list(ids.values())
            kinds = conn.execute(
                select(cards.c.source_id, cards.c.kind, func.count())
                .where(cards.c.source_id.in_(sids), cards.c.retired.is_(False))
                .group_by(cards.c.source_id, cards.c.kind)
            ).all()
            n_topics = dict(
                conn.execute(
                    select(topics.c.source_id, func.count())
                    .where(topics.c.source_id.in_(sids), topics.c.retired.is_(False))
                    .group_by(topics.c.source_id)
                ).all()
            )
            n_tables = dict(
                conn.execute(
                    select(comparison_tables.c.source_id, func.count())
                    .where(comparison_tables.c.source_id.in_(sids))
                    .group_by(comparison_tables.c.source_id)
                ).all()
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

    def import_note(
        self, note: ParsedNote, path: str, display_path: str, kind: str, bundled: bool = False
    ) -> FileSummary:
        """Reconcile one parsed file with what is stored: in one committed transaction of its own,
        or as part of the open `batch()`."""
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
        try:
            with self.batch() as conn:
                sid = self._upsert_source(conn, note, path, display_path, kind, bundled, now)
                topic_ids = self._sync_topics(conn, sid, note)
                self._sync_cards(conn, sid, note, topic_ids, now, summary)
                self._sync_tables(conn, sid, note, topic_ids)
        except DBAPIError as exc:
            raise db.error_for(self.path, exc.orig or exc) from exc
        return summary

    def _upsert_source(
        self,
        conn: Connection,
        note: ParsedNote,
        path: str,
        display_path: str,
        kind: str,
        bundled: bool,
        now: datetime,
    ) -> int:
        values = dict(
            display_path=display_path,
            sha256=note.sha256,
            kind=kind,
            bundled=bundled,
            repaired=note.repaired,
            imported_at=naive(now),
        )
        sid = conn.execute(select(sources.c.id).where(sources.c.path == path)).scalar()
        if sid is None:
            result = conn.execute(insert(sources).values(path=path, **values))
            return int(result.inserted_primary_key[0])
        conn.execute(update(sources).where(sources.c.id == sid).values(**values))
        return int(sid)

    def _sync_topics(self, conn: Connection, sid: int, note: ParsedNote) -> dict[str, int]:
        existing = dict(
            conn.execute(
                select(topics.c.path_key, topics.c.id).where(topics.c.source_id == sid)
            ).all()
        )
        rows, seen = [], set()
        for pos, t in enumerate(note.topics):
            key = SEP.join(t.path)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                dict(
                    b_key=key,
                    title=t.title,
                    level=t.level,
                    line=t.line,
                    position=pos,
                    body=t.body,
                    domains=",".join(t.domains),
                )
            )
        new_rows = [r for r in rows if r["b_key"] not in existing]
        old_rows = [r for r in rows if r["b_key"] in existing]
        if new_rows:
            conn.execute(
                insert(topics),
                [
                    dict(
                        source_id=sid,
                        path_key=r["b_key"],
                        title=r["title"],
                        level=r["level"],
                        line=r["line"],
                        position=r["position"],
                        body=r["body"],
                        domains=r["domains"],
                        retired=False,
                    )
                    for r in new_rows
                ],
            )
        if old_rows:
            conn.execute(
                update(topics)
                .where(topics.c.source_id == sid, topics.c.path_key == bindparam("b_key"))
                .values(
                    title=bindparam("title"),
                    level=bindparam("level"),
                    line=bindparam("line"),
                    position=bindparam("position"),
                    body=bindparam("body"),
                    domains=bindparam("domains"),
                    retired=False,
                ),
                old_rows,
            )
        gone = [k for k in existing if k not in seen]
        if gone:
            conn.execute(
                update(topics)
                .where(topics.c.source_id == sid, topics.c.path_key.in_(gone))
                .values(retired=True)
            )
        ids = dict(
            conn.execute(
                select(topics.c.path_key, topics.c.id).where(topics.c.source_id == sid)
            ).all()
        )
        parents = [
            dict(b_id=ids[key], parent_id=ids.get(key.rpartition(SEP)[0]) if SEP in key else None)
            for key in seen
        ]
        if parents:
            conn.execute(
                update(topics)
                .where(topics.c.id == bindparam("b_id"))
                .values(parent_id=bindparam("parent_id")),
                parents,
            )
        return ids

    def _sync_cards(
        self,
        conn: Connection,
        sid: int,
        note: ParsedNote,
        topic_ids: dict[str, int],
        now: datetime,
        summary: FileSummary,
    ) -> None:
        id_to_key = {v: k for k, v in topic_ids.items()}
        stored = [
            reconcile.Stored(
                id=r.id,
                topic_key=id_to_key.get(r.topic_id, ""),
                kind=r.kind,
                prompt_key=r.prompt_key,
                back=r.back,
                line=r.line,
                retired=r.retired,
            )
            for r in conn.execute(
                select(
                    cards.c.id,
                    cards.c.topic_id,
                    cards.c.kind,
                    cards.c.prompt_key,
                    cards.c.back,
                    cards.c.line,
                    cards.c.retired,
                ).where(cards.c.source_id == sid)
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
        plan = reconcile.plan(stored, fresh)
        stamp = naive(now)
        if plan.insert:
            conn.execute(
                insert(cards),
                [
                    dict(
                        source_id=sid,
                        topic_id=topic_ids.get(fresh[i].topic_key),
                        kind=fresh[i].kind,
                        front=note.cards[i].front,
                        back=note.cards[i].back,
                        prompt_key=fresh[i].prompt_key,
                        line=fresh[i].line,
                        position=i,
                        created_at=stamp,
                        updated_at=stamp,
                    )
                    for i in plan.insert
                ],
            )
        if plan.update or plan.keep:
            rows = [
                dict(
                    b_id=cid,
                    topic_id=topic_ids.get(fresh[i].topic_key),
                    front=note.cards[i].front,
                    back=note.cards[i].back,
                    prompt_key=fresh[i].prompt_key,
                    line=fresh[i].line,
                    position=i,
                    updated_at=stamp,
                )
                for i, cid in {**plan.keep, **plan.update}.items()
            ]
            conn.execute(
                update(cards)
                .where(cards.c.id == bindparam("b_id"))
                .values(
                    topic_id=bindparam("topic_id"),
                    front=bindparam("front"),
                    back=bindparam("back"),
                    prompt_key=bindparam("prompt_key"),
                    line=bindparam("line"),
                    position=bindparam("position"),
                    updated_at=bindparam("updated_at"),
                    retired=False,
                ),
                rows,
            )
        if plan.retire:
            conn.execute(update(cards).where(cards.c.id.in_(plan.retire)).values(retired=True))
        summary.new = len(plan.insert)
        summary.updated = len(plan.update)
        summary.unchanged = len(plan.keep)
        summary.retired = len(plan.retire)

    def _sync_tables(
        self, conn: Connection, sid: int, note: ParsedNote, topic_ids: dict[str, int]
    ) -> None:
        conn.execute(delete(comparison_tables).where(comparison_tables.c.source_id == sid))
        if note.tables:
            conn.execute(
                insert(comparison_tables),
                [
                    dict(
                        source_id=sid,
                        topic_id=topic_ids.get(SEP.join(t.topic_path)),
                        caption=t.caption,
                        header=json.dumps(t.header, ensure_ascii=False),
                        rows=json.dumps(t.rows, ensure_ascii=False),
                        line=t.line,
                    )
                    for t in note.tables
                ],
            )
