"""The progress report over the collection: read its rows, map topics to exam domains (with the
mapping cache beside the database), and build one report per exam."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from studyapp.usecases import mapping_cache

if TYPE_CHECKING:
    from studyapp.reports.report import ExamReport
    from studyapp.reports.stats import Stats
    from studyapp.store.collection import Collection


def build_reports(
    collection: Collection, now: datetime, exam: str | None = None
) -> list[ExamReport]:
    """Every exam's report (or only `exam`'s). Raises GuideError or CatalogueError (file and
    line) for broken content, DatabaseError for the database."""
    from studyapp.reports.report import make_reports

    guides, catalogue = mapping_cache.guides_and_catalogue()
    mapping_cache.load_into(catalogue, collection.path)
    rows = collection.report_rows(now)
    reports = make_reports(rows, guides, catalogue, exam)
    mapping_cache.save_from(catalogue, collection.path)
    return reports


def build_stats(collection: Collection, now: datetime) -> Stats:
    """Retention by month, the review heatmap, card states and hours (reports/stats.py); the
    hours in the machine's local time at `now`."""
    from studyapp.reports.stats import make_stats

    offset = now.astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    return make_stats(collection.stats_rows(now, minutes))
