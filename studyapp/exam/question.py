"""One bank question: the record, and the checks that turn a YAML mapping into it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from studyapp.exam.guide import ExamGuide
from studyapp.util.yamlsafe import LineDict

DIFFICULTIES = ("easy", "medium", "hard")
FIELDS = (
    "id",
    "exam",
    "domain",
    "task",
    "difficulty",
    "stem",
    "choose",
    "options",
    "correct",
    "explanations",
    "references",
)
OPTIONAL = ("origin",)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LETTER = re.compile(r"^[A-Z]$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Question:
    id: str
    exam: str
    domain: int
    task: str
    difficulty: str
    stem: str
    choose: int
    options: tuple[tuple[str, str], ...]  # (letter, text) in letter order
    correct: frozenset[str]
    explanations: tuple[tuple[str, str], ...]  # (letter, why right or wrong)
    references: tuple[str, ...]
    origin: str = "bundled"

    @property
    def letters(self) -> tuple[str, ...]:
        return tuple(letter for letter, _ in self.options)

    @property
    def multiple_response(self) -> bool:
        return self.choose > 1

    def option(self, letter: str) -> str:
        return dict(self.options)[letter]

    def explanation(self, letter: str) -> str:
        return dict(self.explanations)[letter]

    def is_correct(self, chosen: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        """All or nothing: exactly the correct set, no more and no fewer."""
        return frozenset(chosen) == self.correct

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "exam": self.exam,
            "domain": self.domain,
            "task": self.task,
            "difficulty": self.difficulty,
            "stem": self.stem,
            "choose": self.choose,
            "options": dict(self.options),
            "correct": sorted(self.correct),
            "explanations": dict(self.explanations),
            "references": list(self.references),
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Question:
        return cls(
            id=data["id"],
            exam=data["exam"],
            domain=int(data["domain"]),
            task=str(data["task"]),
            difficulty=data["difficulty"],
            stem=data["stem"],
            choose=int(data["choose"]),
            options=tuple(sorted(data["options"].items())),
            correct=frozenset(data["correct"]),
            explanations=tuple(sorted(data["explanations"].items())),
            references=tuple(data["references"]),
            origin=data.get("origin", "bundled"),
        )


def normalise_stem(stem: str) -> str:
    """What counts as "the same stem": case and spacing ignored."""
    return " ".join(stem.split()).casefold()


def check_question(raw: Any, guides: Mapping[str, ExamGuide]) -> tuple[Question | None, list]:
    """Validate one mapping. Returns the question (or None) and a list of (line, message)."""
    problems: list[tuple[int, str]] = []
    if not isinstance(raw, dict):
        return None, [(getattr(raw, "line", 0), "a question must be a mapping of fields")]

    def line(key: str) -> int:
        return raw.line_of(key) if isinstance(raw, LineDict) else 0

    def bad(key: str, message: str) -> None:
        problems.append((line(key), message))

    if isinstance(raw, LineDict):
        for key, key_line in raw.duplicate_keys:
            problems.append((key_line, f"field {key!r} appears twice; keep one of them"))
    for key in FIELDS:
        if key not in raw:
            bad(key, f"missing field {key!r}")
    for key in raw:
        if key not in FIELDS and key not in OPTIONAL:
            bad(key, f"unknown field {key!r}")
    if problems:
        return None, problems

    qid, exam, domain, task = raw["id"], raw["exam"], raw["domain"], raw["task"]
    if not isinstance(qid, str) or not _ID.match(qid):
        bad("id", f"id {qid!r} must be letters, digits, '-', '_' or '.'")
    guide = guides.get(exam) if isinstance(exam, str) else None
    if guide is None:
        bad("exam", f"unknown exam {exam!r} (known: {', '.join(sorted(guides)) or 'none'})")
    elif isinstance(domain, bool) or not isinstance(domain, int) or not guide.domain(domain):
        bad("domain", f"unknown domain {domain!r} for {exam}")
    elif not isinstance(task, str) or not guide.domain(domain).task(task):  # type: ignore[union-attr]
        bad("task", f"unknown task {task!r} in domain {domain} of {exam}")
    if raw["difficulty"] not in DIFFICULTIES:
        bad("difficulty", f"difficulty must be one of {', '.join(DIFFICULTIES)}")
    stem = raw["stem"]
    if not isinstance(stem, str) or not stem.strip():
        bad("stem", "stem must be non-empty text")

    options = _letter_map(raw["options"], "options", bad)
    choose = raw["choose"]
    if isinstance(choose, bool) or not isinstance(choose, int) or choose < 1:
        bad("choose", "choose must be a whole number, 1 or more")
        choose = None
    if options is not None and choose is not None:
        if choose == 1 and len(options) != 4:
            bad("options", f"multiple choice needs 4 options, found {len(options)}")
        if choose > 1 and len(options) < 5:
            bad("options", f"multiple response needs 5 or more options, found {len(options)}")
        if len({normalise_stem(v) for v in options.values()}) != len(options):
            bad("options", "two options have the same text")

    correct = raw["correct"]
    if not isinstance(correct, list) or not all(isinstance(c, str) for c in correct):
        bad("correct", "correct must be a list of option letters, such as [B]")
        correct = None
    else:
        if len(set(correct)) != len(correct):
            bad("correct", "correct lists a letter twice")
        if options is not None:
            for letter in correct:
                if letter not in options:
                    bad(
                        "correct",
                        f"correct option {letter!r} is not among the options "
                        f"({', '.join(sorted(options))})",
                    )
        if choose is not None and len(set(correct)) != choose:
            bad("correct", f"choose is {choose} but correct lists {len(set(correct))}")

    explanations = _letter_map(raw["explanations"], "explanations", bad)
    if options is not None and explanations is not None:
        for letter in options:
            if letter not in explanations:
                bad("explanations", f"missing explanation for option {letter}")
        for letter in explanations:
            if letter not in options:
                bad("explanations", f"explanation for {letter}, which is not an option")

    refs = raw["references"]
    if not isinstance(refs, list) or not refs:
        bad("references", "missing reference: list at least one documentation link")
        refs = []
    for ref in refs:
        url = urlparse(ref) if isinstance(ref, str) else None
        if url is None or url.scheme != "https" or not url.netloc or " " in ref:
            bad("references", f"reference {ref!r} is not an https link")

    for key in ("id", "stem"):
        if isinstance(raw[key], str) and _CONTROL.search(raw[key]):
            bad(key, f"{key} contains control characters")
    for mapping, key in ((options, "options"), (explanations, "explanations")):
        if mapping and any(_CONTROL.search(v) for v in mapping.values()):
            bad(key, f"{key} contain control characters")

    if problems or options is None or explanations is None or correct is None:
        return None, problems
    assert guide is not None and choose is not None
    return (
        Question(
            id=qid,
            exam=exam,
            domain=domain,
            task=task,
            difficulty=raw["difficulty"],
            stem=stem.strip(),
            choose=choose,
            options=tuple(sorted((k, v.strip()) for k, v in options.items())),
            correct=frozenset(correct),
            explanations=tuple(sorted((k, v.strip()) for k, v in explanations.items())),
            references=tuple(refs),
            origin=str(raw.get("origin", "bundled")),
        ),
        problems,
    )


def _letter_map(value: Any, key: str, bad: Any) -> dict[str, str] | None:
    """Options and explanations: {A: text, B: text, ...}, letters A, B, C... with no gaps."""
    if not isinstance(value, dict) or not value:
        bad(key, f"{key} must be a mapping of letters to text, such as A: ...")
        return None
    result: dict[str, str] = {}
    for letter, text in value.items():
        if not isinstance(letter, str) or not _LETTER.match(letter):
            bad(key, f"{key}: {letter!r} is not a capital letter")
            return None
        if not isinstance(text, str) or not text.strip():
            bad(key, f"{key}: {letter} has no text")
            return None
        result[letter] = text
    expected = [chr(ord("A") + i) for i in range(len(result))]
    if key == "options" and sorted(result) != expected:
        bad(key, f"options must be lettered {', '.join(expected)} with no gaps")
        return None
    return result
