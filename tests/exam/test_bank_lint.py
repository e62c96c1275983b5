"""The bank's linter: the bundled bank meets the exam-style bar, and each check catches the fault
it is for (a tell, short stems, too few MOST/LEAST stems, repeats, missing links, copied text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from exam_builders import REPO, generated_bank, make_question

from studyapp.cli.main import main
from studyapp.exam.bank import load_bank
from studyapp.exam.guide import ExamGuide
from studyapp.exam.lint import copied_lines, lint_bank
from studyapp.exam.question import Question

SHARED = REPO.parent / "shared"
LONG_STEM = " ".join(["A company runs a workload on AWS and must keep costs low."] * 8)


def test_the_bundled_bank_meets_every_threshold(guides: dict[str, ExamGuide]) -> None:
    bank = load_bank(REPO / "content" / "questions", guides)
    report = lint_bank(guides, bank.questions)
    assert list(report.problems) == []
    figures = {e.exam: e for e in report.exams}
    assert set(figures) == {"saa-c03", "dva-c02"}
    for e in figures.values():
        assert e.total >= 390
        assert e.longest_key_share <= 0.30
        assert e.shortest_key_share <= 0.30 and e.keyword_key_share <= 0.30
        assert e.most_least_share >= 0.40
        assert 70 <= e.stem_words_min and e.stem_words_max <= 150
        assert e.without_doc_link == ()
        for d in e.domains:
            assert all(n >= 6 for _, n in d.tasks), (e.exam, d.number, d.tasks)
    assert report.near_duplicates == () and report.same_keys == ()


def _clean(guide: ExamGuide) -> list[Question]:
    """A bank spread to the weights whose keys are never the longest option."""
    weights = {d.number: d.weight for d in guide.domains}
    out = []
    for d in guide.domains:
        for q in generated_bank(guide, per_domain=int(weights[d.number] * 2)):
            if q.domain != d.number:
                continue
            words = " ".join(f"{q.id}-w{i}" for i in range(75))
            key = f"{q.id} {q.id}"  # a key of its own: no two say the same thing
            options = (("A", key), ("B", "option B"), ("C", "option C, longer than the key"))
            options += (("D", "option D, longer than the key and than C"),)
            out.append(replace(q, stem=f"Which is the MOST {words}", options=options))
    return out


def test_a_bank_that_meets_the_bar_has_no_problems(guides: dict[str, ExamGuide]) -> None:
    report = lint_bank(guides, _clean(guides["saa-c03"]))
    assert report.problems == ()
    # 60/52/48/40 questions hold three mocks of 19/17/16/13 seats; six need 114/102/96/78
    (figures,) = report.exams
    assert figures.full_mocks == 3
    assert figures.short_of_six == ((1, 54), (2, 50), (3, 48), (4, 38))


def test_keys_that_are_the_longest_option_are_a_tell(guides: dict[str, ExamGuide]) -> None:
    bank = _clean(guides["saa-c03"])
    told = [
        replace(q, options=(("A", "the keyed option, much longer than any other"),) + q.options[1:])
        if i % 2 == 0
        else q
        for i, q in enumerate(bank)
    ]
    report = lint_bank(guides, told)
    assert report.exams[0].longest_key_share == pytest.approx(0.5, abs=0.01)
    assert any("longest option in 50.0%" in p for p in report.problems)


def test_a_key_that_alone_repeats_the_stems_words_is_a_tell(guides: dict[str, ExamGuide]) -> None:
    bank = _clean(guides["saa-c03"])
    told = [
        replace(
            q,
            stem=q.stem + " The data lives in Amazon DynamoDB global tables.",
            options=(("A", "DynamoDB global tables"),) + q.options[1:],
        )
        for q in bank
    ]
    report = lint_bank(guides, told)
    assert report.exams[0].keyword_key_share == 1.0
    assert any("shares the most words with the stem in 100.0%" in p for p in report.problems)


def test_a_key_that_is_always_the_shortest_is_a_tell(guides: dict[str, ExamGuide]) -> None:
    bank = [
        replace(q, options=(("A", "short"),) + q.options[1:]) for q in _clean(guides["saa-c03"])
    ]
    report = lint_bank(guides, bank)
    assert any("the key is the shortest option in 100.0%" in p for p in report.problems)


def test_short_stems_and_missing_most_least_are_reported(guides: dict[str, ExamGuide]) -> None:
    bank = _clean(guides["saa-c03"])
    bank[0] = replace(bank[0], stem="Which service stores objects?")
    plain = [replace(q, stem=q.stem.replace("MOST", "best")) for q in bank]
    report = lint_bank(guides, plain)
    assert f"{bank[0].id}: stem outside 70-150 words" in report.problems
    assert any("0.0% of stems use MOST/LEAST wording" in p for p in report.problems)


def test_domain_off_its_weight_and_a_thin_task_are_reported(guides: dict[str, ExamGuide]) -> None:
    bank = [q for q in _clean(guides["saa-c03"]) if not (q.domain == 4 and q.task == "4.2")]
    report = lint_bank(guides, bank)
    assert any(p.startswith("SAA-C03 domain 4:") for p in report.problems)
    assert "SAA-C03 task 4.2: 0 questions, fewer than 6" in report.problems


def test_near_duplicate_stems_across_exams_are_found(guides: dict[str, ExamGuide]) -> None:
    stem = (
        "A team stores session data in an ElastiCache cluster and wants reads to survive the "
        "loss of one node without code changes. Which option gives the LEAST downtime?"
    )
    a = replace(make_question("a-1"), stem=stem + " " + LONG_STEM)
    b = replace(
        make_question("b-1", exam="dva-c02"),
        stem=stem.replace("A team", "A developer") + " " + LONG_STEM,
    )
    far = replace(make_question("c-1"), stem="Which storage class suits archives kept ten years?")
    report = lint_bank(guides, [a, b, far])
    assert [(n.first, n.second) for n in report.near_duplicates] == [("a-1", "b-1")]
    assert any("a-1 and b-1: near-duplicate stems" in p for p in report.problems)


def test_two_questions_keyed_on_the_same_answer_are_one_concept_asked_twice(
    guides: dict[str, ExamGuide],
) -> None:
    bank = _clean(guides["saa-c03"])
    key = "Put an SQS queue between the tiers and scale the workers on the queue depth."
    bank[0] = replace(bank[0], options=((("A", key),) + bank[0].options[1:]))
    bank[9] = replace(
        bank[9], options=((("A", key.replace("Put", "Place")),) + bank[9].options[1:])
    )
    report = lint_bank(guides, bank)
    assert [(n.first, n.second) for n in report.same_keys] == [(bank[0].id, bank[9].id)]
    assert any("the keyed options say the same thing" in p for p in report.problems)


def test_one_concept_in_other_words_is_listed_for_review(guides: dict[str, ExamGuide]) -> None:
    bank = _clean(guides["saa-c03"])
    before = lint_bank(guides, bank)
    filler = "the company should use the MOST " * 14  # words too common to count
    first = filler + "A team feeds the stream into a pipe with enrichment and then Step Functions."
    second = filler + "Their pipe reads the stream, calls an enrichment API, starts Step Functions."
    bank[0], bank[30] = replace(bank[0], stem=first), replace(bank[30], stem=second)
    report = lint_bank(guides, bank)
    assert before.possible_repeats == ()
    assert [(n.first, n.second) for n in report.possible_repeats] == [(bank[0].id, bank[30].id)]
    assert report.problems == before.problems == ()  # a list to compare by hand, not a bar


def test_a_question_without_a_documentation_link_is_reported(
    guides: dict[str, ExamGuide],
) -> None:
    bank = _clean(guides["saa-c03"])
    bank[3] = replace(bank[3], references=("https://example.com/blog/post",))
    report = lint_bank(guides, bank)
    assert (
        f"{bank[3].id}: no link to AWS documentation (docs.aws.amazon.com or aws.amazon.com)"
        in (report.problems)
    )


def test_copied_lines_repeat_ten_words_of_a_note() -> None:
    note = "Amazon SQS keeps a message for four days by default and at most fourteen days."
    files = [
        (
            "q.yaml",
            "stem: fine\nexplanation: SQS keeps a message for four days by default and at "
            "most fourteen days, so ...\n",
        ),
        ("r.yaml", "explanation: the default retention is four days; the maximum is 14.\n"),
    ]
    found = copied_lines(files, [note])
    assert [(f, n) for f, n, _ in found] == [("q.yaml", 2)]


def test_lint_command_prints_the_figures_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--lint"]) == 0
    out = capsys.readouterr().out
    assert "key is the longest option" in out and "MOST/LEAST" in out
    assert out.strip().endswith("bank lint: ok")


def test_lint_command_json_names_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--lint", "--json", "--exam", "dva-c02"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and list(data["exams"]) == ["dva-c02"]
    dva = data["exams"]["dva-c02"]
    assert dva["total"] >= 390 and dva["longest_key_share"] <= 0.30
    assert [d["domain"] for d in dva["domains"]] == [1, 2, 3, 4]


def test_lint_command_names_file_and_line_of_a_failing_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    (content / "questions").mkdir(parents=True)
    (content / "exams").symlink_to(REPO / "content" / "exams")
    (content / "questions" / "x.yaml").write_text(
        "# one short question\n"
        "- id: short-1\n"
        "  exam: saa-c03\n  domain: 1\n  task: '1.1'\n  difficulty: easy\n"
        "  stem: Which service stores objects?\n  choose: 1\n"
        "  options: {A: Amazon S3, B: Amazon EBS, C: Amazon EFS, D: AWS Backup}\n"
        "  correct: [A]\n"
        "  explanations: {A: right, B: block, C: files, D: backups}\n"
        "  references: [https://docs.aws.amazon.com/s3/]\n",
        encoding="utf-8",
    )
    from studyapp.usecases import content as bundled
    from studyapp.util import locations

    monkeypatch.setattr(locations, "content_dir", lambda: content)
    bundled.forget()
    try:
        assert main(["questions", "--lint", "--exam", "saa-c03"]) == 1
    finally:
        monkeypatch.undo()
        bundled.forget()
    out = capsys.readouterr().out
    assert f"{content / 'questions' / 'x.yaml'}:2: short-1: stem outside 70-150 words" in out


def test_no_line_of_the_bank_copies_the_shared_notes(capsys: pytest.CaptureFixture[str]) -> None:
    tool = SHARED / "tools" / "copied_sentences.py"
    if not (tool.is_file() and (SHARED / "notes").is_dir()):
        pytest.skip(f"{SHARED} is absent: the copied-sentences check needs the shared notes")
    assert main(["questions", "--lint", "--notes", str(SHARED / "notes")]) == 0
    assert "lines repeating 10 words of the notes" in capsys.readouterr().out
    run = subprocess.run(
        [sys.executable, str(tool), str(REPO / "content" / "questions"), str(SHARED / "notes")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
        check=False,
    )
    assert run.returncode == 0, run.stdout
