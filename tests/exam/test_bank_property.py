"""Property: any YAML text given to the question loader loads without an exception, and every
problem names the file and a line inside it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.exam.bank import load_bank_texts
from studyapp.exam.guide import ExamGuide

GOOD = """\
- id: p-1
  exam: saa-c03
  domain: 1
  task: "1.1"
  difficulty: easy
  stem: Which service stores objects?
  choose: 1
  options: {A: S3, B: EBS, C: EFS, D: FSx}
  correct: [A]
  explanations: {A: Objects., B: Blocks., C: Files., D: Files too.}
  references: [https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html]
"""
PIECES = st.sampled_from(
    [
        "- ",
        "  ",
        "\n",
        "\t",
        ": ",
        "id: q-",
        "exam: saa-c03",
        "domain: 1",
        'task: "1.1"',
        "correct: [E]",
        "correct: [A]\n  correct: [B]",
        "options:\n    A: x",
        "&a ",
        "*a",
        "<<: *a",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "|",
        ">",
        "? ",
        "---\n",
        "...\n",
        "!!python/object:os.system",
        "!!binary",
        "%YAML 1.1\n",
        "#",
        "[bold]x[/bold]",
        "[/]",
        "\x1b[31m",
        "\x9b",
        "\x00",
        "\ufeff",
        "[" * 50,
        "- " * 50,
        "1e999",
        "~",
        GOOD,
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=10)), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_question_loader_takes_any_text(guides: dict[str, ExamGuide], text: str) -> None:
    result = load_bank_texts([("any.yaml", text)], guides)
    last = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 1  # YAML's line breaks
    for error in result.errors:
        assert error.file == "any.yaml" and isinstance(error.line, int), str(error)
        assert 1 <= error.line <= last, str(error)
        assert "question skipped" not in error.message, str(error)
    for question in result.questions:
        assert question.is_correct(question.correct) and set(question.correct) <= set(
            question.letters
        )


@settings(max_examples=100, deadline=None)
@given(prefix=TEXT, suffix=TEXT)
def test_a_good_question_survives_any_neighbour(
    guides: dict[str, ExamGuide], prefix: str, suffix: str
) -> None:
    """Junk in other top-level items never costs the good question its place."""
    text = "- junk: " + repr(prefix) + "\n" + GOOD + "- junk: " + repr(suffix) + "\n"
    result = load_bank_texts([("any.yaml", text)], guides)
    assert [q.id for q in result.questions] == ["p-1"]
