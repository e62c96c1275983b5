"""Review totals kept on each card: how many reviews it has had and the time spent on them.

The progress report used to sum the review log (a million rows) on every run; triggers on the
log keep `cards.review_count` and `cards.review_ms` current instead, so the report reads one
covering index over the cards. `studyapp doctor` checks the totals against the log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRIGGERS = (
    """
    CREATE TRIGGER tr_reviews_totals_insert AFTER INSERT ON reviews BEGIN
        UPDATE cards SET review_count = review_count + 1,
                         review_ms = review_ms + coalesce(NEW.duration_ms, 0)
        WHERE id = NEW.card_id;
    END
    """,
    """
    CREATE TRIGGER tr_reviews_totals_delete AFTER DELETE ON reviews BEGIN
        UPDATE cards SET review_count = review_count - 1,
                         review_ms = review_ms - coalesce(OLD.duration_ms, 0)
        WHERE id = OLD.card_id;
    END
    """,
    """
    CREATE TRIGGER tr_reviews_totals_update AFTER UPDATE OF card_id, duration_ms ON reviews BEGIN
        UPDATE cards SET review_count = review_count - 1,
                         review_ms = review_ms - coalesce(OLD.duration_ms, 0)
        WHERE id = OLD.card_id;
        UPDATE cards SET review_count = review_count + 1,
                         review_ms = review_ms + coalesce(NEW.duration_ms, 0)
        WHERE id = NEW.card_id;
    END
    """,
)
MEMORY_COLUMNS = [
    "retired",
    "topic_id",
    "lapses",
    "review_count",
    "review_ms",
    sa.text("json_extract(fsrs, '$.stability')"),
    sa.text("json_extract(fsrs, '$.last_review')"),
]


def upgrade() -> None:
    zero = sa.text("0")
    op.add_column(
        "cards", sa.Column("review_count", sa.Integer, nullable=False, server_default=zero)
    )
    op.add_column("cards", sa.Column("review_ms", sa.Integer, nullable=False, server_default=zero))
    op.execute(
        """
        UPDATE cards SET (review_count, review_ms) = (
            SELECT COUNT(*), CAST(TOTAL(duration_ms) AS INTEGER) FROM reviews
            WHERE reviews.card_id = cards.id)
        WHERE id IN (SELECT DISTINCT card_id FROM reviews)
        """
    )
    for trigger in TRIGGERS:
        op.execute(trigger)
    op.drop_index("ix_cards_memory", table_name="cards")
    op.create_index("ix_cards_memory", "cards", MEMORY_COLUMNS)
    op.drop_index("ix_reviews_card_duration", table_name="reviews")


def downgrade() -> None:
    op.create_index("ix_reviews_card_duration", "reviews", ["card_id", "duration_ms"])
    op.drop_index("ix_cards_memory", table_name="cards")
    for name in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER tr_reviews_totals_{name}")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("review_ms")
        batch.drop_column("review_count")
    op.create_index("ix_cards_memory", "cards", MEMORY_COLUMNS[:3] + MEMORY_COLUMNS[5:])
