"""The big hostile cases, generated (never committed): see tests/data/hostile/README.md.

`build(root)` writes them once per test session (the `corpus` fixture in conftest.py); the small
cases are shipped as files under tests/data/hostile/.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "hostile"
BIG_BYTES = 50 * 1024 * 1024
DEEP_LEVELS = 10_000  # lists and quotes nested on one line
OUTLINE_LEVELS = 3_000  # outline nesting by indentation (10,000 levels would take 50 MB)
WIDE_COLUMNS = 1_000
HEADING_CHARS = 100 * 1024
LINE_CHARS = 200 * 1024  # each pathological line (issue 15: 200 KB of "**a " took 182 s)
PATHOLOGICAL = ("**a ", "==a ", "__a ", "~~a ", "[a](", "a::")  # repeated along one line

DEEP_AFTER = ("What stays readable after a 10,000-level list?", "Everything below it")
WIDE_AFTER = ("Which queue type keeps strict order?", "FIFO")
LONG_CARD = ("Which service issues TLS certificates for free?", "AWS Certificate Manager")
OUTLINE_CARD = ("Dead-letter queue", "where messages go after too many failed receives")
LINES_AFTER = ("What follows six 200 KB lines of unclosed delimiters?", "This card")


@dataclass(frozen=True)
class Corpus:
    big_note: Path  # 50 MB of Markdown: skipped by size, never parsed
    deep_lists: Path  # "- - - ... item" and "> > > ..." 10,000 levels deep
    deep_outline: Path  # a plain-text outline indented 3,000 levels deep
    wide_table: Path  # a 1,000-column table with ragged rows, then a normal table and a card
    long_heading: Path  # a heading of 100 KiB, then a card
    long_lines: Path  # six 200 KiB lines of unclosed delimiters ("**a **a ..."), then a card


def _big_note(path: Path) -> None:
    row = "- Term {n:07d}: a meaning that keeps this generated note growing\n"
    chunk = "".join(row.format(n=n) for n in range(16_000)).encode()
    with path.open("wb") as out:
        out.write(b"# A note far too big to read\n\n")
        written = 0
        while written < BIG_BYTES:
            out.write(chunk)
            written += len(chunk)
        out.truncate(BIG_BYTES)


def _deep_lists() -> str:
    return (
        "# Deep lists\n\n"
        + "- " * DEEP_LEVELS
        + "Nested term: the deepest meaning\n\n"
        + "> " * DEEP_LEVELS
        + "quoted far down\n\n"
        + "# After the deep lists\n\n"
        + f"{DEEP_AFTER[0]}::{DEEP_AFTER[1]}\n"
    )


def _deep_outline() -> str:
    lines = ["SQS outline"]
    lines += [" " * level + f"level {level}" for level in range(1, OUTLINE_LEVELS)]
    lines += ["SQS limits", f"  {OUTLINE_CARD[0]}: {OUTLINE_CARD[1]}", ""]
    return "\n".join(lines)


def _wide_table() -> str:
    header = "| Key | " + " | ".join(f"Column {c}" for c in range(1, WIDE_COLUMNS)) + " |"
    rule = "|" + "---|" * WIDE_COLUMNS
    rows = []
    for r in range(12):
        width = WIDE_COLUMNS - r * 83 + (5 if r == 3 else 0)  # ragged: short rows, one too long
        rows.append("| " + " | ".join(f"r{r}c{c}" for c in range(width)) + " |")
    normal = "| Queue | Ordering |\n|---|---|\n| Standard | best effort |\n| FIFO | strict |\n"
    return (
        "# A very wide table\n\n"
        + "\n".join([header, rule, *rows])
        + "\n\n# Queues\n\n"
        + normal
        + f"\n{WIDE_AFTER[0]}::{WIDE_AFTER[1]}\n"
    )


def _long_heading() -> str:
    words = ("certificate ", "manager ", "renews ", "public ")
    heading = "".join(words[i % 4] for i in range(HEADING_CHARS // 8))[:HEADING_CHARS]
    return f"# {heading}\n\n{LONG_CARD[0]}::{LONG_CARD[1]}\n"


def _long_lines() -> str:
    lines = [pattern * (LINE_CHARS // len(pattern)) for pattern in PATHOLOGICAL]
    body = "\n\n".join(lines)
    return f"# Long lines\n\n{body}\n\n# After them\n\n{LINES_AFTER[0]}::{LINES_AFTER[1]}\n"


def build(root: Path) -> Corpus:
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(
        big_note=root / "big_note.md",
        deep_lists=root / "deep_lists.md",
        deep_outline=root / "deep_outline.txt",
        wide_table=root / "wide_table.md",
        long_heading=root / "long_heading.md",
        long_lines=root / "long_lines.md",
    )
    _big_note(corpus.big_note)
    corpus.deep_lists.write_text(_deep_lists(), encoding="utf-8")
    corpus.deep_outline.write_text(_deep_outline(), encoding="utf-8")
    corpus.wide_table.write_text(_wide_table(), encoding="utf-8")
    corpus.long_heading.write_text(_long_heading(), encoding="utf-8")
    corpus.long_lines.write_text(_long_lines(), encoding="utf-8")
    return corpus
