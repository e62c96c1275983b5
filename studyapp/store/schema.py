"""SQLAlchemy Core tables. The Alembic migrations under migrations/ create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, unique=True),  # absolute, resolved
    Column("display_path", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # markdown | outline
    Column("bundled", Boolean, nullable=False, default=False),
    Column("repaired", Boolean, nullable=False, default=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("parent_id", ForeignKey("topics.id", ondelete="SET NULL"), nullable=True),
    Column("path_key", Text, nullable=False),  # heading path joined by " > "
    Column("title", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("body", Text, nullable=False, default=""),
    Column("domains", Text, nullable=False, default=""),  # comma-separated "saa-c03:1.2"
    Column("retired", Boolean, nullable=False, default=False),
    UniqueConstraint("source_id", "path_key", name="uq_topics_source_path"),
)

cards = Table(
    "cards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", ForeignKey("topics.id", ondelete="SET NULL"), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("front", Text, nullable=False),
    Column("back", Text, nullable=False),
    Column("prompt_key", Text, nullable=False),  # normalised front: the card's identity
    Column("line", Integer, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("fsrs", Text, nullable=True),  # fsrs.Card.to_json(); NULL while the card is new
    Column("due", DateTime(timezone=True), nullable=True),
    Column("lapses", Integer, nullable=False, default=0),
    Column("suspended", Boolean, nullable=False, default=False),
    Column("leech", Boolean, nullable=False, default=False),
    Column("buried_until", DateTime(timezone=True), nullable=True),
    Column("retired", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_cards_source", cards.c.source_id)
Index("ix_cards_due", cards.c.retired, cards.c.suspended, cards.c.due)
Index("ix_cards_topic", cards.c.topic_id)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("card_id", ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
    Column("rating", Integer, nullable=False),  # 1 Again, 2 Hard, 3 Good, 4 Easy
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("duration_ms", Integer, nullable=True),
    Column("state_before", Text, nullable=True),
    Column("state_after", Text, nullable=False),
)
Index("ix_reviews_card", reviews.c.card_id, reviews.c.reviewed_at)
Index("ix_reviews_time", reviews.c.reviewed_at)

comparison_tables = Table(
    "comparison_tables",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", ForeignKey("topics.id", ondelete="SET NULL"), nullable=True),
    Column("caption", Text, nullable=False),
    Column("header", Text, nullable=False),  # JSON list
    Column("rows", Text, nullable=False),  # JSON list of lists
    Column("line", Integer, nullable=False),
)

__all__ = ["metadata", "sources", "topics", "cards", "reviews", "comparison_tables"]
