"""The card browser's search, as Anki's Browse reads it: words, `topic:`, `domain:` and `is:`.

Pure: text in, a `CardSearch` out (the store turns it into SQL). Every term must hold (AND):

- a bare word, or a "quoted phrase": the card's front or back contains it (any case);
- `topic:TEXT`: the card's topic path contains TEXT (`topic:"Queues compared"` for spaces);
- `domain:CODE[:N[.M]]`: the topic counts toward that exam, domain or task statement
  (`domain:saa-c03`, `domain:saa-c03:2`, `domain:dva-c02:1.3`);
- `is:STATE`: new, learning (learning or relearning), review, due, suspended, buried, leech;
  `-is:STATE` for the cards not in that state.

A term the search cannot read is a `SearchError` naming the term and what is allowed.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

STATES = ("new", "learning", "review", "due", "suspended", "buried", "leech")
_DOMAIN = re.compile(r"^[a-z0-9-]+(?::\d+(?:\.\d+)?)?$")


class SearchError(ValueError):
    """A search the browser cannot read; the message names the term and the allowed forms."""


@dataclass(frozen=True, slots=True)
class CardSearch:
    words: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    not_states: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.words or self.topics or self.domains or self.states or self.not_states)


def parse_search(text: str) -> CardSearch:
    """Read a search line; raises SearchError on an unknown `is:` state, an empty `topic:`,
    a malformed `domain:` or an unclosed quote."""
    try:
        terms = shlex.split(text, posix=True)
    except ValueError as exc:
        raise SearchError(f"search {text!r}: {exc} (close the quote)") from exc
    words: list[str] = []
    topics: list[str] = []
    domains: list[str] = []
    states: list[str] = []
    not_states: list[str] = []
    for term in terms:
        key, sep, value = term.partition(":")
        key = key.lower()
        if not sep or key not in ("topic", "domain", "is", "-is"):
            words.append(term)
            continue
        if key == "topic":
            if not value.strip():
                raise SearchError('topic: needs some text, e.g. topic:SQS or topic:"Queues"')
            topics.append(value.strip())
        elif key == "domain":
            code = value.strip().lower()
            if not _DOMAIN.match(code):
                raise SearchError(
                    f"domain:{value}: write an exam code, then optionally a domain or task"
                    " statement: domain:saa-c03, domain:saa-c03:2, domain:dva-c02:1.3"
                )
            domains.append(code)
        else:
            state = value.strip().lower()
            if state not in STATES:
                raise SearchError(f"{term}: the states are {', '.join(STATES)}")
            (states if key == "is" else not_states).append(state)
    return CardSearch(tuple(words), tuple(topics), tuple(domains), tuple(states), tuple(not_states))
