"""An index that hands out new cards in notes order without scanning the collection.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_cards_queue", "cards", ["retired", "suspended", "due", "source_id", "position"]
    )


def downgrade() -> None:
    op.drop_index("ix_cards_queue", table_name="cards")
