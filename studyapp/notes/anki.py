"""Anki notes as studyapp cards (pure: rows in, drafts out).

A card's text is its Anki template rendered with the note's fields, then made plain: HTML is
read with `html.parser` (never rendered, never passed on as markup), entities unescaped, line
breaks kept, scripts and styles dropped. Media (images, sounds) are not imported: each
reference is counted so the importer can say so. A cloze card's front shows its own deletion
as "[...]" (as studyapp's cloze cards do) and its back is the deleted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from studyapp.notes.model import BASIC, CLOZE, REVERSED

BLOCKS = frozenset({"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})
SKIPPED = frozenset({"script", "style", "head", "title"})
SOUND = re.compile(r"\[sound:[^\]]*\]")
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
SECTION = re.compile(r"\{\{([#^])\s*([^}]+?)\s*\}\}(.*?)\{\{/\s*\2\s*\}\}", re.DOTALL)
TAG = re.compile(r"\{\{\s*([^#^/{}][^{}]*?)\s*\}\}")
ANSWER_RULE = re.compile(r"<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>", re.IGNORECASE)
DOMAIN_TAG = re.compile(r"^([a-z]{3}-c\d{2})(?:::domain[-_]?|::|:)(\d+(?:\.\d+)?)$", re.IGNORECASE)


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.media = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self._break()
        elif tag in ("img", "audio", "video", "object", "embed"):
            self.media += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(self.skip - 1, 0)
        elif tag in BLOCKS and tag != "br":
            self._break()

    def _break(self) -> None:
        """A block's edge: a new line unless one was just started."""
        if self.parts and not "".join(self.parts[-2:]).endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def plain(html: str) -> tuple[str, int]:
    """(plain text, media references dropped) from a field's or a rendered template's HTML."""
    sounds = len(SOUND.findall(html))
    parser = _Plain()
    parser.feed(SOUND.sub("", html))
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip(), parser.media + sounds


def render(template: str, fields: dict[str, str], cloze: int | None, answer: bool) -> str:
    """An Anki template with the note's fields: `{{Field}}`, `{{filter:Field}}`, `{{#F}}..{{/F}}`,
    `{{^F}}..{{/F}}`, `{{cloze:F}}` (card `cloze`, 1-based). `{{FrontSide}}` is left out: the back
    of a studyapp card is only its answer. Unknown fields render as nothing."""

    def section(m: re.Match[str]) -> str:
        present = bool(fields.get(m.group(2).strip(), "").strip())
        keep = present if m.group(1) == "#" else not present
        return m.group(3) if keep else ""

    previous = None
    while previous != template:  # nested sections, innermost last
        previous, template = template, SECTION.sub(section, template)

    def tag(m: re.Match[str]) -> str:
        spec = m.group(1).strip()
        if spec == "FrontSide":
            return ""
        *filters, name = [p.strip() for p in spec.split(":")]
        value = fields.get(name, "")
        if "type" in filters:
            return ""  # the typing box; the answer is shown by the answer side's other fields
        if "cloze" in filters:
            return cloze_text(value, cloze, answer)
        return value

    return TAG.sub(tag, template)


def cloze_text(text: str, number: int | None, answer: bool) -> str:
    """A cloze field for card `number`: its own deletions hidden as "[...]" (or their text on
    the answer side); the other deletions shown as their text."""

    def one(m: re.Match[str]) -> str:
        if number is not None and int(m.group(1)) == number and not answer:
            return "[...]"
        return m.group(2)

    return CLOZE_RE.sub(one, text)


def cloze_answers(text: str, number: int) -> list[str]:
    return [m.group(2) for m in CLOZE_RE.finditer(text) if int(m.group(1)) == number]


def cloze_numbers(text: str) -> list[int]:
    return sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)})


@dataclass(frozen=True, slots=True)
class CardText:
    kind: str
    front: str
    back: str
    media: int  # media references left out


def card_text(
    cloze: bool,
    field_names: tuple[str, ...],
    values: tuple[str, ...],
    templates: tuple[tuple[str, str, str], ...],
    ord_: int,
) -> CardText | None:
    """What an Anki card asks and answers, as plain text; None if it renders empty."""
    fields = dict(zip(field_names, values, strict=False))
    if cloze:
        if not templates:
            return None
        _name, qfmt, afmt = templates[0]
        number = ord_ + 1
        front, m1 = plain(render(qfmt, fields, number, answer=False))
        answers = []
        media = m1
        for name in field_names:
            if f"cloze:{name}" in qfmt.replace(" ", ""):
                for a in cloze_answers(fields.get(name, ""), number):
                    text, m = plain(a)
                    media += m
                    answers.append(text)
        extra_fmt = re.sub(r"\{\{\s*cloze:[^}]*\}\}", "", afmt)
        extra, m2 = plain(ANSWER_RULE.split(render(extra_fmt, fields, number, True))[-1])
        back = "; ".join(a for a in answers if a)
        if extra:
            back = f"{back}\n\n{extra}" if back else extra
        if "[...]" not in front or not back:
            return None
        return CardText(CLOZE, front, back, media + m2)
    if ord_ >= len(templates):
        return None
    _name, qfmt, afmt = templates[ord_]
    front, m1 = plain(render(qfmt, fields, None, answer=False))
    back_html = render(afmt, fields, None, answer=True)
    back, m2 = plain(ANSWER_RULE.split(back_html)[-1])
    if not front:
        return None
    return CardText(BASIC if ord_ == 0 else REVERSED, front, back, m1 + m2)


def tag_domains(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Anki tags naming an exam domain ("saa-c03::domain-2", "saa-c03::2", "saa-c03:1.2") as
    studyapp's domain overrides ("saa-c03:2"); other tags are ignored."""
    out = []
    for tag in tags:
        m = DOMAIN_TAG.match(tag.strip())
        if m:
            out.append(f"{m.group(1).lower()}:{m.group(2)}")
    return tuple(dict.fromkeys(out))


def domain_tag(exam: str, domain: int) -> str:
    """The Anki tag an export gives a card of `exam`'s domain `domain`."""
    return f"{exam.lower()}::domain-{domain}"


# ---- the other way: studyapp cards as Anki notes -----------------------------------------------
CLOZE_LIKE = frozenset({CLOZE, "fact", "emphasis", "statement"})  # fronts with one "[...]"


def deck_name(topic_path: str, root: str = "studyapp") -> str:
    """A topic path ("SQS > Visibility timeout") as an Anki deck ("SQS::Visibility timeout");
    a card outside any topic goes to `root`. A "::" inside a heading would nest a deck: kept
    as ":"."""
    parts = [p.strip().replace("::", ":") for p in topic_path.split(" > ") if p.strip()]
    return "::".join(parts) if parts else root


def field_html(text: str) -> str:
    """Plain text as an Anki field: escaped (our text is data, never markup), lines kept."""
    import html

    return html.escape(text, quote=False).replace("\n", "<br>")


def as_cloze(kind: str, front: str, back: str) -> str | None:
    """The Anki cloze text of a studyapp cloze card ("the limit is [...]" + "256 KiB" ->
    "the limit is {{c1::256 KiB}}"), escaped as a field; None when the card is not one (or
    its answer would break Anki's cloze syntax)."""
    if kind not in CLOZE_LIKE or front.count("[...]") != 1 or not back.strip():
        return None
    if "}}" in back or "::" in back or "{{" in front:
        return None
    before, _, after = front.partition("[...]")
    return f"{field_html(before)}{{{{c1::{field_html(back.strip())}}}}}{field_html(after)}"
