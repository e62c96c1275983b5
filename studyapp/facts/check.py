"""Find the claims in a card that contradict the fact catalogue (pure).

A claim is a number with a unit that states a catalogued property of a catalogued thing: the
thing named in the card or its topic, the property named near the number, the number read as a
maximum, minimum, default or plain value from the words around it ("up to", "default", "from A
to B"). It is reported only when it agrees with none of the documented values it could mean
(a false alarm is worse than a miss). Rules, each with a test in tests/facts/:

- examples and hypotheticals make no claims: a sentence with "e.g.", "for example", "suppose",
  "say", "let's", "imagine", "if", or under a topic titled "Example...";
- comparisons, history, negations and approximations make no claims: a clause with "vs",
  "than", "unlike", "was", "previously", "no longer", "not", "about", "~", "typically"...;
- the thing is the one named nearest the number in its clause, else the nearest named before it
  (the card's topic path counts); the property must be named in the clause, else before it in the
  card or its own topic's title (not a parent's);
- a value inside a documented range is fine; a range claim is checked at both ends (a "max"
  range only at its top); a plain value is checked only when it sits right by its property
  ("Item size: 400 KB", "24 hours retention");
- units are normalised first: "15 minutes" is 900 seconds, "10 GB" is 10,240 MB, "1 MB" is 1 MiB.
Every step is a regex pass or a walk over what they found: linear in the card's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studyapp.facts.catalogue import KIND_WORDS, Fact, FactCatalogue, Value, alias_key, fold
from studyapp.facts.units import COUNT, IOPS, RATE, Quantity, Token, scan

MAX_TEXT = 4000  # longer card texts are cut: a card this long states no single number

_EXAMPLE = re.compile(
    r"(?<![a-z])(?:e\.? ?g|eg|for example|for instance|example|suppose|supposing|imagine|"
    r"let s|lets say|say you|say we|say that|assume|assuming|if|scenario|hypothetical)(?![a-z])"
)
_EXAMPLE_TITLE = re.compile(
    r"(?<![a-z])(?:examples?|scenarios?|exercises?|questions?|quiz|practice|lab|demo)(?![a-z])"
)
# In a clause these mean the number is not a claim of the documented value.
_NOT_A_CLAIM = re.compile(
    r"(?<![a-z])(?:vs|versus|compared|than|unlike|instead|rather|was|were|used to|previously|"
    r"formerly|earlier|old|older|legacy|deprecated|no longer|until|not|never|cannot|can t|"
    r"don t|doesn t|won t|isn t|aren t|without|except|per month|free tier|cost|costs|price|"
    r"pricing|pay|charged|billed|billing|increments?|rounds?|rounded|how many)(?![a-z])"
)
_APPROX = re.compile(
    r"(?:(?<![a-z])(?:about|around|approx|approximately|roughly|nearly|almost|typically|"
    r"usually|often|generally|normally|over|under|above|below|beyond|exceeds?|exceeding|"
    r"after|every|each|more|less|fewer|greater|larger|smaller|faster|slower)|[~<>≈≤≥])"
    r"[\s.:(]*$"
)
_QUALIFIER = re.compile(
    r"(?<![a-z])(?P<default>by default|defaults? to|default)"
    r"|(?<![a-z])(?P<max>max|maximum|up to|upto|at most|no more than|limit|limited to|limits|"
    r"cap|capped at|caps at|stops at|tops out at|as long as|as much as|as many as|largest|"
    r"longest|highest|biggest|ceiling|"
    r"must not exceed|cannot exceed|can t exceed|not exceed|within)(?![a-z])"
    r"|(?<![a-z])(?P<min>min|minimum|at least|no less than|smallest|shortest|lowest)(?![a-z])"
)
_TRAILING = re.compile(
    r"[ (]*(?:(?P<default>by default|default)|(?P<max>max|maximum)|(?P<min>min|minimum))(?![a-z])"
)
_RANGE_GAP = re.compile(r"^ *(?:\([^()]{0,30}\))? *(?:-|–|—|to|through|and) *$")
_LIST_GAP = re.compile(r"^ *(?:,|&|and|or|/) *$")
_FILLER = frozenset(
    "is are of at for only just set to limited max maximum min minimum default up upto time "
    "period value size limit duration the a an be can per volume each".split()
)
_BOUNDARY = re.compile(r"[;|\n]|, |\. (?=[A-Z(])|\.$| — | › ")
_CLAUSE_SPLIT_NUMBERS = re.compile(r"\d, \d")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Finding:
    """A claim in a card that contradicts the catalogue. `quote` is the card's own words."""

    path: str
    line: int
    quote: str  # the clause of the card's words that makes the claim
    claimed: str  # the number as written ("256 KB", "1 - 10 secs")
    claimed_kind: str  # maximum | minimum | default | value | range
    thing: str
    property: str
    documented: str  # "maximum 1 MiB"
    link: str
    fact: str  # the catalogue fact's id
    outdated: bool  # the claim matches a value the docs gave before
    changed: str
    note: str

    def message(self) -> str:
        """One line for a learner: what the note says, what AWS documents, where."""
        head = "outdated" if self.outdated else "differs from the AWS docs"
        text = (
            f"{head}: the note says {self.claimed}; AWS documents {self.thing} "
            f"{self.property} as {self.documented}"
        )
        extra = self.changed if self.outdated and self.changed else self.note
        if extra:
            text += f" ({extra})"
        return f"{text}. {self.link}"

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "quote": self.quote,
            "claimed": self.claimed,
            "claimed_kind": self.claimed_kind,
            "thing": self.thing,
            "property": self.property,
            "documented": self.documented,
            "outdated": self.outdated,
            "link": self.link,
            "fact": self.fact,
            "message": self.message(),
        }


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str  # folded alias


@dataclass(slots=True)
class _Claim:
    token: Token
    quantity: Quantity
    partner: Token | None = None  # the other end of a range, if this is its low end
    partner_quantity: Quantity | None = None
    prev_end: int = 0  # where the number before this one ends: qualifiers are looked for after it


def card_text(front: str, back: str) -> str:
    """The card as one statement: a cloze with its answer put back, else front and back."""
    if "[...]" in front:
        return front.replace("[...]", back, 1)
    head = front.rstrip()
    if not head:
        return back
    return f"{head} {back}" if head.endswith(("?", ":")) else f"{head}: {back}"


def _path_parts(topic_path: str | Sequence[str]) -> list[str]:
    if isinstance(topic_path, str):
        return [p.strip() for p in topic_path.split(" > ") if p.strip()]
    return [p for p in topic_path if p]


def check_card(
    catalogue: FactCatalogue,
    front: str,
    back: str,
    topic_path: str | Sequence[str] = (),
    path: str = "",
    line: int = 0,
) -> list[Finding]:
    """The claims of one card that contradict the catalogue (usually none)."""
    body = card_text(front, back)[:MAX_TEXT]
    if not _DIGIT.search(body):
        return []  # most cards state no number (numbers written as words are not read)
    parts = _path_parts(topic_path)
    near = parts[-1] if parts else ""
    far = " › ".join(parts[:-1])
    prefix = (far + " › " if far else "") + (near + " › " if near else "")
    text = prefix + body
    near_start = len(far) + 3 if far else 0
    body_start = len(prefix)
    folded = fold(text)
    if _EXAMPLE.search(folded, body_start) or _EXAMPLE_TITLE.search(folded, near_start, body_start):
        return []
    props = [
        _Mention(m.start(1), m.end(1), _property_key(catalogue, m.group(1)))
        for m in catalogue.property_pattern.finditer(folded, near_start)
    ]
    if not props:
        return []  # no catalogued property named: nothing to check (the common case)
    things = [
        _Mention(m.start(1), m.end(1), alias_key(m.group(1)))
        for m in catalogue.thing_pattern.finditer(folded)
    ]
    if not things:
        return []
    named: set[str] = set()
    for m in things:
        named.update(catalogue.lineage(catalogue.thing_by_alias[m.key].id))
    props = [p for p in props if any(f.thing in named for f in _facts_named(catalogue, p.key))]
    if not props:
        return []  # the properties named belong to no thing named here
    tokens = [_shift(t, body_start) for t in scan(body, catalogue.count_nouns)]
    if not tokens:
        return []
    clauses = _clauses(text, body_start)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for claim in _claims(tokens, text, clauses):
        found = _judge(catalogue, claim, text, folded, clauses, things, props, near_start)
        if found is None:
            continue
        fact, claimed, kind, documented, outdated, clause = found
        key = (fact.id, claimed)
        if key in seen:
            continue
        seen.add(key)
        findings.append(
            Finding(
                path=path,
                line=line,
                quote=clause,
                claimed=claimed,
                claimed_kind=kind,
                thing=catalogue.things[fact.thing].name,
                property=fact.property,
                documented=documented,
                link=fact.link,
                fact=fact.id,
                outdated=outdated,
                changed=fact.changed,
                note=fact.note,
            )
        )
    return findings


def _property_key(catalogue: FactCatalogue, matched: str) -> str:
    key = alias_key(matched)
    if key in catalogue.facts_by_alias:
        return key
    for alias in catalogue.facts_by_alias:  # a "word * word" alias: few, tried only here
        if "*" in alias:
            head, _, tail = alias.partition("*")
            if key.startswith(head.strip()) and key.endswith(tail.strip()):
                return alias
    return key


def _shift(t: Token, by: int) -> Token:
    return Token(t.start + by, t.end + by, t.number, t.quantity, t.is_word, t.num_end + by)


def _clauses(text: str, body_start: int) -> list[tuple[int, int]]:
    """Spans of the body's clauses (split at ; | new lines, ", ", sentence ends, " — ")."""
    cuts = [body_start]
    for m in _BOUNDARY.finditer(text, body_start):
        if m.group(0) == ", " and _CLAUSE_SPLIT_NUMBERS.match(text, max(m.start() - 1, 0)):
            continue  # "1, 7, 14 days": a list of numbers, one clause
        cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return clauses[-1]


def _claims(tokens: list[Token], text: str, clauses: list[tuple[int, int]]) -> list[_Claim]:
    """Numbers with units, bare numbers taking the unit of the number they range or list with
    ("1 to 35 days", "10 or 30 seconds"), ranges paired low end to high end."""
    quantities: list[Quantity | None] = [t.quantity for t in tokens]
    for i in range(len(tokens) - 2, -1, -1):  # right to left: "1, 7, 14 days" chains
        a, b = tokens[i], tokens[i + 1]
        qb = quantities[i + 1]
        if quantities[i] is not None or qb is None or not b.number:
            continue
        gap = text[a.end : b.start].lower()
        if _RANGE_GAP.match(gap) or _LIST_GAP.match(gap):
            quantities[i] = Quantity(a.number * qb.magnitude / b.number, qb.dimension)
    claims: list[_Claim] = []
    i = 0
    while i < len(tokens):
        t, q = tokens[i], quantities[i]
        prev_end = tokens[i - 1].end if i else 0
        claim = _Claim(t, q, prev_end=prev_end) if q is not None else None
        if claim is not None and i + 1 < len(tokens):
            nxt, qn = tokens[i + 1], quantities[i + 1]
            gap = text[t.end : nxt.start].lower()
            same = _clause_of(clauses, t.start) == _clause_of(clauses, nxt.start)
            ranged = q is not None and qn is not None and qn.dimension == q.dimension
            if ranged and same and _RANGE_GAP.match(gap):
                if (
                    gap.strip() != "and"
                    or "between" in text[max(0, t.start - 12) : t.start].lower()
                ):
                    claim.partner, claim.partner_quantity = nxt, qn
                    claims.append(claim)
                    i += 2
                    continue
        if claim is not None:
            claims.append(claim)
        elif t.quantity is None:
            claims.append(_Claim(t, Quantity(t.number, ""), prev_end=prev_end))  # bare
        i += 1
    return claims


def _by_distance(
    mentions: Iterable[_Mention], start: int, end: int, lo: int, hi: int
) -> list[_Mention]:
    """Mentions within [lo, hi), closest to the number at [start, end) first (a tie goes to
    the one before it), none overlapping the number."""
    found = []
    for m in mentions:
        if m.start < lo or m.end > hi:
            continue
        if m.end <= start:
            found.append((start - m.end, 0, m))
        elif m.start >= end:
            found.append((m.start - end, 1, m))
    found.sort(key=lambda x: (x[0], x[1]))
    return [m for _, _, m in found]


def _before(mentions: Iterable[_Mention], pos: int, lo: int) -> list[_Mention]:
    """Mentions that end before `pos` and start at or after `lo`, nearest first."""
    return sorted((m for m in mentions if lo <= m.start and m.end <= pos), key=lambda m: -m.end)


_NEG_MAX = re.compile(r"(?:must not|cannot|can t|not|never) exceed")


def _judge(
    catalogue: FactCatalogue,
    claim: _Claim,
    text: str,
    folded: str,
    clauses: list[tuple[int, int]],
    things: list[_Mention],
    props: list[_Mention],
    near_start: int,
) -> tuple[Fact, str, str, str, bool, str] | None:
    token = claim.token
    end = claim.partner.end if claim.partner else token.end
    cs, ce = _clause_of(clauses, token.start)
    clause = _NEG_MAX.sub(" max ", folded[cs:ce])
    if _NOT_A_CLAIM.search(clause):
        return None
    if _APPROX.search(text[max(cs, token.start - 25) : token.start].lower()):
        return None
    near_things = _by_distance(things, token.start, token.num_end, cs, ce)
    thing = near_things[0] if near_things else next(iter(_before(things, token.start, 0)), None)
    if thing is None:
        return None
    lineage = catalogue.lineage(catalogue.thing_by_alias[thing.key].id)
    quantity = claim.quantity
    chosen: tuple[_Mention, list[Fact], bool] | None = None
    after_number = token.num_end if not claim.partner else end
    in_clause = _by_distance(props, token.start, after_number, cs, ce)
    for prop in in_clause + _before(props, cs, near_start):
        is_near = cs <= prop.start < ce
        facts = [f for f in _facts_named(catalogue, prop.key) if f.thing in lineage]
        facts = [f for f in facts if not _excluded(f, folded)]
        if quantity.dimension:
            facts = [f for f in facts if quantity.dimension in f.dimensions]
        elif is_near and prop.end <= token.start and _adjacent(folded, prop, token, end):
            facts = [f for f in facts if _sole_unit(f)]  # a bare number, in the fact's unit
        else:
            facts = []
        if facts:
            chosen = (prop, facts, is_near)
            break
    if chosen is None:
        return None
    prop, facts, is_near = chosen
    adjacent = is_near and _adjacent(folded, prop, token, end)
    kind = _qualifier(folded, max(cs, claim.prev_end), token, prop if is_near else None)
    trailing = _TRAILING.match(text[end:ce].lower())
    if trailing:
        kind = trailing.lastgroup or kind
    verdicts = []
    for fact in facts:
        q = quantity if quantity.dimension else _in_unit(token, fact)
        verdict = _verdict(fact, q, claim.partner_quantity, kind, adjacent)
        if verdict is True:
            return None
        if isinstance(verdict, tuple):
            verdicts.append((fact, verdict))
    if not verdicts:
        return None
    fact, (compared_kind, bad) = verdicts[0]
    claimed = text[token.start : end]
    documented = _documented(fact, compared_kind)
    previous = fact.previous.get(compared_kind, ())
    outdated = any(bad.agrees(v.quantity) for v in previous)
    shown_kind = "range" if claim.partner else KIND_WORDS.get(kind or "exact", "value")
    words = text[cs:ce].strip(" ;|,.—›\n")
    return fact, claimed.strip(), shown_kind, documented, outdated, words


_UNLESS: dict[str, re.Pattern[str]] = {}


def _excluded(fact: Fact, folded: str) -> bool:
    """The card names a case the fact does not cover (its `unless` words, as whole words)."""
    if not fact.unless:
        return False
    pattern = _UNLESS.get(fact.id)
    if pattern is None:
        words = "|".join(re.escape(u) for u in fact.unless)
        pattern = _UNLESS[fact.id] = re.compile(rf"(?<![a-z0-9])(?:{words})(?:s|es)?(?![a-z0-9])")
    return pattern.search(folded) is not None


_NAMED: dict[tuple[int, str], list[Fact]] = {}


def _facts_named(catalogue: FactCatalogue, key: str) -> list[Fact]:
    """Facts whose alias is the mention or one of its tails ("max iops" also names the
    facts whose alias is "iops"), longest first (remembered per catalogue and mention)."""
    memo = (id(catalogue), key)
    found = _NAMED.get(memo)
    if found is None:
        words = key.split()
        seen: set[str] = set()
        found = []
        for i in range(len(words)):
            for fact in catalogue.facts_by_alias.get(" ".join(words[i:]), ()):
                if fact.id not in seen:
                    seen.add(fact.id)
                    found.append(fact)
        if len(_NAMED) > 10_000:
            _NAMED.clear()
        _NAMED[memo] = found
    return found


def _sole_unit(fact: Fact) -> bool:
    if len(fact.dimensions) != 1:
        return False
    dim = next(iter(fact.dimensions))
    return dim.startswith(COUNT) or dim in (IOPS, RATE)


def _in_unit(token: Token, fact: Fact) -> Quantity:
    return Quantity(token.number, next(iter(fact.dimensions)))


def _adjacent(folded: str, prop: _Mention, token: Token, end: int) -> bool:
    """The number sits right by its property: only filler words between them."""
    if prop.end <= token.start:
        gap = folded[prop.end : token.start]
    elif end <= prop.start:
        gap = folded[end : prop.start]
    else:
        return False
    words = gap.replace("?", " ").replace(":", " ").split()
    odd = [w for w in words if w.strip("()/.=-") and w.strip("()/.=-") not in _FILLER]
    return len(words) <= 4 and (not odd or (len(odd) == 1 and len(odd[0]) <= 5))


def _qualifier(folded: str, cs: int, token: Token, prop: _Mention | None) -> str:
    """default, max or min from the words nearest before the number, "" if none."""
    start = cs
    if prop is not None and prop.start < token.start:
        start = max(cs, prop.start - 12)
    window = folded[start : token.start]
    kind = ""
    for m in _QUALIFIER.finditer(window):
        kind = m.lastgroup or kind
    return kind


def _agrees(q: Quantity, values: Iterable[Value]) -> bool:
    return any(q.agrees(v.quantity) for v in values)


def _verdict(
    fact: Fact, q: Quantity, hi: Quantity | None, kind: str, adjacent: bool
) -> bool | tuple[str, Quantity] | None:
    """True: the claim agrees; (kind, value): it contradicts the documented `kind`; None: the
    fact says nothing about it."""
    accept = fact.accept
    exact = fact.documented("exact")

    def check(value: Quantity, as_kind: str) -> bool | tuple[str, Quantity] | None:
        target = fact.documented(as_kind) or exact
        if not target:
            return None
        if _agrees(value, target) or _agrees(value, accept):
            return True
        return (as_kind if fact.documented(as_kind) else "exact", value)

    if hi is not None:  # a range claim
        if kind == "max":
            return check(hi, "max") if fact.documented("max") else None
        if kind == "min":
            return check(q, "min") if fact.documented("min") else None
        results = []
        if fact.documented("min"):
            results.append(check(q, "min"))
        if fact.documented("max"):
            results.append(check(hi, "max"))
        bad = [r for r in results if isinstance(r, tuple)]
        if bad:
            return bad[0]
        return True if results else None
    if kind in ("max", "min", "default"):
        return check(q, kind)
    if not adjacent:
        return None
    if fact.bare in ("max", "min", "default", "exact"):
        return check(q, fact.bare)
    if exact:
        return check(q, "exact")
    lo, top = fact.documented("min"), fact.documented("max")
    if not lo and not top:
        return None
    if _agrees(q, accept) or any(_agrees(q, v) for v in fact.values.values()):
        return True
    if (
        top
        and q.magnitude > max(v.quantity.magnitude for v in top)
        and q.dimension == top[0].quantity.dimension
    ):
        return ("max", q)
    if (
        lo
        and q.magnitude < min(v.quantity.magnitude for v in lo)
        and q.dimension == lo[0].quantity.dimension
    ):
        return ("min", q)
    return True


def _documented(fact: Fact, kind: str) -> str:
    values = fact.documented(kind) or fact.documented("exact")
    word = KIND_WORDS[kind] if fact.documented(kind) else ""
    shown = " or ".join(v.text for v in values)
    parts = [f"{word} {shown}".strip()]
    if kind != "default" and fact.documented("default") and kind != "exact":
        parts.append("default " + " or ".join(v.text for v in fact.documented("default")))
    return ", ".join(parts)


def _core(quote: str, claimed: str) -> str:
    """The words of a claim without a leading label ("Firehose: near real-time..." and "near
    real-time..." are one claim)."""
    cut = quote.rfind(": ", 0, max(quote.find(claimed), 0))
    return quote[cut + 2 :] if cut >= 0 else quote


def check_cards(
    catalogue: FactCatalogue,
    cards: Iterable[tuple[str, str, str | Sequence[str], int]],
    path: str = "",
) -> list[Finding]:
    """Findings for many cards (front, back, topic path, line) of one file, one per claim:
    the same words in several cards (a definition and its fact cloze, a heading whose meaning
    gathers its sub-items) are reported once per topic, at the last line holding them (the
    sub-item's own line: a parent's card comes before its sub-items)."""
    best: dict[tuple[str, str, str, str], Finding] = {}
    for front, back, topic, line in cards:
        where = topic if isinstance(topic, str) else " > ".join(topic)
        for f in check_card(catalogue, front, back, topic, path, line):
            key = (where, f.fact, f.claimed, _core(f.quote, f.claimed))
            held = best.get(key)
            if held is None or f.line > held.line:  # a sub-item's own line, not its parent's
                best[key] = f
    once: dict[tuple[int, str, str], Finding] = {}  # a line's claim asked two ways: said once
    for f in best.values():
        once.setdefault((f.line, f.fact, f.claimed), f)
    return sorted(once.values(), key=lambda f: (f.line, f.fact))
