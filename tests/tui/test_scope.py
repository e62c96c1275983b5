"""Custom study (`c` on home): everything, one exam or one exam domain, each with its counts;
Enter reviews only that scope's cards; an empty scope says so; the last entry opens Browse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, Static

from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.custom_study import CustomStudyScreen
from studyapp.tui.factory import make_app
from studyapp.tui.screens.browse import BrowseScreen
from studyapp.tui.screens.home import HomeScreen
from studyapp.tui.screens.review import ReviewScreen
from studyapp.tui.screens.scope import ScopeScreen
from studyapp.usecases.config import Config

NOTE = """# Encryption keys
<!-- domains: saa-c03:1 -->

Which service keeps the keys?::KMS
Who can rotate a customer managed key?::You, on a schedule

# Decoupled queues
<!-- domains: saa-c03:2 -->

What holds messages until a consumer polls?::SQS
What pushes one message to many subscribers?::SNS

# Function handlers
<!-- domains: dva-c02:1 -->

What runs a handler per event?::Lambda

# Kitchen
Which drawer holds the spoons?::The top one
"""
MakeDb = Callable[..., Path]  # the notes_db fixture (tests/conftest.py)
SAA_1 = {"Which service keeps the keys?", "Who can rotate a customer managed key?"}
SAA_2 = {
    "What holds messages until a consumer polls?",
    "What pushes one message to many subscribers?",
}


def _app(db: Path) -> StudyApp:
    return make_app(db, import_bundled=False, config=Config())


def _lines(app: StudyApp) -> dict[str, str]:
    """The chooser's entries as shown, by option id."""
    options = app.screen.query_one("#scope-list", OptionList)
    out = {}
    for i in range(options.option_count):
        option = options.get_option_at_index(i)
        out[option.id or ""] = str(option.prompt)
    return out


async def _open_chooser(app: StudyApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("c")  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]  # the repository opens
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("5")  # type: ignore[attr-defined]  # custom study: choose an exam, domain...
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ScopeScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def _choose(app: StudyApp, pilot: object, key: str) -> None:
    """Move down to the entry with this id, as the learner would, and press Enter."""
    options = app.screen.query_one("#scope-list", OptionList)
    for _ in range(options.option_count):
        if options.highlighted is not None:
            if options.get_option_at_index(options.highlighted).id == key:
                break
        await pilot.press("down")  # type: ignore[attr-defined]
    assert options.get_option_at_index(options.highlighted or 0).id == key
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def _rate_through(app: StudyApp, pilot: object) -> list[str]:
    """Every front the review shows, rating each Easy, until the session is complete."""
    fronts: list[str] = []
    for _ in range(20):
        if "Session complete" in str(app.screen.query_one("#review-topic", Static).render()):
            return fronts
        fronts.append(str(app.screen.query_one("#review-front", Static).render()))
        await pilot.press("space", "4")  # type: ignore[attr-defined]
    raise AssertionError(f"the session did not end: {fronts}")


def _notices(app: StudyApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_chooser_lists_exams_and_domains_and_studies_one_exam(notes_db: MakeDb) -> None:
    app = _app(notes_db(NOTE))
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_chooser(app, pilot)
        lines = _lines(app)
        assert list(lines)[0] == "all" and list(lines)[-1] == "topic"
        assert lines["all"] == "Everything — 0 due, 6 new"
        assert lines["exam:saa-c03"] == (
            "SAA-C03: AWS Certified Solutions Architect - Associate — 0 due, 4 new"
        )
        assert (
            lines["domain:saa-c03:2"]
            == "    Domain 2. Design Resilient Architectures — 0 due, 2 new"
        )
        assert lines["domain:saa-c03:3"].endswith("— 0 due, 0 new")
        assert lines["exam:dva-c02"].endswith("— 0 due, 1 new")
        assert lines["topic"] == "A topic… (opens Browse; press s on a topic)"
        # each exam is followed by its own domains
        keys = list(lines)
        assert keys.index("exam:saa-c03") < keys.index("domain:saa-c03:1")
        assert keys.index("domain:dva-c02:4") < keys.index("exam:saa-c03")

        await _choose(app, pilot, "exam:saa-c03")
        assert isinstance(app.screen, ReviewScreen)
        fronts = await _rate_through(app, pilot)
        assert sorted(fronts) == sorted(SAA_1 | SAA_2)  # no DVA card, no untagged card

        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ScopeScreen)
        lines = _lines(app)  # counted again on coming back
        assert lines["exam:saa-c03"].endswith("— 0 due, 0 new")
        assert lines["all"] == "Everything — 0 due, 2 new"
        # the chooser keeps the entry the learner chose highlighted
        options = app.screen.query_one("#scope-list", OptionList)
        assert options.get_option_at_index(options.highlighted or 0).id == "exam:saa-c03"

        await _choose(app, pilot, "exam:saa-c03")  # all studied: nothing due now
        # no dead end: custom study opens on that exam, saying why
        assert isinstance(app.screen, CustomStudyScreen)
        why = str(app.screen.query_one("#custom-why", Static).render())
        assert "Nothing in SAA-C03 is due now" in why


async def test_one_domain_then_an_empty_domain(notes_db: MakeDb) -> None:
    app = _app(notes_db(NOTE))
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_chooser(app, pilot)
        await _choose(app, pilot, "domain:saa-c03:2")
        assert isinstance(app.screen, ReviewScreen)
        assert sorted(await _rate_through(app, pilot)) == sorted(SAA_2)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()

        await _choose(app, pilot, "domain:dva-c02:3")  # no card belongs to it
        assert isinstance(app.screen, ScopeScreen)
        assert any(
            "No cards belong to DVA-C02 domain 3 (Deployment) yet" in n for n in _notices(app)
        )

        await _choose(app, pilot, "all")  # everything left: the untouched cards
        assert isinstance(app.screen, ReviewScreen)
        fronts = await _rate_through(app, pilot)
        assert sorted(fronts) == sorted(
            SAA_1 | {"What runs a handler per event?", "Which drawer holds the spoons?"}
        )


async def test_escape_goes_home_and_the_topic_entry_opens_browse(notes_db: MakeDb) -> None:
    app = _app(notes_db(NOTE))
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_chooser(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await _open_chooser(app, pilot)
        await _choose(app, pilot, "topic")
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # Browse replaced the chooser


SHARED = """# Key policies
<!-- domains: saa-c03:1, saa-c03:2, dva-c02:2 -->

Who can use a KMS key?::Whoever its key policy allows
Can a key policy name another account?::Yes
Can one key serve two Regions?::Only a multi-Region key
"""


def test_a_topic_in_two_domains_counts_in_each_and_once_in_its_exam(notes_db: MakeDb) -> None:
    from datetime import UTC, datetime

    from studyapp.store.collection import Collection
    from studyapp.usecases.mapping_cache import guides_and_catalogue
    from studyapp.usecases.scopes import load_scopes

    repo = Collection.open(notes_db(SHARED))
    try:
        first = repo.list_cards()[0]
        repo.suspend_cards([first.id])  # a suspended card is offered by no scope
        guides, catalogue = guides_and_catalogue()
        scopes = {s.key: s for s in load_scopes(repo, datetime.now(UTC), guides, catalogue)}
    finally:
        repo.close()
    for key in ("all", "exam:saa-c03", "domain:saa-c03:1", "domain:saa-c03:2", "exam:dva-c02"):
        assert scopes[key].counts == "0 due, 2 new", key
    assert scopes["exam:saa-c03"].topic_ids == scopes["domain:saa-c03:1"].topic_ids
    assert scopes["domain:saa-c03:3"].empty and scopes["domain:saa-c03:3"].topic_ids == ()
    assert scopes["all"].topic_ids is None
