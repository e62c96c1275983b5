"""Exam attempts and answers in a real SQLite file: save, resume, finish, list, mistakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.exam.guide import load_guides
from studyapp.exam.session import ExamSession
from studyapp.store.collection import Collection
from studyapp.store.exam_queries import FinishedAnswer
from studyapp.usecases.importing import import_paths
from studyapp.util.locations import content_dir

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _session() -> ExamSession:
    from studyapp.exam.bank import load_bank

    guides = load_guides(content_dir() / "exams")
    bank = load_bank(content_dir() / "questions", guides)
    return ExamSession.start(guides["saa-c03"], bank.for_exam("saa-c03")[:3], T0)


def test_an_attempt_is_saved_resumed_and_finished_with_one_row_per_answer(tmp_path: Path) -> None:
    repo = Collection.open(tmp_path / "db.sqlite3")
    session = _session()
    aid = repo.save_attempt(session.to_dict(), "saa-c03", "practice", T0)
    first = session.questions[0]
    session.toggle(sorted(first.correct)[0], T0 + timedelta(seconds=30))
    session.flag(T0 + timedelta(seconds=31))
    repo.save_attempt(session.to_dict(), "saa-c03", "practice", T0, aid)
    repo.close()

    repo = Collection.open(tmp_path / "db.sqlite3")  # a later run of the app
    row = repo.unfinished_attempt("saa-c03")
    assert row is not None and row.id == aid and row.mode == "practice"
    restored = ExamSession.from_dict(row.state)
    assert restored.answers == session.answers and restored.flags == {first.id}
    assert repo.unfinished_attempt("dva-c02") is None

    result = restored.submit(T0 + timedelta(minutes=2))
    answers = [
        FinishedAnswer(o.id, o.domain, o.task, o.chosen, o.right, o.id in restored.flags, o.seconds)
        for o in result.outcomes
    ]
    repo.finish_attempt(
        aid, restored.to_dict(), result.to_dict(), result.scaled, result.passed, answers, T0
    )
    assert repo.unfinished_attempt("saa-c03") is None
    done = repo.attempts("saa-c03")
    assert [a.id for a in done] == [aid]
    assert done[0].scaled_score == result.scaled and done[0].passed is result.passed
    assert done[0].result is not None and done[0].result["scaled_is_estimate"] is True
    assert len(done[0].result["domains"]) == 4
    stored = repo.attempt_answers(aid)
    assert [a.question_id for a in stored] == [q.id for q in session.questions]
    assert stored[0].correct and stored[0].flagged and stored[0].chosen == session.answers[first.id]
    assert [a.correct for a in stored[1:]] == [False, False]  # blank answers are wrong
    assert repo.last_attempt_question_ids("saa-c03") == {q.id for q in session.questions}
    assert repo.last_attempt_question_ids("dva-c02") == set()
    repo.close()


def test_an_abandoned_attempt_is_neither_resumable_nor_avoided(tmp_path: Path) -> None:
    repo = Collection.open(tmp_path / "db.sqlite3")
    session = _session()
    aid = repo.save_attempt(session.to_dict(), "saa-c03", "exam", T0)
    repo.abandon_attempt(aid, T0)
    assert repo.unfinished_attempt("saa-c03") is None
    assert repo.last_attempt_question_ids("saa-c03") == set()
    assert repo.unfinished_attempts() == []
    repo.close()


def test_a_mistake_card_survives_reimporting_notes(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text("# SQS\n\nDefault visibility timeout?::30 seconds\n", encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    import_paths(repo, [note])
    cid = repo.add_mistake_card("saa-c03", 2, "Which queue type?", "B. FIFO", T0)
    assert repo.add_mistake_card("saa-c03", 2, "Which queue type?", "B. FIFO", T0) == cid
    note.write_text("# SQS\n\nMax message size?::256 KiB\n", encoding="utf-8")
    import_paths(repo, [note])
    mistakes = repo.list_cards(topic="Mock exam mistakes")
    assert [(c.id, c.kind, c.topic_path) for c in mistakes] == [
        (cid, "basic", "Mock exam mistakes > SAA-C03 domain 2")
    ]
    due, new = repo.study_candidates(T0)
    assert cid in {c.card_id for c in new}
    repo.close()


NOTE_WITH_TABLE = """# Messaging
<!-- domains: saa-c03:2.1 -->

| Service | Ordering |
|---|---|
| SQS standard | best effort only |
| SQS FIFO | strict per group |
| Kinesis | per shard |
| SNS standard | none at all |
"""


def test_a_quiz_draws_on_the_bank_the_learners_tables_and_the_simulators(tmp_path: Path) -> None:
    from studyapp.usecases.examining import ExamPlan, ExamRun, content, quiz_pool

    note = tmp_path / "messaging.md"
    note.write_text(NOTE_WITH_TABLE, encoding="utf-8")
    repo = Collection.open(tmp_path / "db.sqlite3")
    import_paths(repo, [note])
    guides, bank = content()
    pool = quiz_pool(repo, guides["saa-c03"], bank)
    origins = {q.origin for q in pool}
    assert {"bundled", "table", "simulation"} <= origins
    fifo = next(q for q in pool if q.origin == "table" and "“SQS FIFO”" in q.stem)
    assert fifo.stem.startswith("For the service “SQS FIFO”, what is the ordering?")
    assert fifo.option(next(iter(fifo.correct))) == "strict per group"
    assert (fifo.domain, fifo.task) == (2, "2.1")
    run = ExamRun.start(repo, ExamPlan("saa-c03", "quiz", domain=2, seed=4), T0)
    assert len(run.session.questions) == 10 and run.session.mode == "review"
    assert {q.domain for q in run.session.questions} == {2}
    assert repo.unfinished_attempt("saa-c03") is not None
    repo.close()
