"""The one way in to the database. Screens and the CLI call these methods; none builds a query."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from studyapp.store import db
from studyapp.store.browse_repo import BrowseMixin
from studyapp.store.exam_repo import ExamMixin
from studyapp.store.import_repo import ImportMixin
from studyapp.store.records import CardRow
from studyapp.store.report_repo import ReportMixin
from studyapp.store.schema import cards, comparison_tables, reviews, sources, topics
from studyapp.store.scope_repo import ScopeMixin
from studyapp.store.study_repo import StudyMixin
from studyapp.store.timeutil import utc


class Repository(ImportMixin, StudyMixin, BrowseMixin, ExamMixin, ReportMixin, ScopeMixin):
    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Repository:
        return cls(db.open_engine(path), path)

    def close(self) -> None:
        self.close_study_store()
        self.engine.dispose()

    # ---- sources -------------------------------------------------------------------------
    def source_hashes(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(sources.c.path, sources.c.sha256)).all())

    # ---- reading ---------------------------------------------------------------------------
    def list_cards(self, topic: str | None = None, include_retired: bool = False) -> list[CardRow]:
        where = topics.c.path_key.icontains(topic, autoescape=True) if topic else None
        return self._card_rows(where, include_retired)

    def cards_in_topics(self, topic_ids: list[int]) -> list[CardRow]:
        return self._card_rows(cards.c.topic_id.in_(topic_ids), include_retired=False)

    def _card_rows(self, where: Any, include_retired: bool) -> list[CardRow]:
        q = (
            select(
                cards.c.id,
                sources.c.display_path,
                topics.c.path_key,
                cards.c.kind,
                cards.c.front,
                cards.c.back,
                cards.c.line,
                cards.c.due,
                cards.c.suspended,
                cards.c.retired,
                cards.c.topic_id,
            )
            .join(sources, sources.c.id == cards.c.source_id)
            .outerjoin(topics, topics.c.id == cards.c.topic_id)
            .order_by(sources.c.display_path, cards.c.position)
        )
        if not include_retired:
            q = q.where(cards.c.retired.is_(False))
        if where is not None:
            q = q.where(where)
        with self.engine.connect() as conn:
            return [CardRow.from_row(r, utc(r[7])) for r in conn.execute(q)]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            live = cards.c.retired.is_(False)
            return {
                "sources": conn.execute(select(func.count()).select_from(sources)).scalar_one(),
                "topics": conn.execute(
                    select(func.count()).select_from(topics).where(topics.c.retired.is_(False))
                ).scalar_one(),
                "cards": conn.execute(
                    select(func.count()).select_from(cards).where(live)
                ).scalar_one(),
                "tables": conn.execute(
                    select(func.count()).select_from(comparison_tables)
                ).scalar_one(),
                "reviews": conn.execute(select(func.count()).select_from(reviews)).scalar_one(),
            }
