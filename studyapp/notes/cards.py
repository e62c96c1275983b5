"""Cards and comparison tables for one section: explicit cards first, then derived ones.

Rules, in order, per text block:
1. explicit cards (``::``, ``:::``, ``?``/``??``, ``==cloze==``) use their lines up;
2. a definition (``Term: meaning``...) becomes a DEFINITION card, unless its meaning starts with
   its only number with a unit, which makes a FACT cloze instead (``Default: 30 seconds``,
   ``Burst: up to 70%``): both would ask the same thing. A later number in the meaning adds
   a FACT cloze next to the definition; numbers given as examples ("e.g. 100 ms") make none;
3. other numbers with units become FACT clozes with the topic (and list context) in front.
The same front never appears twice in one topic. Tables give one TABLE_ROW card per cell outside
the key column, and a :class:`TableDraft` kept whole for display.
"""

from __future__ import annotations

import re

from studyapp.notes.blocks import ITEM, MAX_TABLE_COLUMNS, TABLE, Block, Section
from studyapp.notes.derived import (
    fact_spans,
    is_generic_quality,
    sentence_around,
    split_definition,
    table_prompt,
)
from studyapp.notes.explicit import explicit_cards
from studyapp.notes.groups import Group, Siblings, find_groups, find_sibling_topics, find_siblings
from studyapp.notes.model import (
    CHOICE,
    COMPARISON,
    DEFINITION,
    DERIVED_KINDS,
    EMPHASIS,
    FACT,
    LIST,
    STATEMENT,
    TABLE_ROW,
    CardDraft,
    TableDraft,
)
from studyapp.notes.sentences import (
    bold_texts,
    emphasis_prefixed,
    is_example,
    is_example_label,
    looks_like_code,
    negation_span,
    split_defining,
    split_statement,
    split_unlike,
    split_vs,
    stress_spans,
)
from studyapp.notes.text import is_link_only, plain

_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_DIGIT = re.compile(r"\d")
MAX_CHILDREN = 8
MAX_CHILD_CHARS = 150
MAX_CONTEXT_CHARS = 60
MAX_CLOZES_PER_LINE = 2
EMPHASIS_SHARE = 0.8  # a span this much of its line is a label, not something to recall
MIN_PROMPT_CHARS = 12
MAX_STATEMENT_CHARS = 160
MAX_LIST_CHARS = 250
MAX_FALLBACK_TOP_WORDS = 3
MAX_CHOICE_CHARS = 150
# A lone passive verb, perhaps with an adverb ("cached", "reused efficiently") as the whole answer
_BARE_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en|wn|lt|nt)(?:\s+[a-z]+ly)?", re.I)
_WORD = re.compile(r"[\w$%./+-]+")
_EXAMPLE_TITLE = re.compile(r"\bexample\b(?!s)", re.I)
_WITH_WITHOUT = re.compile(r"^\W*(?:with|without)\b", re.I)
# "Spot Block (discontinued)": a feature AWS has retired is not worth learning any more
_RETIRED = re.compile(
    r"\((?:discontinued|deprecated|retired|no longer (?:available|offered))\)", re.I
)
# "Why use ElastiCache?", "Why use it?": reasons to adopt a service, a sales pitch, not facts
_WHY_USE = re.compile(r"^\W*why\s+(?:use|choose|pick|adopt)\b", re.I)
_EXAMPLE_COLUMN = re.compile(r"\bexamples?\b|\bscenarios?\b|\be\.g\b", re.I)
_BARE_NUMBER = re.compile(r"^\s*[\d.,]+\s*(?:\([^)]*\))?\s*$")
# A column header naming what its numbers measure ("Max IOPS", "Retention (days)", "Ports"):
# its bare numbers state a property of the row's AWS thing.
_QUANTITY_HEADER = re.compile(
    r"\b(?:max(?:imum)?|min(?:imum)?|limit|quota|size|iops|throughput|latency|retention|timeout|"
    r"ttl|port|ports|days?|hours?|minutes?|seconds?|gi?b|ti?b|mi?b|ki?b|mbps|gbps|count|"
    r"capacity|duration|period|length|number|price|cost|rate|tps|rps)\b",
    re.I,
)
# Words that may come before the value in a meaning that is just a value ("up to 70%").
_VALUE_LEAD = re.compile(
    r"^(?:\W|\b(?:up|to|max(?:imum)?|min(?:imum)?|of|at|least|most|about|around|approx(?:\.|imately)?|"
    r"roughly|only|default|by|is|are)\b)*$",
    re.I,
)


_GENERIC_TITLES = frozenset(
    (
        "key points",
        "overview",
        "key features",
        "features",
        "use cases",
        "important notes",
        "notes",
        "summary",
        "benefits",
        "pricing",
        "cost",
        "security",
        "examples",
        "example",
        "limitations",
        "performance",
        "introduction",
        "basics",
        "details",
        "considerations",
        "best practices",
        "important exam points",
        "exam tips",
        "definition",
        "advantages",
    )
)


def _topic_context(path: tuple[str, ...]) -> str:
    """The topic's title, led by its parent's when the title alone says little ("Key Points")."""
    title = path[-1] if path else ""
    named = split_definition(title, hyphen=True)
    if named is not None:
        title = named[0]  # an outline line "hosted zone = container of records" heads its lines
    if len(path) > 1 and title.casefold() in _GENERIC_TITLES:
        return f"{path[-2]} › {title}"
    return title


class _Collector:
    def __init__(self, section: Section) -> None:
        self.path = section.topic.path
        self.title = _topic_context(self.path)
        # the parent topic, for a prompt whose own topic is already in its words; not a long
        # top heading (a document title such as "Messaging, streaming and data - my notes")
        parent = self.path[-2] if len(self.path) > 1 else ""
        top = len(self.path) == 2 and len(parent.split()) > MAX_FALLBACK_TOP_WORDS
        self.fallback = "" if top else parent
        # "IAM Policy Example", "Example: e-commerce app": a worked example teaches no new facts
        self.example = bool(_EXAMPLE_TITLE.search(section.topic.title)) or bool(
            _RETIRED.search(section.topic.title)
        )
        self.cards: list[CardDraft] = []
        self.tables: list[TableDraft] = []
        self._fronts: set[str] = set()
        self.rejected: list[tuple[int, str]] = []  # (line, why its "::" made no card)

    def add(self, kind: str, front: str, back: str, line: int, term: str = "") -> int:
        """Add a card unless its front repeats one of this topic or a derived prompt holds its
        own answer; 1 when added."""
        key = " ".join(front.casefold().split())
        if not front or not back or key in self._fronts:
            return 0
        if kind in DERIVED_KINDS and _gives_away(front, back):
            return 0
        self._fronts.add(key)
        self.cards.append(CardDraft(self.path, kind, front, back, line, term))
        return 1

    def add_card(self, card: CardDraft) -> None:
        key = " ".join(card.front.casefold().split())
        if card.front and card.back and key not in self._fronts:
            self._fronts.add(key)
            self.cards.append(card)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _gives_away(front: str, back: str) -> bool:
    """A prompt that already says its answer ("... all the [...]" / "4 subnets ... 4 subnets")."""
    answer = _norm(back)
    if len(answer) < 2:
        return False
    if f" {answer} " in f" {_norm(front.replace('[...]', ' '))} ":
        return True
    return _spells_out(front, back)


MAX_NAME_WORDS = 4
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_SPLIT_WORDS = re.compile(r"[^\W\d_]+")


def _spells_out(front: str, back: str) -> bool:
    """A prompt that spells out its answer's acronym ("First-In-First-Out delivery" -> "FIFO
    queues") gives it away as surely as saying it."""
    if len(back.split()) > MAX_NAME_WORDS or not _ACRONYM.search(back):
        return False  # a long answer may well use the acronym the prompt spells out
    initials = "".join(w[0] for w in _SPLIT_WORDS.findall(front)).casefold()
    return any(a.casefold() in initials for a in _ACRONYM.findall(back))


def _units(lines: list[tuple[int, str]], used: set[int], joined: bool) -> list[tuple[int, str]]:
    """Logical statements of a block: a line, with soft-wrapped continuation lines joined."""
    units: list[tuple[int, list[str]]] = []  # parts joined once at the end: linear time
    for no, text in lines:
        if no in used:
            continue
        text = _LIST_MARK.sub("", text, count=1).strip()
        if not text:
            continue
        if (
            joined
            and units
            and text[0].islower()
            and not units[-1][1][-1].endswith((".", ":", "!", "?"))
            and split_definition(text, continuation=True) is None
        ):
            units[-1][1].append(text)
        else:
            units.append((no, [text]))
    return [(no, " ".join(parts)) for no, parts in units]


def _context(block: Block, title: str, fallback: str = "") -> list[str]:
    """Context words for a card front: topic title, then the nearest list parent or label."""
    near = ""
    if block.parent:
        split = split_definition(block.parent)
        near = split[0] if split else block.parent
        if len(near) > MAX_CONTEXT_CHARS:
            near = ""
    if not near:
        near = block.label
    parts = [title] if title else []
    if near and near.casefold() not in title.casefold():
        parts.append(near)
    if fallback:
        parts.append("\0" + fallback)
    return parts


def _prefix(parts: list[str], text: str) -> str:
    """Context pieces not already said in ``text``, joined as "Topic › Sub-context". The last
    piece may be a fallback (the parent topic, marked with a leading NUL) used only when nothing
    else is left, so a prompt is never without context."""
    folded = text.casefold()
    fallback = parts[-1][1:] if parts and parts[-1].startswith("\0") else ""
    keep = [p for p in parts if not p.startswith("\0") and p.casefold() not in folded]
    said = any(p.casefold() == folded.strip() for p in parts)  # "SQS" under "SQS" needs none
    if not keep and not said and fallback and fallback.casefold() not in folded:
        keep = [fallback]
    return " › ".join(keep)


def _facts(col: _Collector, ctx: list[str], text: str, line: int) -> int:
    made = 0
    for start, end in fact_spans(text):
        found = sentence_around(text, start, end)
        if found is None:
            continue
        sentence, s, e = found
        if is_example(sentence):
            continue
        made += col.add(FACT, _cloze(ctx, sentence, s, e), sentence[s:e], line)
    return made


def _cloze(ctx: list[str], sentence: str, s: int, e: int) -> str:
    after = sentence[e:]
    if after.startswith(("(", "[")):
        after = f" {after}"  # "[...](x)" would read as a Markdown link
    cloze = f"{sentence[:s]}[...]{after}".strip()
    head = _prefix(ctx, sentence)
    if head:
        return f"{head} {cloze}" if head.endswith(":") else f"{head}: {cloze}"
    return cloze


def _value_led(meaning: str, first_value: int) -> bool:
    """True when a meaning starts with its number ("30 seconds before a retry", "up to 70%").
    With one number only, a fact cloze of it asks what the definition asks: only the fact is
    kept. A meaning holding several numbers keeps its definition, which asks for all of them."""
    return not meaning[:first_value].strip() or bool(_VALUE_LEAD.match(meaning[:first_value]))


def _emphasis(
    col: _Collector, ctx: list[str], raw: str, text: str, line: int, prefixed: bool = True
) -> int:
    """Cloze deletions of the spans the learner emphasised (bold, ALL-CAPS stress, a ``**``
    line): the emphasised words are hidden, the sentence around them is the prompt."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for bold in bold_texts(raw):
        words = plain(bold).strip(" :")
        at = text.find(words, pos) if len(words) >= 2 else -1
        if at >= 0:
            spans.append((at, at + len(words)))
            pos = at + len(words)
    spans.extend(stress_spans(text))
    if not spans and prefixed and emphasis_prefixed(raw):
        found = split_statement(text) or negation_span(text)
        if found:
            spans.append(found)
    made = 0
    taken: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda sp: (sp[0], sp[0] - sp[1])):
        if any(a < end and start < b for a, b in taken) or len(taken) == MAX_CLOZES_PER_LINE:
            continue  # "NOT" inside a bold "NOT RECOMMENDED": one cloze
        if end - start > EMPHASIS_SHARE * len(text) or start == 0:
            continue  # the whole line is bold, or a lead-in: a label, not a span to recall
        taken.append((start, end))
        around = sentence_around(text, start, end)
        if around is None:
            continue
        sentence, s, e = around
        if len(sentence[s:e].strip(" ().,")) < 2 or len(sentence) - (e - s) < MIN_PROMPT_CHARS:
            continue
        made += col.add(EMPHASIS, _cloze(ctx, sentence, s, e), sentence[s:e].strip(), line)
    return made


def _comparison(col: _Collector, ctx: list[str], text: str, line: int) -> int:
    """ "unlike X, Y does Z" and "X vs Y: statement" become a card asking how they differ."""
    unlike = split_unlike(text)
    if unlike is not None:
        other, subject, rest = unlike
        head = _prefix(ctx, text)
        front = f"{head}: {subject} vs {other}" if head else f"{subject} vs {other}"
        return col.add(COMPARISON, f"{front} — how does {subject} differ?", rest, line)
    vs = split_vs(text)
    if vs is not None:
        a, b, rest = vs
        head = _prefix(ctx, f"{a} {b}")
        front = f"{head}: {a} vs {b}" if head else f"{a} vs {b}"
        return col.add(COMPARISON, f"{front}?", rest, line)
    return 0


def _statement(col: _Collector, ctx: list[str], text: str, line: int) -> int:
    """A short "X is/are Y" statement: a cloze of Y (the key term of a plain sentence)."""
    if len(text) > MAX_STATEMENT_CHARS:
        return 0
    found = split_statement(text)
    if found is None:
        return 0
    around = sentence_around(text, *found)
    if around is None:
        return 0
    sent, s, e = around
    if _BARE_PARTICIPLE.fullmatch(sent[s:e]):
        return 0  # "data is [...]" -> "preserved": a lone verb, one of many that would fit
    return col.add(STATEMENT, _cloze(ctx, sent, s, e), sent[s:e], line)


def _definition(
    col: _Collector,
    ctx: list[str],
    block: Block,
    no: int,
    raw: str,
    text: str,
    definition: tuple[str, str],
    first_line: int,
) -> bool:
    term, meaning = definition
    children = block.children if no == first_line else []
    if not meaning and block.kind == ITEM and 0 < len(children) <= MAX_CHILDREN:
        named = sum(1 for c in children if split_definition(c, hyphen=True) is not None)
        if named * 2 < len(children) and all(
            len(c) <= MAX_CHILD_CHARS and not c.endswith(":") for c in children
        ):
            meaning = "; ".join(children)  # a list card (children that are terms make their own)
    if not meaning:
        return False
    if looks_like_code(meaning) or meaning.endswith(":"):
        return True  # code, or a lead-in to the sub-items that follow
    spans = fact_spans(meaning) if _DIGIT.search(meaning) else []
    if is_generic_quality(term):
        if spans:
            _facts(col, ctx, text, no)  # "Durable: 99.999999999 %": the number is the fact
        return True  # "Scalable: scales as traffic grows" says what every service says
    if len(spans) == 1 and _value_led(meaning, spans[0][0]):
        _facts(col, ctx, text, no)  # the definition would ask the same thing
        return True
    head = _prefix(ctx, term)
    col.add(DEFINITION, f"{head} — {term}" if head else term, meaning, no, term=term)
    return True


def _text_block(col: _Collector, block: Block, grouped: set[int]) -> None:
    cards, used, lines, rejected = explicit_cards(block.lines, col.path)
    col.rejected.extend(rejected)
    for card in cards:
        col.add_card(card)
    ctx = _context(block, col.title, col.fallback)
    first_line = block.lines[0][0] if block.lines else 0
    hyphen = block.kind == ITEM or not block.joined
    example = (
        col.example
        or is_example(block.parent)
        or _EXAMPLE_TITLE.search(block.label)
        or is_example(block.label)  # "Think of it like this:" above an analogy
        or bool(_RETIRED.search(block.parent))  # the sub-items of "Spot Block (discontinued)"
    )
    for no, raw in _units(lines, used, block.joined):
        if no in grouped or is_link_only(raw):
            continue
        text = plain(raw)
        if not text:
            continue
        if is_example_label(text):
            example = True
            continue
        if example or is_example(text) or looks_like_code(text) or _RETIRED.search(text):
            continue
        if split_vs(text) is not None and _comparison(col, ctx, text, no):
            continue
        definition = split_definition(raw, hyphen=hyphen)
        if definition is not None and _definition(
            col, ctx, block, no, raw, text, definition, first_line
        ):
            continue
        if _comparison(col, ctx, text, no):
            continue
        made = _facts(col, ctx, text, no) if _DIGIT.search(text) else 0
        made += _emphasis(col, ctx, raw, text, no, prefixed=not made)
        if not made:
            made = _statement(col, ctx, text, no)
        if not made:
            _defining(col, ctx, text, no)


def _defining(col: _Collector, ctx: list[str], text: str, line: int) -> int:
    """A sentence that opens by defining a named thing ("X is a managed proxy for ...")
    becomes a DEFINITION card of X."""
    found = split_defining(text)
    if found is None:
        return 0
    term, meaning = found
    head = _prefix(ctx, term)
    return col.add(DEFINITION, f"{head} — {term}" if head else term, meaning, line, term=term)


def _group_cards(col: _Collector, group: Group) -> None:
    ctx = _context(group.block, col.title, col.fallback)
    head = _prefix(ctx, group.name) or col.fallback
    name = f"{head} › {group.name}" if head else group.name
    if group.steps:
        steps = [m.text for m in group.members]
        if len("; ".join(steps)) > MAX_LIST_CHARS:
            return
        col.add(LIST, f"{name}: the steps, in order?", "; ".join(steps), group.line)
        return
    named = [m for m in group.members if m.term]
    for m in named:
        if is_generic_quality(m.term):
            continue
        meaning = m.meaning.rstrip(" .;:")
        if (
            _norm(m.term) in _norm(meaning)
            or len(meaning) > MAX_CHOICE_CHARS
            or _spells_out(meaning, m.term)  # "EBS: Elastic Block Store": ask what EBS is
        ):
            col.add(DEFINITION, f"{name} — {m.term}", m.meaning, m.line, term=m.term)
        else:
            col.add(CHOICE, f"{name} — which one: {meaning}?", m.term, m.line, term=m.term)
    items = [m.term for m in named] if named else [m.text for m in group.members]
    if len("; ".join(items)) > MAX_LIST_CHARS or not group.complete:
        return  # a list missing kinds written another way would teach a wrong "all N"
    col.add(LIST, f"{name}: name all {len(items)}?", "; ".join(items), group.line)


def _table_block(col: _Collector, block: Block) -> None:
    caption = block.label or col.title
    width = len(block.header)
    col.tables.append(TableDraft(col.path, caption, block.header, block.rows, block.line))
    if width > MAX_TABLE_COLUMNS:  # the reader has warned: not a comparison to drill
        return
    if sum(1 for h in block.header[1:] if _WITH_WITHOUT.match(h)) >= 2:
        return  # "Without X | With X": an illustration of a benefit, kept for reading only
    if _WHY_USE.match(caption):
        return  # "Why use X?": its rows are selling points, kept for reading only
    for k, row in enumerate(block.rows):
        key = row[0] if row else ""
        if not key:
            continue
        if (
            _WHY_USE.match(key)
            or is_generic_quality(key)
            and not any(fact_spans(c) for c in row[1:])
        ):
            continue  # "Fully managed? | Yes": a claim, not a fact to recall
        for j in range(1, width):
            cell = row[j]
            if _EXAMPLE_COLUMN.search(block.header[j]):
                continue  # an illustrative column
            if _BARE_NUMBER.match(cell) and not _QUANTITY_HEADER.search(block.header[j]):
                continue  # a number under a header that names no property it measures
            if cell:
                front = table_prompt(caption, key, block.header[j], width)
                col.add(TABLE_ROW, front, cell, block.line + 2 + k)


def section_cards(
    section: Section,
) -> tuple[list[CardDraft], list[TableDraft], list[tuple[int, str]]]:
    """All cards and tables of one section, in source order, and ``(line, reason)`` for each
    line whose ``::`` looked meant as a card but was not read as one."""
    col = _Collector(section)
    units = {
        i: _units(b.lines, set(), b.joined) for i, b in enumerate(section.blocks) if b.kind != TABLE
    }
    groups = find_groups(section.topic.title, section.blocks, units)
    grouped = set().union(*(g.lines for g in groups)) if groups else set()
    for group in groups:
        _group_cards(col, group)
    title = split_definition(section.topic.title, hyphen=True)
    if title is not None and title[1] and section.topic.level > 1:
        head = _prefix([col.fallback], title[0])
        front = f"{head} — {title[0]}" if head else title[0]
        col.add(DEFINITION, front, title[1], section.topic.line, term=title[0])
    for block in section.blocks:
        if block.kind == TABLE:
            _table_block(col, block)
        else:
            _text_block(col, block, grouped)
    for siblings in find_siblings(section.blocks):
        _sibling_cards(col, siblings)
    if title is None and section.topic.level > 1 and not col.example and not groups:
        _heading_gloss(col, section, units)
    return col.cards, col.tables, col.rejected


# How a line that glosses its heading starts: "A report that ...", "Destination for ...", or a
# verb saying what the thing does ("Reduces API calls ...", "Postpone delivery ...").
_GLOSS_NOUN = re.compile(r"^(?:an?|the)\s+[a-z]|^[A-Z][a-z]+\s+(?:for|of|that|which)\s", re.I)
_GLOSS_VERBS = frozenset(
    "provide allow enable let store keep hold reduce increase ensure support emulate facilitate "
    "prevent protect route send deliver postpone delay hide move copy replicate cache run scale "
    "monitor track record log list show create manage control distribute translate convert "
    "connect limit block filter encrypt deploy use give help automate capture collect aggregate "
    "analyze analyse detect replace retain save serve stream process transform queue buffer "
    "balance offer make define determine identify specify schedule trigger invoke execute launch "
    "assign attach associate map resolve return check verify validate authenticate authorize "
    "grant deny restrict isolate share sync synchronize transfer migrate import export restore "
    "archive delete expire rotate sign speed accelerate lower cut improve decouple notify "
    "publish push pull poll receive read write".split()
)


def _glosses(text: str) -> bool:
    if _GLOSS_NOUN.match(text):
        return True
    word = text.split(maxsplit=1)[0].casefold() if text else ""
    stems = {word, word[:-1], word[:-2]} if word.endswith("s") else {word}
    if word.endswith("ies"):
        stems.add(word[:-3] + "y")
    return bool(stems & _GLOSS_VERBS)


MIN_GLOSS_WORDS = 4
MAX_TERM_GLOSS_WORDS = 6
MAX_GLOSS_CHARS = 200


def _heading_gloss(
    col: _Collector, section: Section, units: dict[int, list[tuple[int, str]]]
) -> None:
    """A heading that names a thing, whose first line says what it is or does ("Dead-letter
    queues" then "- Destination for messages that failed ..."): a DEFINITION card of the
    heading, when that line made no card of its own."""
    name = section.topic.title.strip()
    folded = name.casefold()
    if not name or name.endswith(("?", ":")) or len(name.split()) > MAX_TERM_GLOSS_WORDS:
        return
    if any(folded == g or folded.endswith(f" {g}") for g in _GENERIC_TITLES):
        return  # "SQS Use Cases": the lines under it are many things, not one gloss
    first = next((i for i, b in enumerate(section.blocks) if units.get(i)), None)
    if first is None or section.blocks[first].kind == TABLE:
        return
    block = section.blocks[first]
    if block.depth or block.parent or block.label:
        return
    no, raw = units[first][0]
    text = plain(raw)
    if len(text) > MAX_GLOSS_CHARS or text.endswith(":") or not _glosses(text):
        return
    sentence = sentence_around(text, 0, 1)
    gloss = (sentence[0] if sentence else text).strip().rstrip(".")
    if (
        len(gloss.split()) < MIN_GLOSS_WORDS
        or any(c.line == no for c in col.cards)
        or split_definition(raw, hyphen=True) is not None
        or is_example(text)
        or looks_like_code(text)
    ):
        return
    head = _prefix([col.fallback], name)
    front = f"{head} — {name}" if head else name
    col.add(DEFINITION, front, gloss, no, term=name)


def _sibling_cards(col: _Collector, siblings: Siblings) -> None:
    """Kinds side by side with their properties ("Private IP:" / "Public IP:", each with what
    holds for it): per property, a CHOICE card asking which kind it belongs to."""
    ctx = _context(siblings.block, col.title, col.fallback)
    for kind in siblings.kinds:
        for line, prop in kind.properties:
            if _norm(kind.answer) in _norm(prop):
                continue  # "Spot instances can be reclaimed" names its own kind
            head = _prefix(ctx, prop) or col.title
            front = f"{head} — which one: {prop}?" if head else f"Which one: {prop}?"
            col.add(CHOICE, front, kind.answer, line, term=kind.name)


def sibling_topic_cards(sections: list[Section]) -> list[CardDraft]:
    """Sibling topics naming kinds, each listing its properties (an outline's "Private IP" and
    "Public IP" with what holds for each): per property, a CHOICE card of which kind it is."""
    cards: list[CardDraft] = []
    by_line = {s.topic.line: s.topic.path for s in sections}
    for parent, kinds in find_sibling_topics(sections):
        head = _topic_context(parent)
        for kind in kinds:
            path = by_line.get(kind.line, parent)
            for line, prop in kind.properties:
                if _norm(kind.answer) in _norm(prop):
                    continue
                front = f"{head} — which one: {prop}?" if head else f"Which one: {prop}?"
                if not _gives_away(front, kind.answer):
                    cards.append(CardDraft(path, CHOICE, front, kind.answer, line, kind.name))
    return cards
