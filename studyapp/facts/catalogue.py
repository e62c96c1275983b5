"""The catalogue of documented AWS numbers and defaults (`content/facts/*.yaml`), pure.

Schema and matching rules: docs/facts.md. Each file lists *things* (a service, a feature, a
volume type...) and, under each, *facts*: one property with its documented values, each of a
kind (default, min, max, exact). Files are read with the content files' strict YAML reader, so
a bad entry is reported with its file and line and the other entries still load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.facts.units import COUNT, Quantity, parse_quantity, scan, singular
from studyapp.util.yamlsafe import LineDict, LineList, YamlProblem, load_text

KINDS = ("default", "min", "max", "exact")
KIND_WORDS = {"default": "default", "min": "minimum", "max": "maximum", "exact": "value"}
BARE = (*KINDS, "range")
LINK_PREFIXES = ("https://docs.aws.amazon.com/", "https://aws.amazon.com/")
_THING_KEYS = frozenset({"id", "name", "aliases", "part_of", "facts"})
_FACT_KEYS = frozenset(
    {"id", "property", "aliases", "link", "note", "accept", "previous", "changed", "unless"}
    | {"bare", *KINDS}
)
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True, slots=True)
class Value:
    text: str  # as written in the catalogue ("12 hours")
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    thing: str  # the thing's id
    property: str
    aliases: tuple[str, ...]
    link: str
    values: Mapping[str, tuple[Value, ...]]  # kind -> documented values
    accept: tuple[Value, ...] = ()  # also right in a documented case (with batching, ...)
    previous: Mapping[str, tuple[Value, ...]] = field(default_factory=dict)
    changed: str = ""
    unless: tuple[str, ...] = ()  # words that put a claim outside this fact's case
    bare: str = ""  # what a plain "property: value" states, if anything
    note: str = ""
    source: str = ""  # file:line, for messages
    dimensions: frozenset[str] = frozenset()

    def documented(self, kind: str) -> tuple[Value, ...]:
        return self.values.get(kind, ())

    def entries(self) -> int:
        """Documented values: what the catalogue's size counts."""
        return sum(len(v) for v in self.values.values())


@dataclass(frozen=True, slots=True)
class Thing:
    id: str
    name: str
    aliases: tuple[str, ...]
    part_of: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class CatalogueError(ValueError):
    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FactCatalogue:
    things: Mapping[str, Thing]
    facts: tuple[Fact, ...]
    count_nouns: frozenset[str]
    thing_pattern: re.Pattern[str]
    thing_by_alias: Mapping[str, Thing]
    property_pattern: re.Pattern[str]
    facts_by_alias: Mapping[str, tuple[Fact, ...]]

    @property
    def entries(self) -> int:
        return sum(f.entries() for f in self.facts)

    def lineage(self, thing_id: str) -> list[str]:
        """The thing and what it is part of, nearest first ("sqs-fifo", "sqs")."""
        out: list[str] = []
        while thing_id and thing_id not in out:
            out.append(thing_id)
            thing = self.things.get(thing_id)
            thing_id = thing.part_of if thing else ""
        return out


# --- matching text ---------------------------------------------------------------------------


_GAP = "\x00"


_NOT_KEPT = re.compile(r"[^\w@/.%*\x00]|_")


def fold(text: str) -> str:
    """Lower case with every character other than letters, digits and ``@ / . %`` as a space;
    the same length as `text`, so positions carry over."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): one by one
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return _NOT_KEPT.sub(" ", low)


def fold_alias(alias: str) -> str:
    return " ".join(fold(alias).split())


def alias_pattern(aliases: Iterable[str]) -> re.Pattern[str]:
    """One regex finding any alias in folded text: spaces match runs of spaces, ``*`` up to
    two other words, an ``s``/``es`` plural is allowed; shared prefixes are merged (a trie),
    so the engine does not try hundreds of alternatives at every position."""
    trie: dict[str, dict] = {}
    for alias in aliases:
        alias = alias.replace(" * ", _GAP)
        node = trie
        for ch in alias:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _emit(trie) or "(?!x)x"
    return re.compile(rf"(?<![a-z0-9])({body})(?:s|es)?(?![a-z0-9])")


def _emit(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = []
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        if ch == " ":
            head = " +"
        elif ch == _GAP:  # "object * size": a plural, then up to two other words
            head = r"(?:s|es)? +(?:[^ ]+ +){0,2}?"
        else:
            head = re.escape(ch)
        branches.append(head + _emit(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def alias_key(matched: str) -> str:
    """The catalogue alias a match stands for: spaces collapsed (``*`` gaps are looked up
    by the caller, which knows the alias list)."""
    return " ".join(matched.split())


# --- loading ---------------------------------------------------------------------------------


def build(things: list[Thing], facts: list[Fact]) -> FactCatalogue:
    by_id = {t.id: t for t in things}
    thing_by_alias: dict[str, Thing] = {}
    for thing in things:
        for alias in (thing.name, *thing.aliases):
            key = fold_alias(alias)
            other = thing_by_alias.get(key)
            if other is not None and other is not thing:
                raise CatalogueError(f"alias {alias!r} names both {other.id} and {thing.id}")
            thing_by_alias[key] = thing
    facts_by_alias: dict[str, list[Fact]] = {}
    for fact in facts:
        for alias in fact.aliases:
            facts_by_alias.setdefault(fold_alias(alias), []).append(fact)
    nouns = frozenset(d[len(COUNT) :] for f in facts for d in f.dimensions if d.startswith(COUNT))
    return FactCatalogue(
        things=by_id,
        facts=tuple(facts),
        count_nouns=nouns,
        thing_pattern=alias_pattern(thing_by_alias),
        thing_by_alias=thing_by_alias,
        property_pattern=alias_pattern(facts_by_alias),
        facts_by_alias={k: tuple(v) for k, v in facts_by_alias.items()},
    )


def load_dir(folder: Path) -> tuple[FactCatalogue, list[Problem]]:
    """Every ``*.yaml`` in `folder`, in name order; bad entries are left out and reported."""
    things: list[Thing] = []
    facts: list[Fact] = []
    problems: list[Problem] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.append(Problem(str(folder), 0, "no fact catalogue files (*.yaml) here"))
    for path in files:
        t, f, p = load_file(path)
        things.extend(t)
        facts.extend(f)
        problems.extend(p)
    return _assemble(things, facts, problems)


def load_file(path: Path) -> tuple[list[Thing], list[Fact], list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [], [Problem(str(path), 0, f"cannot read: {exc}")]
    return parse_text(text, str(path))


def parse_text(text: str, path: str) -> tuple[list[Thing], list[Fact], list[Problem]]:
    try:
        data = load_text(text)
    except YamlProblem as exc:
        return [], [], [Problem(path, exc.line, exc.message)]
    if not isinstance(data, LineDict) or not isinstance(data.get("things"), LineList):
        return [], [], [Problem(path, 1, "a fact file is a mapping with a list of `things`")]
    problems = [Problem(path, n, f"{k!r} is given twice") for k, n in data.duplicate_keys]
    if data.get("version") != 1:
        problems.append(Problem(path, data.line_of("version"), "`version: 1` is required"))
    things: list[Thing] = []
    facts: list[Fact] = []
    items: LineList = data["things"]
    for i, item in enumerate(items):
        line = items.line_of(i)
        try:
            thing, raw_facts = _thing(item)
        except CatalogueError as exc:
            problems.append(Problem(path, exc.line or line, str(exc)))
            continue
        things.append(thing)
        fact_lines: LineList = raw_facts
        for j, raw in enumerate(fact_lines):
            try:
                facts.append(_fact(raw, thing, f"{path}:{fact_lines.line_of(j)}"))
            except CatalogueError as exc:
                problems.append(Problem(path, exc.line or fact_lines.line_of(j), str(exc)))
    return things, facts, problems


def _assemble(
    things: list[Thing], facts: list[Fact], problems: list[Problem]
) -> tuple[FactCatalogue, list[Problem]]:
    """Drop what clashes (a thing or fact id given twice, an alias naming two things, a fact
    of an unknown thing) with a problem each, then build the matchers."""
    seen: dict[str, Thing] = {}
    kept_things: list[Thing] = []
    owners: dict[str, str] = {}
    for thing in things:
        if thing.id in seen:
            problems.append(Problem("", 0, f"thing id {thing.id!r} is given twice"))
            continue
        clash = next(
            (owners[a] for a in map(fold_alias, (thing.name, *thing.aliases)) if a in owners),
            None,
        )
        if clash is not None:
            problems.append(Problem("", 0, f"{thing.id}: an alias also names {clash}"))
            continue
        for alias in (thing.name, *thing.aliases):
            owners[fold_alias(alias)] = thing.id
        seen[thing.id] = thing
        kept_things.append(thing)
    fact_ids: set[str] = set()
    kept_facts: list[Fact] = []
    for fact in facts:
        where = fact.source.rsplit(":", 1)
        path, line = where[0], int(where[1]) if len(where) == 2 and where[1].isdigit() else 0
        if fact.thing not in seen:
            continue  # its thing was dropped, and said so
        if fact.id in fact_ids:
            problems.append(Problem(path, line, f"fact id {fact.id!r} is given twice"))
            continue
        fact_ids.add(fact.id)
        kept_facts.append(fact)
    for thing in kept_things:
        if thing.part_of and thing.part_of not in seen:
            problems.append(Problem("", 0, f"{thing.id}: part_of {thing.part_of!r} is unknown"))
    return build(kept_things, kept_facts), problems


def _strings(value: object, what: str, line: int) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(f"{what} must be a text or a list of texts", line)
    return tuple(v.strip() for v in value)


def _thing(item: object) -> tuple[Thing, LineList]:
    if not isinstance(item, LineDict):
        raise CatalogueError("every thing is a mapping with id, name, aliases and facts")
    _check_keys(item, _THING_KEYS, "thing")
    tid = item.get("id")
    if not isinstance(tid, str) or not _ID.match(tid):
        raise CatalogueError("a thing needs an `id` (lower case, digits, . and -)", item.line)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CatalogueError(f"{tid}: a thing needs a `name`", item.line)
    aliases = _strings(item.get("aliases", []), f"{tid}: aliases", item.line_of("aliases"))
    part_of = item.get("part_of", "")
    if not isinstance(part_of, str):
        raise CatalogueError(f"{tid}: part_of must be a thing id", item.line_of("part_of"))
    facts = item.get("facts")
    if not isinstance(facts, LineList) or not facts:
        raise CatalogueError(f"{tid}: a thing needs a list of `facts`", item.line_of("facts"))
    return Thing(tid, name.strip(), aliases, part_of), facts


def _check_keys(item: LineDict, allowed: frozenset[str], what: str) -> None:
    for key, line in item.duplicate_keys:
        raise CatalogueError(f"{key!r} is given twice", line)
    for key in item:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise CatalogueError(
                f"unknown {what} field {key!r} (known: {known})", item.line_of(key)
            )


def _values(raw: object, what: str, line: int, nouns: frozenset[str]) -> tuple[Value, ...]:
    items = raw if isinstance(raw, list) else [raw]
    for item in items:
        if isinstance(item, int | float) and not isinstance(item, bool):
            raise CatalogueError(
                f'{what}: {item!r} is not a number with a unit (write it like "30 seconds")', line
            )
    out = []
    for text in _strings(raw, what, line):
        try:
            out.append(Value(text, parse_quantity(text, nouns)))
        except ValueError as exc:
            raise CatalogueError(f"{what}: {exc}", line) from exc
    return tuple(out)


def _fact(raw: object, thing: Thing, source: str) -> Fact:
    if not isinstance(raw, LineDict):
        raise CatalogueError(f"{thing.id}: every fact is a mapping")
    _check_keys(raw, _FACT_KEYS, "fact")
    fid = raw.get("id")
    if not isinstance(fid, str) or not _ID.match(fid):
        raise CatalogueError(f"{thing.id}: a fact needs an `id`", raw.line)
    prop = raw.get("property")
    if not isinstance(prop, str) or not prop.strip():
        raise CatalogueError(f"{fid}: a fact needs a `property`", raw.line)
    aliases = _strings(raw.get("aliases"), f"{fid}: aliases", raw.line_of("aliases"))
    link = raw.get("link")
    if not isinstance(link, str) or not link.startswith(LINK_PREFIXES) or " " in link:
        raise CatalogueError(
            f"{fid}: `link` must be an AWS documentation address (https://docs.aws.amazon.com/...)",
            raw.line_of("link"),
        )
    nouns: frozenset[str] = frozenset()
    values: dict[str, tuple[Value, ...]] = {}
    for kind in KINDS:
        if kind in raw:
            values[kind] = _values(raw[kind], f"{fid}: {kind}", raw.line_of(kind), nouns)
    if not values:
        raise CatalogueError(f"{fid}: give at least one of {', '.join(KINDS)}", raw.line)
    accept = _values(raw.get("accept", []), f"{fid}: accept", raw.line_of("accept"), nouns)
    previous: dict[str, tuple[Value, ...]] = {}
    prev = raw.get("previous", {})
    if not isinstance(prev, dict):
        raise CatalogueError(f"{fid}: previous maps a kind to old values", raw.line_of("previous"))
    for kind, old in prev.items():
        if kind not in KINDS:
            raise CatalogueError(f"{fid}: previous {kind!r} is not a kind", raw.line_of("previous"))
        previous[kind] = _values(old, f"{fid}: previous", raw.line_of("previous"), nouns)
    bare = raw.get("bare", "")
    if bare and bare not in BARE:
        raise CatalogueError(f"{fid}: bare must be one of {', '.join(BARE)}", raw.line_of("bare"))
    texts = {}
    for key in ("changed", "note"):
        v = raw.get(key, "")
        if not isinstance(v, str):
            raise CatalogueError(f"{fid}: {key} must be a text", raw.line_of(key))
        texts[key] = " ".join(v.split())
    unless = _strings(raw.get("unless", []), f"{fid}: unless", raw.line_of("unless"))
    every = [v for vs in values.values() for v in vs] + list(accept)
    dims = frozenset(v.quantity.dimension for v in every)
    return Fact(
        id=fid,
        thing=thing.id,
        property=" ".join(prop.split()),
        aliases=aliases,
        link=link,
        values=values,
        accept=accept,
        previous=previous,
        changed=texts["changed"],
        unless=tuple(fold_alias(u) for u in unless),
        bare=str(bare),
        note=texts["note"],
        source=source,
        dimensions=dims,
    )


def count_noun(word: str) -> str:
    return singular(word)


__all__ = ["FactCatalogue", "Fact", "Thing", "Problem", "load_dir", "parse_text", "scan"]
