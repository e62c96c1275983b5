"""Covering indexes for the progress report: review totals per card without reading the wide
FSRS state columns of the review log, and each card's stability and last review (from its FSRS
JSON) without parsing every card's text on every report.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_reviews_card_duration", "reviews", ["card_id", "duration_ms"])
    op.create_index(
        "ix_cards_memory",
        "cards",
        [
            "retired",
            "topic_id",
            "lapses",
            sa.text("json_extract(fsrs, '$.stability')"),
            sa.text("json_extract(fsrs, '$.last_review')"),
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_cards_memory", table_name="cards")
    op.drop_index("ix_reviews_card_duration", table_name="reviews")
