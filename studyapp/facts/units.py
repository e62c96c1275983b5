"""Numbers with units, as learners and the AWS docs write them, normalised for comparison (pure).

A :class:`Quantity` is a magnitude in a base unit of one dimension: seconds for time, bytes for
sizes (KB and KiB alike are 1,024: learners write "KB" for AWS's KiB, and 256 KB vs 256 KiB is
not a mistake worth a flag), bytes per second, bits per second (network speeds are decimal),
IOPS, IOPS per GiB, events per second, percent, or a count of a named thing ("15 replicas").
Two quantities agree when they share a dimension and differ by at most :data:`TOLERANCE`
(so "10 GB" agrees with 10,240 MB, "15 months" with 455 days, "50 TB" with 48.8 TiB).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOLERANCE = 0.05

TIME = "time"
SIZE = "size"
THROUGHPUT = "throughput"
BITRATE = "bitrate"
IOPS = "iops"
IOPS_PER_GIB = "iops_per_gib"
RATE = "per_second"
PERCENT = "percent"
COUNT = "count:"  # + the singular noun, e.g. "count:replica"

_TIME_UNITS: dict[str, float] = {
    "ms": 0.001,
    "msec": 0.001,
    "millisecond": 0.001,
    "s": 1,
    "sec": 1,
    "second": 1,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hr": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
    "wk": 604800,
    "week": 604800,
    "mo": 2_629_746,  # a mean month, 30.44 days
    "month": 2_629_746,
    "yr": 31_556_952,  # a mean year, 365.24 days
    "year": 31_556_952,
}
_SIZE_UNITS: dict[str, float] = {
    "b": 1,
    "byte": 1,
    "kb": 1024,
    "kib": 1024,
    "kilobyte": 1024,
    "mb": 1024**2,
    "mib": 1024**2,
    "megabyte": 1024**2,
    "gb": 1024**3,
    "gib": 1024**3,
    "gigabyte": 1024**3,
    "tb": 1024**4,
    "tib": 1024**4,
    "terabyte": 1024**4,
    "pb": 1024**5,
    "pib": 1024**5,
    "petabyte": 1024**5,
}
_BIT_UNITS: dict[str, float] = {"kbps": 1e3, "mbps": 1e6, "gbps": 1e9, "tbps": 1e12}
_NUMBER_WORDS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
}
_IRREGULAR = {
    "copies": "copy",
    "policies": "policy",
    "indexes": "index",
    "indices": "index",
    "retries": "retry",
    "entries": "entry",
    "addresses": "address",
    "queries": "query",
    "aliases": "alias",
    "statuses": "status",
    "bytes": "byte",
    "azs": "az",
}


def singular(word: str) -> str:
    """The singular, case-folded form of a count noun ("Replicas" -> "replica")."""
    w = word.casefold()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 2:
        return w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class Quantity:
    magnitude: float  # in the dimension's base unit
    dimension: str

    def agrees(self, other: Quantity, tolerance: float = TOLERANCE) -> bool:
        if self.dimension != other.dimension:
            return False
        a, b = self.magnitude, other.magnitude
        if a == b:
            return True
        if self.dimension == PERCENT:  # 99.9% and 99.99% are different promises
            return abs(a - b) < 1e-9
        return abs(a - b) <= tolerance * max(abs(a), abs(b))

    def __str__(self) -> str:
        return describe(self)


# --- parsing --------------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_PER_SECOND = r"(?:\s?/\s?s(?:ec(?:ond)?)?\b|\s?ps\b|\s+per\s+sec(?:ond)?\b|\s+a\s+second\b)"
_SIZE_RE = r"(?:[kmgtp]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?)"
_TIME_RE = (
    r"(?:milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|d|"
    r"weeks?|wks?|months?|mos?|years?|yrs?)"
)
_RATE_WORDS = (
    r"(?:tps|rps|qps|(?:[a-z/]+\s+){0,2}?(?:transactions?|requests?|calls?|operations?|ops|"
    r"messages?|records?|events?|queries|reads?|writes?|invocations?|executions?|puts?|gets?)"
    r"(?:\s+per\s+sec(?:ond)?\b|\s?/\s?s(?:ec(?:ond)?)?\b|\s+a\s+second\b)"
    r"|per\s+sec(?:ond)?\b|/\s?sec(?:ond)?\b)"
)
# Number, then optional unit. The unit alternatives are tried in order: rates and throughput
# before plain sizes and times, so "1 MB/s" is a throughput and "300 TPS" a rate.
QUANTITY = re.compile(
    rf"(?<![\w.,$/-])(?P<num>{_NUM}|(?:{_WORDS})(?=\s))(?P<k>k(?![a-z]))?"
    rf"(?:\s?(?P<unit>"
    rf"(?P<bits>(?-i:[KMGTkmgt]bps)|[kmgt]bits?/s|[kmgt]bits?\s+per\s+second)"
    rf"|(?P<thr>{_SIZE_RE}){_PER_SECOND}"
    rf"|(?P<iopsg>iops\s?(?:/|per)\s?gi?b)"
    rf"|(?P<iops>iops)"
    rf"|(?P<rate>{_RATE_WORDS})"
    rf"|(?P<pct>%|\s?percent\b)"
    rf"|(?P<size>{_SIZE_RE})"
    rf"|(?P<time>{_TIME_RE})"
    rf")(?![a-z0-9]))?",
    re.IGNORECASE,
)
_WORD_BEFORE_COUNT = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){0,2}?", re.IGNORECASE)


def _number(text: str) -> float:
    word = _NUMBER_WORDS.get(text.casefold())
    if word is not None:
        return word
    return float(text.replace(",", ""))


def _unit_key(unit: str) -> str:
    u = unit.casefold().strip()
    if u in _SIZE_UNITS or u in _TIME_UNITS:
        return u
    return singular(u)


@dataclass(frozen=True, slots=True)
class Token:
    """A number found in text, with its unit when one follows it (`quantity` None: bare)."""

    start: int
    end: int
    number: float
    quantity: Quantity | None
    is_word: bool  # written as a word ("two"): never a value without a unit
    num_end: int = 0  # where the number itself ends (a count's noun may follow)


def scan(text: str, count_nouns: frozenset[str] = frozenset()) -> list[Token]:
    """Every number in `text` with its unit; `count_nouns` (singular, case-folded) are the
    things a count may be of ("replica"): "15 read replicas" is 15 of "replica"."""
    tokens: list[Token] = []
    for m in QUANTITY.finditer(text):
        raw = m["num"]
        is_word = not raw[0].isdigit()
        number = _number(raw) * (1000 if m["k"] else 1)
        end = m.end()
        quantity = _quantity(m, number)
        if quantity is None and count_nouns:
            found = _count(text, end, count_nouns)
            if found is not None:
                noun, end = found
                quantity = Quantity(number, COUNT + noun)
        if is_word and quantity is None:
            continue
        num_end = m.end("k") if m["k"] else m.end("num")
        tokens.append(
            Token(m.start(), end if quantity else num_end, number, quantity, is_word, num_end)
        )
    return tokens


_NOUN = re.compile(r"\s?([A-Za-z][A-Za-z-]*)")


def _count(text: str, pos: int, nouns: frozenset[str]) -> tuple[str, int] | None:
    """A count noun within two words after `pos`: "15 read replicas" -> ("replica", end)."""
    at = pos
    for _ in range(3):
        m = _NOUN.match(text, at)
        if m is None:
            return None
        noun = singular(m.group(1))
        if noun in nouns:
            return noun, m.end()
        at = m.end()
        if at < len(text) and text[at] not in " ":
            return None
    return None


def _quantity(m: re.Match[str], number: float) -> Quantity | None:
    if m["thr"]:
        return Quantity(number * _SIZE_UNITS[_unit_key(_size_word(m["thr"]))], THROUGHPUT)
    if m["bits"]:
        key = re.sub(r"bits?(?:/s|\s+per\s+second)", "bps", m["bits"].casefold())
        return Quantity(number * _BIT_UNITS[key], BITRATE)
    if m["iopsg"]:
        return Quantity(number, IOPS_PER_GIB)
    if m["iops"]:
        return Quantity(number, IOPS)
    if m["rate"]:
        return Quantity(number, RATE)
    if m["pct"]:
        return Quantity(number, PERCENT)
    if m["size"]:
        return Quantity(number * _SIZE_UNITS[_unit_key(_size_word(m["size"]))], SIZE)
    if m["time"]:
        return Quantity(number * _TIME_UNITS[_unit_key(_time_word(m["time"]))], TIME)
    return None


def _size_word(unit: str) -> str:
    u = unit.casefold()
    return singular(u) if u.endswith("s") and len(u) > 3 else u


_TIME_ALIASES = {"secs": "sec", "mins": "min", "hrs": "hr", "msecs": "msec", "wks": "wk"}
_TIME_ALIASES |= {"mos": "mo", "yrs": "yr"}


def _time_word(unit: str) -> str:
    u = unit.casefold()
    if u in _TIME_ALIASES:
        return _TIME_ALIASES[u]
    return singular(u) if len(u) > 3 else u


def parse_quantity(text: str, count_nouns: frozenset[str] = frozenset()) -> Quantity:
    """One quantity written alone ("30 seconds", "1 MiB", "15 replicas"); ValueError if the
    text is anything else. Used for the catalogue, whose values must each have a unit."""
    text = text.strip()
    nouns = count_nouns
    m = re.fullmatch(rf"({_NUM})\s*([A-Za-z][A-Za-z-]*)", text)
    if m and singular(m.group(2)) not in nouns and _plain_unit(m.group(2)) is None:
        nouns = nouns | {singular(m.group(2))}  # a count of anything the catalogue names
    tokens = scan(text, nouns)
    if len(tokens) != 1 or tokens[0].quantity is None or tokens[0].start != 0:
        raise ValueError(f"{text!r} is not a number with a unit")
    if tokens[0].end != len(text):
        raise ValueError(f"{text!r} has more after its unit")
    return tokens[0].quantity


def _plain_unit(word: str) -> Quantity | None:
    tokens = scan(f"1 {word}")
    return tokens[0].quantity if tokens else None


# --- describing ------------------------------------------------------------------------------

_TIME_STEPS = (
    (31_556_952, "year"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
    (1, "second"),
    (0.001, "millisecond"),
)
_SIZE_STEPS: tuple[tuple[int, str], ...] = (
    (1024**5, "PiB"),
    (1024**4, "TiB"),
    (1024**3, "GiB"),
    (1024**2, "MiB"),
    (1024, "KiB"),
    (1, "bytes"),
)


def _fmt(n: float) -> str:
    if abs(n - round(n)) < 1e-9:
        return f"{round(n):,}"
    return f"{n:,.2f}".rstrip("0").rstrip(".")


def describe(q: Quantity) -> str:
    """A readable form ("12 hours", "1 MiB", "300 per second") for messages and tests."""
    m, dim = q.magnitude, q.dimension
    if dim == TIME:
        for size, name in _TIME_STEPS:
            if m >= size and (m / size == round(m / size) or size == 1 or size == 0.001):
                n = m / size
                return f"{_fmt(n)} {name}{'' if n == 1 else 's'}"
        return f"{_fmt(m)} seconds"
    if dim in (SIZE, THROUGHPUT):
        suffix = "/s" if dim == THROUGHPUT else ""
        for size, name in _SIZE_STEPS:
            if m >= size and (m / size >= 1):
                n = m / size
                if n == round(n) or size == 1 or name != "bytes":
                    return f"{_fmt(n)} {name}{suffix}"
        return f"{_fmt(m)} bytes{suffix}"
    if dim == BITRATE:
        for size, name in ((1e12, "Tbps"), (1e9, "Gbps"), (1e6, "Mbps"), (1e3, "Kbps")):
            if m >= size:
                return f"{_fmt(m / size)} {name}"
        return f"{_fmt(m)} bps"
    if dim == IOPS:
        return f"{_fmt(m)} IOPS"
    if dim == IOPS_PER_GIB:
        return f"{_fmt(m)} IOPS per GiB"
    if dim == RATE:
        return f"{_fmt(m)} per second"
    if dim == PERCENT:
        return f"{m:.12f}".rstrip("0").rstrip(".") + "%"
    if dim.startswith(COUNT):
        noun = dim[len(COUNT) :]
        return f"{_fmt(m)} {noun if m == 1 else plural(noun)}"
    return _fmt(m)


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
