"""`studyapp export`: what Anki's own code finds in the .apkg, and the CSV's columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from anki_helpers import import_into, new_collection

from studyapp.cli.main import main

NOTES = """# Messaging
<!-- domains: saa-c03:2 -->

## SQS

What is the largest SQS message?::256 KiB
A message can stay in a queue for up to ==14 days== at most.

## SNS

SNS <b>fan-out</b> sends to::every subscriber & more

# Compute
<!-- domains: dva-c02:1 -->

Lambda's longest timeout?::15 minutes
"""


def _db(tmp_path: Path, text: str = NOTES) -> Path:
    notes = tmp_path / "aws.md"
    notes.write_text(text, encoding="utf-8")
    db = tmp_path / "study.db"
    assert main(["--db", str(db), "import", str(notes)]) == 0
    return db


def _anki_notes(col: object) -> dict[str, dict[str, object]]:
    """{Front or Text field: note facts} of every note in an Anki collection."""
    out: dict[str, dict[str, object]] = {}
    for nid in col.find_notes(""):  # type: ignore[attr-defined]
        note = col.get_note(nid)  # type: ignore[attr-defined]
        kind = note.note_type()
        card = note.cards()[0]
        out[note.fields[0]] = {
            "guid": note.guid,
            "type": kind["name"],
            "cloze": kind["type"] == 1,
            "back": note.fields[1],
            "tags": sorted(note.tags),
            "deck": col.decks.name(card.did),  # type: ignore[attr-defined]
            "cards": len(note.cards()),
        }
    return out


def test_anki_opens_the_export_with_its_notes_cards_decks_and_tags(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    capsys.readouterr()
    out = tmp_path / "deck.apkg"
    assert main(["--db", str(db), "export", "--format", "apkg", "-o", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["notes"] == 4 and summary["cloze_notes"] == 1

    col = new_collection(tmp_path / "anki")
    try:
        import_into(col, out)
        assert col.note_count() == 4
        assert col.card_count() == 4
        decks = {d.name for d in col.decks.all_names_and_ids()}
        assert {"Messaging", "Messaging::SQS", "Messaging::SNS", "Compute"} <= decks
        assert set(col.tags.all()) == {"saa-c03::domain-2", "dva-c02::domain-1"}
        notes = _anki_notes(col)
    finally:
        col.close()

    cloze = notes["A message can stay in a queue for up to {{c1::14 days}} at most."]
    assert cloze["cloze"] and cloze["deck"] == "Messaging::SQS" and cloze["cards"] == 1
    basic = notes["What is the largest SQS message?"]
    assert basic == {
        **basic,
        "cloze": False,
        "back": "256 KiB",
        "deck": "Messaging::SQS",
        "tags": ["saa-c03::domain-2"],
    }
    # the notes' text is data: Anki gets it escaped, never as markup
    fanout = notes["SNS &lt;b&gt;fan-out&lt;/b&gt; sends to"]
    assert fanout["back"] == "every subscriber &amp; more"
    assert notes["Lambda's longest timeout?"]["tags"] == ["dva-c02::domain-1"]


def test_a_suspended_card_arrives_suspended(tmp_path: Path) -> None:
    db = _db(tmp_path)
    from studyapp.store.collection import Collection

    store = Collection.open(db)
    try:
        (card,) = [c for c in store.list_cards() if c.front.startswith("Lambda")]
        store.suspend_cards([card.id])
    finally:
        store.close()
    out = tmp_path / "deck.apkg"
    assert main(["--db", str(db), "export", "-o", str(out)]) == 0
    col = new_collection(tmp_path / "anki")
    try:
        import_into(col, out)
        suspended = col.find_cards("is:suspended")
        assert [col.get_card(c).note().fields[0] for c in suspended] == [
            "Lambda's longest timeout?"
        ]
    finally:
        col.close()


def test_export_filters_by_topic_and_by_exam(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    for args, wanted in (
        (["--topic", "sns"], {"SNS <b>fan-out</b> sends to"}),
        (["--exam", "dva-c02"], {"Lambda's longest timeout?"}),
    ):
        out = tmp_path / "cards.csv"
        assert main(["--db", str(db), "export", "--format", "csv", "-o", str(out), *args]) == 0
        with out.open(encoding="utf-8", newline="") as fh:
            assert {r["front"] for r in csv.DictReader(fh)} == wanted
    assert "1 notes" in capsys.readouterr().out


def test_csv_has_a_header_row_and_the_documented_columns(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "cards.csv"
    assert main(["--db", str(db), "export", "--format", "csv", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["guid", "deck", "kind", "front", "back", "cloze", "tags", "source", "line"]
    by_front = {r[3]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert len(by_front) == 4
    cloze = by_front["A message can stay in a queue for up to [...] at most."]
    assert cloze["kind"] == "cloze" and cloze["back"] == "14 days"
    assert cloze["cloze"] == "A message can stay in a queue for up to {{c1::14 days}} at most."
    assert cloze["deck"] == "Messaging::SQS" and cloze["tags"] == "saa-c03::domain-2"
    assert cloze["source"].endswith("aws.md") and cloze["line"] == "7"
    assert by_front["What is the largest SQS message?"]["cloze"] == ""


def test_a_reexport_after_an_edit_updates_the_same_anki_notes(tmp_path: Path) -> None:
    db = _db(tmp_path)
    first = tmp_path / "first.apkg"
    assert main(["--db", str(db), "export", "-o", str(first)]) == 0
    col = new_collection(tmp_path / "anki")
    try:
        import_into(col, first)
        # Anki keeps note times in whole seconds and updates a note only when its time differs:
        # the first export is made to have happened an hour before the edit below
        col.db.execute("UPDATE notes SET mod = mod - 3600")
        before = _anki_notes(col)
        # the learner rewords a card in the notes and imports them again
        edited = NOTES.replace(
            "What is the largest SQS message?", "What is the largest SQS message size?"
        )
        (tmp_path / "aws.md").write_text(edited, encoding="utf-8")
        assert main(["--db", str(db), "import", str(tmp_path / "aws.md")]) == 0
        second = tmp_path / "second.apkg"
        assert main(["--db", str(db), "export", "-o", str(second)]) == 0
        import_into(col, second)
        after = _anki_notes(col)
        assert col.note_count() == 4  # updated in place, nothing added
    finally:
        col.close()
    assert {n["guid"] for n in after.values()} == {n["guid"] for n in before.values()}
    reworded = after["What is the largest SQS message size?"]
    assert reworded["guid"] == before["What is the largest SQS message?"]["guid"]
    assert "What is the largest SQS message?" not in after


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    out = tmp_path / "nowhere" / "deck.apkg"
    assert main(["--db", str(db), "export", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "does not exist" in err
    assert not out.exists()


def test_export_of_an_unknown_exam_names_the_known_ones(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    assert (
        main(["--db", str(db), "export", "--exam", "xyz-c09", "-o", str(tmp_path / "x.apkg")]) == 2
    )
    assert "saa-c03" in capsys.readouterr().err
