"""The typed config file: study settings, remapped keys, and clear problems for bad values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from studyapp.tui.factory import make_app
from studyapp.tui.screens.review import ReviewScreen
from studyapp.usecases.config import load_config


def test_settings_and_keys_are_read_and_bad_values_are_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[study]\nnew_per_day = 30\ndesired_retention = 0.92\nmystery = 1\nreviews_per_day = "x"\n'
        '[keys]\n"review.good" = "3,l"\n',
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert cfg.study.new_per_day == 30 and cfg.study.desired_retention == 0.92
    assert cfg.study.reviews_per_day == 200  # the bad value is ignored, the default kept
    assert cfg.keys == {"review.good": "3,l"}
    assert any("mystery: unknown setting" in p for p in cfg.problems)
    assert any("reviews_per_day: expected int" in p for p in cfg.problems)


def test_broken_toml_falls_back_to_the_defaults_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[study\n", encoding="utf-8")
    cfg = load_config(path)
    assert cfg.study.new_per_day == 20 and str(path) in cfg.problems[0]


async def test_a_remapped_key_rates_the_card(
    tmp_path: Path, notes_db: Callable[[str], Path]
) -> None:
    db = notes_db("# T\n\nOne?::1\n\nTwo?::2\n")
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"review.good" = "3,l"\n', encoding="utf-8")
    app = make_app(db, import_bundled=False, config=load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s", "space", "l")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.stats.reviewed == 1
        assert str(app.screen.query_one("#review-front", Static).render()) == "Two?"


def test_sync_section_is_read_and_bad_values_are_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[sync]\nurl = "postgresql://ann@db/studyapp"\ncollection = 7\nport = 1\n', "utf-8"
    )
    cfg = load_config(path)
    assert cfg.sync_url == "postgresql://ann@db/studyapp" and cfg.sync_collection is None
    assert any("[sync] collection: expected str" in p for p in cfg.problems)
    assert any("[sync] port: unknown setting" in p for p in cfg.problems)


def test_settings_a_sync_brings_replace_only_the_study_table(tmp_path: Path) -> None:
    from studyapp.study.settings import StudySettings
    from studyapp.usecases.config import save_study_settings

    path = tmp_path / "config.toml"
    path.write_text(
        '# mine\n[study]\nnew_per_day = 30\n\n[keys]\n"review.good" = "3,l"  # right hand\n',
        "utf-8",
    )
    pulled = StudySettings(new_per_day=12, learning_steps_minutes=(2.0, 15.0))
    save_study_settings(path, pulled)
    cfg = load_config(path)
    assert cfg.study == pulled and cfg.problems == ()
    assert cfg.keys == {"review.good": "3,l"}
    text = path.read_text("utf-8")
    assert text.startswith("# mine\n[study]\n") and "# right hand" in text
