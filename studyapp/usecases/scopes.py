"""Study scopes: everything, one exam, or one exam domain, each with the cards it would offer now.

Glue between the store's plain rows and the domain mapping: a domain's topics are the topics the
mapping places in it (explicit `<!-- domains: ... -->` tags, else the catalogue's terms); an
exam's topics are the union of its domains' topics.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from studyapp.exam.guide import ExamGuide
    from studyapp.reports.mapping import Catalogue, TopicText

Kind = Literal["all", "exam", "domain"]


@dataclass(frozen=True, slots=True)
class Scope:
    """What one entry of the chooser studies. `topic_ids` None: every card."""

    key: str  # "all", "exam:saa-c03", "domain:saa-c03:2"
    kind: Kind
    label: str  # the chooser's line: "SAA-C03: AWS Certified ...", "Domain 2. Design ..."
    name: str  # how a notice names it: "SAA-C03 domain 2 (Design Resilient Architectures)"
    topic_ids: tuple[int, ...] | None
    due: int
    new: int
    exam: str = ""
    domain: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.due or self.new)

    @property
    def counts(self) -> str:
        return f"{self.due} due, {self.new} new"


class ScopeSource(Protocol):
    """The collection's side of it (store/report_queries.py)."""

    def topic_texts(self) -> list[TopicText]: ...
    def due_new_per_topic(self, now: datetime) -> dict[int | None, tuple[int, int]]: ...


def _sum(ids: Iterable[int], counts: Mapping[int | None, tuple[int, int]]) -> tuple[int, int]:
    due = new = 0
    for tid in ids:
        d, n = counts.get(tid, (0, 0))
        due += d
        new += n
    return due, new


def build_scopes(
    topics: Iterable[TopicText],
    counts: Mapping[int | None, tuple[int, int]],
    guides: Mapping[str, ExamGuide],
    catalogue: Catalogue,
) -> list[Scope]:
    """Everything first; then each exam (by code), followed by each of its domains (by number).
    A topic mapped to several domains counts in each; once in its exam."""
    from studyapp.reports.mapping import map_topics

    mappings = map_topics(topics, catalogue, guides)
    due = sum(d for d, _n in counts.values())
    new = sum(n for _d, n in counts.values())
    out = [Scope("all", "all", "Everything", "your collection", None, due, new)]
    for code in sorted(guides):
        guide = guides[code]
        per_domain: dict[int, list[int]] = {d.number: [] for d in guide.domains}
        for tid, m in mappings.items():
            for number in m.domains(code):
                if number in per_domain:
                    per_domain[number].append(tid)
        in_exam = sorted({tid for ids in per_domain.values() for tid in ids})
        d, n = _sum(in_exam, counts)
        exam = code.upper()
        label = f"{exam}: {guide.name}"
        out.append(Scope(f"exam:{code}", "exam", label, exam, tuple(in_exam), d, n, exam=code))
        for domain in guide.domains:
            ids = per_domain[domain.number]
            d, n = _sum(ids, counts)
            out.append(
                Scope(
                    f"domain:{code}:{domain.number}",
                    "domain",
                    f"Domain {domain.number}. {domain.name}",
                    f"{exam} domain {domain.number} ({domain.name})",
                    tuple(ids),
                    d,
                    n,
                    exam=code,
                    domain=domain.number,
                )
            )
    return out


def load_scopes(
    source: ScopeSource,
    now: datetime,
    guides: Mapping[str, ExamGuide],
    catalogue: Catalogue,
) -> list[Scope]:
    """Read the topics and counts, and map them (run it in a worker: it reads every topic)."""
    return build_scopes(source.topic_texts(), source.due_new_per_topic(now), guides, catalogue)
