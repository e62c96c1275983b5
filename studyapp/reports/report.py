"""Progress per exam domain, from plain rows (pure). Rendering lives in reports/render.py."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fsrs import Scheduler

from studyapp.exam.guide import ExamGuide
from studyapp.reports.mapping import Catalogue, TopicMapping, map_topics
from studyapp.reports.rows import ReportInput

KNOWN_AT = 0.9  # a card counts as known while its recall probability is at least this
WINDOW_DAYS = 7
WEEKS_SHOWN = 8
WEAKEST_SHOWN = 3
Z95 = 1.96

_PARAMS = Scheduler().parameters
DECAY = -_PARAMS[20]
FACTOR = 0.9 ** (1 / DECAY) - 1


def retrievability(stability: float, elapsed_days: int) -> float:
    """FSRS-6 recall probability, exactly as `fsrs.Scheduler.get_card_retrievability`."""
    return float((1 + FACTOR * max(0, elapsed_days) / stability) ** DECAY)


def wilson(correct: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval of a proportion; (0, 1) without data."""
    if n <= 0:
        return 0.0, 1.0
    p = correct / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True, slots=True)
class Accuracy:
    answered: int = 0
    correct: int = 0
    last7: tuple[int, int] = (0, 0)  # (answered, correct) in the last 7 days
    prev7: tuple[int, int] = (0, 0)  # the 7 days before

    @property
    def rate(self) -> float | None:
        return self.correct / self.answered if self.answered else None

    @property
    def trend(self) -> float | None:
        """Change in accuracy, last 7 days minus the 7 before (None without both)."""
        if not self.last7[0] or not self.prev7[0]:
            return None
        return self.last7[1] / self.last7[0] - self.prev7[1] / self.prev7[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "answered": self.answered,
            "correct": self.correct,
            "rate": _r(self.rate),
            "last_7_days": list(self.last7),
            "previous_7_days": list(self.prev7),
            "trend": _r(self.trend),
        }


@dataclass(frozen=True, slots=True)
class WeakTopic:
    topic_id: int
    path: str
    cards: int
    known: int
    lapses: int
    mean_recall: float


@dataclass
class DomainReport:
    number: int
    name: str
    weight: float
    topics: int = 0
    cards: int = 0
    reviewed: int = 0
    known: int = 0
    minutes: float = 0.0
    quiz: Accuracy = field(default_factory=Accuracy)
    mock: Accuracy = field(default_factory=Accuracy)
    weakest: list[WeakTopic] = field(default_factory=list)
    weekly: list[tuple[str, int, int]] = field(default_factory=list)  # week start, n, correct
    topic_ids: list[int] = field(default_factory=list)  # the topics mapped to this domain

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "weight": self.weight,
            "topics": self.topics,
            "cards": self.cards,
            "reviewed_cards": self.reviewed,
            "known_cards": self.known,
            "minutes_studied": round(self.minutes, 1),
            "quiz": self.quiz.to_json(),
            "mock": self.mock.to_json(),
            "weakest_topics": [
                {
                    "topic_id": w.topic_id,
                    "path": w.path,
                    "cards": w.cards,
                    "known": w.known,
                    "lapses": w.lapses,
                    "mean_recall": _r(w.mean_recall),
                }
                for w in self.weakest
            ],
            "accuracy_by_week": [
                {"week": w, "answered": n, "correct": c, "rate": _r(c / n if n else None)}
                for w, n, c in self.weekly
            ],
        }


@dataclass(frozen=True, slots=True)
class Readiness:
    estimate: float | None  # weighted share of exam questions expected right
    low: float
    high: float
    based_on: str
    answers: int
    unknown_weight: float = 0.0  # share of the exam with no evidence at all yet


@dataclass
class ExamReport:
    exam: str
    name: str
    generated_at: datetime
    domains: list[DomainReport]
    readiness: Readiness
    reviews_per_day: list[tuple[str, int]]
    due_forecast: list[tuple[str, int]]
    unmapped_cards: int = 0

    def to_json(self) -> dict[str, Any]:
        r = self.readiness
        return {
            "exam": self.exam,
            "name": self.name,
            "generated_at": self.generated_at.isoformat(),
            "readiness": {
                "estimate": _r(r.estimate),
                "low": _r(r.low),
                "high": _r(r.high),
                "based_on": r.based_on,
                "answers": r.answers,
            },
            "domains": [d.to_json() for d in self.domains],
            "reviews_per_day": [{"day": d, "reviews": n} for d, n in self.reviews_per_day],
            "due_forecast": [{"day": d, "due": n} for d, n in self.due_forecast],
            "unmapped_cards": self.unmapped_cards,
        }

    def to_text(self) -> str:
        from studyapp.reports.render import as_text

        return as_text(self)

    def to_markdown(self) -> str:
        from studyapp.reports.render import as_markdown

        return as_markdown(self)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def build_reports(
    rows: ReportInput, guides: Mapping[str, ExamGuide], mappings: Mapping[int, TopicMapping]
) -> list[ExamReport]:
    recall = _recall_by_topic(rows)
    return [_exam_report(rows, g, mappings, recall) for _, g in sorted(guides.items())]


def _recall_by_topic(rows: ReportInput) -> dict[int | None, tuple[int, int, float]]:
    """Per topic: reviewed cards, cards known, summed recall (computed once for every exam)."""
    now = rows.now.astimezone(UTC)
    out: dict[int | None, list[float]] = {}
    m = rows.memory
    for tid, s, last in zip(m.topic_ids, m.stabilities, m.last_reviews, strict=True):
        elapsed = (now - last).days
        r = (1 + FACTOR * (elapsed if elapsed > 0 else 0) / s) ** DECAY
        out.setdefault(tid, []).append(r)
    return {tid: (len(rs), sum(1 for r in rs if r >= KNOWN_AT), sum(rs)) for tid, rs in out.items()}


def _exam_report(
    rows: ReportInput,
    guide: ExamGuide,
    mappings: Mapping[int, TopicMapping],
    recall: dict[int | None, tuple[int, int, float]],
) -> ExamReport:
    today = rows.now.astimezone(UTC).date()
    domains = {d.number: DomainReport(d.number, d.name, d.weight) for d in guide.domains}
    paths = {t.id: t.path for t in rows.topics}
    weak: dict[int, list[WeakTopic]] = {n: [] for n in domains}
    for tid, mapping in mappings.items():
        stats = rows.topic_stats.get(tid)
        for number in mapping.domains(guide.code):
            d = domains.get(number)
            if d is None:
                continue
            d.topics += 1
            d.topic_ids.append(tid)
            if stats is None:
                continue
            reviewed, known, total = recall.get(tid, (0, 0, 0.0))
            d.cards += stats.cards
            d.reviewed += reviewed
            d.known += known
            d.minutes += stats.duration_ms / 60000
            if reviewed:
                weak[number].append(
                    WeakTopic(
                        tid, paths.get(tid, ""), stats.cards, known, stats.lapses, total / reviewed
                    )
                )
    for number, d in domains.items():
        ranked = sorted(
            weak[number],
            key=lambda w: (w.known / w.cards if w.cards else 0, w.mean_recall, -w.lapses, w.path),
        )
        d.weakest = ranked[:WEAKEST_SHOWN]
    _answers(rows, guide, domains, today)
    reviews = _days(rows.reviews_per_day, today - timedelta(days=29), 30)
    due = _days(rows.due_per_day, today, 30)
    ordered = [domains[n] for n in sorted(domains)]
    return ExamReport(
        guide.code,
        guide.name,
        rows.now,
        ordered,
        readiness(ordered),
        reviews,
        due,
        rows.unmapped_cards,
    )


def _days(counts: Mapping[str, int], first: date, n: int) -> list[tuple[str, int]]:
    days = [(first + timedelta(days=i)).isoformat() for i in range(n)]
    return [(d, counts.get(d, 0)) for d in days]


def _answers(
    rows: ReportInput, guide: ExamGuide, domains: dict[int, DomainReport], today: date
) -> None:
    last7 = (today - timedelta(days=WINDOW_DAYS - 1)).isoformat()
    prev7 = (today - timedelta(days=2 * WINDOW_DAYS - 1)).isoformat()
    first_week = _monday(today) - timedelta(weeks=WEEKS_SHOWN - 1)
    acc: dict[tuple[int, str], list[int]] = {}
    weekly: dict[int, dict[str, list[int]]] = {n: {} for n in domains}
    for a in rows.answers:
        if a.exam != guide.code or a.domain not in domains:
            continue
        t = acc.setdefault((a.domain, a.kind), [0, 0, 0, 0, 0, 0])
        t[0] += a.answered
        t[1] += a.correct
        if a.day >= last7:
            t[2] += a.answered
            t[3] += a.correct
        elif a.day >= prev7:
            t[4] += a.answered
            t[5] += a.correct
        week = _monday(date.fromisoformat(a.day))
        if week >= first_week:
            w = weekly[a.domain].setdefault(week.isoformat(), [0, 0])
            w[0] += a.answered
            w[1] += a.correct
    for (number, kind), t in acc.items():
        value = Accuracy(t[0], t[1], (t[2], t[3]), (t[4], t[5]))
        if kind == "quiz":
            domains[number].quiz = value
        else:
            domains[number].mock = value
    for number, d in domains.items():
        d.weekly = [
            (wk, *weekly[number].get(wk, [0, 0]))  # type: ignore[misc]
            for wk in ((first_week + timedelta(weeks=i)).isoformat() for i in range(WEEKS_SHOWN))
        ]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def readiness(domains: list[DomainReport]) -> Readiness:
    """Weighted by the exam's domain weights. A domain counts by its quiz and mock answers, or
    failing those by the share of its reviewed cards known; a domain with neither is unknown
    and widens the range to anything from 0 to 100%."""
    total = sum(d.weight for d in domains) or 1.0
    est = low = high = 0.0
    weight_seen = 0.0
    answers = 0
    by_answers, by_cards, unknown = [], [], []
    for d in domains:
        w = d.weight / total
        n = d.quiz.answered + d.mock.answered
        c = d.quiz.correct + d.mock.correct
        if n:
            p, (lo, hi) = c / n, wilson(c, n)
            by_answers.append(d.number)
            answers += n
        elif d.reviewed:
            p, (lo, hi) = d.known / d.reviewed, wilson(d.known, d.reviewed)
            by_cards.append(d.number)
        else:
            unknown.append(d.number)
            low, high = low + 0.0, high + w
            continue
        est += w * p
        weight_seen += w
        low += w * lo
        high += w * hi
    parts = []
    if by_answers:
        parts.append(f"{answers} quiz and mock-exam answers in domain(s) {_list(by_answers)}")
    if by_cards:
        parts.append(f"the share of reviewed cards you know in domain(s) {_list(by_cards)}")
    if unknown:
        parts.append(f"nothing yet for domain(s) {_list(unknown)} (counted as 0-100%)")
    if not by_answers and not by_cards:
        return Readiness(None, 0.0, 1.0, "no answers or reviews yet", 0)
    based = "; ".join(parts) + "; range: 95% Wilson intervals, weighted by domain weight"
    estimate = est / weight_seen if weight_seen else None
    return Readiness(estimate, low, high, based, answers, 1.0 - weight_seen)


def weakest_domain(report: ExamReport) -> DomainReport | None:
    """The domain to study next: among domains with cards, the lowest evidence (quiz and mock
    accuracy, else the share of reviewed cards known, else none at all, which counts as 0),
    the heavier domain first on a tie; None when no domain has cards."""

    def score(d: DomainReport) -> tuple[float, float, int]:
        n = d.quiz.answered + d.mock.answered
        if n:
            p = (d.quiz.correct + d.mock.correct) / n
        else:
            p = d.known / d.reviewed if d.reviewed else 0.0
        return p, -d.weight, d.number

    studiable = [d for d in report.domains if d.cards]
    return min(studiable, key=score, default=None)


def _list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def make_reports(
    rows: ReportInput,
    guides: Mapping[str, ExamGuide],
    catalogue: Catalogue,
    exam: str | None = None,
) -> list[ExamReport]:
    """Map every topic, then report on `exam` (or on every exam)."""
    mappings = map_topics(rows.topics, catalogue, guides)
    chosen = {c: g for c, g in guides.items() if exam is None or c == exam}
    return build_reports(rows, chosen, mappings)
