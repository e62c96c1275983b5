"""The progress report over a generated 60-day history stored in a real database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Scheduler
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import Engine

from studyapp.cli.main import main
from studyapp.cli.report import cmd_report
from studyapp.exam.guide import load_guides
from studyapp.reports.mapping import load_catalogue
from studyapp.reports.report import make_reports, retrievability, wilson
from studyapp.store.collection import Collection
from studyapp.store.exam_queries import FinishedAnswer
from studyapp.store.schema import cards, reviews, sources, topics
from studyapp.util import locations

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
GUIDES = load_guides(locations.content_dir() / "exams")
CATALOGUE = load_catalogue(locations.content_dir() / "catalogue" / "aws-services.yaml", GUIDES)


def _engine(path: Path) -> Engine:
    """A SQLAlchemy engine over the file, to fill it fast through the schema's tables (Core)."""
    return create_engine(f"sqlite:///{path}")


def _naive(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None)


def _state(card_id: int, stability: float, days_ago: int) -> str:
    last = NOW - timedelta(days=days_ago)
    return Card(card_id, stability=stability, difficulty=5.0, last_review=last, due=last).to_json()


def _history(db: Path) -> None:
    repo = Collection.open(db)
    with _engine(repo.path).begin() as c:
        sid = c.execute(
            insert(sources).values(
                path="/n.md",
                display_path="n.md",
                sha256="0",
                kind="markdown",
                imported_at=_naive(NOW),
            )
        ).inserted_primary_key[0]
        explicit = dict(title="Keys", path_key="Keys", domains="saa-c03:1.1", line=1)
        auto = dict(title="SQS queues", path_key="SQS queues", domains="", line=9)
        tids = [
            c.execute(
                insert(topics).values(source_id=sid, level=1, body="", **t)
            ).inserted_primary_key[0]
            for t in (explicit, auto)
        ]
        # (topic, stability, last review days ago, due in days); None: a new card
        spec = [
            (0, 10.0, 5, 3),
            (0, 2.0, 10, -2),
            (0, None, 0, 0),
            (1, 60.0, 29, 40),
            (1, None, 0, 0),
        ]
        for i, (t, s, ago, due) in enumerate(spec, start=1):
            c.execute(
                insert(cards).values(
                    id=i,
                    source_id=sid,
                    topic_id=tids[t],
                    kind="basic",
                    front=f"Q{i}",
                    back="A",
                    prompt_key=f"q{i}",
                    line=i,
                    fsrs=_state(i, s, ago) if s else None,
                    due=_naive(NOW + timedelta(days=due)) if s else None,
                    created_at=_naive(NOW),
                    updated_at=_naive(NOW),
                )
            )
        rows = [
            dict(
                card_id=1,
                rating=3,
                reviewed_at=_naive(NOW - timedelta(days=d)),
                duration_ms=1000,
                state_after="{}",
            )
            for d in range(60)
        ]
        rows += [
            dict(
                card_id=4,
                rating=3,
                reviewed_at=_naive(NOW - timedelta(days=d)),
                duration_ms=30000,
                state_after="{}",
            )
            for d in (1, 40)
        ]
        c.execute(insert(reviews), rows)
    # Domain 1 answers: quizzes 3/4 (2 days ago), 2/2 (3 days ago), 1/2 (9 days ago);
    # a mock exam 0/2 (10 days ago); an unfinished attempt that must not count.
    for mode, ago, results in [
        ("quiz", 2, [1, 1, 1, 0]),
        ("quiz", 3, [1, 1]),
        ("quiz", 9, [1, 0]),
        ("exam", 10, [0, 0]),
    ]:
        when = NOW - timedelta(days=ago)
        aid = repo.save_attempt({}, "saa-c03", mode, when)
        answers = [
            FinishedAnswer(f"q{n}", 1, "1.1", ("a",), bool(ok), False, 30.0)
            for n, ok in enumerate(results)
        ]
        repo.finish_attempt(aid, {}, {}, None, None, answers, when)
    repo.save_attempt({}, "saa-c03", "quiz", NOW)
    repo.close()


@pytest.fixture
def history(db_path: Path) -> Path:
    _history(db_path)
    return db_path


def test_formula_matches_fsrs() -> None:
    card = Card(1, stability=7.5, difficulty=5, last_review=NOW - timedelta(days=12), due=NOW)
    assert retrievability(7.5, 12) == pytest.approx(Scheduler().get_card_retrievability(card, NOW))


def test_per_domain_figures(history: Path) -> None:
    repo = Collection.open(history)
    rows = repo.report_rows(NOW)
    repo.close()
    [saa] = make_reports(rows, GUIDES, CATALOGUE, "saa-c03")
    d1, d2, d3, d4 = saa.domains
    assert (d1.weight, d1.cards, d1.reviewed, d1.known) == (30, 3, 2, 1)  # R(10d stab, 5d) >= .9
    assert d1.minutes == pytest.approx(1.0)  # 60 reviews of 1 s
    assert (d1.quiz.answered, d1.quiz.correct) == (8, 6)
    assert d1.quiz.last7 == (6, 5) and d1.quiz.prev7 == (2, 1)
    assert d1.quiz.trend == pytest.approx(5 / 6 - 1 / 2)
    assert (d1.mock.answered, d1.mock.correct, d1.mock.last7, d1.mock.prev7) == (
        2,
        0,
        (0, 0),
        (2, 0),
    )
    assert (d2.cards, d2.reviewed, d2.known) == (2, 1, 1)  # "SQS queues": mapped by name
    assert d2.minutes == pytest.approx(1.0)
    assert d1.weakest[0].path == "Keys" and d1.weakest[0].known == 1
    assert (d3.cards, d4.cards) == (0, 0)
    # readiness: domain 1 by 6/10 answers, domain 2 by 1/1 cards known; 3 and 4 unknown
    r = saa.readiness
    assert r.estimate == pytest.approx((0.30 * 0.6 + 0.26 * 1.0) / 0.56)
    lo1, hi1 = wilson(6, 10)
    lo2, hi2 = wilson(1, 1)
    assert r.low == pytest.approx(0.30 * lo1 + 0.26 * lo2)
    assert r.high == pytest.approx(0.30 * hi1 + 0.26 * hi2 + 0.24 + 0.20)
    assert r.answers == 10 and "domain(s) 3, 4" in r.based_on
    per_day = dict(saa.reviews_per_day)
    assert len(per_day) == 30 and sum(per_day.values()) == 30 + 1
    assert per_day["2026-03-19"] == 2 and per_day["2026-03-20"] == 1
    due = dict(saa.due_forecast)
    assert due["2026-03-20"] == 1 and due["2026-03-23"] == 1 and sum(due.values()) == 2
    weeks = {w: (n, c) for w, n, c in d1.weekly}
    assert weeks["2026-03-16"] == (6, 5) and weeks["2026-03-09"] == (4, 1)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_cli_formats(history: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_report(history, "SAA-C03", fmt, json.dumps, now=NOW) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        [report] = json.loads(out)["reports"]
        assert report["exam"] == "saa-c03"
        assert [d["known_cards"] for d in report["domains"]] == [1, 1, 0, 0]
    elif fmt == "markdown":
        assert out.startswith("# SAA-C03") and "| 1. Design Secure Architectures | 30% |" in out
    else:
        assert "Domain 1. Design Secure Architectures (30% of the exam)" in out
        assert "quiz: 75% of 8 (+33 pts this week)" in out


def test_cli_every_exam_and_unknown_exam(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(history), "report", "--format", "json"]) == 0
    assert [r["exam"] for r in json.loads(capsys.readouterr().out)["reports"]] == [
        "dva-c02",
        "saa-c03",
    ]
    assert main(["--db", str(history), "report", "xyz-c01"]) == 2
    assert "unknown exam" in capsys.readouterr().out
