"""A comparison table drawn to fit the width it has: columns share the width, long cells wrap.

A column keeps its natural width when everything fits; otherwise the widest columns give way
first (never below `MIN_COLUMN`), and their cells wrap onto more lines of the same row.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

MIN_COLUMN = 8
PADDING = 2  # DataTable pads every cell by one column each side


def fit_widths(natural: Sequence[int], width: int) -> list[int]:
    """Column widths no wider than `natural`, summing (with padding) to at most `width`."""
    widths = [max(1, n) for n in natural]
    room = width - PADDING * len(widths)
    least = max(min(MIN_COLUMN, room // max(len(widths), 1)), 1)  # a narrow pane: narrower
    while sum(widths) > room:
        widest = max(widths)
        if widest <= least:
            break
        cut = sum(widths) - room
        # bring the widest columns down toward the next widest, all together
        others = [w for w in widths if w < widest]
        floor = max(max(others, default=least), least)
        n = widths.count(widest)
        step = min(widest - floor, -(-cut // n)) or 1
        widths = [w - step if w == widest else w for w in widths]
    return widths


def fill_table(
    table: DataTable[object],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
) -> None:
    """Clear `table` and draw `header` and `rows` (text, never markup) to fit `width`."""
    table.clear(columns=True)
    natural = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row[: len(natural)]):
            natural[i] = max(natural[i], len(cell))
    widths = fit_widths(natural, width)
    for label, w in zip(header, widths, strict=True):
        table.add_column(Text(label or " "), width=w)
    # a heading wider than its column wraps, on up to three lines
    lines = [-(-len(h) // w) for h, w in zip(header, widths, strict=True)]
    table.header_height = min(max(lines + [1]), 3)
    for row in rows:
        cells = list(row[: len(header)]) + [""] * (len(header) - len(row))
        table.add_row(*(Text(c) for c in cells), height=None)
