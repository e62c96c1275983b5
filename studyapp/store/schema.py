"""SQLAlchemy Core tables. The Alembic migrations under migrations/ create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, unique=True),  # absolute, resolved
    Column("display_path", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # markdown | outline
    Column("bundled", Boolean, nullable=False, default=False),
    Column("repaired", Boolean, nullable=False, default=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("parent_id", ForeignKey("topics.id", ondelete="SET NULL"), nullable=True),
    Column("path_key", Text, nullable=False),  # heading path joined by " > "
    Column("title", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("body", Text, nullable=False, default=""),
    Column("domains", Text, nullable=False, default=""),  # comma-separated "saa-c03:1.2"
    Column("retired", Boolean, nullable=False, default=False),
    UniqueConstraint("source_id", "path_key", name="uq_topics_source_path"),
)

cards = Table(
    "cards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", ForeignKey("topics.id", ondelete="SET NULL"), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("front", Text, nullable=False),
    Column("back", Text, nullable=False),
    Column("prompt_key", Text, nullable=False),  # normalised front: the card's identity
    Column("line", Integer, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("fsrs", Text, nullable=True),  # fsrs.Card.to_json(); NULL while the card is new
    Column("due", DateTime(timezone=True), nullable=True),
    Column("lapses", Integer, nullable=False, default=0),
    Column("suspended", Boolean, nullable=False, default=False),
    Column("leech", Boolean, nullable=False, default=False),
    Column("buried_until", DateTime(timezone=True), nullable=True),
    Column("retired", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # kept by triggers on `reviews` (migration 0005): the report reads totals, not the log
    Column("review_count", Integer, nullable=False, server_default=text("0")),
    Column("review_ms", Integer, nullable=False, server_default=text("0")),
    Column("uid", String(32), nullable=True),  # notes/identity.py: the same on every machine
    # when the learner last suspended or buried it: the newest change wins when syncing
    Column("flags_at", DateTime(timezone=True), nullable=True),
    # when the card was last reset to new ("forget", migration 0008); its reviews are kept
    Column("reset_at", DateTime(timezone=True), nullable=True),
)
Index("ix_cards_source", cards.c.source_id)
Index("ix_cards_uid", cards.c.uid, unique=True)
Index("ix_cards_due", cards.c.retired, cards.c.suspended, cards.c.due)
Index("ix_cards_topic", cards.c.topic_id)
# New cards (due IS NULL) in notes order, straight from the index: no scan, no sort.
Index(
    "ix_cards_queue",
    cards.c.retired,
    cards.c.suspended,
    cards.c.due,
    cards.c.source_id,
    cards.c.position,
)
# the study queue by kind: reviews and learning cards due by a time (migration 0008)
Index(
    "ix_cards_state",
    cards.c.retired,
    cards.c.suspended,
    func.json_extract(cards.c.fsrs, "$.state"),
    cards.c.due,
)
# siblings: the cards made from one line, table row or cloze note (migration 0008)
Index("ix_cards_line", cards.c.source_id, cards.c.line)
# covering for the progress report: memory per topic without parsing every card's FSRS text
Index(
    "ix_cards_memory",
    cards.c.retired,
    cards.c.topic_id,
    cards.c.lapses,
    cards.c.review_count,
    cards.c.review_ms,
    func.json_extract(cards.c.fsrs, "$.stability"),
    func.json_extract(cards.c.fsrs, "$.last_review"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("card_id", ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
    Column("rating", Integer, nullable=False),  # 1 Again, 2 Hard, 3 Good, 4 Easy
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("duration_ms", Integer, nullable=True),
    Column("state_before", Text, nullable=True),
    Column("state_after", Text, nullable=False),
    Column("uid", String(32), nullable=True),  # globally unique: merged logs never double
    Column("synced", Boolean, nullable=False, server_default=text("0")),  # the server has it
)
Index("ix_reviews_card", reviews.c.card_id, reviews.c.reviewed_at)
Index("ix_reviews_time", reviews.c.reviewed_at)
Index("ix_reviews_uid", reviews.c.uid, unique=True)
Index("ix_reviews_unsynced", reviews.c.id, sqlite_where=text("synced = 0"))

# Reviews per UTC hour ('YYYY-MM-DD HH') and kind (of a card in FSRS's Review state or not), kept
# by triggers on `reviews` (migration 0007): what the statistics read (reports/stats.py).
review_hours = Table(
    "review_hours",
    metadata,
    Column("hour", String(13), primary_key=True),
    Column("review_card", Boolean, primary_key=True),
    Column("reviews", Integer, nullable=False),
    Column("passed", Integer, nullable=False),
)

comparison_tables = Table(
    "comparison_tables",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", ForeignKey("topics.id", ondelete="SET NULL"), nullable=True),
    Column("caption", Text, nullable=False),
    Column("header", Text, nullable=False),  # JSON list
    Column("rows", Text, nullable=False),  # JSON list of lists
    Column("line", Integer, nullable=False),
)

__all__ = [
    "metadata",
    "sources",
    "topics",
    "cards",
    "reviews",
    "comparison_tables",
    "exam_attempts",
    "exam_answers",
    "sync_state",
    "sync_waiting",
    "undo_log",
    "day_limits",
]

exam_attempts = Table(
    "exam_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("exam", String(32), nullable=False),
    Column("mode", String(16), nullable=False),  # exam | practice | review | quiz
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),  # NULL: can be resumed
    Column("state", Text, nullable=False),  # the pure session's to_dict(), as JSON
    Column("scaled_score", Integer, nullable=True),
    Column("passed", Boolean, nullable=True),
    Column("result", Text, nullable=True),  # JSON: per-domain results, time per question
    Column("uid", String(32), nullable=True),  # globally unique
    Column("synced", Boolean, nullable=False, server_default=text("0")),  # the server has it
)
Index("ix_attempts_exam", exam_attempts.c.exam, exam_attempts.c.finished_at)
Index("ix_attempts_uid", exam_attempts.c.uid, unique=True)

exam_answers = Table(
    "exam_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", ForeignKey("exam_attempts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("question_id", String(64), nullable=False),
    Column("domain", String(16), nullable=False),
    Column("task", String(16), nullable=False),
    Column("chosen", Text, nullable=False),  # JSON list of option ids
    Column("correct", Boolean, nullable=False),
    Column("flagged", Boolean, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=False),
)
Index("ix_answers_attempt", exam_answers.c.attempt_id)
Index("ix_answers_question", exam_answers.c.question_id)

# sync (usecases/sync.py): per server, its cursor and the settings last seen there
sync_state = Table(
    "sync_state",
    metadata,
    Column("server", Text, primary_key=True),
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# reviews pulled from the server whose card is not imported on this machine yet
sync_waiting = Table(
    "sync_waiting",
    metadata,
    Column("uid", String(32), primary_key=True),
    Column("card_uid", String(32), nullable=False),
    Column("rating", Integer, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("duration_ms", Integer, nullable=True),
    Column("state_before", Text, nullable=True),
    Column("state_after", Text, nullable=False),
)
Index("ix_sync_waiting_card", sync_waiting.c.card_uid)
# Every action on cards, newest last, so `u` undoes them in order, across restarts (migration
# 0008). `cards` is a JSON list of each touched card's columns before the action:
# [id, fsrs, due, lapses, suspended, leech, buried_until]; `review_id` is the rating's review.
undo_log = Table(
    "undo_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(16), nullable=False),  # rate | bury | suspend | unsuspend | ...
    Column("done_at", DateTime(timezone=True), nullable=False),
    Column("review_id", Integer, nullable=True),
    Column("cards", Text, nullable=False),
)

# Custom study's raised limits for one day ("YYYY-MM-DD", UTC): added to the configured ones.
day_limits = Table(
    "day_limits",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("extra_new", Integer, nullable=False, server_default=text("0")),
    Column("extra_reviews", Integer, nullable=False, server_default=text("0")),
)
