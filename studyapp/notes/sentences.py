"""What a plain-text statement is, for the cards derived from it (pure text rules, no cards).

- an *example* ("suppose ...", "let's say ...", "e.g. ...", "for example ...", "if TTL = ...")
  teaches no fact of its own: nothing in it becomes a card;
- *code* (JSON, commands, ``key=value`` configuration) is never a card;
- *emphasis*: ``**bold**`` spans, ALL-CAPS stress words ("NOT", "ONLY", "STATEFUL") and lines a
  learner marked with a leading ``**``;
- a *comparison* ("unlike X, Y ...", "X vs Y: ...") and a *statement* ("X is/are Y") are split into
  the parts a card asks about.
"""

from __future__ import annotations

import re

# --- examples and code ---------------------------------------------------------------------

_EXAMPLE_LEAD = re.compile(
    r"^\W*(?:suppose|say|let'?s|lets|imagine|assume|for\s+example|for\s+instance|e\.\s?g\.?|eg\b|"
    r"example\b|ex\b|i\.e\.\s+if|if\s+(?:you|we|your|the|a|an)?\s*\w+\s*=|scenario\b|"
    r"think\s+of\s+it\b|analogy\b|picture\s+this\b)",
    re.I,
)
_EXAMPLE_LABEL = re.compile(r"^\W*(?:examples?|e\.\s?g\.?|for example|scenario|sample)\W*$", re.I)


def is_example(text: str) -> bool:
    """True for a statement that sets up a made-up example rather than stating a fact."""
    return bool(_EXAMPLE_LEAD.match(text))


def is_example_label(text: str) -> bool:
    """True for a line such as ``Example:`` that introduces example lines."""
    return bool(_EXAMPLE_LABEL.match(text))


_CODE_SIGNS = re.compile(
    r"^\s*[{\[<]|[{}]|=>|\(\)|;\s*$|^\s*(?:\$\s|>\s|#!|sudo\b|aws\s+[a-z0-9-]+\s+[a-z]|npm\b|pip\b|"
    r"curl\b|export\b|def\b|const\b|let\s+\w+\s*=|var\b|import\b|SELECT\b|GET\s+\S+:|SET\s+\S+:)"
)
_SYMBOLIC = re.compile(r"[:/{}=_<>$\"\[\]]")


def looks_like_code(text: str) -> bool:
    """JSON, a command or a ``key:value``-style line: not prose a card can be made of."""
    if _CODE_SIGNS.search(text):
        return True
    tokens = [t for t in text.split() if t not in ("->", "→", "-", "=", "|", "/")]
    if len(tokens) < 2:
        return False
    symbolic = sum(1 for t in tokens if _SYMBOLIC.search(t.rstrip(":,.")))
    return symbolic * 2 > len(tokens)


# --- emphasis --------------------------------------------------------------------------------

# ALL-CAPS words a learner uses for stress; acronyms such as SQS or VPC are not stress.
STRESS = frozenset(
    "NOT NO NEVER ONLY MUST ALWAYS CANNOT CAN'T CAN DON'T DOESN'T ISN'T WON'T ALL ONE BOTH "
    "DEFAULT REQUIRED NEED NEEDS BEFORE AFTER SAME DIFFERENT FREE INCREMENTAL "
    "STATEFUL STATELESS PUBLIC PRIVATE TWICE WITH WITHOUT DOWNTIME".split()
)
_CAPS = re.compile(r"(?<![\w'])[A-Z][A-Z']+(?![\w'])")
_MODAL_BEFORE = re.compile(r"(?:\b(?:can|is|are|does|do|will|must|should|was|were)\s+)$", re.I)
# A span never holds its own delimiter (as in CommonMark), so an unclosed ``**`` stops at the next
# one instead of scanning to the end of the line: linear however many are left open.
_BOLD = re.compile(
    r"(?<![\\*])\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"
    r"|(?<![\w\\])__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
)
_PREFIX = re.compile(r"^\s*\*\*\s+")
_NEGATION = re.compile(r"\b(?:cannot|can't|can not|never|not|only|must|always|no)\b", re.I)


def emphasis_prefixed(raw: str) -> bool:
    """A line the learner marked as important with a leading ``**`` and a space."""
    return bool(_PREFIX.match(raw))


def bold_texts(raw: str) -> list[str]:
    """The text of each ``**bold**`` span of a Markdown line, as written (Markdown inside kept)."""
    if "**" not in raw and "__" not in raw:
        return []
    return [m.group(1) or m.group(2) for m in _BOLD.finditer(raw)]


def stress_spans(text: str) -> list[tuple[int, int]]:
    """ALL-CAPS stress words of a plain-text line (with a modal before a negation: "can NOT")."""
    if text.isupper():
        return []
    spans = []
    for m in _CAPS.finditer(text):
        if m.group(0) not in STRESS:
            continue
        start = m.start()
        if m.group(0) in ("NOT", "NEVER"):
            window = max(0, start - 40)  # a modal is a short word just before: look no further
            before = _MODAL_BEFORE.search(text, window, start)
            if before:
                start = before.start()
        spans.append((start, m.end()))
    return spans


def negation_span(text: str) -> tuple[int, int] | None:
    """The first negation or restriction word ("cannot", "only", "must") of a statement."""
    m = _NEGATION.search(text)
    if not m:
        return None
    start = m.start()
    if m.group(0).casefold() == "not":
        before = _MODAL_BEFORE.search(text[:start])
        if before:
            start = before.start()
    return start, m.end()


# --- comparisons and statements --------------------------------------------------------------

_UNLIKE = re.compile(r"^\W*unlike\s+(?P<other>[^,:;]{2,60}?)\s*,\s*(?P<rest>.{8,})$", re.I)
_VS = re.compile(
    r"^(?P<a>[^:;,.]{2,50}?)\s+(?:vs\.?|versus)\s+(?P<b>[^:;,.]{2,50}?)\s*[:—–-]\s+(?P<rest>.{8,})$",
    re.I,
)
_VERB = re.compile(
    r"\b(?:is|are|has|have|can|cannot|can't|does|do|doesn't|don't|costs?|needs?|uses?|keeps?|"
    r"supports?|works?|allows?|returns?|stores?|gives?|runs?|scales?|charges?|only|must|never)\b",
    re.I,
)


def split_unlike(text: str) -> tuple[str, str, str] | None:
    """``unlike X, Y does Z`` -> ``(X, Y, "Y does Z")`` (Y: the words before the first verb)."""
    m = _UNLIKE.match(text)
    if not m:
        return None
    rest = m["rest"].strip().rstrip(".")
    verb = _VERB.search(rest)
    if not verb or verb.start() == 0 or len(rest[: verb.start()].split()) > 6:
        return None
    subject = rest[: verb.start()].strip()
    return m["other"].strip(), subject, rest


def split_vs(text: str) -> tuple[str, str, str] | None:
    """``X vs Y: statement`` -> ``(X, Y, statement)``."""
    m = _VS.match(text)
    if not m:
        return None
    return m["a"].strip(), m["b"].strip(), m["rest"].strip()


_COPULA = re.compile(r"^(?P<subj>[^,;:()]{2,60}?)\s+(?P<verb>is|are)\s+(?P<pred>.+)$", re.I)
_PRONOUN_LEAD = frozenset(
    "it this that these those there they you we i he she which what who how why when where "
    "here doing using having each every some any all one your my our their its his her".split()
)
_WEAK_PRED = re.compile(
    r"^(?:also|very|quite|really|just|used|useful|important|recommended|good|great|better|best|"
    r"possible|available|needed|required|called|known|like|similar|same|here|there|more|less|"
    r"easy|simple|done|based)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:(]|\s[—–]\s|\s-\s|\.\s|\.$|\s(?:and|but|so|which|because|when|if)\s")
MAX_SUBJECT_WORDS = 5
MAX_PREDICATE_WORDS = 6
LIST_TAIL_WORDS = 4


def split_statement(text: str) -> tuple[int, int] | None:
    """Where the predicate of a short ``X is/are Y`` statement sits, for a cloze of Y."""
    m = _COPULA.match(text)
    if not m:
        return None
    subj = m["subj"].strip()
    words = subj.split()
    if not words or len(words) > MAX_SUBJECT_WORDS or words[0].casefold() in _PRONOUN_LEAD:
        return None
    if words[0].casefold().endswith("ing"):
        return None
    start = m.start("pred")
    pred = m["pred"]
    lead = re.match(r"(?:not\s+)?(?:an?\s+|the\s+)?", pred, re.I)
    skip = lead.end() if lead else 0
    end_m = _CLAUSE_END.search(pred, skip)
    end = end_m.start() if end_m else len(pred.rstrip(". "))
    if end_m and pred[end] == "," and len(pred[end:].split()) <= LIST_TAIL_WORDS:
        end = len(pred.rstrip(". "))  # "embedded into a user, group, or role": keep the list
    clause = pred[skip:end].strip()
    if not clause or _WEAK_PRED.match(clause) or len(clause.split()) > MAX_PREDICATE_WORDS:
        return None
    if len(clause) < 3:
        return None
    return start + skip, start + skip + len(clause)


# A sentence that defines a named thing: "Amazon RDS Proxy is a fully managed proxy for ...".
_DEFINES = re.compile(
    r"^(?:(?:[Tt]he|[Aa]n?)\s+)?(?P<subj>[A-Z0-9][\w/&.+'-]*(?:\s+(?:\([^()]{1,40}\)|[\w/&.+'-]+)){0,5}?)"
    r"\s+(?:is|are)\s+(?P<pred>(?:an?|the)\s+[^.;:!?]{8,160}?)\s*(?:[.;:!?](?:\s|$)|$)"
)
_ARTICLE = re.compile(r"^(?:the|an?)\s+(?=\S)", re.I)
MIN_DEFINING_WORDS = 4


def split_defining(text: str) -> tuple[str, str] | None:
    """``(subject, what it is)`` for a sentence that starts by defining a named thing ("Amazon
    ElastiCache is a managed in-memory cache ..."); None for a pronoun or a short predicate
    (those are statements: a cloze of the predicate)."""
    m = _DEFINES.match(text)
    if not m:
        return None
    subj = _ARTICLE.sub("", m["subj"].strip())
    first = subj.split()[0].casefold()
    if first in _PRONOUN_LEAD or first.endswith("ing"):
        return None
    pred = m["pred"].strip()
    if len(pred.split()) < MIN_DEFINING_WORDS:
        return None
    return subj, pred
