"""Review counts per hour, kept by triggers, for the statistics (reports/stats.py).

Retention by month, the heatmap and the hours of the day used to group the whole review log (a
million rows, seconds) on every `t` screen and `report --format json`; `review_hours` holds, per
UTC hour and per kind of review (of a card in the Review state or not), how many reviews there
were and how many were not rated Again. Triggers on the log keep it current, as migration 0005's
keep the review totals on each card; the statistics read a few thousand rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

HOUR = "substr({row}.reviewed_at, 1, 13)"  # 'YYYY-MM-DD HH', UTC
OF_REVIEW_CARD = "coalesce(json_extract({row}.state_before, '$.state') = 2, 0)"


def _add(row: str) -> str:
    return (
        "INSERT INTO review_hours (hour, review_card, reviews, passed)"
        f" VALUES ({HOUR.format(row=row)}, {OF_REVIEW_CARD.format(row=row)}, 1, {row}.rating > 1)"
        " ON CONFLICT (hour, review_card) DO UPDATE SET reviews = reviews + 1,"
        " passed = passed + excluded.passed;"
    )


def _remove(row: str) -> str:
    return (
        f"UPDATE review_hours SET reviews = reviews - 1, passed = passed - ({row}.rating > 1)"
        f" WHERE hour = {HOUR.format(row=row)} AND review_card = {OF_REVIEW_CARD.format(row=row)};"
    )


TRIGGERS = (
    f"CREATE TRIGGER tr_review_hours_insert AFTER INSERT ON reviews BEGIN {_add('NEW')} END",
    f"CREATE TRIGGER tr_review_hours_delete AFTER DELETE ON reviews BEGIN {_remove('OLD')} END",
    "CREATE TRIGGER tr_review_hours_update AFTER UPDATE OF reviewed_at, rating, state_before"
    f" ON reviews BEGIN {_remove('OLD')} {_add('NEW')} END",
)


def upgrade() -> None:
    op.create_table(
        "review_hours",
        sa.Column("hour", sa.String(13), nullable=False),
        sa.Column("review_card", sa.Boolean, nullable=False),
        sa.Column("reviews", sa.Integer, nullable=False),
        sa.Column("passed", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("hour", "review_card"),
    )
    row = "reviews"
    op.execute(
        "INSERT INTO review_hours (hour, review_card, reviews, passed)"
        f" SELECT {HOUR.format(row=row)}, {OF_REVIEW_CARD.format(row=row)}, COUNT(*),"
        " SUM(rating > 1) FROM reviews GROUP BY 1, 2"
    )
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for name in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER tr_review_hours_{name}")
    op.drop_table("review_hours")
