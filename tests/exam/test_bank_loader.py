"""The bank loader: every problem named by file and line, and never stops the rest loading."""

from __future__ import annotations

import textwrap
from pathlib import Path

from exam_builders import FIXTURES

from studyapp.exam.bank import load_bank
from studyapp.exam.guide import ExamGuide

GOOD = """\
- id: {qid}
  exam: saa-c03
  domain: 1
  task: "1.1"
  difficulty: easy
  stem: |
    Question {qid}: which service stores objects?
  choose: 1
  options:
    A: Amazon S3
    B: Amazon EBS
    C: Amazon EFS
    D: Amazon FSx
  correct: [A]
  explanations:
    A: S3 is object storage.
    B: EBS is block storage.
    C: EFS is a file system.
    D: FSx is a file system.
  references:
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html
"""


def good(qid: str) -> str:
    return GOOD.format(qid=qid)


def line_of(path: Path, needle: str) -> int:
    return next(i for i, row in enumerate(path.read_text().splitlines(), 1) if needle in row)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_the_fixture_file_reports_each_bad_question_and_keeps_the_good_ones(
    guides: dict[str, ExamGuide],
) -> None:
    result = load_bank(FIXTURES, guides)
    assert [q.id for q in result.questions] == ["fx-good-1", "fx-good-2"]
    by_id = {e.question_id: e for e in result.errors}
    path = FIXTURES / "mixed.yaml"
    expected = {
        "fx-bad-domain": ("domain: 9", "unknown domain 9"),
        "fx-bad-task": ('task: "2.7"', "unknown task '2.7'"),
        "fx-bad-correct": ("correct: [E]", "correct option 'E' is not among the options"),
        "fx-bad-choose": ("correct: [A, B]", "choose is 1 but correct lists 2"),
        "fx-no-expl": ("explanations:", "missing explanation for option D"),
        "fx-no-ref": ("references: []", "missing reference"),
    }
    for qid, (needle, message) in expected.items():
        error = by_id[qid]
        assert error.file == str(path)
        assert message in error.message
        assert error.line == line_of(path, f"{needle}  # {qid}")
        assert str(error).startswith(f"{path}:{error.line}: {qid}:")


def test_duplicate_ids_and_stems_across_files_point_at_the_first(
    tmp_path: Path, guides: dict[str, ExamGuide]
) -> None:
    write(tmp_path, "a.yaml", good("q-1") + good("q-2"))
    second = good("q-1") + good("q-3").replace("Question q-3", "question  Q-2")
    b = write(tmp_path, "b.yaml", second)
    result = load_bank(tmp_path, guides)
    assert [q.id for q in result.questions] == ["q-1", "q-2"]
    messages = sorted(str(e) for e in result.errors)
    assert messages[0].startswith(f"{b}:1: q-1: duplicate id (first at ")
    assert messages[1] == f"{b}:22: q-3: duplicate stem (same as q-2 at {tmp_path / 'a.yaml'}:22)"


def test_broken_yaml_loses_only_the_broken_question(
    tmp_path: Path, guides: dict[str, ExamGuide]
) -> None:
    broken = good("q-2").replace("    A: Amazon S3", "    A: [Amazon S3")
    path = write(tmp_path, "x.yaml", good("q-1") + broken + good("q-3"))
    other = write(tmp_path, "y.yaml", good("q-4"))
    result = load_bank(tmp_path, guides)
    assert [q.id for q in result.questions] == ["q-1", "q-3", "q-4"]
    (error,) = result.errors
    assert error.file == str(path) and "bad YAML" in error.message
    assert error.line == line_of(path, "[Amazon S3")
    assert other.exists()


def test_tab_indentation_is_named_with_its_line(
    tmp_path: Path, guides: dict[str, ExamGuide]
) -> None:
    tabbed = good("q-2").replace("  choose: 1", "\tchoose: 1")
    path = write(tmp_path, "t.yaml", good("q-1") + tabbed)
    result = load_bank(tmp_path, guides)
    assert [q.id for q in result.questions] == ["q-1"]
    (error,) = result.errors
    assert "tab" in error.message
    assert error.line == line_of(path, "\tchoose")


def test_yaml_bomb_aliases_are_refused_without_expanding(
    tmp_path: Path, guides: dict[str, ExamGuide]
) -> None:
    bomb = textwrap.dedent(
        """\
        - id: bomb
          a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
          b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
          c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
          d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        """
    )
    path = write(tmp_path, "bomb.yaml", good("q-1") + bomb)
    result = load_bank(tmp_path, guides)
    assert [q.id for q in result.questions] == ["q-1"]
    (error,) = result.errors
    assert "anchors" in error.message and error.line == line_of(path, "&a")


def test_a_file_that_is_not_a_list_is_reported(
    tmp_path: Path, guides: dict[str, ExamGuide]
) -> None:
    path = write(tmp_path, "m.yaml", "id: q-1\nexam: saa-c03\n")
    write(tmp_path, "n.yaml", good("q-9"))
    result = load_bank(tmp_path, guides)
    assert [q.id for q in result.questions] == ["q-9"]
    assert [(e.file, e.line) for e in result.errors] == [(str(path), 1)]


def test_unknown_exam_missing_field_and_typo_field(
    tmp_path: Path, guides: dict[str, ExamGuide]
) -> None:
    text = (
        good("q-1").replace("exam: saa-c03", "exam: abc-c01")
        + good("q-2").replace("  difficulty: easy\n", "")
        + good("q-3").replace("references:", "refrences:")
    )
    write(tmp_path, "e.yaml", text)
    result = load_bank(tmp_path, guides)
    assert result.questions == ()
    found = {(e.question_id, e.message.split(" (")[0]) for e in result.errors}
    assert ("q-1", "unknown exam 'abc-c01'") in found
    assert ("q-2", "missing field 'difficulty'") in found
    assert ("q-3", "unknown field 'refrences'") in found


def test_multiple_response_needs_five_options(tmp_path: Path, guides: dict[str, ExamGuide]) -> None:
    text = good("q-1").replace("choose: 1", "choose: 2").replace("correct: [A]", "correct: [A, B]")
    write(tmp_path, "r.yaml", text)
    result = load_bank(tmp_path, guides)
    (error,) = result.errors
    assert "multiple response needs 5 or more options, found 4" in error.message
