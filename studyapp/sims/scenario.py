"""Loading demo scenarios from YAML, with line numbers in every error.

The strict loader every content file uses (util/yamlsafe.py) gives mappings and sequences that
remember the line of every key and item; anchors, aliases (no "billion laughs") and tab
indentation are refused, and files are size-limited. `Section` reads typed fields from them and
raises `ScenarioError("file:line: field 'a.b': problem")`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studyapp.util.yamlsafe import LineDict, LineList, YamlProblem, load_text

MAX_BYTES = 256 * 1024
_LARGEST = 10**15  # no field of any scenario needs more; a float keeps it exact
_REQUIRED = object()


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names file, line and field."""


# A scenario is read with the strict YAML loader every content file uses (util/yamlsafe.py:
# line numbers kept; anchors, aliases and tab indentation refused).
MarkedDict = LineDict
MarkedList = LineList


def load_document(path: Path, what: str = "a scenario") -> Section:
    """Read a scenario file (or another content file the sims read: `what` it is, for the
    messages) into a top-level `Section`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read {what} ({exc.strerror})") from exc
    if size > MAX_BYTES:
        raise ScenarioError(f"{path}: {what} is {size} bytes; the limit is {MAX_BYTES}")
    text = path.read_text(encoding="utf-8", errors="replace")
    return parse_document(text, str(path), what)


def parse_document(text: str, name: str, what: str = "a scenario") -> Section:
    """Parse one content file (`what` it is, for the message) into its top-level `Section`."""
    try:
        data = load_text(text)
    except YamlProblem as exc:
        raise ScenarioError(f"{name}:{exc.line}: not valid YAML ({exc.message})") from None
    if not isinstance(data, LineDict):
        raise ScenarioError(f"{name}:1: {what} must be a mapping of fields")
    _refuse_duplicate_keys(data, name)
    return Section(data, "", name)


def _refuse_duplicate_keys(data: Any, name: str) -> None:
    """A key written twice in one mapping is an error (the second would silently win)."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, LineDict):
            if node.duplicate_keys:
                key, line = node.duplicate_keys[0]
                raise ScenarioError(f"{name}:{line}: duplicate key '{key}'")
            stack.extend(node.values())
        elif isinstance(node, LineList):
            stack.extend(node)


class Section:
    """Typed, line-aware access to one mapping of a scenario."""

    def __init__(self, data: MarkedDict, path: str, file: str, line: int = 0) -> None:
        self.data = data
        self.line = line or data.line
        self.path = path
        self.file = file
        self._used: set[str] = set()

    def _field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.line)

    def fail(self, key: str, problem: str) -> ScenarioError:
        where = f"{self.file}:{self.line_of(key)}"
        return ScenarioError(f"{where}: field '{self._field(key)}': {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = _REQUIRED) -> Any:
        self._used.add(key)
        if key not in self.data or self.data[key] is None:
            if default is _REQUIRED:
                where = f"{self.file}:{self.line}"
                raise ScenarioError(f"{where}: field '{self._field(key)}': required but missing")
            return default
        return self.data[key]

    def get_str(self, key: str, default: Any = _REQUIRED, choices: tuple[str, ...] = ()) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _REQUIRED:
            return value
        if isinstance(value, bool | int | float):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, got {type(value).__name__}")
        if choices and value not in choices:
            raise self.fail(key, f"'{value}' is not one of {', '.join(choices)}")
        return value

    def get_int(
        self, key: str, default: Any = _REQUIRED, lo: int | None = None, hi: int | None = None
    ) -> Any:
        return self._number(key, default, int, "a whole number", lo, hi)

    def get_num(
        self, key: str, default: Any = _REQUIRED, lo: float | None = None, hi: float | None = None
    ) -> Any:
        return self._number(key, default, int | float, "a number", lo, hi)

    def _number(
        self, key: str, default: Any, kind: Any, what: str, lo: float | None, hi: float | None
    ) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _REQUIRED:
            return value
        if isinstance(value, bool) or not isinstance(value, kind):
            raise self.fail(key, f"expected {what}, got {value!r}")
        if isinstance(value, int) and abs(value) > _LARGEST:
            raise self.fail(key, f"a {len(str(abs(value)))}-digit number is too large")
        return self._bounded(key, value if kind is int else float(value), lo, hi)

    def _bounded(self, key: str, value: Any, lo: float | None, hi: float | None) -> Any:
        if lo is not None and value < lo or hi is not None and value > hi:
            raise self.fail(key, f"{value} is outside the allowed range {lo}..{hi}")
        return value

    def get_bool(self, key: str, default: Any = _REQUIRED) -> Any:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def get_section(self, key: str, default: Any = _REQUIRED) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _REQUIRED:
            return value
        if not isinstance(value, MarkedDict):
            raise self.fail(key, "expected a mapping")
        return Section(value, self._field(key), self.file, self.line_of(key))

    def get_list(self, key: str, default: Any = _REQUIRED) -> list[Any]:
        value = self.raw(key, default)
        if value is default and default is not _REQUIRED:
            return list(value)
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        return list(value)

    def get_sections(self, key: str, required: bool = True) -> list[Section]:
        items = self.get_list(key) if required else self.get_list(key, [])
        if not items and required:
            raise self.fail(key, "needs at least one entry")
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, MarkedDict):
                lines = getattr(self.data[key], "item_lines", [])
                line = lines[index] if index < len(lines) else self.line_of(key)
                raise ScenarioError(
                    f"{self.file}:{line}: field '{self._field(key)}[{index}]': expected a mapping"
                )
            result.append(Section(item, f"{self._field(key)}[{index}]", self.file))
        return result

    def done(self) -> None:
        """Reject keys nobody read: a typo must not be silently ignored."""
        for key in self.data:
            if key not in self._used:
                raise self.fail(key, "unknown field")
