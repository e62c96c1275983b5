"""Quiz questions derived from comparison tables in the learner's notes (pure).

A table whose first column names things (a key type, a volume type, a routing policy) gives one
question per cell: the row's name and the column's header make an English stem, the right answer
is the cell, and the distractors are other rows' cells from the same column, picked to look like
the answer (about as long, numbers where it has numbers, a yes/no where it is a yes/no), so none
can be ruled out by its form. A cell with fewer than three such look-alikes gives no question.

A table whose first column lists features ("Feature | Security group | Network ACL") compares
things by column: its questions name the thing from a feature's cell, with the other columns as
distractors, so it needs four or more things side by side.

A row whose cell is blank or not unique in its column gives no question.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question

LETTERS = "ABCD"
FEATURE_HEADERS = frozenset(
    {"feature", "features", "aspect", "property", "attribute", "characteristic", "criterion"}
)
# Columns of free text: too varied to make options that look alike.
SKIPPED_COLUMNS = frozenset({"notes", "note", "key points", "examples", "comments"})
_WH = frozenset({"who", "what", "when", "where", "which", "how", "why", "question"})
_PREPOSITIONS = frozenset(
    {"on", "to", "for", "with", "in", "of", "by", "from", "at", "it", "them", "as", "and"}
)
# First words that make a header a verb phrase, not a noun ("Fits", "Grants permissions?").
_NOT_NOUNS = frozenset(
    {
        "fits",
        "grants",
        "can",
        "is",
        "are",
        "does",
        "do",
        "charged",
        "missing",
        "pick",
        "choose",
        "best",
        "applies",
        "attached",
        "answers",
        "routes",
        "tuned",
        "use",
        "uses",
        "supports",
    }
)
MAX_LENGTH_RATIO = 2.5
_YES_NO = re.compile(r"^(yes|no)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class TableSource:
    """A table as plain rows: the first column names each row."""

    id: int | str
    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    topic_path: str = ""
    domains: Sequence[str] = ()  # "saa-c03:1.2" or "saa-c03:1" tags from the notes


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lower_first(text: str) -> str:
    """ "Max IOPS" -> "max IOPS"; an acronym or a name ("AZs", "RPO", "EC2") keeps its case."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def place(domains: Sequence[str], guide: ExamGuide) -> tuple[int, str] | None:
    """(domain, task) for `guide` from a topic's domain tags; None when none names this exam."""
    for tag in domains:
        code, _, where = tag.strip().partition(":")
        if code.strip().lower() != guide.code or not where:
            continue
        head = where.strip().split(".")[0]
        if not head.isdigit():
            continue
        domain = guide.domain(int(head))
        if domain is None:
            continue
        task = domain.task(where.strip())
        return domain.number, (task or domain.tasks[0]).id
    return None


def row_stem(kind: str, key: str, column: str) -> str:
    """An English question about one row's cell: the header is used as a question, a noun or,
    when it is neither, quoted as a label."""
    kind = _lower_first(" ".join(kind.split())) or "item"
    column = " ".join(column.split())
    subject = f"For the {kind} “{key}”"
    words = column.rstrip("?").split()
    first, last = words[0].casefold(), words[-1].casefold()
    if column.endswith("?"):
        return f"{subject}, which answer fits the question “{column}”?"
    if first in _WH:
        return f"{subject}, which of these says {_lower_first(column)}?"
    if first in _NOT_NOUNS or last in _PREPOSITIONS:
        return f"{subject}, which entry belongs under “{column}”?"
    plural = len(words) == 1 and last.endswith("s") and not last.endswith("ss")
    verb = "are" if plural or " and " in column else "is"
    return f"{subject}, what {verb} the {_lower_first(column)}?"


def _shape(text: str) -> tuple[bool, bool]:
    return bool(_DIGIT.search(text)), bool(_YES_NO.match(text))


def look_alikes(answer: str, candidates: Sequence[str], rng: random.Random) -> list[str]:
    """Up to three candidates that cannot be told from `answer` by their form: the same kind
    (numbers, yes/no, words) and at most 2.5 times longer or shorter, the closest in length
    first."""
    shape = _shape(answer)
    fits = []
    for c in candidates:
        ratio = max(len(c), len(answer)) / max(1, min(len(c), len(answer)))
        if _shape(c) == shape and ratio <= MAX_LENGTH_RATIO:
            fits.append((abs(math.log(len(c) / max(1, len(answer)))), rng.random(), c))
    fits.sort()
    return [c for _, _, c in fits[:3]]


def _question(
    table: TableSource,
    guide_code: str,
    where: tuple[int, str],
    qid: str,
    stem: str,
    right: tuple[str, str],  # (row or column name, text)
    wrong: Sequence[tuple[str, str]],
    why_right: str,
    why_wrong: str,
    rng: random.Random,
) -> Question:
    options = [(right[0], right[1], True)] + [(k, t, False) for k, t in wrong]
    rng.shuffle(options)
    lettered = list(zip(LETTERS, options, strict=True))
    caption = table.caption.strip() or table.topic_path or "your notes"
    return Question(
        id=qid,
        exam=guide_code,
        domain=where[0],
        task=where[1],
        difficulty="easy",
        stem=f"{stem} (From the table “{caption}” in your notes.)",
        choose=1,
        options=tuple((letter, text) for letter, (_, text, _) in lettered),
        correct=frozenset(letter for letter, (_, _, ok) in lettered if ok),
        explanations=tuple(
            (letter, why_right if ok else why_wrong.format(other=name))
            for letter, (name, _, ok) in lettered
        ),
        references=(),
        origin="table",
    )


def _row_questions(
    table: TableSource, code: str, where: tuple[int, str], rng: random.Random
) -> list[Question]:
    out: list[Question] = []
    kind = str(table.header[0]).strip() if table.header else ""
    for col in range(1, len(table.header)):
        column = str(table.header[col]).strip()
        if not column or _norm(column) in SKIPPED_COLUMNS:
            continue
        cells = [
            (str(r[0]).strip(), str(r[col]).strip() if col < len(r) else "") for r in table.rows
        ]
        counts: dict[str, int] = {}
        for _, cell in cells:
            if cell:
                counts[_norm(cell)] = counts.get(_norm(cell), 0) + 1
        if len(counts) < 4:
            continue
        for row_i, (key, cell) in enumerate(cells):
            if not key or not cell or counts[_norm(cell)] != 1:
                continue
            others: dict[str, tuple[str, str]] = {}
            for other_key, other in cells:
                if other and _norm(other) != _norm(cell):
                    others.setdefault(_norm(other), (other_key, other))
            by_text = {text: name for name, text in sorted(others.values())}
            picks = look_alikes(cell, sorted(by_text), rng)
            if len(picks) < 3:
                continue
            out.append(
                _question(
                    table,
                    code,
                    where,
                    f"table-{table.id}-r{row_i}-c{col}",
                    row_stem(kind, key, column),
                    (key, cell),
                    [(by_text[p], p) for p in picks],
                    f"Right: your table gives this under “{column}” for {key}.",
                    f"That is what the table gives under “{column}” for {{other}}, not for {key}.",
                    rng,
                )
            )
    return out


def _feature_questions(
    table: TableSource, code: str, where: tuple[int, str], rng: random.Random
) -> list[Question]:
    """ "Feature | A | B | C | D": which of A-D has this feature's value?"""
    names = [str(h).strip() for h in table.header[1:]]
    if len([n for n in names if n]) < 4 or len({_norm(n) for n in names}) != len(names):
        return []
    out: list[Question] = []
    for row_i, row in enumerate(table.rows):
        feature = str(row[0]).strip() if row else ""
        cells = [str(row[c]).strip() if c < len(row) else "" for c in range(1, len(table.header))]
        if not feature or any(not c for c in cells):
            continue
        for col, cell in enumerate(cells):
            if sum(1 for c in cells if _norm(c) == _norm(cell)) != 1:
                continue
            wrong = [n for i, n in enumerate(names) if i != col]
            picks = rng.sample(wrong, 3)
            out.append(
                _question(
                    table,
                    code,
                    where,
                    f"table-{table.id}-r{row_i}-c{col + 1}",
                    f"Which one has “{cell}” as its {_lower_first(feature)}?",
                    (names[col], names[col]),
                    [(p, p) for p in picks],
                    f"Right: your table gives {names[col]} this {_lower_first(feature)}.",
                    f"Your table gives {{other}} a different {_lower_first(feature)}.",
                    rng,
                )
            )
    return out


def table_questions(table: TableSource, guide: ExamGuide, seed: int | str = 0) -> list[Question]:
    """Every question the table gives for `guide` (none if its topic is not tagged for it)."""
    where = place(table.domains, guide)
    if where is None or not table.header:
        return []
    rng = random.Random(f"table:{table.id}:{seed}")
    if _norm(str(table.header[0])) in FEATURE_HEADERS:
        return _feature_questions(table, guide.code, where, rng)
    return _row_questions(table, guide.code, where, rng)


def derived_questions(
    tables: Sequence[TableSource], guide: ExamGuide, seed: int | str = 0
) -> list[Question]:
    return [q for t in tables for q in table_questions(t, guide, seed)]
