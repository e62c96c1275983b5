"""Cards a tutor would write from ordinary notes: definitions, table cells, numeric facts."""

from __future__ import annotations

import re

from studyapp.notes.text import is_link_only, is_url, plain

# --- definitions -------------------------------------------------------------------------------

_BOLD_TERM = re.compile(
    r"^(?:\*\*|__)(?P<term>[^*_]{1,80}?)(?P<colon>:?)(?:\*\*|__)(?P<colon2>:?)\s*"
    r"(?:(?P<sep>[-–—=])\s+)?(?P<rest>.*)$"
)
_ITALIC_ONLY = re.compile(r"^(?:\*[^*]+\*|_[^_]+_)$")
_PLAIN_SEP = re.compile(r":\s|:$|\s=\s|\s[—–→]\s")
_HYPHEN_SEP = re.compile(r":\s|:$|\s=\s|\s[—–→]\s|\s-\s")
MAX_HYPHEN_TERM_WORDS = 5
_STOP_TERMS = frozenset(
    "note notes nb important recommended warning tip tips todo example examples e.g eg i.e ie "
    "solution explanation architecture answer question q a result output input step why how "
    "remember caution hint see also".split()
)
_TRAILING_WORDS = frozenset(
    "for by of to with as like is are was were include includes including e.g such "
    "the a an and or that which this these then when if".split()
)
_LEADING_WORDS = frozenset(
    "there this these those it its they you your we our i if when so but also because how why "
    "let's lets then once after before while since and or".split()
)
_VERBS = frozenset("is are does do not cannot can't has have will".split())
# "(m)", "(i, d)": a letter code in parentheses names nothing on its own side of the card
_CODE_ONLY = re.compile(r"\(\s*\w{1,3}(?:\s*,\s*\w{1,3})*\s*\)")
MAX_TERM_CHARS = 60
MAX_TERM_WORDS = 6


def _term_ok(term: str) -> bool:
    if not term or len(term) > MAX_TERM_CHARS or is_url(term):
        return False
    if _CODE_ONLY.fullmatch(term):
        return False
    words = term.split()
    short_caps = len(term) <= 2 or term.casefold() not in _STOP_TERMS
    if len(words) == 1 and term.isupper() and short_caps:
        return term[0].isalnum()  # "A", "NS": a record type, not an article
    if len(words) > MAX_TERM_WORDS or term.casefold().strip(" .") in _STOP_TERMS:
        return False
    if words[-1].casefold() in _TRAILING_WORDS or words[0].casefold() in _LEADING_WORDS:
        return False
    if any(w.casefold() in _VERBS for w in words[1:]):
        return False  # "snapshots are INCREMENTAL" is a statement, not a term
    if ". " in term or term.endswith((".", ",", "?", "!")) or "http" in term:
        return False
    return term[0].isalnum() or term[0] in "(\"'"


def _meaning_ok(meaning: str, raw: str) -> bool:
    return len(meaning) >= 2 and not is_url(meaning) and not is_link_only(raw)


def _trim_label(meaning: str) -> str:
    """Drop a dangling "Scaling types:" that introduces sub-items from a meaning's end."""
    if meaning.endswith(":"):
        cut = meaning.rfind(". ")
        if cut > 0:
            return meaning[: cut + 1]
    return meaning


def split_definition(
    raw: str, continuation: bool = False, hyphen: bool = False
) -> tuple[str, str] | None:
    """``(term, meaning)`` for ``Term: meaning``, ``**Term** - meaning``, ``Term = meaning``
    (and ``Term - meaning`` with ``hyphen``, for list items and outline lines).

    The meaning may be empty when the term ends with a colon (its sub-items then explain it).
    ``Term = meaning`` needs a short term without a comma at the start of a statement, so a
    ``continuation`` (a soft-wrapped line of a sentence) is never one.
    """
    raw = raw.strip()
    if not raw:
        return None
    if raw.startswith(("**", "__")):
        m = _BOLD_TERM.match(raw)
        if m:
            term = plain(m["term"])
            rest = m["rest"]
            has_sep = bool(m["colon"] or m["colon2"] or m["sep"])
            if not has_sep and rest and not _ITALIC_ONLY.match(rest):
                return None
            if not has_sep and not rest:
                return None
            if _term_ok(term):
                meaning = plain(rest)
                if not rest or _meaning_ok(meaning, rest):
                    return term, meaning
            return None
    m = (_HYPHEN_SEP if hyphen else _PLAIN_SEP).search(raw)
    if not m or m.start() == 0:
        return None
    raw_term = raw[: m.start()]
    if "://" in raw[m.start() : m.start() + 4] or raw_term.count("`") % 2:
        return None
    term = plain(raw_term)
    if not _term_ok(term) or term[-1].isdigit() and raw[m.start() + 1 : m.start() + 2].isdigit():
        return None
    rest = raw[m.end() :]
    meaning = plain(rest)
    if not rest.strip():
        return (term, "") if m.group(0).startswith(":") else None
    if not _meaning_ok(meaning, rest):
        return None
    sep = m.group(0).strip()
    if sep == "=" and (continuation or "," in term):
        return None  # "..., generation 7, g = Graviton" is prose, not a definition
    if sep == "-" and (len(term.split()) > MAX_HYPHEN_TERM_WORDS or " " not in meaning):
        return None  # "user1 - dev" or a long clause before a dash is not a term
    if sep in "—–→" and " " not in meaning:
        return None  # "How DNS Works – Step-by-Step" is a title, not a definition
    if sep == "→" and len(term.split()) > 3:
        return None  # "Go to RDS Console → Proxies" is a path, not a definition
    return term, _trim_label(meaning)


# --- generic qualities ----------------------------------------------------------------------

# A feature list's quality label ("Scalable", "Fully managed", "Cost-efficient", "Integration
# with AWS services") asks a vague question whose answer is a claim any service makes.
_QUALITY = re.compile(
    r"(?:(?:fully|highly|massively|infinitely|very|super)\s+)?"
    r"(?:managed|scalable|available|elastic|durable|reliable|secure|flexible|cheap|fast|"
    r"cost[- ]?(?:efficient|effective)|serverless|event[- ]driven|easy to use|performant|"
    r"resilient)"
    r"|(?:automatic|automated|elastic|seamless|infinite|unlimited)\s+(?:scaling|scalability)"
    r"|no\s+(?:server|infrastructure)s?(?:\s+management)?|no\s+servers\s+to\s+manage"
    r"|(?:seamless|easy)\s+integrations?"
    r"|(?:seamless\s+)?integrat(?:ion|ed|es)\s+with\s+(?:other\s+)?aws(?:\s+services)?",
    re.I,
)
_QUALITY_HINT = re.compile(
    r"manag|scal|availab|elastic|durab|reliab|secur|flexib|cheap|fast|cost|serverless|event|"
    r"easy|perform|resilien|integrat|server|infra",
    re.I,
)
MAX_QUALITY_CHARS = 60
_QUALITY_JOIN = re.compile(r"\s*(?:&|/|,|\band\b|\+)\s*", re.I)
_EDGE = re.compile(r"^\W+|\W+$")


def is_generic_quality(term: str) -> bool:
    """True for a label that names a quality every service claims ("Scalable", "Secure &
    Scalable", "Fully managed?"), not a feature of its own ("Auto Scaling", "High availability"
    with its mechanism are kept: their words name something)."""
    if len(term) > MAX_QUALITY_CHARS or not _QUALITY_HINT.search(term):
        return False  # most terms name no quality at all: one quick search says so
    parts = [_EDGE.sub("", p) for p in _QUALITY_JOIN.split(_EDGE.sub("", term))]
    parts = [p for p in parts if p]
    return bool(parts) and all(_QUALITY.fullmatch(p) for p in parts)


# --- numeric facts ---------------------------------------------------------------------------

_NUM = r"\d+(?:[.,]\d+)*"
_UNIT = (
    r"(?:%|ms\b|milliseconds?\b|seconds?\b|secs?\b|s\b|minutes?\b|mins?\b|hours?\b|hrs?\b|h\b|"
    r"days?\b|weeks?\b|months?\b|years?\b|yrs?\b|[KMGTP]i?B(?:/s)?\b|[KMGT]bps\b|bytes?\b|"
    r"IOPS\b|AZs?\b|availability zones?\b|regions?\b|read replicas?\b|replicas?\b|instances?\b|"
    r"nodes?\b|copies\b|times\b|x\b|characters?\b|chars\b|requests?\b|messages?\b|"
    r"connections?\b|transactions?\b|TPS\b|RPS\b|vCPUs?\b|cores?\b|GHz\b|objects?\b|"
    r"buckets?\b|users?\b|retries\b|attempts?\b|partitions?\b|shards?\b|targets?\b|rules?\b|"
    r"versions?\b|digits?\b|nines\b|tables?\b|accounts?\b|snapshots?\b|volumes?\b|"
    r"subnets?\b|VPCs?\b|IP(?:v[46])? addresses\b|IPs?\b|addresses\b|records?\b|items?\b|"
    r"parts?\b|files?\b)"
    r"(?:\s?/\s?(?:sec|second|s|month|mo|hour|hr|day|shard|GB|TB)\b)?"
)
_PER = r"(?:month|mo|hour|hr|day|year|GB|TB|million|request|vCPU)\b"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?"
_FACT = re.compile(
    rf"(?<!route )(?<![\w.$/-])(?:\$\s?{_NUM}(?:\s?[KMB]\b)?(?:\s?(?:per|/)\s?{_PER})?"
    rf"|{_RANGE}\s?{_UNIT}"
    rf"|{_NUM}\s?(?:-|–)\s?{_NUM}(?![\w.:/-]))"
    rf"|\b(?:maximum|minimum|default|up to|limit|at least|at most|max|min)\s*:?\s*"
    rf"(?P<kw>{_RANGE}(?:\s?{_UNIT})?)(?![\w.:/-])",
    re.I,
)
_DATE = re.compile(r"^\d{4}-\d{1,2}(?:-\d{1,2})?$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
MAX_SENTENCE = 300
MAX_FACTS_PER_LINE = 2


_EXAMPLE = re.compile(r"(?<!\w)(?:e\.\s?g\.?|eg\.|for example)(?!\w)", re.I)
_EXAMPLE_END = re.compile(r"[);]|(?<=[.!?])\s+(?=[A-Z(])")
_PARENS = re.compile(r"\(([^(),]*,[^()]*)\)")  # no comma before the first: linear
_BARE_VALUE = re.compile(r"^\s*(?:and\s+|or\s+)?\$?\d[\d.,]*\s?[A-Za-z%/]*\s*$")


def example_regions(text: str) -> list[tuple[int, int]]:
    """Where examples sit: after "e.g." / "for example" up to ``)``, ``;`` or the sentence's end,
    and parenthesised lists of bare values such as "(100 ms, 200 ms, 1 s)"."""
    regions: list[tuple[int, int]] = []
    if "e" in text and ("g." in text or "xample" in text or "G." in text):
        stop: re.Match[str] | None = None
        searched = False
        for m in _EXAMPLE.finditer(text):
            if not searched or (stop is not None and stop.start() < m.end()):
                stop = _EXAMPLE_END.search(text, m.end())  # searched again only past the last
                searched = True
            regions.append((m.start(), stop.start() if stop else len(text)))
    if "(" in text:
        for m in _PARENS.finditer(text):
            if all(_BARE_VALUE.match(item) for item in m.group(1).split(",")):
                regions.append(m.span())
    return regions


def fact_spans(text: str) -> list[tuple[int, int]]:
    """Where numbers with units (or ranges, money, limits) sit in a plain-text line; numbers
    given as examples are not facts to learn."""
    spans: list[tuple[int, int]] = []
    examples: list[tuple[int, int]] | None = None
    for m in _FACT.finditer(text):
        start, end = m.span("kw") if m.group("kw") else m.span()
        value = text[start:end].rstrip()
        if _DATE.match(value):
            continue
        if examples is None:
            examples = example_regions(text)
        if any(a <= start < b for a, b in examples):
            continue
        if spans and text[spans[-1][1] : start].strip() == "(":
            continue  # "15 minutes (900 seconds)": the same value said twice
        spans.append((start, start + len(value)))
        if len(spans) == MAX_FACTS_PER_LINE:
            break
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The sentence of ``text`` holding ``[start, end)``, with the span's place in it."""
    s_start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            s_start = m.end()
        else:
            break
    nxt = _SENTENCE_END.search(text, end)
    s_end = nxt.start() if nxt else len(text)
    sentence = text[s_start:s_end]
    if len(sentence) > MAX_SENTENCE:
        return None
    return sentence, start - s_start, end - s_start


# --- tables ----------------------------------------------------------------------------------

_GENERIC_HEADERS = frozenset(
    (
        "description",
        "details",
        "detail",
        "benefit",
        "benefits",
        "what it does",
        "meaning",
        "explanation",
        "notes",
        "note",
        "value",
        "info",
        "information",
        "summary",
        "definition",
        "purpose",
        "description / behavior",
    )
)


def table_prompt(caption: str, key: str, column: str, columns: int) -> str:
    """Front of a table-cell card: caption, row key and column header as a clear question."""
    key = key.rstrip("?: ")
    column = column.rstrip("?: ")
    head = f"{caption} — {key}" if caption and caption.casefold() != key.casefold() else key
    if columns == 2 and (not column or column.casefold() in _GENERIC_HEADERS):
        return f"{head}?"
    return f"{head}: {column or 'value'}?"
