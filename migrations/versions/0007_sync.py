"""Sync bookkeeping: which reviews and finished attempts the server has (`synced`), when the
learner last suspended or buried each card (`flags_at`, the newest change wins), the sync's
cursors (`sync_state`) and the pulled reviews whose card is not imported here yet
(`sync_waiting`, placed when the notes arrive).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("reviews", "exam_attempts"):
        op.add_column(
            table, sa.Column("synced", sa.Boolean, nullable=False, server_default=sa.text("0"))
        )
    op.add_column("cards", sa.Column("flags_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_reviews_unsynced", "reviews", ["id"], sqlite_where=sa.text("synced = 0"))
    op.create_table(
        "sync_state",
        sa.Column("server", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_waiting",
        sa.Column("uid", sa.String(32), primary_key=True),
        sa.Column("card_uid", sa.String(32), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("state_before", sa.Text, nullable=True),
        sa.Column("state_after", sa.Text, nullable=False),
    )
    op.create_index("ix_sync_waiting_card", "sync_waiting", ["card_uid"])


def downgrade() -> None:
    op.drop_index("ix_sync_waiting_card", table_name="sync_waiting")
    op.drop_table("sync_waiting")
    op.drop_table("sync_state")
    op.drop_index("ix_reviews_unsynced", table_name="reviews")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("flags_at")
    for table in ("exam_attempts", "reviews"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("synced")
