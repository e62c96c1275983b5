"""Stable ids: each card's `uid` (from its notes file's name, topic, kind and prompt: the same
notes give the same ids on every machine), and a globally unique `uid` for every review and exam
attempt, so collections can be merged without a review lost or counted twice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from studyapp.notes.identity import card_uid

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("cards", "reviews", "exam_attempts"):
        op.add_column(table, sa.Column("uid", sa.String(32), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT c.id, s.display_path, coalesce(t.path_key, ''), c.kind, c.prompt_key"
            " FROM cards c JOIN sources s ON s.id = c.source_id"
            " LEFT JOIN topics t ON t.id = c.topic_id ORDER BY c.id"
        )
    ).all()
    seen: set[str] = set()
    values = []
    for cid, source, topic, kind, prompt in rows:
        uid = card_uid(source, topic, kind, prompt)
        n = 1
        while uid in seen:  # two stored cards asking the same (a retired copy): keep both
            n += 1
            uid = card_uid(source, topic, kind, f"{prompt}#{n}")
        seen.add(uid)
        values.append({"id": cid, "uid": uid})
    if values:
        conn.execute(sa.text("UPDATE cards SET uid = :uid WHERE id = :id"), values)
    for table in ("reviews", "exam_attempts"):  # what was done so far: random ids, in SQL
        conn.execute(sa.text(f"UPDATE {table} SET uid = lower(hex(randomblob(16)))"))
    op.create_index("ix_cards_uid", "cards", ["uid"], unique=True)
    op.create_index("ix_reviews_uid", "reviews", ["uid"], unique=True)
    op.create_index("ix_attempts_uid", "exam_attempts", ["uid"], unique=True)


def downgrade() -> None:
    for index, table in (
        ("ix_attempts_uid", "exam_attempts"),
        ("ix_reviews_uid", "reviews"),
        ("ix_cards_uid", "cards"),
    ):
        op.drop_index(index, table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")
