"""An index for the statistics (reports/stats.py): the review log's time, rating and the FSRS
state the card was in, so retention by month and the hours of the day read the index, never the
log's rows with their FSRS texts (about a third of the time over a million reviews).

Revision ID: 0007_h17cli
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_h17cli"
down_revision = "0006"
branch_labels = None
depends_on = None

STATS_COLUMNS = ["reviewed_at", "rating", sa.text("json_extract(state_before, '$.state')")]


def upgrade() -> None:
    op.create_index("ix_reviews_stats", "reviews", STATS_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_reviews_stats", table_name="reviews")
