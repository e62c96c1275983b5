"""Matching freshly parsed cards to stored ones, so re-imports never lose a review.

Pure functions over plain tuples; the repository feeds them and applies the result.
A card's identity is its place (source, topic path) plus its prompt:
1. same topic, kind and normalised prompt: the same card;
2. otherwise a stored card of the same kind whose prompt reads nearly the same (first in the same
   topic, then anywhere in the file, e.g. after a heading was renamed): the same card, reworded;
3. stored cards left over are retired (hidden, history kept); a retired card whose text comes
   back is matched by rules 1-2 and returns with its history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

FUZZY_THRESHOLD = 0.8
MAX_FUZZY_PAIRS = 200_000

_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def prompt_key(front: str) -> str:
    """The normalised prompt that identifies a card within its topic."""
    return _EDGE_PUNCT.sub("", _SPACE.sub(" ", front.casefold())).strip()


@dataclass(frozen=True, slots=True)
class Stored:
    id: int
    topic_key: str
    kind: str
    prompt_key: str
    back: str
    line: int
    retired: bool


@dataclass(frozen=True, slots=True)
class Fresh:
    topic_key: str
    kind: str
    prompt_key: str
    back: str
    line: int


@dataclass(slots=True)
class Plan:
    keep: dict[int, int] = field(default_factory=dict)  # fresh index -> stored id (unchanged)
    update: dict[int, int] = field(default_factory=dict)  # fresh index -> stored id (reworded)
    insert: list[int] = field(default_factory=list)  # fresh indexes
    retire: list[int] = field(default_factory=list)  # stored ids


def plan(stored: list[Stored], fresh: list[Fresh]) -> Plan:
    result = Plan()
    exact: dict[tuple[str, str, str], list[Stored]] = {}
    for s in stored:
        exact.setdefault((s.topic_key, s.kind, s.prompt_key), []).append(s)
    used: set[int] = set()
    unmatched: list[int] = []
    for i, f in enumerate(fresh):
        bucket = exact.get((f.topic_key, f.kind, f.prompt_key))
        if bucket:
            s = bucket.pop(0)
            used.add(s.id)
            same = s.back == f.back and not s.retired
            (result.keep if same else result.update)[i] = s.id
        else:
            unmatched.append(i)

    left = [s for s in stored if s.id not in used]
    if unmatched and left:
        _fuzzy(fresh, unmatched, left, used, result)
    result.insert = [i for i in unmatched if i not in result.update]
    result.retire = [s.id for s in stored if s.id not in used and not s.retired]
    return result


def _fuzzy(
    fresh: list[Fresh], unmatched: list[int], left: list[Stored], used: set[int], result: Plan
) -> None:
    wide = len(unmatched) * len(left) <= MAX_FUZZY_PAIRS
    for i in unmatched:
        f = fresh[i]
        best: Stored | None = None
        best_score = FUZZY_THRESHOLD
        for same_topic_only in (True, False):
            if not same_topic_only and (best is not None or not wide):
                break
            for s in left:
                if s.id in used or s.kind != f.kind:
                    continue
                if same_topic_only and s.topic_key != f.topic_key:
                    continue
                score = _similarity(f.prompt_key, s.prompt_key, best_score)
                if score >= best_score:
                    best, best_score = s, score
        if best is not None:
            used.add(best.id)
            result.update[i] = best.id


def _similarity(a: str, b: str, floor: float) -> float:
    if not a or not b:
        return 0.0
    la, lb = len(a), len(b)
    if 2 * min(la, lb) / (la + lb) < floor:  # upper bound of ratio
        return 0.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < floor or m.quick_ratio() < floor:
        return 0.0
    return m.ratio()
