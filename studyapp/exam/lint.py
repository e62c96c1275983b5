"""The bank's linter (pure): the figures that tell an exam-style bank from an easy-to-guess one.

For each exam: questions per domain against the guide's weights and per task statement, how often
the keyed option of a single-answer question is the longest one, the shortest one, or the only one
sharing the most words with the stem (each a tell when far above chance, about 25 %),
stem lengths, the share of MOST/LEAST questions, near-duplicate stems (word shingles compared by
Jaccard similarity, within and across exams) and a documentation link per question. Every figure
is compared with a threshold in `Thresholds`; `LintReport.problems` lists what fails, naming the
question ids. The copied-sentences check against other people's notes is the shared tool's
(`../shared/tools/copied_sentences.py`), run by the tests and by `studyapp questions --lint`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any
from urllib.parse import urlparse

from studyapp.exam.assemble import apportion
from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question

_WORD = re.compile(r"[a-z0-9]+(?:['.-][a-z0-9]+)*")
_MOST_LEAST = re.compile(r"\b(MOST|LEAST)\b")
DOC_HOSTS = ("docs.aws.amazon.com", "aws.amazon.com")


@dataclass(frozen=True)
class Thresholds:
    """The bar a bank must meet (issue 16)."""

    longest_key_share: float = 0.30  # at most: the key is the longest option
    shortest_key_share: float = 0.30  # at most: the key is the shortest option
    keyword_key_share: float = 0.30  # at most: the key alone shares the most words with the stem
    most_least_share: float = 0.40  # at least: stems asking for the MOST/LEAST ...
    stem_words: tuple[int, int] = (70, 150)  # every stem within these word counts
    domain_slack: float = 3.0  # percentage points a domain's share may differ from its weight
    task_floor: float = 0.5  # each task: at least this share of an even split of its domain
    task_minimum: int = 6  # ... and at least this many (one per full mock exam)
    shingle: int = 3  # words per shingle
    near_duplicate: float = 0.30  # Jaccard similarity of stem shingles that counts as a repeat
    key_shingle: int = 2  # words per shingle of the keyed options
    same_key: float = 0.50  # Jaccard similarity of two questions' keyed options: one concept
    rare_share: float = 0.02  # a word in at most this share of questions is a rare one
    possible_repeat: float = 0.20  # Jaccard of two questions' rare words: worth a look (no bar)


@dataclass(frozen=True)
class DomainCount:
    number: int
    weight: float
    count: int
    percent: float
    tasks: tuple[tuple[str, int], ...]  # (task id, questions) in guide order


@dataclass(frozen=True)
class ExamFigures:
    exam: str
    total: int
    domains: tuple[DomainCount, ...]
    single_answer: int
    longest_key: int  # single-answer questions whose key is the (or a tied) longest option
    shortest_key: int  # ... whose key is the (or a tied) shortest option
    keyword_key: int  # ... whose key alone shares the most content words with the stem
    stem_words_min: int
    stem_words_max: int
    stem_words_mean: float
    stems_out_of_range: tuple[str, ...]
    most_least: int
    without_doc_link: tuple[str, ...]
    # Full mocks (the guide's length, seats per domain by its weights) the bank holds without a
    # repeat, and the questions per domain it lacks for six of them (a figure, not a threshold).
    full_mocks: int = 0
    short_of_six: tuple[tuple[int, int], ...] = ()

    @property
    def longest_key_share(self) -> float:
        return self.longest_key / self.single_answer if self.single_answer else 0.0

    @property
    def shortest_key_share(self) -> float:
        return self.shortest_key / self.single_answer if self.single_answer else 0.0

    @property
    def keyword_key_share(self) -> float:
        return self.keyword_key / self.single_answer if self.single_answer else 0.0

    @property
    def most_least_share(self) -> float:
        return self.most_least / self.total if self.total else 0.0


@dataclass(frozen=True)
class NearDuplicate:
    first: str
    second: str
    similarity: float

    def to_dict(self) -> dict[str, object]:
        return {"first": self.first, "second": self.second, "jaccard": round(self.similarity, 3)}


@dataclass(frozen=True)
class LintReport:
    exams: tuple[ExamFigures, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    most_similar: NearDuplicate | None  # the closest pair, whether or not it is a repeat
    thresholds: Thresholds
    same_keys: tuple[NearDuplicate, ...] = ()  # pairs whose keyed options say the same thing
    closest_keys: NearDuplicate | None = None
    problems: tuple[str, ...] = field(default=())
    # Pairs sharing many rare words (stem and key): candidates for a human to compare, not a bar.
    possible_repeats: tuple[NearDuplicate, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        t = self.thresholds
        return {
            "ok": self.ok,
            "thresholds": {
                "longest_key_share_max": t.longest_key_share,
                "shortest_key_share_max": t.shortest_key_share,
                "keyword_key_share_max": t.keyword_key_share,
                "most_least_share_min": t.most_least_share,
                "stem_words": list(t.stem_words),
                "domain_slack_points": t.domain_slack,
                "task_minimum": t.task_minimum,
                "near_duplicate_jaccard": t.near_duplicate,
                "shingle_words": t.shingle,
                "same_key_jaccard": t.same_key,
                "key_shingle_words": t.key_shingle,
            },
            "exams": {
                e.exam: {
                    "total": e.total,
                    "domains": [
                        {
                            "domain": d.number,
                            "weight": d.weight,
                            "count": d.count,
                            "percent": round(d.percent, 1),
                            "tasks": dict(d.tasks),
                        }
                        for d in e.domains
                    ],
                    "single_answer": e.single_answer,
                    "longest_key": e.longest_key,
                    "longest_key_share": round(e.longest_key_share, 3),
                    "shortest_key": e.shortest_key,
                    "shortest_key_share": round(e.shortest_key_share, 3),
                    "keyword_key": e.keyword_key,
                    "keyword_key_share": round(e.keyword_key_share, 3),
                    "stem_words": {
                        "min": e.stem_words_min,
                        "max": e.stem_words_max,
                        "mean": round(e.stem_words_mean, 1),
                        "out_of_range": list(e.stems_out_of_range),
                    },
                    "most_least": e.most_least,
                    "most_least_share": round(e.most_least_share, 3),
                    "without_doc_link": list(e.without_doc_link),
                    "full_mocks_at_weight": e.full_mocks,
                    "short_of_six_mocks": {str(d): n for d, n in e.short_of_six},
                }
                for e in self.exams
            },
            "near_duplicates": [n.to_dict() for n in self.near_duplicates],
            "most_similar": self.most_similar and self.most_similar.to_dict(),
            "same_keys": [n.to_dict() for n in self.same_keys],
            "closest_keys": self.closest_keys and self.closest_keys.to_dict(),
            "problems": list(self.problems),
            "possible_repeats": [n.to_dict() for n in self.possible_repeats],
        }


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def stem_words(q: Question) -> int:
    """Words in the stem as a reader counts them (separated by spaces)."""
    return len(q.stem.split())


def shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    w = words(text)
    if len(w) < size:
        return frozenset({tuple(w)}) if w else frozenset()
    return frozenset(tuple(w[i : i + size]) for i in range(len(w) - size + 1))


def key_is_longest(q: Question) -> bool:
    """A single-answer question whose keyed option is at least as long as every other one."""
    (key,) = tuple(q.correct)
    longest = max(len(" ".join(text.split())) for _, text in q.options)
    return len(" ".join(q.option(key).split())) >= longest


def key_is_shortest(q: Question) -> bool:
    (key,) = tuple(q.correct)
    shortest = min(len(" ".join(text.split())) for _, text in q.options)
    return len(" ".join(q.option(key).split())) <= shortest


# Words too common to give an answer away when a stem and an option share them.
_COMMON = frozenset(
    """the a an and or of to in for on with that this from by is are be it its as at which what
    should company developer team solution needs need must most least use uses using into than
    then when their there they these those will can not no more each every all any how who
    requirements meet meets""".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2 and w not in _COMMON}


def key_matches_stem(q: Question) -> bool:
    """A single-answer question whose key alone shares the most content words with its stem:
    the tell of a keyword in the stem pointing at the answer."""
    (key,) = tuple(q.correct)
    stem = _content_words(q.stem)
    shared = {letter: len(_content_words(text) & stem) for letter, text in q.options}
    best = max(shared.values())
    return shared[key] == best and sum(1 for v in shared.values() if v == best) == 1


def has_doc_link(q: Question) -> bool:
    for ref in q.references:
        host = urlparse(ref).netloc.lower()
        if any(host == h or host.endswith("." + h) for h in DOC_HOSTS):
            return True
    return False


def near_duplicates(
    questions: Sequence[Question], size: int, threshold: float, text: Any = None
) -> tuple[list[NearDuplicate], NearDuplicate | None]:
    """Pairs of stems (or of `text(question)`) whose shingle sets have Jaccard similarity >=
    threshold, closest first.

    Only pairs sharing at least one shingle are compared (an inverted index), so the cost grows
    with the shared phrases, not with the square of the bank."""
    sets = [shingles(text(q) if text else q.stem, size) for q in questions]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        if len(holders) > 1:
            shared.update(combinations(holders, 2))
    found: list[NearDuplicate] = []
    best: NearDuplicate | None = None
    for (i, j), common in shared.items():
        union = len(sets[i]) + len(sets[j]) - common
        sim = common / union if union else 0.0
        pair = NearDuplicate(questions[i].id, questions[j].id, sim)
        if best is None or sim > best.similarity:
            best = pair
        if sim >= threshold:
            found.append(pair)
    found.sort(key=lambda n: (-n.similarity, n.first, n.second))
    return found, best


def possible_repeats(
    questions: Sequence[Question], rare_share: float, threshold: float, min_shared: int = 3
) -> list[NearDuplicate]:
    """Pairs whose stem and key share rare content words (in at most `rare_share` of the
    questions): Jaccard >= threshold over those words, with at least `min_shared` in common.
    Two questions on one concept in different words share their rare terms; this lists them
    for review, closest first."""
    sets = [_content_words(q.stem + " " + keyed_text(q)) for q in questions]
    counts: Counter[str] = Counter(w for s in sets for w in s)
    limit = max(1, int(rare_share * len(questions)))
    rare = [frozenset(w for w in s if counts[w] <= limit) for s in sets]
    index: dict[str, list[int]] = defaultdict(list)
    for i, words_i in enumerate(rare):
        for w in words_i:
            index[w].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        shared.update(combinations(holders, 2))
    out = []
    for (i, j), common in shared.items():
        if common < min_shared:
            continue
        sim = common / (len(rare[i]) + len(rare[j]) - common)
        if sim >= threshold:
            out.append(NearDuplicate(questions[i].id, questions[j].id, sim))
    out.sort(key=lambda n: (-n.similarity, n.first, n.second))
    return out


def exam_figures(guide: ExamGuide, questions: Sequence[Question], t: Thresholds) -> ExamFigures:
    total = len(questions)
    by_domain = Counter(q.domain for q in questions)
    by_task = Counter(q.task for q in questions)
    domains = tuple(
        DomainCount(
            d.number,
            d.weight,
            by_domain[d.number],
            100 * by_domain[d.number] / total if total else 0.0,
            tuple((task.id, by_task[task.id]) for task in d.tasks),
        )
        for d in guide.domains
    )
    single = [q for q in questions if q.choose == 1]
    lengths = [stem_words(q) for q in questions] or [0]
    seats = apportion(guide.weights, guide.questions)
    low, high = t.stem_words
    return ExamFigures(
        exam=guide.code,
        total=total,
        domains=domains,
        single_answer=len(single),
        longest_key=sum(1 for q in single if key_is_longest(q)),
        shortest_key=sum(1 for q in single if key_is_shortest(q)),
        keyword_key=sum(1 for q in single if key_matches_stem(q)),
        stem_words_min=min(lengths),
        stem_words_max=max(lengths),
        stem_words_mean=sum(lengths) / len(lengths),
        stems_out_of_range=tuple(q.id for q in questions if not low <= stem_words(q) <= high),
        most_least=sum(1 for q in questions if _MOST_LEAST.search(q.stem)),
        without_doc_link=tuple(q.id for q in questions if not has_doc_link(q)),
        full_mocks=min((by_domain[d] // n for d, n in seats.items() if n), default=0),
        short_of_six=tuple(
            (d, 6 * n - by_domain[d]) for d, n in sorted(seats.items()) if 6 * n > by_domain[d]
        ),
    )


def _problems(e: ExamFigures, t: Thresholds) -> Iterable[str]:
    code = e.exam.upper()
    for d in e.domains:
        if abs(d.percent - d.weight) > t.domain_slack:
            yield (
                f"{code} domain {d.number}: {d.count} questions ({d.percent:.1f} %) against a "
                f"weight of {d.weight:g} %"
            )
        even = d.count / len(d.tasks) if d.tasks else 0
        floor = max(t.task_minimum, int(t.task_floor * even))
        for task, n in d.tasks:
            if n < floor:
                yield f"{code} task {task}: {n} questions, fewer than {floor}"
    if e.longest_key_share > t.longest_key_share:
        yield (
            f"{code}: the key is the longest option in {e.longest_key_share:.1%} of single-answer"
            f" questions (at most {t.longest_key_share:.0%})"
        )
    if e.shortest_key_share > t.shortest_key_share:
        yield (
            f"{code}: the key is the shortest option in {e.shortest_key_share:.1%} of"
            f" single-answer questions (at most {t.shortest_key_share:.0%})"
        )
    if e.keyword_key_share > t.keyword_key_share:
        yield (
            f"{code}: the key alone shares the most words with the stem in"
            f" {e.keyword_key_share:.1%} of single-answer questions"
            f" (at most {t.keyword_key_share:.0%})"
        )
    if e.most_least_share < t.most_least_share:
        yield (
            f"{code}: {e.most_least_share:.1%} of stems use MOST/LEAST wording "
            f"(at least {t.most_least_share:.0%})"
        )
    low, high = t.stem_words
    for qid in e.stems_out_of_range:
        yield f"{qid}: stem outside {low}-{high} words"
    for qid in e.without_doc_link:
        yield f"{qid}: no link to AWS documentation ({' or '.join(DOC_HOSTS)})"


def lint_bank(
    guides: Mapping[str, ExamGuide],
    questions: Sequence[Question],
    thresholds: Thresholds | None = None,
) -> LintReport:
    """The figures for every exam with questions in `questions`, and what fails the bar."""
    t = thresholds or Thresholds()
    exams = tuple(
        exam_figures(guides[code], [q for q in questions if q.exam == code], t)
        for code in sorted(guides)
        if any(q.exam == code for q in questions)
    )
    dups, best = near_duplicates(questions, t.shingle, t.near_duplicate)
    keys, closest_keys = near_duplicates(questions, t.key_shingle, t.same_key, keyed_text)
    problems = [p for e in exams for p in _problems(e, t)]
    problems += [
        f"{n.first} and {n.second}: near-duplicate stems (Jaccard {n.similarity:.2f})" for n in dups
    ]
    problems += [
        f"{n.first} and {n.second}: the keyed options say the same thing (Jaccard"
        f" {n.similarity:.2f}): one concept asked twice?"
        for n in keys
    ]
    review = possible_repeats(questions, t.rare_share, t.possible_repeat)
    return LintReport(
        exams, tuple(dups), best, t, tuple(keys), closest_keys, tuple(problems), tuple(review)
    )


def keyed_text(q: Question) -> str:
    """The text of a question's keyed option(s), for the repeated-concept check."""
    return " ".join(q.option(letter) for letter in sorted(q.correct))


COPY_WORDS = 10  # a run this long shared word for word is a copy (the shared tool's rule)


def copy_shingles(text: str) -> set[tuple[str, ...]]:
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(w[i : i + COPY_WORDS]) for i in range(len(w) - COPY_WORDS + 1)}


def copied_lines(
    files: Iterable[tuple[str, str]], notes: Iterable[str]
) -> list[tuple[str, int, str]]:
    """(file, line, text) of every line of `files` that repeats 10 words of `notes` in a row:
    the rule of `../shared/tools/copied_sentences.py`, for texts already read."""
    seen: set[tuple[str, ...]] = set()
    for note in notes:
        seen |= copy_shingles(note)
    out = []
    for name, text in files:
        for number, line in enumerate(text.splitlines(), 1):
            if copy_shingles(line) & seen:
                out.append((name, number, line.strip()))
    return out
