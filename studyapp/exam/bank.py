"""The question bank: every `*.yaml` file of a folder, checked question by question.

A broken question is reported (file, line, what is wrong) and left out; it never stops the other
questions, or the other files, from loading. If a file's YAML is broken, its top-level items are
read one by one so that only the broken item is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.exam.guide import ExamGuide
from studyapp.exam.question import Question, check_question, normalise_stem
from studyapp.util.yamlsafe import MAX_BYTES, LineList, YamlProblem, load_text, split_top_items


@dataclass(frozen=True)
class BankError:
    file: str
    line: int
    message: str
    question_id: str | None = None

    def __str__(self) -> str:
        who = f" {self.question_id}:" if self.question_id else ""
        return f"{self.file}:{self.line}:{who} {self.message}"


@dataclass(frozen=True)
class BankResult:
    questions: tuple[Question, ...]
    errors: tuple[BankError, ...] = field(default=())

    def for_exam(self, code: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.exam == code)

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def load_bank(directory: Path | str, guides: Mapping[str, ExamGuide]) -> BankResult:
    """Load every `*.yaml` under `directory` (sorted, so results are stable)."""
    files = sorted(Path(directory).glob("*.yaml")) if Path(directory).is_dir() else []
    return load_bank_files(files, guides)


def load_bank_files(files: Iterable[Path], guides: Mapping[str, ExamGuide]) -> BankResult:
    errors: list[BankError] = []

    def texts() -> Iterator[tuple[str, str]]:
        for path in files:
            text = _read_text(path, errors)
            if text is not None:
                yield str(path), text

    return load_bank_texts(texts(), guides, errors)


def load_bank_texts(
    texts: Iterable[tuple[str, str]],
    guides: Mapping[str, ExamGuide],
    errors: list[BankError] | None = None,
) -> BankResult:
    """Questions from ``(file name, YAML text)`` pairs: what `load_bank_files` does once read."""
    questions: list[Question] = []
    errors = [] if errors is None else errors
    seen_ids: dict[str, str] = {}
    seen_stems: dict[str, str] = {}
    for name, text in texts:
        for raw, line in _items(name, text, errors):
            qid = raw.get("id") if isinstance(raw, dict) else None
            qid = qid if isinstance(qid, str) else None
            try:
                question, problems = check_question(raw, guides)
            except Exception as exc:  # noqa: BLE001 - one odd question never stops the bank
                question, problems = None, [(line, f"question skipped: {exc!r}")]
            for problem_line, message in problems:
                errors.append(BankError(name, problem_line or line, message, qid))
            if question is None:
                continue
            where = f"{name}:{line}"
            if question.id in seen_ids:
                message = f"duplicate id (first at {seen_ids[question.id]})"
                errors.append(BankError(name, line, message, question.id))
                continue
            stem_key = normalise_stem(question.stem)
            if stem_key in seen_stems:
                message = f"duplicate stem (same as {seen_stems[stem_key]})"
                errors.append(BankError(name, line, message, question.id))
                continue
            seen_ids[question.id] = where
            seen_stems[stem_key] = f"{question.id} at {where}"
            questions.append(question)
    return BankResult(tuple(questions), tuple(errors))


def _read_text(path: Path, errors: list[BankError]) -> str | None:
    """The file as text (UTF-8, a BOM allowed); None, with an error, when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = f"file skipped: its size {size} bytes is over the limit of {MAX_BYTES} bytes"
            errors.append(BankError(str(path), 0, message))
            return None
        data = path.read_bytes()
    except OSError as exc:
        errors.append(BankError(str(path), 0, f"cannot read file: {exc.strerror or exc}"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = "not valid UTF-8 (first bad byte on this line); save the file as UTF-8"
        errors.append(BankError(str(path), line, message))
        return None


def _items(name: str, text: str, errors: list[BankError]) -> list[tuple[Any, int]]:
    """The text's top-level items with their lines; problems go to `errors`."""
    try:
        data = load_text(text)
    except YamlProblem as exc:
        before = len(errors)
        items = _salvage(name, text, errors)
        if len(errors) == before:  # no single item to blame: report the file's error
            errors.append(BankError(name, exc.line, exc.message))
        return items
    if data is None:
        return []
    if not isinstance(data, list):
        line = getattr(data, "line", 1)
        errors.append(BankError(name, line, "a question file is a YAML list of questions"))
        return []
    return [(item, _line(data, i)) for i, item in enumerate(data)]


def _salvage(name: str, text: str, errors: list[BankError]) -> list[tuple[Any, int]]:
    items: list[tuple[Any, int]] = []
    pieces = split_top_items(text)
    for first_line, piece in pieces:
        try:
            data = load_text(piece, first_line)
        except YamlProblem as exc:
            message = f"{exc.message} (the question starting at line {first_line} is skipped)"
            errors.append(BankError(name, exc.line or first_line, message))
            continue
        if isinstance(data, list):
            items.extend((item, _line(data, i)) for i, item in enumerate(data))
    return items


def _line(data: Sequence[Any], index: int) -> int:
    return data.line_of(index) if isinstance(data, LineList) else 0
