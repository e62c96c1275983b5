"""Loading demo scenarios from YAML, with line numbers in every error.

A `SafeLoader` subclass turns mappings and sequences into `MarkedDict` / `MarkedList`,
which remember the line of every key and item. `Section` reads typed fields from them and
raises `ScenarioError("file:line: field 'a.b': problem")`. Aliases are capped and files are
size-limited so a "billion laughs" document cannot blow up memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 256 * 1024
MAX_ALIASES = 16
_REQUIRED = object()


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names file, line and field."""


class MarkedDict(dict[str, Any]):
    line = 0
    key_lines: dict[str, int]


class MarkedList(list[Any]):
    line = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise ScenarioError(
                    f"{mark.line + 1}: more than {MAX_ALIASES} YAML aliases; not expanding them"
                )
        return super().compose_node(parent, index)

    def construct_marked_mapping(self, node: yaml.MappingNode) -> MarkedDict:
        result = MarkedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise ScenarioError(f"{key_node.start_mark.line + 1}: duplicate key '{key}'")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_marked_sequence(self, node: yaml.SequenceNode) -> MarkedList:
        result = MarkedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_marked_mapping
)
_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_marked_sequence
)


def load_document(path: Path) -> Section:
    """Read a scenario file into a top-level `Section`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read scenario ({exc.strerror})") from exc
    if size > MAX_BYTES:
        raise ScenarioError(f"{path}: scenario is {size} bytes; the limit is {MAX_BYTES}")
    text = path.read_text(encoding="utf-8", errors="replace")
    return parse_document(text, str(path))


def parse_document(text: str, name: str) -> Section:
    try:
        loader = _Loader(text)  # the reader rejects control characters at once
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{name}: not valid YAML ({exc})") from None
    try:
        data = loader.get_single_data()
    except ScenarioError as exc:
        raise ScenarioError(f"{name}:{exc}") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ScenarioError(f"{name}:{line}: not valid YAML ({exc.problem})") from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{name}: not valid YAML ({exc})") from None
    finally:
        loader.dispose()
    if not isinstance(data, MarkedDict):
        raise ScenarioError(f"{name}:1: a scenario must be a mapping of fields")
    return Section(data, "", name)


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
        value = self.raw(key, default)
        if value is default and default is not _REQUIRED:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, got {value!r}")
        return self._bounded(key, value, lo, hi)

    def get_num(
        self, key: str, default: Any = _REQUIRED, lo: float | None = None, hi: float | None = None
    ) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _REQUIRED:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"expected a number, got {value!r}")
        return self._bounded(key, float(value), lo, hi)

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
