"""Which exam domains a topic, card or question belongs to, and why (pure).

Bundled notes and a learner's own `<!-- domains: saa-c03:1.2 -->` comments say so explicitly; the
rest are placed from the AWS services and concepts they name, looked up in the catalogue
`content/catalogue/aws-services.yaml` (schema and rules in docs/reports.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from studyapp.exam.guide import ExamGuide

SEP = " > "
WHERE_WEIGHT = {"title": 3.0, "path": 2.0, "body": 1.0}
BODY_COUNT_CAP = 3  # a term named ten times in a section counts like three times
KEEP_SHARE = 0.5  # keep a domain (a task) scoring at least half the best one
MAX_DOMAINS = 3
MEMO_LIMIT = 50_000  # topic mappings remembered per catalogue

_SEPARATORS = re.compile(r"[\s_\-]+")
_URL = re.compile(r"https?://\S+|<!--.*?-->", re.S)
_COMMENT = re.compile(r"<!--\s*domains?\s*:", re.I)


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the term."""


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    aliases: tuple[str, ...]  # normalised (see `normalise`), the name first
    tasks: Mapping[str, Mapping[str, float]]  # exam -> task id -> weight 0..1


@dataclass(frozen=True)
class Catalogue:
    terms: tuple[Term, ...]
    _pattern: re.Pattern[str] = field(repr=False, compare=False)
    _by_alias: Mapping[str, Term] = field(repr=False, compare=False)
    # topic text + exams -> its mapping: a report reopened in the same process (the app, the
    # benchmark) does not run the patterns over every section body again
    _memo: dict[tuple[TopicText, tuple[str, ...]], TopicMapping] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(cls, terms: Sequence[Term]) -> Catalogue:
        by_alias: dict[str, Term] = {}
        for term in terms:
            for alias in term.aliases:
                other = by_alias.get(alias)
                if other is not None and other is not term:
                    raise CatalogueError(f"alias {alias!r} names both {other.name} and {term.name}")
                by_alias[alias] = term
        alts = sorted(by_alias, key=lambda a: (-len(a), a))
        body = "|".join(re.escape(a) for a in alts) or "(?!x)x"
        pattern = re.compile(rf"(?<!\w)({body})(?:s|es)?(?!\w)")
        return cls(tuple(terms), pattern, by_alias)

    def find(self, text: str) -> dict[str, tuple[Term, str, int]]:
        """Terms named in `text`: term name -> (term, first alias seen, times named)."""
        found: dict[str, tuple[Term, str, int]] = {}
        for m in self._pattern.finditer(normalise(_URL.sub(" ", text))):
            term = self._by_alias[m.group(1)]
            _, alias, n = found.get(term.name, (term, m.group(1), 0))
            if m.group(1) not in alias.split("/"):
                alias = f"{alias}/{m.group(1)}"
            found[term.name] = (term, alias, n + 1)
        return found


def normalise(text: str) -> str:
    """Case-folded, with runs of spaces, hyphens and underscores as one space."""
    return _SEPARATORS.sub(" ", text.casefold())


def parse_catalogue(data: object, known: Mapping[str, ExamGuide] | None = None) -> Catalogue:
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise CatalogueError("a catalogue is a mapping with a list of `terms`")
    terms: list[Term] = []
    for item in data["terms"]:
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
                if guide is not None and not _task_exists(guide, str(task)):
                    raise CatalogueError(f"{name}: {exam} has no task statement {task}")
                tasks.setdefault(exam, {})[str(task)] = float(weight)
        names = dict.fromkeys(normalise(a).strip() for a in [name, *aliases])
        terms.append(Term(name, tuple(a for a in names if a), tasks))
    return Catalogue.build(terms)


def load_catalogue(path: Path | str, guides: Mapping[str, ExamGuide] | None = None) -> Catalogue:
    return parse_catalogue(yaml.safe_load(Path(path).read_text(encoding="utf-8")), guides)


def _task_exists(guide: ExamGuide, task: str) -> bool:
    head = task.split(".")[0]
    domain = guide.domain(int(head)) if head.isdigit() else None
    return domain is not None and domain.task(task) is not None


# ---- topics -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TopicText:
    """What the mapping reads of a topic (plain values, from the store or from a parse)."""

    id: int
    path: str  # heading path joined by " > "
    title: str
    body: str = ""
    line: int = 0
    domains: tuple[str, ...] = ()  # explicit tags from a domains comment (own or inherited)
    source: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    alias: str
    where: str  # title | path | body
    count: int
    exams: tuple[str, ...] = ()  # the exams whose tasks the term belongs to


@dataclass(frozen=True, slots=True)
class Placement:
    """The domains of one exam a topic belongs to, with the share of evidence for each."""

    exam: str
    domains: tuple[int, ...]
    tasks: tuple[str, ...]
    scores: Mapping[int, float]


@dataclass(frozen=True)
class TopicMapping:
    topic: TopicText
    placements: Mapping[str, Placement]  # exam code -> placement (only exams it belongs to)
    explicit: bool
    explicit_line: int | None = None
    hits: tuple[Hit, ...] = ()
    explicit_from: str = ""  # the heading whose comment this topic inherits, if not its own

    def domains(self, exam: str) -> tuple[int, ...]:
        p = self.placements.get(exam)
        return p.domains if p else ()

    def explain(self) -> list[str]:
        return explain(self)


def parse_tags(tags: Iterable[str], guides: Mapping[str, ExamGuide]) -> dict[str, set[str]]:
    """ "saa-c03:1.2" / "saa-c03:2" -> {"saa-c03": {"1.2", "2"}} for exams and domains we know."""
    out: dict[str, set[str]] = {}
    for tag in tags:
        code, _, where = tag.strip().lower().partition(":")
        guide = guides.get(code.strip())
        head = where.strip().split(".")[0]
        if guide is None or not head.isdigit() or guide.domain(int(head)) is None:
            continue
        out.setdefault(guide.code, set()).add(where.strip())
    return out


def map_topic(
    topic: TopicText,
    catalogue: Catalogue,
    guides: Mapping[str, ExamGuide],
) -> TopicMapping:
    """Explicit tags win; otherwise the catalogue terms named in the title, path and body."""
    if topic.domains:
        tags = parse_tags(topic.domains, guides)
        placements = {
            code: Placement(
                code,
                tuple(sorted({int(w.split(".")[0]) for w in where})),
                tuple(sorted(w for w in where if "." in w)),
                {int(w.split(".")[0]): 1.0 for w in where},
            )
            for code, where in tags.items()
        }
        return TopicMapping(topic, placements, True, _comment_line(topic))
    hits = _hits(topic, catalogue)
    placements = {}
    for code, guide in guides.items():
        p = _place(code, guide, hits, catalogue)
        if p is not None:
            placements[code] = p
    return TopicMapping(topic, placements, False, None, tuple(hits))


def map_topics(
    topics: Iterable[TopicText], catalogue: Catalogue, guides: Mapping[str, ExamGuide]
) -> dict[int, TopicMapping]:
    """Every topic's mapping; an inherited domains comment is traced to the heading holding it."""
    topics = list(topics)
    by_path = {(t.source, t.path): t for t in topics}
    out: dict[int, TopicMapping] = {}
    memo = catalogue._memo
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    exams = tuple(sorted(guides))
    for t in topics:
        key = (t, exams)
        m = memo.get(key)
        if m is None:
            m = memo[key] = map_topic(t, catalogue, guides)
        if m.explicit and m.explicit_line is None:
            parts = t.path.split(SEP)
            for n in range(len(parts) - 1, 0, -1):
                up = by_path.get((t.source, SEP.join(parts[:n])))
                line = _comment_line(up) if up is not None else None
                if up is not None and line is not None:
                    m = replace(m, explicit_line=line, explicit_from=up.title)
                    break
        out[t.id] = m
    return out


def _hits(topic: TopicText, catalogue: Catalogue) -> list[Hit]:
    parts = topic.path.split(SEP)
    ancestors = SEP.join(parts[:-1]) if len(parts) > 1 else ""
    hits: list[Hit] = []
    seen: set[str] = set()
    for where, text in (("title", topic.title), ("path", ancestors), ("body", topic.body)):
        for name, (term, alias, n) in catalogue.find(text).items():
            if where != "body" and name in seen:
                continue
            seen.add(name)
            hits.append(Hit(name, alias, where, n, tuple(sorted(term.tasks))))
    return hits


def _place(
    code: str, guide: ExamGuide, hits: Sequence[Hit], catalogue: Catalogue
) -> Placement | None:
    terms = {t.name: t for t in catalogue.terms}
    task_scores: dict[str, float] = {}
    counted: set[str] = set()
    for hit in hits:
        if hit.where != "body" and hit.term in counted:
            continue
        counted.add(hit.term)
        strength = WHERE_WEIGHT[hit.where] * (
            min(hit.count, BODY_COUNT_CAP) if hit.where == "body" else 1
        )
        for task, weight in terms[hit.term].tasks.get(code, {}).items():
            if _task_exists(guide, task):
                task_scores[task] = task_scores.get(task, 0.0) + weight * strength
    if not task_scores:
        return None
    domain_scores: dict[int, float] = {}
    for task, score in task_scores.items():
        number = int(task.split(".")[0])
        domain_scores[number] = domain_scores.get(number, 0.0) + score
    best = max(domain_scores.values())
    ranked = sorted(domain_scores.items(), key=lambda kv: (-kv[1], kv[0]))
    kept = [d for d, s in ranked if s >= KEEP_SHARE * best][:MAX_DOMAINS]
    tasks = []
    for d in kept:
        mine = {t: s for t, s in task_scores.items() if int(t.split(".")[0]) == d}
        top = max(mine.values())
        tasks += [t for t, s in mine.items() if s >= KEEP_SHARE * top]
    total = sum(domain_scores[d] for d in kept)
    return Placement(
        code,
        tuple(sorted(kept)),
        tuple(sorted(tasks)),
        {d: round(domain_scores[d] / total, 3) for d in sorted(kept)},
    )


def _comment_line(topic: TopicText) -> int | None:
    """The line of the topic's own domains comment (it sits right under the heading)."""
    for i, text in enumerate(topic.body.splitlines()[:3]):
        if _COMMENT.search(text):
            return topic.line + 1 + i
    return None


def explain(mapping: TopicMapping) -> list[str]:
    """Why the topic landed where it did, one line per exam."""
    lines: list[str] = []
    if mapping.explicit:
        if mapping.explicit_line:
            where = f"set in your notes at line {mapping.explicit_line}"
            if mapping.explicit_from:
                where += f" (the comment under {mapping.explicit_from!r})"
        else:
            where = "set in your notes by a domains comment on a heading above it"
        for code, p in sorted(mapping.placements.items()):
            lines.append(f"{code}: {_names(p)}: {where}")
        if not mapping.placements:
            lines.append(f"no exam domain: its domains comment names none we know ({where})")
        return lines
    if not mapping.placements:
        if mapping.hits:
            named = ", ".join(sorted({h.term for h in mapping.hits}))
            return [f"no exam domain: it names {named}, which no exam's tasks cover"]
        return ["no exam domain: it names no AWS service or concept from the catalogue"]
    for code, p in sorted(mapping.placements.items()):
        why = "; ".join(f"{h.term} ({_hit_text(h)})" for h in mapping.hits if code in h.exams)
        lines.append(f"{code}: {_names(p)}: matched {why}")
    return lines


def _names(p: Placement) -> str:
    parts = []
    for d in p.domains:
        tasks = [t for t in p.tasks if t.split(".")[0] == str(d)]
        parts.append(f"domain {d}" + (f" (tasks {', '.join(tasks)})" if tasks else ""))
    return ", ".join(parts)


def _hit_text(h: Hit) -> str:
    if h.where == "body":
        return f"{h.alias!r} {h.count}x in the text"
    return f"{h.alias!r} in the {'title' if h.where == 'title' else 'heading path'}"


def question_domains(exam: str, domain: int | str, task: str = "") -> dict[str, tuple[int, ...]]:
    """A question belongs to exactly the exam and domain it was written for."""
    return {exam: (int(str(domain).split(".")[0]),)}
