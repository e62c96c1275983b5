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

from studyapp.notes.blocks import ITEM, PARA, TABLE, Block, Section
from studyapp.notes.derived import split_definition
from studyapp.notes.sentences import is_example, looks_like_code
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
    complete: bool = True  # every member is a named kind: "name all N" asks for all of them

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
    named = [
        m
        for m in members
        if m.term and len(m.meaning.split()) >= 2 and m.term.casefold() not in _ASPECTS
    ]  # "Performance: 3,500 requests/s" among storage classes is an aspect, not a class
    if len(named) * 2 >= len(members) and len(named) >= MIN_MEMBERS:
        group.complete = len(named) == len(members)
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


# --- sibling kinds with their properties ------------------------------------------------------

# Labels of a thing's aspects, not kinds of it: "Purpose:", "Use cases:", "Risks:" side by side
# describe one thing, so "which one: ...?" between them asks nothing.
_ASPECTS = frozenset(
    (
        "purpose",
        "use case",
        "use cases",
        "key features",
        "features",
        "benefits",
        "advantages",
        "disadvantages",
        "pros",
        "cons",
        "risks",
        "behavior",
        "behaviour",
        "objective",
        "limitations",
        "pricing",
        "cost",
        "examples",
        "example",
        "notes",
        "note",
        "how it works",
        "overview",
        "when to use",
        "why",
        "description",
        "definition",
        "details",
        "security",
        "performance",
        "considerations",
        "summary",
        "important",
        "tips",
        "best practices",
        "characteristics",
        "properties",
        "key points",
        "usage",
    )
)
_ASPECT_TAIL = re.compile(r"\b(?:types|kinds|options|protocols|modes|methods|settings)\W*$", re.I)
MAX_KINDS = 8
MAX_PROPERTIES = 6
MIN_PROPERTY_CHARS = 8
MAX_PROPERTY_CHARS = 150
_PARENS_TAIL = re.compile(r"(?:\s*\([^()]*\))+\s*$")


@dataclass(slots=True)
class Kind:
    name: str  # the kind's term as written ("Savings Plans (1 & 3 years)")
    answer: str  # the name to recall, without trailing parentheses ("Savings Plans")
    line: int
    properties: list[tuple[int, str]] = field(default_factory=list)  # (line, plain text)


@dataclass(slots=True)
class Siblings:
    block: Block  # the first kind's block: where the cards' context comes from
    kinds: list[Kind] = field(default_factory=list)


def _kind_name(raw: str) -> str:
    """The term of a list item that names a kind: "Private IP:" or "Spot: cheapest, can be
    reclaimed"; empty when the item is a statement."""
    definition = split_definition(raw, hyphen=True)
    if definition is not None:
        name = definition[0]
    else:
        text = plain(raw).strip()
        name = text[:-1].strip() if text.endswith(":") else ""
    if not name or len(name.split()) > MAX_TERM_WORDS + 1 or len(name) > MAX_NAME_CHARS:
        return ""
    return name


_CODE_LEAD = re.compile(r"^\(\w{1,3}\)\s*:")  # "(t): general": a letter code's own line
_ADVICE = re.compile(r"^\W*(?:NOT\s+)?(?:RECOMMENDED|IMPORTANT|NOTE|TIP|NOT|NEVER|AVOID|DON'T)\b")
_WRAPPED = re.compile(r"^\(([^()]+)\)$")
_PARENS = re.compile(r"\([^()]*\)")
_COMMON_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]{2,}")


def _property(text: str) -> str:
    """The property a sub-item states ("Not reachable over the internet"), or empty for a
    sub-definition, a label, a letter code's line or a bare name ("AWS Lambda", "JMS"), which
    name members of a category rather than say what holds for a kind."""
    text = text.strip().rstrip(" .;")
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped[1].strip()  # "(Minimize cost)"
    if not MIN_PROPERTY_CHARS <= len(text) <= MAX_PROPERTY_CHARS or text.endswith(":"):
        return ""
    if _CODE_LEAD.match(text) or split_definition(text, hyphen=True) is not None:
        return ""
    if len(text.split()) < 2 or not _COMMON_WORD.search(_PARENS.sub("", text)):
        return ""
    if _ADVICE.match(text):
        return ""  # "NOT RECOMMENDED: ...", "IMPORTANT ...": advice about it, not a property
    return text


_NAME_WORD = re.compile(r"[^\W\d_]{3,}")


_SUFFIX = re.compile(r"(?:ing|ed|e)?s?$")


def _stems(text: str) -> set[str]:
    """Words with a plain suffix cut ("schedules", "Scheduled" -> "schedul"; "nodes", "node"
    -> "nod"): the same cut on both sides, so forms of one word meet."""
    out = set()
    for w in _NAME_WORD.findall(text.casefold()):
        w = f"{w[:-3]}y" if w.endswith("ies") else w  # "policies" -> "policy"
        cut = _SUFFIX.sub("", w, count=1)
        out.add(cut if len(cut) >= 3 else w)
    return out


def _drop_telling(kinds: list[Kind]) -> None:
    """Drop a property that says the word only its kind's name has ("Inline policies are
    embedded ..." under "Inline policy" beside "Managed policy"): it holds its answer."""
    stems = [_stems(k.answer) for k in kinds]
    for i, kind in enumerate(kinds):
        others = set().union(*(w for j, w in enumerate(stems) if j != i))
        telling = stems[i] - others  # "inline" of "Inline policy", not "policy"
        if telling:
            kind.properties = [p for p in kind.properties if not telling & _stems(p[1])]


def _kinds_of(kinds: list[Kind]) -> list[Kind]:
    """The kinds that have properties, when they are kinds side by side (two to eight, named
    apart, none an aspect label such as "Broker types:" or "Purpose:"); else none."""
    _drop_telling(kinds)
    kept = [k for k in kinds if k.properties]
    names = {k.answer.casefold() for k in kept}
    aspect = any(
        k.answer.casefold().strip(" ?") in _ASPECTS
        or _ASPECT_TAIL.search(k.answer)
        or _SUPPORTED.search(k.answer)
        for k in kinds
    )
    if MIN_MEMBERS <= len(kept) <= MAX_KINDS and len(names) == len(kept) and not aspect:
        return kept
    return []


def find_siblings(blocks: list[Block]) -> list[Siblings]:
    """Runs of sibling list items that each name a kind and list its properties as sub-items
    ("Private IP:" / "Public IP:" with what holds for each): one ``which one`` card per
    property can then ask which kind it belongs to."""
    found: list[Siblings] = []
    current: Siblings | None = None
    depth = -1
    parent = ""

    def close() -> None:
        if current is not None:
            kinds = _kinds_of(current.kinds)
            if kinds:
                current.kinds = kinds
                found.append(current)

    if sum(1 for b in blocks if b.children) < MIN_MEMBERS:
        return found  # fewer than two items with sub-items: no kinds side by side
    for block in blocks:
        if block.kind != ITEM or not block.lines:
            close()
            current = None
            continue
        if current is not None and block.depth == depth + 1 and block.parent:
            kind = current.kinds[-1]
            prop = _property(plain(block.lines[0][1]))
            if prop and len(kind.properties) < MAX_PROPERTIES:
                kind.properties.append((block.lines[0][0], prop))
            continue
        if current is not None and block.depth > depth + 1:
            continue
        if current is not None and (block.depth != depth or block.parent != parent):
            close()
            current = None
        if current is None and not block.children:
            continue  # a run starts at a kind with properties; later ones may have none
        name = _kind_name(block.lines[0][1])
        if not name:
            close()
            current = None
            continue
        if current is None:
            current = Siblings(block)
            depth, parent = block.depth, block.parent
        answer = _PARENS_TAIL.sub("", name).strip() or name
        current.kinds.append(Kind(name, answer, block.lines[0][0]))
    close()
    return found


MIN_PARENT_DEPTH = 2  # not the services side by side under a file's title


def _alike(parent: str, kinds: list[Kind]) -> bool:
    """Topics side by side are kinds of one thing when their parent says it lists kinds
    ("Routing policies") or their names share a head word ("Private IP", "Public IP")."""
    if _wanted(parent):
        return True
    heads = {k.answer.split()[-1].casefold().rstrip("s") for k in kinds if k.answer.split()}
    return len(heads) == 1


def find_sibling_topics(sections: list[Section]) -> list[tuple[tuple[str, ...], list[Kind]]]:
    """Sibling topics that each name a kind and list its properties (an outline's "Private IP"
    and "Public IP" lines, each with what holds for it): ``(parent path, kinds)`` per parent.
    Names are looked at first; lines are read only under parents whose children look like kinds."""
    children: dict[tuple[str, ...], list[Section]] = {}
    for section in sections:
        parent = section.topic.path[:-1]
        if len(parent) >= MIN_PARENT_DEPTH:
            children.setdefault(parent, []).append(section)
    found = []
    for parent, group in children.items():
        if len(group) < MIN_MEMBERS or any(not _topic_kind(s.topic.title) for s in group):
            continue
        names = [Kind(s.topic.title.strip(), _answer(s.topic.title.strip()), 0) for s in group]
        if not _alike(parent[-1], names):
            continue
        kept = _kinds_of([_kind_of(s) for s in group])
        if kept:
            found.append((parent, kept))
    return found


def _topic_kind(title: str) -> bool:
    name = title.strip()
    return bool(name) and len(name.split()) <= MAX_TERM_WORDS + 1 and len(name) <= MAX_NAME_CHARS


def _answer(name: str) -> str:
    return _PARENS_TAIL.sub("", name).strip() or name


def _kind_of(section: Section) -> Kind:
    name = section.topic.title.strip()
    kind = Kind(name, _answer(name), section.topic.line)
    for block in section.blocks:
        if block.kind == TABLE or block.depth or block.parent:
            continue
        for line, raw in block.lines:
            text = plain(raw)
            prop = "" if is_example(text) or looks_like_code(text) else _property(text)
            if prop and len(kind.properties) < MAX_PROPERTIES:
                kind.properties.append((line, prop))
    return kind
