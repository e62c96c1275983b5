from __future__ import annotations

from pathlib import Path

import pytest
from exam_builders import REPO

from studyapp.exam.guide import ExamGuide, GuideError, load_guide, load_guides


def test_both_real_guides_load_with_their_published_shape(guides: dict[str, ExamGuide]) -> None:
    assert set(guides) >= {"saa-c03", "dva-c02"}
    saa, dva = guides["saa-c03"], guides["dva-c02"]
    for g in (saa, dva):
        assert (g.questions, g.scored, g.duration_minutes, g.passing_score) == (65, 50, 130, 720)
        assert g.scale == (100, 1000)
        assert g.question_types == ("multiple choice", "multiple response")
    assert saa.weights == {1: 30, 2: 26, 3: 24, 4: 20}
    assert dva.weights == {1: 32, 2: 26, 3: 24, 4: 18}
    assert [t.id for t in saa.domain(3).tasks] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert dva.domain(3).task("3.4").name == "Deploy code by using AWS CI/CD services"


def test_a_guide_survives_a_dict_round_trip(guides: dict[str, ExamGuide]) -> None:
    for g in guides.values():
        assert ExamGuide.from_dict(g.to_dict()) == g


def test_practice_exams_get_the_real_exams_pace(guides: dict[str, ExamGuide]) -> None:
    saa = guides["saa-c03"]
    assert saa.minutes_for(65) == 130
    assert saa.minutes_for(20) == 40


def test_adding_an_exam_is_adding_a_file(tmp_path: Path) -> None:
    for name in ("saa-c03.yaml", "dva-c02.yaml"):
        (tmp_path / name).write_text((REPO / "content" / "exams" / name).read_text())
    text = (tmp_path / "saa-c03.yaml").read_text().replace("code: saa-c03", "code: xyz-c01")
    (tmp_path / "xyz-c01.yaml").write_text(text)
    assert sorted(load_guides(tmp_path)) == ["dva-c02", "saa-c03", "xyz-c01"]


def test_weights_that_do_not_add_to_100_are_refused_with_file_and_line(tmp_path: Path) -> None:
    text = (REPO / "content" / "exams" / "saa-c03.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("weight: 20", "weight: 25"))
    with pytest.raises(GuideError) as err:
        load_guide(bad)
    assert "add up to 105" in str(err.value)
    assert str(err.value).startswith(f"{bad}:")
    assert err.value.line > 0


def test_a_task_filed_under_the_wrong_domain_names_its_line(tmp_path: Path) -> None:
    text = (REPO / "content" / "exams" / "dva-c02.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace('id: "4.3"', 'id: "2.9"'))
    with pytest.raises(GuideError) as err:
        load_guide(bad)
    line = next(i for i, row in enumerate(bad.read_text().splitlines(), 1) if '"2.9"' in row)
    assert err.value.line == line
