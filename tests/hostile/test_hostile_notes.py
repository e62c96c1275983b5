"""Hostile notes through `studyapp import` and `studyapp cards`: nothing crashes, nothing is lost.

Each case asserts the exact line the learner reads (`path:line: message`), that the rest of the file
(and the other files) still became cards, and, where a file is refused, that what was stored for it
before is untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corpus import (
    DATA,
    DEEP_AFTER,
    HEADING_CHARS,
    LINES_AFTER,
    LONG_CARD,
    OUTLINE_CARD,
    OUTLINE_LEVELS,
    WIDE_AFTER,
    WIDE_COLUMNS,
    Corpus,
)

Cards = Callable[[Path], list[dict[str, Any]]]
Run = Callable[..., str]
NOTES = DATA / "notes"

# file -> (the warnings the learner reads, a card that must still be imported)
SHIPPED: dict[str, tuple[list[str], tuple[str, str]]] = {
    "truncated_utf8.md": (
        [
            "5: the file ends in the middle of a character (cut-off UTF-8); "
            "that last character is left out"
        ],
        ("Caching — Café note", "the last character is cut in half"),
    ),
    "utf16_bom.md": ([], ("What is the largest SQS message size?", "256 KiB")),
    "utf16_nobom.md": ([], ("Which service pushes one message to many subscribers?", "SNS")),
    "latin1.md": (
        [
            "1: not valid UTF-8 (first bad byte on this line); read as cp1252: "
            "check its accented letters, and save the file as UTF-8"
        ],
        ("What does an Availability Zone contain?", "One or more data centres, à côté"),
    ),
    "mojibake.md": (
        [
            "1: mis-encoded characters (mojibake) repaired on 2 lines, first on line 1; "
            "check that they read right"
        ],
        (
            "What storage class costs least for data read once a year?",
            "S3 Glacier Deep Archive – cheapest",
        ),
    ),
    "nul_bytes.md": (
        ["3: NUL bytes removed (first on this line)"],
        ("What is the longest a Lambda function can run?", "15 minutes"),
    ),
    "unclosed_fence.md": (
        [
            "5: code fence ``` opened here is never closed: everything up to line 9 is read "
            "as code and makes no cards (add a closing ```)"
        ],
        ("Which command lists S3 buckets?", "aws s3 ls"),
    ),
    "unclosed_html.md": (
        [
            f"{line}: {opener} opened here is never closed (no {closer} after it): it is ended "
            f"at the first blank line or heading ({where}) and the rest of the file is read as "
            f"notes; add {closer} where it should end"
            for line, opener, closer, where in (
                (3, "<pre>", "</pre>", "lines 3-4 are read as HTML and make no cards"),
                (8, "<script>", "</script>", "lines 8-9 are read as HTML and make no cards"),
                (11, "<style>", "</style>", "lines 11-12 are read as HTML and make no cards"),
                (14, "<textarea>", "</textarea>", "lines 14-15 are read as HTML and make no cards"),
                (17, "<!--", "-->", "line 17 is read as HTML and makes no cards"),
            )
        ],
        ("What stays after five unclosed HTML blocks?", "Every card below them"),
    ),
    "ragged_table.md": (
        [
            "6: table: 2 rows have a different number of cells from the header's 3 "
            "(this one has 2); missing cells are left empty, extra cells dropped"
        ],
        ("Storage compared — EFS: Scope?", "Region"),
    ),
}


def pairs(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(r["front"], r["back"]) for r in rows}


def warnings_of(out: str, path: Path) -> list[str]:
    """The `path:line: message` lines printed under a file, without the path."""
    prefix = f"  {path}:"
    return [line[len(prefix) :] for line in out.splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_case_names_file_and_line_and_keeps_its_cards(
    name: str, tmp_path: Path, run: Run, cards: Cards
) -> None:
    expected, card = SHIPPED[name]
    path = NOTES / name
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", path)
    assert f"{path}: imported: " in out
    assert warnings_of(out, path) == expected
    rows = cards(db)
    assert card in pairs(rows)
    assert all("\x00" not in r["front"] + r["back"] for r in rows)
    assert all("never a card" not in r["back"] for r in rows)


def test_the_whole_folder_imports_every_file(tmp_path: Path, run: Run, cards: Cards) -> None:
    db = tmp_path / "db.sqlite3"
    data = json.loads(run("--db", db, "import", "--json", NOTES))
    assert {Path(f["path"]).name: f["status"] for f in data["files"]} == dict.fromkeys(
        SHIPPED, "imported"
    )
    shown = {(Path(w[0]).name, w[1]) for f in data["files"] for w in _json_warnings(f)}
    expected = {(n, int(m.split(":")[0])) for n, (ws, _) in SHIPPED.items() for m in ws}
    assert shown == expected
    assert {card for _, card in SHIPPED.values()} <= pairs(cards(db))


def _json_warnings(summary: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [(w["path"], w["line"], w["message"]) for w in summary["warnings"]]


def test_a_50_mb_note_is_skipped_by_size_and_its_stored_cards_stay(
    corpus: Corpus, tmp_path: Path, run: Run, cards: Cards
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    note = folder / "big.md"
    note.write_text("# SQS\n\nHow long can SQS keep a message?::14 days\n", encoding="utf-8")
    (folder / "other.md").write_text("# SNS\n\nWhat is SNS?::Pub/sub messaging\n")
    db = tmp_path / "db.sqlite3"
    run("--db", db, "import", folder)
    before = cards(db)
    assert pairs(before) == {
        ("How long can SQS keep a message?", "14 days"),
        ("What is SNS?", "Pub/sub messaging"),
    }

    note.unlink()
    os.link(corpus.big_note, note)  # the same path, now 50 MB (a hard link: no copy)
    (folder / "other.md").write_text("# SNS\n\nWhat is SNS?::Pub/sub messaging\nA::B\n")
    out = run("--db", db, "import", folder)
    assert f"{note}: skipped\n" in out
    assert warnings_of(out, note) == [
        "0: file skipped: its size 50.0 MiB (52428800 bytes) is over the limit of "
        "16.0 MiB (16777216 bytes)"
    ]
    assert f"{folder / 'other.md'}: imported: 1 topics, 2 cards" in out
    after = cards(db)
    big_before = [r for r in before if r["source"] == str(note)]
    assert [r for r in after if r["source"] == str(note)] == big_before
    assert ("A", "B") in pairs(after)


def test_10000_level_lists_and_quotes_are_read_flat_and_nothing_after_is_lost(
    corpus: Corpus, tmp_path: Path, run: Run, cards: Cards
) -> None:
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", corpus.deep_lists)
    assert warnings_of(out, corpus.deep_lists) == [
        "3: lists or quotes nested more than 50 levels deep; lines 3-9 read as a flat list "
        "(indent less to keep the structure)"
    ]
    rows = cards(db)
    assert pairs(rows) == {DEEP_AFTER, ("Deep lists — Nested term", "the deepest meaning")}
    after = next(r for r in rows if r["front"] == DEEP_AFTER[0])
    assert after["topic"] == "After the deep lists" and after["line"] == 9


def test_a_deep_outline_stops_making_topics_at_20_levels(
    corpus: Corpus, tmp_path: Path, run: Run, cards: Cards
) -> None:
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", corpus.deep_outline)
    assert warnings_of(out, corpus.deep_outline) == [
        "21: outline nested more than 20 levels deep; deeper lines are read as list items "
        "of the topic above (indent less)"
    ]
    assert f"{corpus.deep_outline}: imported: 21 topics, 1 cards (definition 1)" in out
    [row] = cards(db)
    assert (row["front"], row["back"]) == (f"SQS limits — {OUTLINE_CARD[0]}", OUTLINE_CARD[1])
    assert row["line"] == OUTLINE_LEVELS + 2


def test_a_1000_column_ragged_table_is_kept_without_cards_and_the_rest_imports(
    corpus: Corpus, tmp_path: Path, run: Run, cards: Cards
) -> None:
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", corpus.wide_table)
    assert warnings_of(out, corpus.wide_table) == [
        f"3: table has {WIDE_COLUMNS} columns; cards are made only from tables of up to 30 "
        "columns (the table is kept for reading)",
        f"6: table: 11 rows have a different number of cells from the header's {WIDE_COLUMNS} "
        "(this one has 917); missing cells are left empty, extra cells dropped",
    ]
    assert "2 topics, 3 cards (basic 1, table_row 2), 2 tables" in out
    assert pairs(cards(db)) == {
        WIDE_AFTER,
        ("Queues — Standard: Ordering?", "best effort"),
        ("Queues — FIFO: Ordering?", "strict"),
    }


def test_a_100_kib_heading_is_cut_to_a_title_and_its_card_imports(
    corpus: Corpus, tmp_path: Path, run: Run, cards: Cards
) -> None:
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", corpus.long_heading)
    assert warnings_of(out, corpus.long_heading) == [
        f"1: heading is {HEADING_CHARS} characters long; its topic title keeps the first 200 "
        "(shorten the heading and put the rest under it)"
    ]
    [row] = cards(db)
    assert (row["front"], row["back"]) == LONG_CARD
    assert len(row["topic"]) == 200 and row["topic"].startswith("certificate manager renews")


MARKUP = DATA / "markup" / "markup_escapes.md"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


def test_markup_and_escapes_in_every_field_are_printed_literally(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", MARKUP)
    assert f"{MARKUP}: imported: 1 topics, 2 cards (basic 1, table_row 1), 1 tables" in out

    listing = run("--db", db, "cards")
    assert not any(c in listing for c in RAW_CONTROLS)
    assert listing.splitlines()[:3] == [
        f"{MARKUP}:5  [basic]  [bold]Heading[/bold] \\x1b[31mred [/]",
        "    Q: [bold]Front[/bold] \\x1b[31mx?",
        "    A: [link=http://e.x]Back[/link] \\x9b1m [/]",
    ]
    assert listing.splitlines()[4:6] == [
        "    Q: [bold]Caption[/bold] \\x1b[31m — [link=http://e.x]SQS[/link]: "
        "[/] Limit \\x1b]0;title\\x07?",
        "    A: [bold]256 KB[/bold] \\x9b1m",
    ]

    raw = run("--db", db, "cards", "--json")
    assert not any(c in raw for c in RAW_CONTROLS)
    rows = json.loads(raw)["cards"]
    assert [(r["topic"], r["front"], r["back"]) for r in rows] == [
        (
            "[bold]Heading[/bold] \x1b[31mred [/]",
            "[bold]Front[/bold] \x1b[31mx?",
            "[link=http://e.x]Back[/link] \x9b1m [/]",
        ),
        (
            "[bold]Heading[/bold] \x1b[31mred [/]",
            "[bold]Caption[/bold] \x1b[31m — [link=http://e.x]SQS[/link]: "
            "[/] Limit \x1b]0;title\x07?",
            "[bold]256 KB[/bold] \x9b1m",
        ),
    ]


def test_an_unclosed_html_block_added_later_retires_none_of_the_cards_below_it(
    tmp_path: Path, run: Run, cards: Cards
) -> None:
    note = tmp_path / "sqs.md"
    body = "# SQS\n\nRetention::4 days\n\n## Limits\n\nMax message size::256 KiB\n"
    note.write_text(body, encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    run("--db", db, "import", note)
    note.write_text(body.replace("# SQS\n\n", "# SQS\n\n<pre>\nsample, never closed\n\n"))
    out = run("--db", db, "import", note)
    assert "0 retired" in out
    assert warnings_of(out, note) == [
        "3: <pre> opened here is never closed (no </pre> after it): it is ended at the first "
        "blank line or heading (lines 3-4 are read as HTML and make no cards) and the rest of "
        "the file is read as notes; add </pre> where it should end"
    ]
    assert pairs(cards(db)) == {("Retention", "4 days"), ("Max message size", "256 KiB")}


def test_lines_of_unclosed_delimiters_import_and_the_card_after_them_too(
    corpus: Corpus, tmp_path: Path, run: Run, cards: Cards
) -> None:
    db = tmp_path / "db.sqlite3"
    out = run("--db", db, "import", corpus.long_lines)
    assert f"{corpus.long_lines}: imported: 2 topics, 1 cards" in out
    assert warnings_of(out, corpus.long_lines) == [
        "13: '::' not read as a card (there is no text on one side of it)"
    ]
    assert pairs(cards(db)) == {LINES_AFTER}
