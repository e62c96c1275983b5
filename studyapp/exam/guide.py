"""Exam guides as data: `content/exams/<code>.yaml` -> `ExamGuide`. Schema in docs/exams.md.

Adding an exam is adding a file; nothing here names a particular exam.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.util.yamlsafe import LineDict, LineList, YamlProblem, load_text

QUESTION_TYPES = ("multiple choice", "multiple response")
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class GuideError(ValueError):
    """A guide file that cannot be used; the message names file and line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True)
class TaskStatement:
    id: str
    name: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    number: int
    name: str
    weight: float
    tasks: tuple[TaskStatement, ...]

    def task(self, task_id: str) -> TaskStatement | None:
        return next((t for t in self.tasks if t.id == task_id), None)


@dataclass(frozen=True)
class ExamGuide:
    code: str
    name: str
    questions: int
    scored: int
    duration_minutes: int
    passing_score: int
    scale: tuple[int, int]
    domains: tuple[Domain, ...]
    question_types: tuple[str, ...] = QUESTION_TYPES
    sources: tuple[str, ...] = field(default=())

    def domain(self, number: int) -> Domain | None:
        return next((d for d in self.domains if d.number == number), None)

    @property
    def weights(self) -> dict[int, float]:
        return {d.number: d.weight for d in self.domains}

    def minutes_for(self, count: int) -> int:
        """Time allowed for a practice exam of `count` questions: the real exam's pace."""
        return max(1, math.ceil(self.duration_minutes * count / self.questions))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "questions": self.questions,
            "scored": self.scored,
            "duration_minutes": self.duration_minutes,
            "passing_score": self.passing_score,
            "scale": list(self.scale),
            "question_types": list(self.question_types),
            "sources": list(self.sources),
            "domains": [
                {
                    "number": d.number,
                    "name": d.name,
                    "weight": d.weight,
                    "tasks": [
                        {"id": t.id, "name": t.name, "topics": list(t.topics)} for t in d.tasks
                    ],
                }
                for d in self.domains
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExamGuide:
        return _build(data, "<dict>")


def load_guide(path: Path | str) -> ExamGuide:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError(str(path), 0, f"cannot read: {exc}") from exc
    try:
        data = load_text(text)
    except YamlProblem as exc:
        raise GuideError(str(path), exc.line, exc.message) from exc
    repeated = _first_repeated_key(data)
    if repeated is not None:
        key, line = repeated
        raise GuideError(str(path), line, f"field {key!r} appears twice; keep one of them")
    return _build(data, str(path))


def _first_repeated_key(data: Any) -> tuple[Any, int] | None:
    """The first key written twice in one mapping, anywhere in the file (YAML keeps the last
    silently; a guide must not)."""
    if isinstance(data, LineDict):
        if data.duplicate_keys:
            return data.duplicate_keys[0]
        children: Any = data.values()
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _first_repeated_key(child)
        if found is not None:
            return found
    return None


def load_guides(directory: Path | str) -> dict[str, ExamGuide]:
    """Every `*.yaml` guide in `directory`, by exam code. A broken guide raises `GuideError`."""
    guides: dict[str, ExamGuide] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        guide = load_guide(path)
        if guide.code in guides:
            raise GuideError(str(path), 1, f"exam code {guide.code!r} is defined twice")
        guides[guide.code] = guide
    return guides


class _Reader:
    """Field access that turns every mistake into a GuideError naming file and line."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: Any, key: Any, message: str) -> GuideError:
        line = where.line_of(key) if isinstance(where, LineDict) else getattr(where, "line", 0)
        return GuideError(self.file, line, message)

    def get(self, data: Any, key: str, kind: type | tuple[type, ...], what: str = "") -> Any:
        if not isinstance(data, dict):
            raise self.fail(data, key, f"expected a mapping with {key!r}")
        if key not in data:
            raise self.fail(data, key, f"missing {what or key!r}")
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(data, key, f"{key!r} must be {names}, not {value!r}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(data, key, f"{key!r} is empty")
        return value


def _build(data: Any, file: str) -> ExamGuide:
    r = _Reader(file)
    if not isinstance(data, dict):
        raise GuideError(file, getattr(data, "line", 1), "a guide is a mapping of fields")
    code = r.get(data, "code", str)
    if not _CODE.match(code):
        raise r.fail(data, "code", f"code {code!r}: use lowercase letters, digits and '-'")
    questions = r.get(data, "questions", int)
    scored = r.get(data, "scored", int)
    if not 0 < scored <= questions:
        raise r.fail(data, "scored", "scored must be between 1 and the number of questions")
    duration = r.get(data, "duration_minutes", int)
    passing = r.get(data, "passing_score", int)
    scale = r.get(data, "scale", list)
    if len(scale) != 2 or not all(isinstance(v, int) for v in scale) or scale[0] >= scale[1]:
        raise r.fail(data, "scale", "scale must be [lowest, highest] whole numbers")
    if not scale[0] < passing <= scale[1]:
        raise r.fail(data, "passing_score", "passing_score must lie inside the scale")
    if duration <= 0 or questions <= 0:
        raise r.fail(data, "questions", "questions and duration_minutes must be positive")
    types = tuple(data.get("question_types") or QUESTION_TYPES)
    unknown = [t for t in types if t not in QUESTION_TYPES]
    if unknown:
        raise r.fail(data, "question_types", f"unknown question types {unknown}")
    sources = tuple(str(s) for s in data.get("sources") or ())
    domains = _domains(r, data)
    return ExamGuide(
        code=code,
        name=r.get(data, "name", str),
        questions=questions,
        scored=scored,
        duration_minutes=duration,
        passing_score=passing,
        scale=(scale[0], scale[1]),
        domains=domains,
        question_types=types,
        sources=sources,
    )


def _domains(r: _Reader, data: Any) -> tuple[Domain, ...]:
    raw = r.get(data, "domains", list)
    if not raw:
        raise r.fail(data, "domains", "an exam needs at least one domain")
    domains: list[Domain] = []
    for item in raw:
        number = r.get(item, "number", int)
        if any(d.number == number for d in domains):
            raise r.fail(item, "number", f"domain {number} is listed twice")
        weight = r.get(item, "weight", (int, float))
        if weight <= 0:
            raise r.fail(item, "weight", "weight must be a positive percentage")
        tasks: list[TaskStatement] = []
        for task in r.get(item, "tasks", list):
            task_id = r.get(task, "id", str)
            if task_id.split(".")[0] != str(number) or any(t.id == task_id for t in tasks):
                raise r.fail(task, "id", f"task {task_id!r} in domain {number}: bad or repeated")
            topics = task.get("topics") or []
            if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
                raise r.fail(task, "topics", "topics must be a list of heading paths")
            tasks.append(TaskStatement(task_id, r.get(task, "name", str), tuple(topics)))
        if not tasks:
            raise r.fail(item, "tasks", f"domain {number} has no task statements")
        domains.append(Domain(number, r.get(item, "name", str), weight, tuple(tasks)))
    total = sum(d.weight for d in domains)
    if abs(total - 100) > 0.01:
        line = raw.line if isinstance(raw, LineList) else 0
        raise GuideError(r.file, line, f"domain weights add up to {total}, not 100")
    return tuple(domains)
