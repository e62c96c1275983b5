"""Hostile YAML: alias bombs, tabs, duplicate keys, a correct option that is not an option,
markup and escapes. Each file is read the way the app reads it (`studyapp questions`, the guide
loader, `studyapp demo`); the learner reads `file:line: message` and every good question loads.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import DATA

from studyapp.cli.main import main
from studyapp.exam.guide import GuideError, load_guide
from studyapp.util import locations

Run = Callable[..., str]
QUESTIONS = DATA / "questions"
EXAMS = locations.content_dir() / "exams"

# file -> (the error line the learner reads, the question that still loads, the one left out)
CASES: dict[str, tuple[str, str, str]] = {
    "billion_laughs.yaml": (
        "24: anchors (&name) are not allowed in content files; write each value out "
        "(the question starting at line 23 is skipped)",
        "hq-bomb-ok",
        "hq-bomb",
    ),
    "tabs.yaml": (
        "30: tab used for indentation; indent with spaces "
        "(the question starting at line 23 is skipped)",
        "hq-tab-ok",
        "hq-tab",
    ),
    "duplicate_keys.yaml": (
        "37: hq-dup: field 'correct' appears twice; keep one of them",
        "hq-dup-ok",
        "hq-dup",
    ),
    "bad_correct.yaml": (
        "36: hq-bad-correct: correct option 'E' is not among the options (A, B, C, D)",
        "hq-correct-ok",
        "hq-bad-correct",
    ),
    "markup_escapes.yaml": (
        "29: control character U+001B is not allowed in YAML; delete it "
        "(the question starting at line 23 is skipped)",
        "hq-markup",
        "hq-escape",
    ),
}


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder with the real exam guides and an empty question bank."""
    root = tmp_path / "content"
    shutil.copytree(EXAMS, root / "exams")
    (root / "questions").mkdir()
    monkeypatch.setattr(locations, "content_dir", lambda: root)
    return root


@pytest.mark.parametrize("name", sorted(CASES))
def test_question_file_names_the_line_and_loads_the_good_question(
    name: str, content: Path, run: Run
) -> None:
    message, kept, refused = CASES[name]
    path = content / "questions" / name
    shutil.copy(QUESTIONS / name, path)
    data = json.loads(run("questions", "--json"))
    ids = [q["id"] for q in data["questions"]]
    assert kept in ids and refused not in ids
    assert [f"{e['line']}: {e['message']}" for e in data["errors"]] == [
        message.replace(f"{refused}: ", "")
    ]
    assert {e["path"] for e in data["errors"]} == {str(path)}
    text = run("questions")
    assert f"{path}:{message}" in text.splitlines()
    assert not any(c in text for c in ("\x1b", "\x07", "\x9b"))


def test_markup_in_a_question_is_shown_as_typed(content: Path, run: Run) -> None:
    shutil.copy(QUESTIONS / "markup_escapes.yaml", content / "questions")
    text = run("questions")
    assert "    Which [bold]service[/bold] keeps [link=http://e.x]objects[/link] [/]?" in text
    assert "   *A. Amazon S3 [bold]object storage[/bold] [/]" in text


def test_all_hostile_question_files_together(content: Path, run: Run) -> None:
    for name in CASES:
        shutil.copy(QUESTIONS / name, content / "questions")
    data = json.loads(run("questions", "--json"))
    assert sorted(q["id"] for q in data["questions"]) == sorted(c[1] for c in CASES.values())
    assert len(data["errors"]) == len(CASES)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "code: x\nname: &a [1, 2]\nother: [*a, *a]\n",
            2,
            "anchors (&name) are not allowed in content files; write each value out",
        ),
        ("code: x\nname:\n\tshort: 1\n", 3, "tab used for indentation; indent with spaces"),
        (
            "code: x\nname: \x1b]0;title\x07\n",
            2,
            "control character U+001B is not allowed in YAML; delete it",
        ),
        ("code: x\nname: A\ncode: y\n", 3, "field 'code' appears twice; keep one of them"),
    ],
    ids=["bomb", "tabs", "escape", "duplicate-key"],
)
def test_an_exam_guide_names_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "guide.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as err:
        load_guide(path)
    assert str(err.value) == f"{path}:{line}: {message}"


BOMB_SCENARIO = "simulator: sqs\n" + "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * 9) + "]\n" for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            BOMB_SCENARIO,
            ":2: not valid YAML (anchors (&name) are not allowed in content files; "
            "write each value out)",
        ),
        (
            "simulator: sqs\nqueue:\n\tvisibility_timeout: 30\n",
            ":3: not valid YAML (tab used for indentation; indent with spaces)",
        ),
    ],
    ids=["bomb", "tabs"],
)
def test_a_demo_scenario_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["demo", "sqs", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"studyapp demo: {path}{expected}\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("terms:\n\t- name: SQS\n", 2, "tab used for indentation; indent with spaces"),
        (
            "terms:\n  - name: &n SQS\n  - name: *n\n",
            2,
            "anchors (&name) are not allowed in content files; write each value out",
        ),
        (
            "terms:\n  - name: SQS\n  - name: SNS\n    aliases: notifications\n",
            3,
            "SNS: aliases must be a list of strings",
        ),
    ],
    ids=["tabs", "bomb", "bad-term"],
)
def test_the_service_catalogue_names_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    from studyapp.reports.mapping import CatalogueError, load_catalogue

    path = tmp_path / "aws-services.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path)
    assert str(err.value) == f"{path}:{line}: {message}"


def test_a_broken_exam_guide_is_a_message_not_a_traceback(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from studyapp.cli.main import main

    guide = content / "exams" / "saa-c03.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "code: again\n", encoding="utf-8")
    assert main(["questions"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"studyapp: {guide}:")
    assert "field 'code' appears twice; keep one of them" in err
