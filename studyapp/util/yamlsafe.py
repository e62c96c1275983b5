"""Strict YAML for content files: line numbers kept, aliases and tab indentation refused.

Every mapping comes back as a `LineDict` and every sequence as a `LineList`; both know the line
their node starts on (1-based) and a mapping also knows the line of each key. Anchors and aliases
are rejected outright, which makes "billion laughs" expansion impossible; a size cap and a
nesting cap stop the other ways a file can eat memory or the stack.
"""

from __future__ import annotations

import re
from typing import Any

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


def load_text(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document; raise `YamlProblem` with a 1-based line on anything wrong.

    `first_line` shifts reported lines, for text cut out of a larger file. PyYAML is imported
    here, on the first parse (`util/yaml_loader.py`): a command that reads no YAML never pays
    for it.
    """
    from studyapp.util.yaml_loader import parse

    return parse(text, first_line)


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
