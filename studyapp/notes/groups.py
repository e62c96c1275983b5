"""A heading or term followed by its kinds or its steps: one card per kind and one list card.

"Routing policies" with the children "Simple - one record ...", "Weighted - split by weights ..."
gives, per child, a CHOICE card ("Routing policies — which one: split by weights ...?" ->
"Weighted") and one LIST card ("Routing policies: name all 8" -> "Simple; Weighted; ...").
A "how to" / "steps" heading gives one LIST card of its steps in order; a heading of kinds whose
children are bare names ("Supported databases": MySQL, PostgreSQL) gives one LIST card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studyapp.notes.blocks import ITEM, PARA, Block
from studyapp.notes.derived import split_definition
from studyapp.notes.text import plain

# A group's name says it lists kinds: "Routing policies", "Queue types", "Launch types".
_KINDS = re.compile(
    r"\b(?:types?|kinds?|policies|modes|classes|tiers|strategies|options|models|methods|patterns|"
    r"levels|categories|families|engines|editions|plans|flavou?rs|variants|protocols|tiers|"
    r"generations|sizes)\b",
    re.I,
)
_STEPS = re.compile(r"\b(?:how to|steps|step-by-step|set ?up|setting up|procedure)\b", re.I)
_SUPPORTED = re.compile(r"\bsupported\b|\bsupports\b|\bcompatible\b", re.I)
MAX_MEMBERS = 12
MAX_TERM_WORDS = 5
MAX_NAME_CHARS = 60
MIN_MEMBERS = 2


@dataclass(slots=True)
class Member:
    line: int
    term: str  # empty for a step or a bare name
    meaning: str
    text: str  # the whole statement, plain


@dataclass(slots=True)
class Group:
    name: str  # the heading, label or term the members belong to
    block: Block  # where the group's context comes from
    line: int
    steps: bool = False
    members: list[Member] = field(default_factory=list)

    @property
    def lines(self) -> set[int]:
        return {m.line for m in self.members}


def _name_of(raw: str) -> str:
    definition = split_definition(raw, hyphen=True)
    if definition is not None:
        return definition[0]
    text = plain(raw).rstrip(":").strip()
    return text if len(text) <= MAX_NAME_CHARS else ""


def _member(line: int, raw: str) -> Member:
    definition = split_definition(raw, hyphen=True)
    text = plain(raw)
    if definition is not None and len(definition[0].split()) <= MAX_TERM_WORDS:
        return Member(line, definition[0], definition[1], text)
    return Member(line, "", text, text)


_TAIL = re.compile(r"\s*(?:\([^)]*\)|\*+|:)\s*$")


def _wanted(name: str) -> bool:
    """The name's head noun says it lists kinds ("Routing policies", "Types of AMIs"), or it
    lists steps or what is supported."""
    if not name:
        return False
    head = _TAIL.sub("", name).strip()
    words = head.split()
    if not words:
        return False
    kinds = bool(_KINDS.fullmatch(words[-1])) or bool(re.match(r"(?:types|kinds) of\b", head, re.I))
    return kinds or bool(_STEPS.search(name) or _SUPPORTED.search(name))


def _finish(group: Group) -> Group | None:
    members = group.members
    if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
        return None
    group.steps = bool(_STEPS.search(group.name))
    if group.steps:
        return group
    named = [m for m in members if m.term and len(m.meaning.split()) >= 2]
    if len(named) * 2 >= len(members) and len(named) >= MIN_MEMBERS:
        group.members = named
        return group
    if all(not m.term and len(m.text) <= MAX_NAME_CHARS and m.text[-1] != "." for m in members):
        return group  # bare names: a list card only
    return None


def find_groups(
    title: str, blocks: list[Block], units: dict[int, list[tuple[int, str]]]
) -> list[Group]:
    """Groups of kinds or steps in a section. ``units`` maps a block's index to its statements
    (line, raw text); a group's members are statements of the blocks under its name."""
    groups: list[Group] = []
    taken: set[int] = set()
    # 1. an item whose name lists kinds, with its sub-items
    for i, block in enumerate(blocks):
        if block.kind != ITEM or not block.children or not units.get(i):
            continue
        name = _name_of(block.lines[0][1])
        if not _wanted(name):
            continue
        group = Group(name, block, block.line)
        for j in range(i + 1, len(blocks)):
            child = blocks[j]
            if child.kind != ITEM or child.depth <= block.depth:
                break
            if child.depth == block.depth + 1 and units.get(j):
                no, raw = units[j][0]
                group.members.append(_member(no, raw))
                taken.add(j)
        found = _finish(group)
        if found is not None:
            groups.append(found)
    # 2. a heading (or a label above a list) that lists kinds, over top-level statements
    spans: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if i in taken or not units.get(i) or block.parent:
            continue
        if block.kind == ITEM and block.depth == 0 or block.kind == PARA and not block.joined:
            name = block.label or title
            if _wanted(name) and (block.label or block.kind == ITEM or len(units[i]) > 1):
                spans.setdefault(name, []).append(i)
    for name, indexes in spans.items():
        group = Group(name, blocks[indexes[0]], blocks[indexes[0]].line)
        for i in indexes:
            for no, raw in units[i]:
                group.members.append(_member(no, raw))
        found = _finish(group)
        if found is not None:
            groups.append(found)
    return groups
