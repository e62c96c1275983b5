"""The PyYAML side of `util/yamlsafe.py`: a SafeLoader that keeps lines and refuses anchors,
aliases and deep nesting (imported only when a file is parsed)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from studyapp.util.yamlsafe import (
    _TAB_INDENT,
    MAX_BYTES,
    MAX_DEPTH,
    LineDict,
    LineList,
    YamlProblem,
    _fix_lines,
)


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


def parse(text: str, first_line: int = 1) -> Any:
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
