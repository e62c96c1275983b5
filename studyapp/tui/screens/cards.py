"""The card browser (Anki's Browse): search cards, sort them, suspend, bury or forget the chosen
ones, open a card's source line in `$EDITOR` and import the file again on return.

The search is read by `study/search.py`, run by `store/browse_queries.py` in a worker; this
screen only renders the rows and turns keys into the collection's actions.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import JustifyMethod
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, Static

from studyapp.store.records import BrowserCard
from studyapp.tui.screens.base import StudyScreen
from studyapp.util.clock import utcnow
from studyapp.util.textsafe import one_line, visible

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

ROW_LIMIT = 200  # rows drawn at once: a DataTable row costs time at first paint (as Browse)
WIDE = 120  # from this width the table shows the topic column and full headings
HINT = "words  topic:TEXT  domain:saa-c03:2  is:new|learning|review|due|suspended|buried|leech"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str  # at 120 columns and more
    short: str  # below
    width: int  # 0: shares what is left (the store sorts by each: browse_queries.SORTS)


def _state(c: BrowserCard) -> str:
    if c.leech and c.suspended:
        return "leech"
    if c.suspended:
        return "suspended"
    if c.buried:
        return "buried"
    return c.state


SHORT_STATES = {"suspended": "susp", "learning": "learn", "relearning": "relearn"}  # < WIDE


def _days(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1:
        return f"{round(value * 1440)}m"
    return f"{value:.0f}d" if value < 365 else f"{value / 365:.1f}y"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _due(value: datetime | None, wide: bool) -> str:
    return value.strftime("%Y-%m-%d" if wide else "%y-%m-%d") if value else "-"


COLUMNS = (
    Column("prompt", "Prompt", "Prompt", 0),
    Column("topic", "Topic", "Topic", 0),
    Column("state", "State", "State", 7),
    Column("due", "Due", "Due", 8),
    Column("interval", "Interval", "Ivl", 5),
    Column("stability", "Stability", "Stab", 5),
    Column("difficulty", "Difficulty", "Diff", 4),
    Column("lapses", "Lapses", "Lap", 3),
    Column("reviews", "Reviews", "Rev", 4),
)
MARK = "•"
NUMBERS = ("interval", "stability", "difficulty", "lapses", "reviews")  # right-aligned


class CardBrowserScreen(StudyScreen[None]):
    BINDINGS = [
        Binding(
            "slash",
            "focus_search",
            "Search",
            id="cards.search",
            tooltip="words, topic:, domain:, is:STATE",
        ),
        Binding("space", "mark", "Mark", id="cards.mark", tooltip="Choose several cards"),
        Binding("s", "suspend", "Suspend", id="cards.suspend", tooltip="Suspend / unsuspend"),
        Binding("b", "bury", "Bury", id="cards.bury", tooltip="Bury until tomorrow / unbury"),
        Binding("f", "forget", "Forget", id="cards.forget", tooltip="Reset to new, history kept"),
        Binding("e", "edit", "Edit", id="cards.edit", tooltip="Open the source line in $EDITOR"),
        Binding("o", "sort_next", "Sort", id="cards.sort", tooltip="Sort by the next column"),
        Binding("r", "sort_reverse", "Reverse", id="cards.reverse", show=False),
        Binding("escape,q", "leave", "Back", id="cards.back"),
    ]

    def __init__(self, collection: Collection, query: str = "") -> None:
        super().__init__()
        self.collection = collection
        self.query_text = query
        self.cards: list[BrowserCard] = []  # as found and sorted, the first ROW_LIMIT
        self.total = 0  # how many match
        self.marked: set[int] = set()
        self.sort_key = ""  # "" : notes order
        self.sort_reverse = False
        self._wide: bool | None = None
        self._to_top = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.query_text, placeholder=HINT, id="cards-search")
        yield Static("", id="cards-status", markup=False)
        yield DataTable(id="cards-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="cards-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.run_search()
        self.query_one("#cards-table", DataTable).focus()

    # ---- searching, in a worker ----------------------------------------------------------
    @dataclass
    class Found(Message):
        query: str
        cards: list[BrowserCard]
        total: int
        error: str = ""

    def run_search(self) -> None:
        self.query_one("#cards-status", Static).update("Searching…")
        self._search(self.query_text, self.sort_key, self.sort_reverse)

    @work(thread=True, exclusive=True, group="card-search", exit_on_error=False)
    def _search(self, text: str, sort: str, reverse: bool) -> None:
        from studyapp.study.search import SearchError, parse_search

        try:
            search = parse_search(text)
        except SearchError as exc:
            self.post_message(self.Found(text, [], 0, str(exc)))
            return
        now = utcnow()
        cards = self.collection.search_cards(search, now, sort, reverse, limit=ROW_LIMIT)
        total = len(cards)
        if total == ROW_LIMIT:  # there may be more: count them
            total = self.collection.count_cards(search, now)
        self.post_message(self.Found(text, cards, total))

    def on_card_browser_screen_found(self, message: Found) -> None:
        status = self.query_one("#cards-status", Static)
        if message.error:
            status.update(Text(visible(message.error), style="bold red"))
            return
        self.cards, self.total = message.cards, message.total
        live = {c.id for c in self.cards}
        self.marked &= live
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value
        self.marked.clear()
        self._to_top = True  # a new search starts at its first card
        self.run_search()
        self.query_one("#cards-table", DataTable).focus()

    # ---- drawing ---------------------------------------------------------------------------
    def _columns(self, width: int) -> list[tuple[Column, int]]:
        """Each column with its width: the fixed ones as they need, the prompt (and the topic,
        when wide) share the rest of the screen."""
        wide = width >= WIDE
        cols = [c for c in COLUMNS if wide or c.key != "topic"]
        sized = {
            c.key: max(c.width, len(c.label) + 1) if wide else c.width for c in cols if c.width
        }
        if wide:
            sized["state"], sized["due"] = 10, 10  # "relearning", "2026-03-02"
        # one cell of padding each side of every column (and of the mark), the scrollbar
        spare = max(width - sum(sized.values()) - 2 * (len(cols) + 1) - 1 - 2, 16)
        if wide:
            sized["topic"] = spare * 2 // 5
            sized["prompt"] = spare - sized["topic"]
        else:
            sized["prompt"] = spare
        return [(c, sized[c.key]) for c in cols]

    def redraw(self) -> None:
        table = self.query_one("#cards-table", DataTable)
        width = self.size.width or 80
        row_before = 0 if self._to_top else table.cursor_row
        self._to_top = False
        table.clear(columns=True)
        self._wide = width >= WIDE
        table.add_column(" ", width=1, key="mark")
        for col, w in self._columns(width):
            arrow = ("▼" if self.sort_reverse else "▲") if col.key == self.sort_key else ""
            label = (col.label if self._wide else col.short) + arrow
            table.add_column(Text(label), width=w, key=col.key)
        for c in self.cards:
            table.add_row(*self._cells(c), key=str(c.id))
        if self.cards:
            table.move_cursor(row=min(max(row_before, 0), len(self.cards) - 1))
        self._status()
        self._detail()

    def _cells(self, c: BrowserCard) -> list[Text]:
        # Text, never str: a DataTable reads a str cell as Rich markup, and notes are data
        values = {
            "prompt": one_line(c.front),
            "topic": one_line(c.topic),
            "state": _state(c) if self._wide else SHORT_STATES.get(_state(c), _state(c)),
            "due": _due(c.due, bool(self._wide)),
            "interval": _days(c.interval_days),
            "stability": _num(c.stability),
            "difficulty": _num(c.difficulty),
            "lapses": str(c.lapses),
            "reviews": str(c.reviews),
        }
        cells = [Text(MARK if c.id in self.marked else " ")]
        for col in COLUMNS:
            if col.key == "topic" and not self._wide:
                continue
            justify: JustifyMethod = "right" if col.key in NUMBERS else "left"
            cells.append(Text(values[col.key], no_wrap=True, overflow="ellipsis", justify=justify))
        return cells

    def _status(self) -> None:
        n = self.total
        text = f"{n} cards" + (f" (first {len(self.cards)} shown)" if n > len(self.cards) else "")
        if self.query_text.strip():
            text += f" match {one_line(self.query_text)}"
        if self.marked:
            text += f"  ·  {len(self.marked)} marked"
        self.query_one("#cards-status", Static).update(text)

    def _detail(self) -> None:
        card = self.current
        detail = self.query_one("#cards-detail", Static)
        if card is None:
            detail.update("No card here. Press / to search: " + HINT)
            return
        detail.update(
            Text(
                f"Q: {one_line(card.front)}\nA: {one_line(card.back)}\n"
                f"{one_line(card.topic)}  ·  {visible(card.source)}:{card.line}"
            )
        )

    def on_resize(self) -> None:
        if self._wide is not None:  # drawn once already: fit the new width
            self.redraw()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == "mark":
            return
        self._sort_by(key, reverse=not self.sort_reverse if key == self.sort_key else False)

    # ---- the chosen cards ------------------------------------------------------------------
    @property
    def current(self) -> BrowserCard | None:
        table = self.query_one("#cards-table", DataTable)
        if not self.cards or table.cursor_row < 0 or table.cursor_row >= len(self.cards):
            return None
        return self.cards[table.cursor_row]

    def chosen(self) -> list[BrowserCard]:
        """The marked cards, or else the card under the cursor."""
        if self.marked:
            return [c for c in self.cards if c.id in self.marked]
        card = self.current
        return [card] if card is not None else []

    def _apply(
        self, action: Callable[[list[int]], int], cards: list[BrowserCard], what: str
    ) -> None:
        """Run one of the collection's actions on `cards`, say how many changed, search again."""
        from studyapp.store.errors import DatabaseError

        try:
            changed = action([c.id for c in cards])
        except DatabaseError as exc:  # busy, read-only: say so, change nothing on screen
            self.notify(visible(str(exc)), severity="error", markup=False)
            return
        self.notify(f"{changed} card{'s' if changed != 1 else ''} {what}.", timeout=3)
        self.run_search()

    # ---- keys ------------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.query_one("#cards-search", Input).focus()

    def action_mark(self) -> None:
        card = self.current
        if card is None:
            return
        self.marked ^= {card.id}
        table = self.query_one("#cards-table", DataTable)
        row = table.cursor_row
        table.update_cell(str(card.id), "mark", Text(MARK if card.id in self.marked else " "))
        table.move_cursor(row=min(row + 1, len(self.cards) - 1))
        self._status()

    def action_suspend(self) -> None:
        cards = self.chosen()
        if not cards:
            return
        if all(c.suspended for c in cards):  # as Anki: all suspended -> unsuspend, else suspend
            self._apply(self.collection.unsuspend_cards, cards, "unsuspended")
        else:
            self._apply(self.collection.suspend_cards, cards, "suspended")

    def action_bury(self) -> None:
        cards = self.chosen()
        if not cards:
            return
        if all(c.buried for c in cards):
            self._apply(self.collection.unbury_cards, cards, "unburied")
        else:
            self._apply(self.collection.bury_cards, cards, "buried until tomorrow")

    def action_forget(self) -> None:
        cards = self.chosen()
        if cards:
            self._apply(self.collection.forget_cards, cards, "reset to new (history kept)")

    def action_sort_next(self) -> None:
        keys = [c.key for c in COLUMNS if self._wide or c.key != "topic"]
        at = keys.index(self.sort_key) + 1 if self.sort_key in keys else 0
        self._sort_by(keys[at % len(keys)], reverse=False)

    def action_sort_reverse(self) -> None:
        self._sort_by(self.sort_key or "prompt", reverse=not self.sort_reverse)

    def _sort_by(self, key: str, reverse: bool) -> None:
        self.sort_key, self.sort_reverse = key, reverse
        self.run_search()  # the store sorts, then draws the first ROW_LIMIT
        label = next(c.label for c in COLUMNS if c.key == key)
        self.notify(f"Sorted by {label.lower()}" + (", reversed" if reverse else ""), timeout=2)

    def action_edit(self) -> None:
        card = self.current
        if card is None:
            return
        path = Path(card.source_path)
        if not path.is_file():
            self.notify(
                f"{visible(str(path))}: the notes file is not there any more.", markup=False
            )
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        command = [*shlex.split(editor), f"+{card.line}", str(path)]
        try:
            if self.app.is_headless:  # no terminal to hand over (tests): run it as it is
                subprocess.run(command, check=False)
            else:
                with self.app.suspend():
                    subprocess.run(command, check=False)
        except OSError as exc:
            self.notify(
                visible(f"Cannot run {editor!r}: {exc.strerror or exc}"),
                severity="error",
                markup=False,
            )
            return
        shown = Path(card.source)
        self._reimport(shown if shown.resolve() == path.resolve() else path)

    @dataclass
    class Reimported(Message):
        lines: list[str]

    @work(thread=True, exclusive=True, group="card-edit", exit_on_error=False)
    def _reimport(self, path: Path) -> None:
        from studyapp.usecases.importing import import_paths

        report = import_paths(self.collection, [path])
        lines = []
        for f in report.files:
            lines.append(
                f"{f.path}: {f.status}"
                + (f", {f.new} new, {f.updated} updated, {f.retired} retired" if f.cards else "")
            )
            lines += [f"{p}:{n}: {m}" for p, n, m in f.warnings]
        self.post_message(self.Reimported(lines))

    def on_card_browser_screen_reimported(self, message: Reimported) -> None:
        self.notify(visible("\n".join(message.lines)) or "Nothing to import.", markup=False)
        self.run_search()

    def action_leave(self) -> None:
        self.dismiss(None)
