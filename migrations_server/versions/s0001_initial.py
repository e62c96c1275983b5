"""The sync server: one row per learner's collection, and the logs they push (reviews, finished
exam and quiz attempts), the newest suspension or bury of each card, and the study settings.
Every row carries the collection's id; `seq` (one sequence for all tables) is what a machine
has pulled up to.

Revision ID: s0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

SEQ = "nextval('studyapp_change_seq')"


def _seq() -> sa.Column:
    return sa.Column("seq", sa.BigInteger, nullable=False, server_default=sa.text(SEQ))


def _collection() -> sa.Column:
    return sa.Column(
        "collection_id",
        sa.Integer,
        sa.ForeignKey("studyapp_collections.id", ondelete="CASCADE"),
        primary_key=True,
    )


def upgrade() -> None:
    op.execute("CREATE SEQUENCE studyapp_change_seq")
    op.create_table(
        "studyapp_server",
        sa.Column("instance", sa.Text, primary_key=True),  # this server's own id
    )
    op.execute("INSERT INTO studyapp_server (instance) VALUES (md5(random()::text || now()))")
    op.create_table(
        "studyapp_collections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "studyapp_reviews",
        _collection(),
        sa.Column("uid", sa.Text, primary_key=True),
        sa.Column("card_uid", sa.Text, nullable=False),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("state_before", sa.Text, nullable=True),
        sa.Column("state_after", sa.Text, nullable=False),
        _seq(),
    )
    op.create_table(
        "studyapp_card_flags",
        _collection(),
        sa.Column("card_uid", sa.Text, primary_key=True),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("buried_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("flags_at", sa.DateTime(timezone=True), nullable=False),
        _seq(),
    )
    op.create_table(
        "studyapp_attempts",
        _collection(),
        sa.Column("uid", sa.Text, primary_key=True),
        sa.Column("exam", sa.Text, nullable=False),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("scaled_score", sa.Integer, nullable=True),
        sa.Column("passed", sa.Boolean, nullable=True),
        sa.Column("result", sa.Text, nullable=True),
        sa.Column("answers", sa.Text, nullable=False),  # JSON list of the answer rows
        _seq(),
    )
    op.create_table(
        "studyapp_settings",
        _collection(),
        sa.Column("study", sa.Text, nullable=False),  # JSON of the [study] settings
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _seq(),
    )
    for table in ("reviews", "card_flags", "attempts", "settings"):
        op.create_index(f"ix_studyapp_{table}_seq", f"studyapp_{table}", ["collection_id", "seq"])


def downgrade() -> None:
    for table in ("settings", "attempts", "card_flags", "reviews", "collections", "server"):
        op.drop_table(f"studyapp_{table}")
    op.execute("DROP SEQUENCE studyapp_change_seq")
