"""Forget (a reset time on cards), the undo log (every action a learner takes on cards,
undoable across restarts) and today's raised limits (custom study: more new cards or reviews today).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # when the card was last reset to new ("forget"): its history is kept, its schedule starts
    # again, and the doctor compares its state only with the reviews made since
    op.add_column("cards", sa.Column("reset_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "CREATE INDEX ix_cards_state ON cards"
        " (retired, suspended, json_extract(fsrs, '$.state'), due)"
    )
    op.create_index("ix_cards_line", "cards", ["source_id", "line"])
    op.create_table(
        "undo_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_id", sa.Integer, nullable=True),
        sa.Column("cards", sa.Text, nullable=False),
    )
    op.create_table(
        "day_limits",
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("extra_new", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("extra_reviews", sa.Integer, nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    op.drop_table("day_limits")
    op.drop_table("undo_log")
    op.drop_index("ix_cards_line", table_name="cards")
    op.drop_index("ix_cards_state", table_name="cards")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("reset_at")
