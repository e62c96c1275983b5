"""`studyapp import deck.apkg|.colpkg`: decks built and answered with Anki's own code, then
imported: their cards, their text made plain, their review history and FSRS state."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fsrs
import pytest
from anki_helpers import (
    add_note,
    answer_card,
    answer_next,
    export_colpkg,
    export_package,
    import_into,
    new_collection,
)

from studyapp.cli.main import main
from studyapp.store.collection import Collection

DECK = "AWS::Messaging::SQS"


def build_deck(folder: Path) -> tuple[Any, dict[str, int]]:
    """An Anki collection as a learner keeps one: nested decks, a Basic, a reversed and a
    Cloze note, HTML and media in the fields, and a few cards answered in Anki's reviewer.
    Returns it (open) and {front field: Anki note id}."""
    col = new_collection(folder)
    col.media.write_data("queue.png", b"\x89PNG\r\n\x1a\n not really a picture")
    notes = {
        "basic": add_note(
            col,
            "Basic",
            DECK,
            {
                "Front": "What is the <b>largest</b> SQS message?",
                "Back": "1 MiB &amp; beyond: use S3<br>via the Extended Client"
                '<img src="queue.png"><script>alert(1)</script>',
            },
            ["saa-c03::domain-2", "leech"],
        ),
        "reversed": add_note(
            col,
            "Basic (and reversed card)",
            "AWS::Compute",
            {"Front": "Lambda", "Back": "serverless functions [sound:lambda.mp3]"},
            [],
        ),
        "cloze": add_note(
            col,
            "Cloze",
            DECK,
            {"Text": "Retention is at most {{c1::14 days}}; the default is {{c2::4 days::time}}."},
            [],
        ),
    }
    return col, {k: n.id for k, n in notes.items()}


def answer_some(col: Any) -> list[tuple[int, int]]:
    """Answer cards in Anki: (card id, rating) in the order given."""
    given = []
    for rating in (3, 3, 1, 4, 2):
        deck = DECK if len(given) < 4 else "AWS::Compute"
        given.append((answer_next(col, deck, rating), rating))
    return given


def _import(db: Path, package: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["--db", str(db), "import", "--json", str(package)]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _cards(db: Path) -> dict[str, dict[str, Any]]:
    col = Collection.open(db)
    try:
        out = {}
        for row in col.list_cards():
            fsrs_json, _ = col.card_state(row.id)
            out[row.front] = {
                "row": row,
                "state": json.loads(fsrs_json) if fsrs_json else None,
                "reviews": col.reviews_for(row.id),
            }
        return out
    finally:
        col.close()


def _healthy(db: Path) -> None:
    """The doctor's checks of card state against the review log find nothing."""
    col = Collection.open(db)
    try:
        assert col.card_drift(col.log_totals()) == []
        assert col.state_without_reviews() == []
    finally:
        col.close()


@pytest.mark.parametrize(
    ("kind", "legacy"),
    [("apkg", False), ("apkg", True), ("colpkg", False), ("colpkg", True)],
    ids=["apkg-anki21b", "apkg-anki21", "colpkg-anki21b", "colpkg-anki2"],
)
def test_an_anki_deck_becomes_topics_cards_and_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, legacy: bool
) -> None:
    col, _ = build_deck(tmp_path / "anki")
    given = answer_some(col)
    revlog = col.db.all("SELECT id, cid, ease, time FROM revlog ORDER BY id")
    package = tmp_path / f"deck.{kind}"
    if kind == "apkg":
        export_package(col, package, legacy)
        col.close()
    else:
        export_colpkg(col, package, legacy)  # closes the collection
    member = (
        "collection.anki21b"
        if not legacy
        else "collection.anki2"
        if kind == "colpkg"
        else "collection.anki21"
    )
    assert member in zipfile.ZipFile(package).namelist()

    db = tmp_path / "study.db"
    report = _import(db, package, capsys)
    (summary,) = report["files"]
    assert summary["status"] == "imported"
    assert summary["cards_by_kind"] == {"basic": 2, "reversed": 1, "cloze": 2}
    assert summary["new"] == 5
    messages = [w["message"] for w in summary["warnings"]]
    assert (
        "media skipped (images and sounds are not imported): 1 files in the package,"
        " 3 references left out of the cards' text" in messages
    )
    answered = len({cid for _, cid, _, _ in revlog})
    assert f"review history: 5 reviews added, {answered} cards rescheduled" in messages

    cards = _cards(db)
    assert set(cards) == {
        "What is the largest SQS message?",
        "Lambda",
        "serverless functions",
        "Retention is at most [...]; the default is 4 days.",
        "Retention is at most 14 days; the default is [...].",
    }
    basic = cards["What is the largest SQS message?"]
    # HTML made plain: tags and entities gone, the line break kept, script and image left out
    assert basic["row"].back == "1 MiB & beyond: use S3\nvia the Extended Client"
    assert basic["row"].topic_path == "AWS > Messaging > SQS"
    assert basic["row"].kind == "basic"
    assert cards["serverless functions"]["row"].back == "Lambda"
    assert cards["serverless functions"]["row"].kind == "reversed"
    assert cards["Retention is at most [...]; the default is 4 days."]["row"].back == "14 days"

    # the review log: every answer given in Anki, with its time, rating and duration
    by_anki_card: dict[int, list[tuple[int, datetime, int]]] = {}
    for rid, cid, ease, ms in revlog:
        by_anki_card.setdefault(cid, []).append((ease, datetime.fromtimestamp(rid / 1000, UTC), ms))
    assert sorted(r for _, r in given) == sorted(e for _, _, e, _ in revlog)
    reviewed = {f: c for f, c in cards.items() if c["reviews"]}
    assert sum(len(c["reviews"]) for c in reviewed.values()) == 5
    logs = sorted(by_anki_card.values())
    ours = sorted(
        [(r.rating, r.reviewed_at, r.duration_ms) for r in c["reviews"]] for c in reviewed.values()
    )
    assert ours == logs

    # FSRS state: the log replayed through fsrs, the card due when the last answer said
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    for c in reviewed.values():
        card = fsrs.Card(card_id=c["row"].id)
        for r in c["reviews"]:
            card, _ = scheduler.review_card(card, fsrs.Rating(r.rating), r.reviewed_at)
        assert c["state"]["stability"] == pytest.approx(card.stability)
        assert c["state"]["difficulty"] == pytest.approx(card.difficulty)
        assert c["state"]["state"] == card.state.value
        assert c["row"].due == card.due
    never = [c for c in cards.values() if not c["reviews"]]
    assert never and all(c["state"] is None and c["row"].due is None for c in never)
    _healthy(db)

    # domain tags became the topic's domains
    col2 = Collection.open(db)
    try:
        domains = {t.path: t.domains for t in col2.topic_texts()}
    finally:
        col2.close()
    assert "saa-c03:2" in str(domains)


def test_reimport_is_idempotent_and_adds_only_new_reviews(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    col, ids = build_deck(tmp_path / "anki")
    answer_some(col)
    first = export_package(col, tmp_path / "deck.apkg", legacy=False)
    db = tmp_path / "study.db"
    _import(db, first, capsys)
    before = _cards(db)

    again = _import(db, first, capsys)
    assert again["files"][0]["status"] == "unchanged"
    assert again["totals"]["new"] == 0

    # in Anki: one more answer and an edited note; exported again under another name
    note = col.get_note(ids["basic"])
    note["Front"] = "What is the largest message SQS accepts?"
    col.update_note(note)
    answer_next(col, "AWS::Compute", 3)
    second = export_package(col, tmp_path / "deck-2.apkg", legacy=False)
    col.close()
    report = _import(db, second, capsys)
    (summary,) = report["files"]
    assert summary["new"] == 0 and summary["updated"] == 1 and summary["unchanged"] == 4
    assert "review history: 1 reviews added, 1 cards rescheduled" in [
        w["message"] for w in summary["warnings"]
    ]
    after = _cards(db)
    assert len(after) == 5
    reworded = after["What is the largest message SQS accepts?"]
    old = before["What is the largest SQS message?"]
    assert reworded["row"].id == old["row"].id  # the same card, its history kept
    assert reworded["reviews"] == old["reviews"]
    assert sum(len(c["reviews"]) for c in after.values()) == 6
    _healthy(db)
    # the newer file took the deck over: its topics are shown once, not once per file
    store = Collection.open(db)
    try:
        paths = [t.path for t in store.topic_tree(datetime.now(UTC))]
    finally:
        store.close()
    assert sorted(paths) == sorted(set(paths))
    assert "AWS > Messaging > SQS" in paths


def test_reviews_given_in_studyapp_are_kept_on_reimport(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    col, _ = build_deck(tmp_path / "anki")
    (lambda_card,) = col.find_cards('deck:"AWS::Compute" card:1')
    answer_card(col, lambda_card, 3)
    first = export_package(col, tmp_path / "deck.apkg", legacy=True)
    db = tmp_path / "study.db"
    _import(db, first, capsys)
    lambda_row = _cards(db)["Lambda"]["row"]

    from studyapp.usecases.studying import StudySession

    store = Collection.open(db)
    try:
        session = StudySession(
            store,
            clock=lambda: datetime.now(UTC) + timedelta(days=1),
            topic_ids=[lambda_row.topic_id],
        )
        session.start()
        while session.current_id not in (None, lambda_row.id):
            session.bury()  # not this one today
        assert session.current_id == lambda_row.id
        session.rate(3)
    finally:
        store.close()
    answer_card(col, lambda_card, 4)  # and one more in Anki, before the one given in studyapp
    second = export_package(col, tmp_path / "deck.apkg", legacy=True)
    col.close()
    _import(db, second, capsys)
    lam = _cards(db)["Lambda"]
    assert [r.rating for r in lam["reviews"]] == [3, 4, 3]  # in time order: Anki's, then ours
    _healthy(db)


def test_answers_of_anki_s_first_scheduler_are_read_as_its_buttons_meant() -> None:
    from studyapp.usecases.anki_import import rating_of

    # v1 learning (type 0) and relearning (type 2) showed Again, Good, Easy
    assert [rating_of(e, 0, True) for e in (1, 2, 3)] == [1, 3, 4]
    assert [rating_of(e, 2, True) for e in (1, 2, 3)] == [1, 3, 4]
    assert [rating_of(e, 1, True) for e in (1, 2, 3, 4)] == [1, 2, 3, 4]  # reviews: four buttons
    assert [rating_of(e, 0, False) for e in (1, 2, 3, 4)] == [1, 2, 3, 4]  # v2 and v3


def test_a_file_that_is_not_an_anki_package_is_skipped_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_zip = tmp_path / "broken.apkg"
    not_zip.write_bytes(b"SQLite format 3\x00 but not a zip")
    empty_zip = tmp_path / "empty.colpkg"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("notes.txt", "hello")
    db = tmp_path / "study.db"
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(not_zip), str(empty_zip)]) == 0
    out = capsys.readouterr().out
    assert f"{not_zip}: skipped" in out and f"{not_zip}:0: not an Anki package (not a zip" in out
    assert f"{empty_zip}:0: not an Anki package (no collection.anki21b" in out


def test_a_damaged_collection_inside_the_package_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.apkg"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("collection.anki21b", b"not zstd at all")
    worse = tmp_path / "worse.apkg"
    with zipfile.ZipFile(worse, "w") as z:
        z.writestr("collection.anki2", b"not sqlite at all" * 100)
    import sqlite3

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE col (ver INTEGER)")
    con.execute("INSERT INTO col VALUES (NULL)")
    con.commit()
    con.close()
    not_anki = tmp_path / "not-anki.apkg"
    with zipfile.ZipFile(not_anki, "w") as z:
        z.write(other, "collection.anki21")
    db = tmp_path / "study.db"
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(bad), str(worse), str(not_anki)]) == 0
    out = capsys.readouterr().out
    assert f"{bad}:0: collection.anki21b is damaged" in out
    assert f"{worse}:0: collection.anki2 is not a readable Anki collection" in out
    assert f"{not_anki}:0: collection.anki21 is not a readable Anki collection" in out


def test_a_folder_with_a_deck_and_notes_imports_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    col, _ = build_deck(tmp_path / "anki")
    folder = tmp_path / "study"
    folder.mkdir()
    export_package(col, folder / "deck.apkg", legacy=False)
    col.close()
    (folder / "notes.md").write_text("# S3\n\nLargest object?::5 TB\n", encoding="utf-8")
    report = _import(tmp_path / "study.db", folder, capsys)
    assert [f["status"] for f in report["files"]] == ["imported", "imported"]
    assert report["totals"]["cards"] == 6


def test_image_occlusion_notes_are_skipped_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    col = new_collection(tmp_path / "anki")
    col.media.write_data("vpc.png", b"\x89PNG\r\n\x1a\n")
    add_note(
        col,
        "Image Occlusion",
        "AWS::VPC",
        {
            "Occlusion": "{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2:oi=1}}",
            "Image": '<img src="vpc.png">',
        },
        [],
    )
    add_note(col, "Basic", "AWS::VPC", {"Front": "CIDR of a default VPC?", "Back": "/16"}, [])
    package = export_package(col, tmp_path / "io.apkg", legacy=False)
    col.close()
    (summary,) = _import(tmp_path / "study.db", package, capsys)["files"]
    assert summary["cards"] == 1
    assert "1 image occlusion cards skipped (they need their picture)" in [
        w["message"] for w in summary["warnings"]
    ]


def test_an_anki_deck_is_fact_checked_like_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    col = new_collection(tmp_path / "anki")
    add_note(
        col,
        "Basic",
        "AWS::SQS",
        {"Front": "What is the largest SQS message size?", "Back": "256 KiB"},
        [],
    )
    package = export_package(col, tmp_path / "old.apkg", legacy=False)
    col.close()
    report = _import(tmp_path / "study.db", package, capsys)
    (finding,) = report["fact_findings"]
    assert finding["path"] == str(package) and finding["fact"] == "sqs.message-size"
    assert finding["outdated"] is True


def test_a_deck_exported_from_here_and_studied_in_anki_brings_its_answers_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "aws.md"
    notes.write_text(
        "# SQS\n\nLongest retention?::14 days\nThe default retention is ==4 days==.\n",
        encoding="utf-8",
    )
    db = tmp_path / "study.db"
    assert main(["--db", str(db), "import", str(notes)]) == 0
    exported = tmp_path / "studyapp.apkg"
    assert main(["--db", str(db), "export", "-o", str(exported)]) == 0
    before = _cards(db)

    col = new_collection(tmp_path / "anki")
    import_into(col, exported)
    answer_next(col, "SQS", 3)
    answer_next(col, "SQS", 3)
    back = export_package(col, tmp_path / "from-anki.apkg", legacy=False)
    col.close()

    (summary,) = _import(db, back, capsys)["files"]
    assert summary["new"] == 0
    assert (
        "2 cards are this collection's own (exported from studyapp): they stay as your notes"
        " have them, and their answers in Anki are added to their history"
    ) in [w["message"] for w in summary["warnings"]]
    after = _cards(db)
    assert set(after) == set(before)  # no copies
    assert all(c["row"].source == str(notes) for c in after.values())
    assert sum(len(c["reviews"]) for c in after.values()) == 2
    assert all(c["state"] is not None for c in after.values() if c["reviews"])
    _healthy(db)
