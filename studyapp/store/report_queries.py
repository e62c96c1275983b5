"""The read paths of the progress report and the study-scope chooser: plain rows, aggregated
in SQL where the rows are many (the review log is summed per day in SQLite, never loaded row by
row; review totals per card are kept by triggers)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from studyapp.reports.rows import AnswerCount, CardMemory, ReportInput, TopicStats, TopicText
from studyapp.reports.stats import HEATMAP_DAYS, MATURE_DAYS, StatsInput, Tally
from studyapp.store.codec import stored
from studyapp.store.database import Database
from studyapp.store.study_queries import AVAILABLE
from studyapp.util.clock import start_of_day

_TOPICS = """
SELECT t.id, s.display_path, t.path_key, t.title, t.body, t.line, t.domains
FROM topics t JOIN sources s ON s.id = t.source_id
WHERE t.retired = 0
"""
# The card queries read only the covering index ix_cards_memory (migration 0005): neither the
# review log nor the cards' FSRS texts are read; review totals are kept on each card by triggers.
# INDEXED BY: the planner would otherwise pick the study queue's index and parse every FSRS text.
_STABILITY = "json_extract(fsrs, '$.stability')"
_LAST_REVIEW = "json_extract(fsrs, '$.last_review')"
_CARDS = f"""
SELECT topic_id, COUNT(*), SUM({_STABILITY} IS NULL), SUM(lapses), SUM(review_count),
       SUM(review_ms)
FROM cards INDEXED BY ix_cards_memory WHERE retired = 0 GROUP BY topic_id
"""
_MEMORY = f"""
SELECT topic_id, {_STABILITY}, {_LAST_REVIEW}
FROM cards INDEXED BY ix_cards_memory
WHERE retired = 0 AND {_STABILITY} IS NOT NULL
"""
_REVIEWS_ON_DAY = """
SELECT COUNT(*) FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?
"""
_DUE_PER_DAY = """
SELECT substr(due, 1, 10), COUNT(*) FROM cards
WHERE retired = 0 AND suspended = 0 AND due IS NOT NULL AND due < ?
GROUP BY 1
"""
# the cards a study session offers today before its limits: available (not retired, suspended
# or buried), and either due today (by the day, as home counts them) or never studied; per topic
# (NULL: cards outside any topic)
_DUE_NEW = f"""
SELECT topic_id, SUM(fsrs IS NOT NULL AND due < ?), SUM(fsrs IS NULL AND due IS NULL)
FROM cards WHERE {AVAILABLE}
GROUP BY topic_id
"""
_ANSWERS = """
SELECT a.exam, x.domain, a.mode = 'quiz', substr(x.answered_at, 1, 10), COUNT(*), SUM(x.correct)
FROM exam_answers x JOIN exam_attempts a ON a.id = x.attempt_id
WHERE a.finished_at IS NOT NULL
GROUP BY 1, 2, 3, 4
"""

# The statistics (reports/stats.py) read `review_hours` (reviews per UTC hour, kept by triggers on
# the log: migration 0007), a few thousand rows for years of study, never the log itself.
# Retention counts only reviews of cards that were in FSRS's Review state then (review_card).
_RETENTION_BY_MONTH = """
SELECT substr(hour, 1, 7), SUM(reviews), SUM(passed) FROM review_hours
WHERE review_card GROUP BY 1 HAVING SUM(reviews) > 0
"""
_REVIEWS_PER_DAY = """
SELECT substr(hour, 1, 10), SUM(reviews) FROM review_hours WHERE hour >= ?
GROUP BY 1 HAVING SUM(reviews) > 0
"""
# the hour of the day in local time: each UTC hour moved by the offset (a zone off by half an
# hour, such as UTC+05:30, counts an hour's reviews in the local hour it starts in)
_BY_HOUR = """
SELECT CAST(strftime('%H', hour || ':00:00', ?) AS INTEGER), SUM(reviews), SUM(passed)
FROM review_hours GROUP BY 1 HAVING SUM(reviews) > 0
"""
_CARD_STATES = f"""
SELECT CASE
    WHEN suspended THEN 'suspended'
    WHEN buried_until IS NOT NULL AND buried_until > :now THEN 'buried'
    WHEN fsrs IS NULL THEN 'new'
    WHEN json_extract(fsrs, '$.state') = 1 THEN 'learning'
    WHEN json_extract(fsrs, '$.state') = 3 THEN 'relearning'
    WHEN julianday(json_extract(fsrs, '$.due')) - julianday(json_extract(fsrs, '$.last_review'))
         >= {MATURE_DAYS} THEN 'mature'
    ELSE 'young'
END, COUNT(*)
FROM cards WHERE retired = 0
GROUP BY 1
"""


def topic_text(row: Any) -> TopicText:
    """One `_TOPICS` row as the domain mapping reads it."""
    return TopicText(
        id=row[0],
        source=row[1],
        path=row[2],
        title=row[3],
        body=row[4] or "",
        line=row[5],
        domains=tuple(d for d in (row[6] or "").split(",") if d),
    )


class ReportQueries(Database):
    def report_rows(self, now: datetime) -> ReportInput:
        """Everything the progress report needs, as plain rows (in one read snapshot)."""
        if now.tzinfo is None:
            raise ValueError("report times must be timezone-aware (UTC)")
        return self._read(lambda con: _report_rows(con, now))

    def stats_rows(self, now: datetime, utc_offset_minutes: int = 0) -> StatsInput:
        """The statistics' rows (reports/stats.py), in one read snapshot."""
        if now.tzinfo is None:
            raise ValueError("report times must be timezone-aware (UTC)")
        return self._read(lambda con: _snapshot(con, lambda: _stats(con, now, utc_offset_minutes)))

    def topic_texts(self) -> list[TopicText]:
        """Every live topic with its text and explicit domain tags (what the mapping reads)."""
        return [topic_text(r) for r in self._rows(_TOPICS)]

    def due_new_per_topic(self, now: datetime) -> dict[int | None, tuple[int, int]]:
        """{topic id: (cards due today, new cards)} over the cards available now; topics with
        neither are left out; the key None holds the cards outside any topic."""
        if now.tzinfo is None:
            raise ValueError("scope times must be timezone-aware (UTC)")
        at = stored(now)
        end = stored(start_of_day(now) + timedelta(days=1))
        out: dict[int | None, tuple[int, int]] = {}
        for tid, due, new in self._rows(_DUE_NEW, (end, at)):
            if due or new:
                out[tid] = (int(due or 0), int(new or 0))
        return out


def _snapshot(con: sqlite3.Connection, read: Any) -> Any:
    if con.in_transaction:  # inside a batch: its own snapshot already
        return read()
    con.execute("BEGIN")
    try:
        return read()
    finally:
        con.execute("COMMIT")


def _stats(con: sqlite3.Connection, now: datetime, utc_offset_minutes: int) -> StatsInput:
    today = now.astimezone(UTC).date()
    first = (today - timedelta(days=HEATMAP_DAYS - 1)).isoformat()
    months = {
        str(m): Tally(int(n), int(ok or 0)) for m, n, ok in con.execute(_RETENTION_BY_MONTH) if m
    }
    days = {str(d): int(n) for d, n in con.execute(_REVIEWS_PER_DAY, (first,))}
    hours = {
        int(h): Tally(int(n), int(ok or 0))
        for h, n, ok in con.execute(_BY_HOUR, (f"{utc_offset_minutes:+d} minutes",))
        if h is not None
    }
    states = {str(s): int(n) for s, n in con.execute(_CARD_STATES, {"now": stored(now)})}
    return StatsInput(today, utc_offset_minutes, months, days, states, hours)


def _report_rows(con: sqlite3.Connection, now: datetime) -> ReportInput:
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if con.in_transaction:  # inside a batch: its own snapshot already
        return _read_report(con, now, today)
    con.execute("BEGIN")  # one snapshot for every figure of the report
    try:
        return _read_report(con, now, today)
    finally:
        con.execute("COMMIT")


def _read_report(con: sqlite3.Connection, now: datetime, today: datetime) -> ReportInput:
    def cur(sql: str, args: tuple[str, ...] = ()) -> list[Any]:
        return con.execute(sql, args).fetchall()

    topics = [topic_text(r) for r in cur(_TOPICS)]
    cards: dict[int | None, tuple[int, int, int]] = {}
    totals: dict[int | None, tuple[int, int]] = {}
    for r in cur(_CARDS):
        cards[r[0]] = (r[1], int(r[2] or 0), int(r[3] or 0))
        totals[r[0]] = (int(r[4] or 0), int(r[5] or 0))
    mem = [r for r in cur(_MEMORY) if r[1] and r[2]]
    parse = datetime.fromisoformat
    memory = CardMemory([r[0] for r in mem], [float(r[1]) for r in mem], [parse(r[2]) for r in mem])
    days = [(today - timedelta(days=29 - i)).date() for i in range(31)]
    per_day = {}
    for day, after in zip(days, days[1:], strict=False):  # 30 index range counts
        n = cur(_REVIEWS_ON_DAY, (day.isoformat(), after.isoformat()))[0][0]
        if n:
            per_day[day.isoformat()] = n
    until = stored(today + timedelta(days=30))
    due: dict[str, int] = {}
    first = today.date().isoformat()
    for day, n in cur(_DUE_PER_DAY, (until,)):
        key = max(day, first)
        due[key] = due.get(key, 0) + n
    answers = [
        AnswerCount(r[0], int(r[1]), "quiz" if r[2] else "mock", r[3], r[4], int(r[5]))
        for r in cur(_ANSWERS)
        if str(r[1]).isdigit()
    ]
    stats = {
        tid: TopicStats(tid, c[0], c[1], *totals.get(tid, (0, 0)), lapses=c[2])
        for tid, c in cards.items()
        if tid is not None
    }
    return ReportInput(
        now=now,
        topics=topics,
        topic_stats=stats,
        memory=memory,
        answers=answers,
        reviews_per_day=per_day,
        due_per_day=due,
        unmapped_cards=cards.get(None, (0, 0, 0))[0],
    )
