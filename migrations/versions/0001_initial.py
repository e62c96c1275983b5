"""Sources, topics, cards, reviews and comparison tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("display_path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("bundled", sa.Boolean, nullable=False),
        sa.Column("repaired", sa.Boolean, nullable=False),
        sa.Column("imported_at", TS, nullable=False),
    )
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "parent_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("path_key", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("domains", sa.Text, nullable=False),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.UniqueConstraint("source_id", "path_key", name="uq_topics_source_path"),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("front", sa.Text, nullable=False),
        sa.Column("back", sa.Text, nullable=False),
        sa.Column("prompt_key", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("fsrs", sa.Text, nullable=True),
        sa.Column("due", TS, nullable=True),
        sa.Column("lapses", sa.Integer, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("leech", sa.Boolean, nullable=False),
        sa.Column("buried_until", TS, nullable=True),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_cards_source", "cards", ["source_id"])
    op.create_index("ix_cards_due", "cards", ["retired", "suspended", "due"])
    op.create_index("ix_cards_topic", "cards", ["topic_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", TS, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("state_before", sa.Text, nullable=True),
        sa.Column("state_after", sa.Text, nullable=False),
    )
    op.create_index("ix_reviews_card", "reviews", ["card_id", "reviewed_at"])
    op.create_index("ix_reviews_time", "reviews", ["reviewed_at"])
    op.create_table(
        "comparison_tables",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("header", sa.Text, nullable=False),
        sa.Column("rows", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("comparison_tables", "reviews", "cards", "topics", "sources"):
        op.drop_table(table)
