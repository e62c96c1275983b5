"""The catalogue of AWS services and concepts that notes are mapped by (pure).

`content/catalogue/aws-services.yaml`; schema and matching rules in docs/reports.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.exam.guide import ExamGuide
from studyapp.util.yamlsafe import YamlProblem, load_text

if TYPE_CHECKING:
    from studyapp.reports.mapping import TopicMapping, TopicText

KINDS = ("service", "group", "concept")
_SEPARATORS = re.compile(r"[\s_\-]+")
_URL = re.compile(r"https?://\S+|<!--.*?-->", re.S)


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the term (and, once raised
    by `load_catalogue`, the file and line)."""

    line: int = 0


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    aliases: tuple[str, ...]  # normalised (see `normalise`), the name first for a service
    tasks: Mapping[str, Mapping[str, float]]  # exam -> task id -> weight 0..1
    # "service" / "group" (several services under a label): a heading naming it is about it,
    # its parent heading's services no longer count; "concept" (encryption, cost, high
    # availability): it refines the service around it. A group's or concept's name is a label
    # and is not matched, only its aliases are.
    kind: str = "service"


@dataclass(frozen=True)
class Catalogue:
    terms: tuple[Term, ...]
    _pattern: re.Pattern[str] = field(repr=False, compare=False)
    _by_alias: Mapping[str, Term] = field(repr=False, compare=False)
    _by_name: Mapping[str, Term] = field(repr=False, compare=False)
    # topic text + exams -> its mapping: a report reopened in the same process (the app, the
    # benchmark) does not run the patterns over every section body again
    _memo: dict[tuple[TopicText, tuple[str, ...]], TopicMapping] = field(
        default_factory=dict, repr=False, compare=False
    )
    _tasks: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def known_tasks(self, guide: ExamGuide) -> frozenset[str]:
        """The task ids of an exam guide (remembered: mapping asks for them per topic)."""
        got = self._tasks.get(guide.code)
        if got is None:
            got = self._tasks[guide.code] = frozenset(t.id for d in guide.domains for t in d.tasks)
        return got

    @classmethod
    def build(cls, terms: Sequence[Term]) -> Catalogue:
        by_alias: dict[str, Term] = {}
        for term in terms:
            for alias in term.aliases:
                other = by_alias.get(alias)
                if other is not None and other is not term:
                    raise CatalogueError(f"alias {alias!r} names both {other.name} and {term.name}")
                by_alias[alias] = term
        body = _trie_pattern(list(by_alias)) or "(?!x)x"
        pattern = re.compile(rf"(?<!\w)({body})(?:s|es)?(?!\w)")
        return cls(tuple(terms), pattern, by_alias, {t.name: t for t in terms})

    def term(self, name: str) -> Term:
        return self._by_name[name]

    def find(self, text: str) -> dict[str, tuple[Term, str, int]]:
        """Terms named in `text`: term name -> (term, aliases seen joined by ", ", times named)."""
        found: dict[str, tuple[Term, str, int]] = {}
        for m in self._pattern.finditer(normalise(_URL.sub(" ", text))):
            term = self._by_alias[m.group(1)]
            _, alias, n = found.get(term.name, (term, m.group(1), 0))
            if m.group(1) not in alias.split(", "):
                alias = f"{alias}, {m.group(1)}"
            found[term.name] = (term, alias, n + 1)
        return found


def _trie_pattern(words: list[str]) -> str:
    """One regex alternative per shared prefix ("rds|rds proxy" -> "rds(?: proxy)?"): the
    engine no longer tries hundreds of aliases at every position. Longer matches are tried first,
    as with a longest-first alternation."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)


def normalise(text: str) -> str:
    """Case-folded, with runs of spaces, hyphens and underscores as one space."""
    return _SEPARATORS.sub(" ", text.casefold())


def parse_catalogue(data: object, known: Mapping[str, ExamGuide] | None = None) -> Catalogue:
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise CatalogueError("a catalogue is a mapping with a list of `terms`")
    terms: list[Term] = []
    for item in data["terms"]:
        try:
            terms.append(_term(item, known))
        except CatalogueError as exc:
            exc.line = getattr(item, "line", 0)
            raise
    return Catalogue.build(terms)


def _term(item: object, known: Mapping[str, ExamGuide] | None) -> Term:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise CatalogueError(f"every term needs a name: {item!r}")
    name = item["name"]
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise CatalogueError(f"{name}: aliases must be a list of strings")
    tasks: dict[str, dict[str, float]] = {}
    for exam, weights in (item.get("tasks") or {}).items():
        if not isinstance(weights, dict):
            raise CatalogueError(f"{name}: tasks of {exam} must map task ids to weights")
        for task, weight in weights.items():
            if not isinstance(weight, int | float) or not 0 < weight <= 1:
                raise CatalogueError(f"{name}: weight of {exam} {task} must be in (0, 1]")
            guide = (known or {}).get(exam)
            if known is not None and guide is None:
                raise CatalogueError(f"{name}: unknown exam {exam!r}")
            if guide is not None and not task_exists(guide, str(task)):
                raise CatalogueError(f"{name}: {exam} has no task statement {task}")
            tasks.setdefault(exam, {})[str(task)] = float(weight)
    kind = item.get("kind", "service")
    if kind not in KINDS:
        raise CatalogueError(f"{name}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    written = [name, *aliases] if kind == "service" else aliases
    names = dict.fromkeys(normalise(a).strip() for a in written)
    return Term(name, tuple(a for a in names if a), tasks, kind)


def load_catalogue(path: Path | str, guides: Mapping[str, ExamGuide] | None = None) -> Catalogue:
    """Read with the content files' strict YAML reader (no anchors, tabs or repeated keys);
    every problem is a CatalogueError naming the file and line."""
    path = Path(path)
    try:
        data = load_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}:0: cannot read: {exc}") from exc
    except YamlProblem as exc:
        raise CatalogueError(f"{path}:{exc.line}: {exc.message}") from exc
    try:
        return parse_catalogue(data, guides)
    except CatalogueError as exc:
        raise CatalogueError(f"{path}:{exc.line}: {exc}") from exc


def task_exists(guide: ExamGuide, task: str) -> bool:
    head = task.split(".")[0]
    domain = guide.domain(int(head)) if head.isdigit() else None
    return domain is not None and domain.task(task) is not None
