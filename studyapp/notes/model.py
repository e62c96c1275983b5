"""Plain records the notes parser produces (pure: no Textual, no SQLAlchemy).

The store reconciles these drafts with what is already in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Card kinds, as stored and as shown by `studyapp cards`.
BASIC = "basic"  # front::back, or multi-line front / ? / back
REVERSED = "reversed"  # front:::back or ??: two cards, one per direction
CLOZE = "cloze"  # ==hidden== deletions, one card per deletion
DEFINITION = "definition"  # derived: "Term: meaning", "**Term** - meaning", "Term = meaning"
TABLE_ROW = "table_row"  # derived: row key + column header -> cell
FACT = "fact"  # derived: a number with a unit hidden as a cloze
EMPHASIS = "emphasis"  # derived: a span the learner emphasised (**bold**, CAPS, ** line) hidden
STATEMENT = "statement"  # derived: the key term of a short "X is Y" statement hidden
COMPARISON = "comparison"  # derived: "unlike X, Y ..." / "X vs Y: ..." -> how they differ
CHOICE = "choice"  # derived: one kind of a listed group ("which routing policy ...?")
LIST = "list"  # derived: all the kinds (or steps) of a group

CARD_KINDS = (
    BASIC,
    REVERSED,
    CLOZE,
    DEFINITION,
    TABLE_ROW,
    FACT,
    EMPHASIS,
    STATEMENT,
    COMPARISON,
    CHOICE,
    LIST,
)
DERIVED_KINDS = frozenset(CARD_KINDS) - {BASIC, REVERSED, CLOZE}


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """Something the learner should know about their file; never fatal."""

    path: str
    line: int  # 1-based; 0 when it concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(slots=True)
class TopicDraft:
    """A heading (or an outline line acting as one)."""

    path: tuple[str, ...]  # heading path from the file's top, e.g. ("SQS", "Visibility timeout")
    title: str
    level: int  # 1 for top-level
    line: int  # 1-based source line of the heading
    body: str = ""  # the section's own Markdown text (without sub-sections), for the notes viewer
    domains: tuple[str, ...] = ()  # explicit domain overrides written in the notes, if any


@dataclass(slots=True)
class CardDraft:
    topic_path: tuple[str, ...]
    kind: str  # one of CARD_KINDS
    front: str  # plain text (a cloze front shows the hidden part as "[...]")
    back: str
    line: int  # 1-based source line
    term: str = ""  # a definition's (or choice's) term, for merging repeats across the file


@dataclass(slots=True)
class TableDraft:
    topic_path: tuple[str, ...]
    caption: str  # from the nearest heading
    header: list[str]
    rows: list[list[str]]
    line: int


@dataclass(slots=True)
class ParsedNote:
    path: str
    sha256: str
    topics: list[TopicDraft] = field(default_factory=list)
    cards: list[CardDraft] = field(default_factory=list)
    tables: list[TableDraft] = field(default_factory=list)
    # derived cards merged into an earlier card of the file (one fact, one card): not stored,
    # but their claims are still fact-checked at their own line
    repeats: list[CardDraft] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    repaired: bool = False  # mojibake was repaired somewhere in the file
    skipped: bool = False  # nothing could be read (binary, oversized): leave the stored data alone
    kind: str = "markdown"  # how it was read: markdown | outline (decided once, in parse.py)
