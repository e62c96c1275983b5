"""Which exam domains a topic, card or question belongs to, and why (pure).

Bundled notes and a learner's own `<!-- domains: saa-c03:1.2 -->` comments say so explicitly; the
rest are placed from the AWS services and concepts they name, looked up in the catalogue
`content/catalogue/aws-services.yaml` (schema and rules in docs/reports.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from studyapp.exam.guide import ExamGuide
from studyapp.reports.catalogue import (
    KINDS,
    Catalogue,
    CatalogueError,
    Term,
    load_catalogue,
    normalise,
    parse_catalogue,
)
from studyapp.reports.rows import TopicText as TopicText  # re-exported
from studyapp.util.plain import FastPickle

__all__ = [
    "KINDS",
    "Catalogue",
    "CatalogueError",
    "Term",
    "load_catalogue",
    "normalise",
    "parse_catalogue",
]

SEP = " > "
WHERE_WEIGHT = {"title": 3.0, "path": 2.0, "body": 1.0}
BODY_COUNT_CAP = 3  # a term named ten times in a section counts like three times
TERM_SHARE = 0.4  # a term counts with >= 40% of the strongest term's evidence (else: passing)
EXAM_SHARE = 0.5  # an exam's best domain must draw >= half the strongest term's evidence
MIN_SCORE = 1.0  # ... and at least what one plain mention of a core service gives
KEEP_SHARE = 0.6  # keep a domain (a task) scoring at least 60% of the best one
MAX_DOMAINS = 3
MEMO_LIMIT = 50_000  # topic mappings remembered per catalogue

_COMMENT = re.compile(r"<!--\s*domains?\s*:", re.I)


# ---- topics -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hit(FastPickle):
    term: str
    alias: str
    where: str  # title | path | body
    count: int
    exams: tuple[str, ...] = ()  # the exams whose tasks the term belongs to
    heading: str = ""  # for a "path" hit: the heading above that names the term


@dataclass(frozen=True, slots=True)
class Placement(FastPickle):
    """The domains of one exam a topic belongs to, with the share of evidence for each."""

    exam: str
    domains: tuple[int, ...]
    tasks: tuple[str, ...]
    scores: Mapping[int, float]
    terms: tuple[str, ...] = ()  # the terms whose evidence placed it (automatic mapping)


@dataclass(frozen=True)
class TopicMapping(FastPickle):
    topic: TopicText
    placements: Mapping[str, Placement]  # exam code -> placement (only exams it belongs to)
    explicit: bool
    explicit_line: int | None = None
    hits: tuple[Hit, ...] = ()
    explicit_from: str = ""  # the heading whose comment this topic inherits, if not its own
    passing: tuple[str, ...] = ()  # terms named too little to count (see TERM_SHARE)

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
    strength = _strength(hits, BODY_COUNT_CAP)
    # which terms count is judged on every mention: a term named 3 times beside one named
    # 30 times is a passing mention, even though both score the capped 3 in the text
    share = _strength(hits, None)
    top = max(share.values(), default=0.0)
    titled = {h.term for h in hits if h.where == "title"}
    counted = {t: s for t, s in strength.items() if t in titled or share[t] >= TERM_SHARE * top}
    strongest = max(counted.values(), default=0.0)
    placements = {}
    for code, guide in guides.items():
        p = _place(code, guide, counted, strongest, catalogue, titled)
        if p is not None:
            placements[code] = p
    passing = tuple(sorted(set(strength) - set(counted)))
    return TopicMapping(topic, placements, False, None, tuple(hits), passing=passing)


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
    """Terms in the title, the nearest headings above (unless the title names its own
    service), and the text. A heading nested under another service's heading is about its own."""
    hits: list[Hit] = []
    seen: set[str] = set()

    def add(found: dict[str, tuple[Term, str, int]], where: str, heading: str = "") -> None:
        for name, (term, alias, n) in found.items():
            if where != "body" and name in seen:
                continue
            if where != "body":
                seen.add(name)
            hits.append(Hit(name, alias, where, n, tuple(sorted(term.tasks)), heading))

    title = catalogue.find(topic.title)
    add(title, "title")
    if not any(term.kind != "concept" for term, _, _ in title.values()):
        # walk up to the nearest heading naming a service (concepts met on the way count too)
        for heading in reversed(topic.path.split(SEP)[:-1]):
            found = catalogue.find(heading)
            add(found, "path", heading)
            if any(term.kind != "concept" for term, _, _ in found.values()):
                break
    add(catalogue.find(topic.body), "body")
    return hits


def _strength(hits: Sequence[Hit], cap: int | None) -> dict[str, float]:
    """Evidence per term: title 3, heading above 2, text 1 per mention (at most `cap`), summed."""
    out: dict[str, float] = {}
    for h in hits:
        n = (h.count if cap is None else min(h.count, cap)) if h.where == "body" else 1
        out[h.term] = out.get(h.term, 0.0) + WHERE_WEIGHT[h.where] * n
    return out


def _core_domains(code: str, names: Iterable[str], catalogue: Catalogue) -> set[int]:
    """The domains where a term has a main task (weight >= KEEP_SHARE, and of its heaviest)."""
    out: set[int] = set()
    for name in names:
        weights = catalogue.term(name).tasks.get(code, {})
        heaviest = max(weights.values(), default=0.0)
        out |= {
            int(t.split(".")[0])
            for t, w in weights.items()
            if w >= KEEP_SHARE * heaviest and w >= KEEP_SHARE
        }
    return out


def _refined(weights: Mapping[str, float], beside: set[str]) -> Mapping[str, float]:
    out: dict[str, float] = {}
    for task, weight in weights.items():
        domain = task.split(".")[0]
        mine = [t for t in beside if t.split(".")[0] == domain]
        if not mine or task in mine:
            out[task] = weight
        else:  # move the weight to the tasks the services beside it have in that domain
            for t in mine:
                out[t] = max(out.get(t, 0.0), weight)
    return out


def _task_scores(
    code: str, guide: ExamGuide, counted: Mapping[str, float], catalogue: Catalogue
) -> tuple[dict[str, float], dict[str, set[str]]]:
    """Each task's score (weight x evidence, summed over terms) and the terms behind it."""
    task_scores: dict[str, float] = {}
    sources: dict[str, set[str]] = {}
    # a concept refines the services beside it: where they have tasks in one of its domains,
    # it adds to those tasks only ("EFS cost" is storage cost, 4.1, not every cost task)
    beside = {
        t
        for name in counted
        if catalogue.term(name).kind != "concept"
        for t in catalogue.term(name).tasks.get(code, {})
    }
    known = catalogue.known_tasks(guide)
    for name, strength in counted.items():
        term = catalogue.term(name)
        weights = term.tasks.get(code, {})
        if term.kind == "concept":
            weights = _refined(weights, beside)
        for task, weight in weights.items():
            if task in known:
                task_scores[task] = task_scores.get(task, 0.0) + weight * strength
                sources.setdefault(task, set()).add(name)
    return task_scores, sources


def _place(
    code: str,
    guide: ExamGuide,
    counted: Mapping[str, float],
    strongest: float,
    catalogue: Catalogue,
    titled: set[str],
) -> Placement | None:
    """Task scores are summed over the counted terms; a domain scores its best task."""
    services = [n for n in counted if catalogue.term(n).kind != "concept"]
    if services and not any(
        max(catalogue.term(n).tasks.get(code, {}).values(), default=0.0) >= EXAM_SHARE
        for n in services
    ):
        return None  # concepts (cost, logging) refine services this exam is about; alone, none
    task_scores, sources = _task_scores(code, guide, counted, catalogue)
    if not task_scores:
        return None
    # when the title names a service, services named only in the text add weight to its
    # domains but open no domain of their own (an IAM policy example naming S3 stays IAM)
    if any(catalogue.term(n).kind != "concept" for n in titled):
        openers = set(titled) | {n for n in counted if catalogue.term(n).kind == "concept"}
    else:
        openers = set(counted)
    domain_scores: dict[int, float] = {}
    for task, score in task_scores.items():
        number = int(task.split(".")[0])
        if sources[task] & openers:
            domain_scores[number] = max(domain_scores.get(number, 0.0), score)
    task_scores = {t: v for t, v in task_scores.items() if int(t.split(".")[0]) in domain_scores}
    if not domain_scores:
        return None
    best = max(domain_scores.values())
    if best < max(MIN_SCORE, EXAM_SHARE * strongest):
        return None  # the exam's tasks touch what the topic names only in passing
    ranked = sorted(domain_scores.items(), key=lambda kv: (-kv[1], kv[0]))
    core = _core_domains(code, titled, catalogue)  # a service in the title keeps its domains
    kept = [d for d, s in ranked if s >= KEEP_SHARE * best or d in core][:MAX_DOMAINS]
    tasks = []
    for d in kept:
        mine = {t: s for t, s in task_scores.items() if int(t.split(".")[0]) == d}
        top = max(mine.values())
        tasks += [t for t, s in mine.items() if s >= KEEP_SHARE * top and sources[t] & openers]
    total = sum(domain_scores[d] for d in kept)
    return Placement(
        code,
        tuple(sorted(kept)),
        tuple(sorted(tasks)),
        {d: round(domain_scores[d] / total, 3) for d in sorted(kept)},
        # strongest evidence first, so the explanation reads from the main service down
        tuple(sorted({n for t in tasks for n in sources[t]}, key=lambda n: (-counted[n], n))),
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
        why = "; ".join(_term_text(mapping.hits, name) for name in p.terms)
        lines.append(f"{code}: {_names(p)}: matched {why}")
    counted = {name for p in mapping.placements.values() for name in p.terms}
    for code in sorted({e for h in mapping.hits for e in h.exams} - set(mapping.placements)):
        names = sorted({h.term for h in mapping.hits if code in h.exams} - set(mapping.passing))
        if names:
            lines.append(
                f"{code}: no domain: this exam's task statements touch "
                f"{' and '.join(names)} only in passing"
            )
    passing = [n for n in mapping.passing if n not in counted]
    if passing:
        more = f" and {len(passing) - 5} more" if len(passing) > 5 else ""
        lines.append(f"not counted (named only in passing): {', '.join(passing[:5])}{more}")
    return lines


def _names(p: Placement) -> str:
    parts = []
    for d in p.domains:
        tasks = [t for t in p.tasks if t.split(".")[0] == str(d)]
        parts.append(f"domain {d}" + (f" (tasks {', '.join(tasks)})" if tasks else ""))
    return ", ".join(parts)


def _term_text(hits: Sequence[Hit], name: str) -> str:
    where = []
    for h in hits:
        if h.term != name:
            continue
        alias = ", ".join(h.alias.split(", ")[:3])  # the first few ways it was written
        if h.where == "body":
            where.append(f"{alias!r} {h.count}x in the text")
        elif h.where == "title":
            where.append(f"{alias!r} in the title")
        else:
            where.append(f"{alias!r} in the heading above ({h.heading!r})")
    return f"{name} ({', '.join(where)})"


def question_domains(exam: str, domain: int | str, task: str = "") -> dict[str, tuple[int, ...]]:
    """A question belongs to exactly the exam and domain it was written for."""
    return {exam: (int(str(domain).split(".")[0]),)}
