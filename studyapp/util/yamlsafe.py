"""Strict YAML for content files: line numbers kept, aliases and tab indentation refused.

Every mapping comes back as a `LineDict` and every sequence as a `LineList`; both know the line
their node starts on (1-based) and a mapping also knows the line of each key. Anchors and aliases
are rejected outright, which makes "billion laughs" expansion impossible; a size cap and a
nesting cap stop the other ways a file can eat memory or the stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


class YamlProblem(Exception):
    """A file (or part of one) that cannot be read; `line` is 1-based, 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict[Any, Any]):
    """A mapping that remembers where it started and where each key is."""

    line: int = 0
    key_lines: dict[Any, int]
    duplicate_keys: list[tuple[Any, int]]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that remembers where it started; `item_lines[i]` is where item i starts."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, AliasEvent):
            raise YamlProblem(
                "aliases (*name) are not allowed in content files; write the value out", line
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor:
            raise YamlProblem(
                "anchors (&name) are not allowed in content files; write each value out", line
            )
        if isinstance(event, CollectionStartEvent):
            self._depth = getattr(self, "_depth", 0) + 1
            if self._depth > MAX_DEPTH:
                raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line)
            try:
                return super().compose_node(parent, index)  # type: ignore[no-any-return]
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


def _construct_map(loader: _Loader, node: MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.duplicate_keys = []
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError as exc:
            raise YamlProblem("a mapping key must be a plain value", key_line) from exc
        if key in data:
            data.duplicate_keys.append((key, key_line))
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_line


def _construct_seq(loader: _Loader, node: SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_text(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document; raise `YamlProblem` with a 1-based line on anything wrong.

    `first_line` shifts reported lines, for text cut out of a larger file.
    """
    offset = first_line - 1
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlProblem(f"file is larger than {MAX_BYTES} bytes", first_line)
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1 + offset
        raise YamlProblem("tab used for indentation; indent with spaces", line)
    try:
        loader = _Loader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except YamlProblem as exc:
        exc.line += offset if exc.line else 0
        raise
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlProblem(
            f"control character U+{code:04X} is not allowed in YAML; delete it", line
        ) from exc
    except yaml.MarkedYAMLError as exc:
        # The construct that failed to close is where to look; the parser notices later.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + offset if mark else first_line
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        later = exc.problem_mark
        if mark is not None and later is not None and later.line != mark.line:
            what += f" (noticed at line {later.line + 1 + offset})"
        raise YamlProblem(f"bad YAML: {what or 'cannot parse'}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(f"bad YAML: {exc}", first_line) from exc
    except RecursionError as exc:
        raise YamlProblem("nesting too deep", first_line) from exc
    _fix_lines(data, offset)
    return data


def _fix_lines(data: Any, offset: int) -> None:
    if not offset:
        return
    if isinstance(data, LineDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        data.duplicate_keys = [(k, v + offset) for k, v in data.duplicate_keys]
        for value in data.values():
            _fix_lines(value, offset)
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _fix_lines(value, offset)


_TOP_ITEM = re.compile(r"^-(?:[ ]|$)", re.MULTILINE)


def split_top_items(text: str) -> list[tuple[int, str]]:
    """Cut a top-level YAML list into its items: (first line, text) each.

    Used to salvage the good questions of a file whose YAML is broken in one place.
    """
    starts = [m.start() for m in _TOP_ITEM.finditer(text)]
    pieces = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        pieces.append((text.count("\n", 0, start) + 1, text[start:end]))
    return pieces
