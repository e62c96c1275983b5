"""Reading the topic tree, a topic's notes and its comparison tables (the Browse screen)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Engine

from studyapp.store.records import TableRow, TopicRow
from studyapp.store.schema import cards, comparison_tables, sources, topics
from studyapp.store.timeutil import naive


class BrowseMixin:
    engine: Engine
    path: Path

    def topic_tree(self, now: datetime) -> list[TopicRow]:
        """Every live topic with its own card count and due count, in notes order."""
        live = and_(cards.c.retired.is_(False), cards.c.suspended.is_(False))
        due = case((and_(cards.c.fsrs.is_not(None), cards.c.due <= naive(now)), 1), else_=0)
        counts = (
            select(
                cards.c.topic_id.label("tid"),
                func.count().label("n"),
                func.sum(due).label("due"),
            )
            .where(live)
            .group_by(cards.c.topic_id)
            .subquery()
        )
        q = (
            select(
                topics.c.id,
                topics.c.parent_id,
                sources.c.display_path,
                topics.c.title,
                topics.c.path_key,
                topics.c.level,
                func.coalesce(counts.c.n, 0),
                func.coalesce(counts.c.due, 0),
            )
            .join(sources, sources.c.id == topics.c.source_id)
            .outerjoin(counts, counts.c.tid == topics.c.id)
            .where(topics.c.retired.is_(False))
            .order_by(sources.c.display_path, topics.c.position)
        )
        with self.engine.connect() as conn:
            return [TopicRow(*r) for r in conn.execute(q)]

    def topic_body(self, topic_id: int) -> str:
        with self.engine.connect() as conn:
            return conn.execute(select(topics.c.body).where(topics.c.id == topic_id)).scalar() or ""

    def tables_for(self, topic_ids: list[int]) -> list[TableRow]:
        q = (
            select(
                comparison_tables.c.id,
                comparison_tables.c.topic_id,
                comparison_tables.c.caption,
                comparison_tables.c.header,
                comparison_tables.c.rows,
                sources.c.display_path,
                comparison_tables.c.line,
            )
            .join(sources, sources.c.id == comparison_tables.c.source_id)
            .where(comparison_tables.c.topic_id.in_(topic_ids))
            .order_by(comparison_tables.c.line)
        )
        with self.engine.connect() as conn:
            return [
                TableRow(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6])
                for r in conn.execute(q)
            ]
