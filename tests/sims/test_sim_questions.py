"""The "predict, then run" questions: texts in content/sim_questions.yaml, answers from the runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studyapp.sims.question_texts import QUESTION_TEXTS, load_question_texts
from studyapp.sims.questions import BUILDERS, all_questions
from studyapp.sims.scenario import ScenarioError
from studyapp.sims.sim_question import Outcome, make_question

GOOD = """\
questions:
  - id: sqs-redrive
    simulator: sqs
    rule: redrive-dlq
    stem: How many times is it delivered?
    options:
      - text: "3"
        if_wrong: the move happens when a fourth receive would be needed.
      - text: "4"
        if_wrong: the fourth receive moves the message.
    verdict: The simulator delivered it {deliveries} times.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sim_questions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_question_in_the_content_has_a_builder_and_every_builder_a_question() -> None:
    ids = load_question_texts().ids()
    assert len(ids) == len(set(ids)) == 17
    assert set(ids) == set(BUILDERS)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("    rule: redrive-dlq\n", "", 2, "field 'questions[0].rule': required but missing"),
        ("rule: redrive-dlq", "rule: redrive", 4, "'redrive' is not a rule of the sqs simulator"),
        ("simulator: sqs", "simulator: kinesis", 3, "'kinesis' is not one of"),
        (
            '"4"\n',
            '"4"\n        outcom: four\n',
            10,
            "field 'questions[0].options[1].outcom': unknown",
        ),
        ("{deliveries} times", "{deliveries times", 11, "a brace that is not a placeholder"),
        ('      - text: "4"', '      - text: "3"', 9, "a second option for the outcome '3'"),
        ("if_wrong: the fourth receive moves the message.", "if_wrong: [x]", 10, "expected text"),
        (
            "    options:\n",
            "    options: none\n    x:\n",
            6,
            "'questions[0].options': expected a list",
        ),
        ("questions:\n", "questions:\n  - [\n", 3, "not valid YAML"),
    ],
)
def test_a_malformed_entry_is_refused_with_its_file_and_line(
    tmp_path: Path, old: str, new: str, line: int, problem: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ScenarioError) as caught:
        load_question_texts(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert problem in message


def test_a_question_id_used_twice_names_both_lines(tmp_path: Path) -> None:
    entry = GOOD.split("questions:\n", 1)[1]
    path = write(tmp_path, GOOD + entry)
    with pytest.raises(ScenarioError, match=rf"^{path}:12: .*'sqs-redrive' is already used on"):
        load_question_texts(path)


def test_the_option_the_run_names_is_correct_and_its_figures_fill_the_verdict(
    tmp_path: Path,
) -> None:
    [text] = load_question_texts(write(tmp_path, GOOD)).questions
    question = make_question(text, Outcome("4", {"deliveries": 4}))
    assert [o.text for o in question.options] == ["3", "4"]
    assert [o.id for o in question.options if o.id in question.correct] == ["b"]
    assert question.options[1].explanation == "Correct. The simulator delivered it 4 times."
    assert question.options[0].explanation == (
        "Not what happens: the move happens when a fourth receive would be needed. "
        "The simulator delivered it 4 times."
    )
    assert question.reference.startswith("https://docs.aws.amazon.com/")


def test_a_figure_the_run_does_not_report_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    [text] = load_question_texts(path).questions
    with pytest.raises(ScenarioError, match=rf"^{path}:11: .*no figure 'deliveries'"):
        make_question(text, Outcome("3", {"count": 3}))


def test_a_run_that_applies_another_rule_than_the_text_cites_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    [text] = load_question_texts(path).questions
    with pytest.raises(ScenarioError, match="applied the rule 'receive-count'"):
        make_question(text, Outcome("3", {"deliveries": 3}, rule="receive-count"))


def test_editing_the_content_changes_the_quiz_not_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studyapp.usecases import content
    from studyapp.usecases.examining import simulation_questions
    from studyapp.util import locations

    guide = content.guides()["saa-c03"]
    shutil.copy(QUESTION_TEXTS, tmp_path / "sim_questions.yaml")
    edited = tmp_path / "sim_questions.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "How many times is it delivered before", "How often is it delivered before"
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(locations, "content_dir", lambda: tmp_path)
    content.forget()
    redrive = next(q for q in simulation_questions(guide) if q.id == "sim-sqs-redrive")
    assert "How often is it delivered before it lands in the DLQ?" in redrive.stem
    [right] = redrive.correct
    assert redrive.option(right) == "3"


def test_the_bundled_texts_read_through_the_content_cache_are_the_same() -> None:
    from studyapp.usecases import content

    first = content.sim_questions()
    content.forget()
    assert content.sim_questions() == first == load_question_texts()
    assert [q.id for q in all_questions(first)] == first.ids()
