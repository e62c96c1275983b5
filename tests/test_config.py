"""The typed config file: study settings, remapped keys, and clear problems for bad values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from studyapp.study.settings import StudySettings
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
    assert (
        f"{path}:5: [study] reviews_per_day = 'x': expected a whole number from 0 to 99999;"
        " using the default 200" in cfg.problems
    )


BAD = {
    'learning_steps_minutes = ["a"]': (
        "learning_steps_minutes = ['a']: expected a list of minutes, each from 0.01 to 525600;"
        " using the default [1.0, 10.0]"
    ),
    "desired_retention = 0.0": (
        "desired_retention = 0.0: expected a number from 0.7 to 0.99; using the default 0.9"
    ),
    "desired_retention = 5.0": (
        "desired_retention = 5.0: expected a number from 0.7 to 0.99; using the default 0.9"
    ),
    "new_per_day = -5": (
        "new_per_day = -5: expected a whole number from 0 to 9999; using the default 20"
    ),
    "maximum_interval_days = 0": (
        "maximum_interval_days = 0: expected a whole number from 1 to 36500;"
        " using the default 36500"
    ),
    'new_review_order = "random"': (
        'new_review_order = \'random\': expected one of "mix", "after_reviews",'
        " \"before_reviews\"; using the default 'mix'"
    ),
    "bury_new_siblings = 1": (
        "bury_new_siblings = 1: expected true or false; using the default True"
    ),
}


def test_each_bad_value_is_named_with_its_range_and_the_default_is_kept(tmp_path: Path) -> None:
    for n, (line, message) in enumerate(BAD.items()):
        one = tmp_path / f"c{n}.toml"
        one.write_text(f"[study]\n{line}\n", encoding="utf-8")
        got = load_config(one)
        assert got.problems == (f"{one}:2: [study] {message}",)
        assert got.study == StudySettings()


async def test_the_app_starts_on_defaults_and_shows_the_problem(
    tmp_path: Path, notes_db: Callable[[str], Path]
) -> None:
    db = notes_db("# T\n\nOne?::1\n")
    path = tmp_path / "config.toml"
    path.write_text('[study]\ndesired_retention = 0.0\nlearning_steps_minutes = ["a"]\n', "utf-8")
    app = make_app(db, import_bundled=False, config=load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any(
            "desired_retention = 0.0: expected a number from 0.7 to 0.99" in m for m in shown
        )
        await pilot.press("s", "space")  # studying works on the defaults: Good is 10 minutes
        assert "3 Good 10m" in str(app.screen.query_one("#review-ratings", Static).render())


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
