"""Drill a comparison table: one column hidden, recall each cell, reveal it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from studyapp.store.records import TableRow
from studyapp.tui.tables import fill_table
from studyapp.util.textsafe import one_line

HIDDEN = "?"


class DrillScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,space", "reveal", "Reveal cell", id="drill.reveal"),
        Binding("a", "reveal_all", "Reveal all", id="drill.reveal_all"),
        Binding("c", "next_column", "Hide next column", id="drill.next_column"),
        Binding("escape,q", "leave", "Back", id="drill.back"),
    ]

    def __init__(self, table: TableRow) -> None:
        super().__init__()
        self.table = table
        width = max([len(table.header)] + [len(r) for r in table.rows])
        self.width = width
        self.hidden_col = 1 if width > 1 else 0
        self.revealed: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="drill-box"):
            yield Static("", id="drill-title", markup=False)
            yield DataTable(id="drill-table", cursor_type="row")
            yield Static("", id="drill-score", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()

    def _header(self, i: int) -> str:
        h = self.table.header
        return one_line(h[i]) if i < len(h) and h[i].strip() else f"column {i + 1}"

    def _cell(self, row: list[str], i: int) -> str:
        return one_line(row[i]) if i < len(row) else ""

    def rebuild(self) -> None:
        t = self.query_one("#drill-table", DataTable)
        rows = []
        for r, row in enumerate(self.table.rows):
            cells = [self._cell(row, i) for i in range(self.width)]
            if r not in self.revealed:
                cells[self.hidden_col] = HIDDEN
            rows.append(cells)
        # the columns share the screen's width; long cells wrap (the box pads 2, a scrollbar)
        width = max((self.size.width or 80) - 6, 20)
        fill_table(t, [self._header(i) for i in range(self.width)], rows, width)
        self.query_one("#drill-title", Static).update(
            f"{one_line(self.table.caption)}: recall each '{self._header(self.hidden_col)}' "
            "cell, then press Enter to check it."
        )
        self.query_one("#drill-score", Static).update(
            f"{len(self.revealed)} of {len(self.table.rows)} revealed"
        )
        t.focus()

    def on_resize(self) -> None:
        row = self.query_one("#drill-table", DataTable).cursor_row
        self.rebuild()
        self.query_one("#drill-table", DataTable).move_cursor(row=row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_reveal()

    def action_reveal(self) -> None:
        t = self.query_one("#drill-table", DataTable)
        row = t.cursor_row
        if not self.table.rows:
            return
        self.revealed.add(row)
        self.rebuild()
        t.move_cursor(row=min(row + 1, len(self.table.rows) - 1))

    def action_reveal_all(self) -> None:
        self.revealed = set(range(len(self.table.rows)))
        self.rebuild()

    def action_next_column(self) -> None:
        self.hidden_col = (self.hidden_col + 1) % self.width
        if self.hidden_col == 0 and self.width > 1:
            self.hidden_col = 1
        self.revealed.clear()
        self.rebuild()

    def action_leave(self) -> None:
        self.dismiss(None)
