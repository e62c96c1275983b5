"""Browse: the topic tree, the selected topic's notes, its comparison tables and its cards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from rich.markdown import Markdown
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static, Tree

from studyapp.notes.readable import readable_notes
from studyapp.store.records import TableRow, TopicRow
from studyapp.tui.screens.base import StudyScreen
from studyapp.tui.tables import fill_table
from studyapp.usecases.factcheck import card_findings
from studyapp.util.clock import utcnow
from studyapp.util.textsafe import one_line, visible

if TYPE_CHECKING:
    from studyapp.store.collection import Collection

CARD_PAGE = 200  # long card lists page: every row costs time at first paint


class BrowseScreen(StudyScreen[None]):
    BINDINGS = [
        Binding("d", "drill", "Drill table", id="browse.drill", tooltip="Recall a table's cells"),
        Binding("s", "study_topic", "Study topic", id="browse.study"),
        Binding(
            "m",
            "domains",
            "Domains",
            id="browse.domains",
            tooltip="Which exam domains this topic counts toward, and why",
        ),
        # in `?`'s list, not the footer (Back must fit at 80 columns; it asks first anyway)
        Binding(
            "f",
            "forget",
            "Forget file",
            id="browse.forget",
            tooltip="Retire its cards",
            show=False,
        ),
        Binding(
            "k",
            "cards",
            "Cards",
            id="browse.cards",
            tooltip="This topic's cards in the card browser",
        ),
        Binding("escape,q", "leave", "Back", id="browse.back"),
    ]

    def __init__(self, collection: Collection, select_topic: int | None = None) -> None:
        super().__init__()
        self.collection = collection
        self.select_topic = select_topic
        self.current: TopicRow | None = None
        self.tables: list[TableRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="browse"):
            yield Tree("Topics", id="browse-tree")
            with VerticalScroll(id="browse-detail"):
                yield Static("Select a topic.", id="browse-title", markup=False)
                yield Static("", id="browse-notes", markup=False)
                yield DataTable(id="browse-table", zebra_stripes=True)
                yield Static("", id="browse-cards", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        tree: Tree[TopicRow] = self.query_one("#browse-tree", Tree)
        tree.show_root = False
        rows = self.collection.topic_tree(utcnow())
        nodes: dict[int, Any] = {}
        by_source: dict[str, Any] = {}
        totals = _subtree_totals(rows)
        target = None
        for row in rows:
            parent = nodes.get(row.parent_id) if row.parent_id else None
            if parent is None:
                parent = by_source.get(row.source)
                if parent is None:
                    # the file name: a full path would fill the narrow tree at 80 columns
                    name = Text(visible(PurePath(row.source).name))  # Text: never markup
                    parent = tree.root.add(name, expand=False)
                    by_source[row.source] = parent
            n, due = totals[row.id]
            node = parent.add(topic_label(row.title, n, due), data=row, expand=False)
            nodes[row.id] = node
            if row.id == self.select_topic:
                target = node
        self.query_one("#browse-table", DataTable).display = False
        if target is not None:
            parent = target.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            self.call_after_refresh(tree.move_cursor, target)
            if target.data is not None:
                self.show_topic(target.data)
        tree.focus()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[TopicRow]) -> None:
        if event.node.data is not None:
            self.show_topic(event.node.data)

    def show_topic(self, row: TopicRow) -> None:
        self.current = row
        collection = self.collection
        self.query_one("#browse-title", Static).update(f"{visible(row.path)}  ·  {row.source}")
        body = collection.topic_body(row.id)
        self.tables = collection.tables_for([row.id])
        # one table: drawn below, so not twice (several: the notes keep them all)
        notes = readable_notes(visible(body), drop_tables=len(self.tables) == 1)
        self.query_one("#browse-notes", Static).update(
            Markdown(notes) if notes.strip() else "(no notes under this heading)"
        )
        self.query_one("#browse-table", DataTable).display = bool(self.tables)
        self.draw_table()
        self.call_after_refresh(self.draw_table)  # again once the layout knows the width
        cards = collection.cards_in_topics([row.id])
        lines = [
            f"{len(cards)} cards" + (f" (first {CARD_PAGE})" if len(cards) > CARD_PAGE else "")
        ]
        for c in cards[:CARD_PAGE]:
            lines.append(f"[{c.kind}] {one_line(c.front, 90)}  →  {one_line(c.back, 60)}")
            for finding in card_findings(c.front, c.back, c.topic_path):
                lines.append(f"    ⚠ Fact check: {visible(finding.message())}")
        self.query_one("#browse-cards", Static).update("\n".join(lines))

    def draw_table(self) -> None:
        """The topic's first comparison table, its columns sharing the pane's width."""
        if not self.tables:
            return
        first = self.tables[0]
        width = self.query_one("#browse-detail").content_size.width - 2  # the scrollbar
        fill_table(
            self.query_one("#browse-table", DataTable),
            [one_line(h) for h in first.header],
            [[one_line(c) for c in cells] for cells in first.rows],
            max(width, 20),
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self.draw_table)

    def action_drill(self) -> None:
        if not self.tables:
            self.notify("This topic has no comparison table.")
            return
        from studyapp.tui.screens.drill import DrillScreen

        self.app.push_screen(DrillScreen(self.tables[0]))

    def action_domains(self) -> None:
        if self.current is None:
            self.notify("Pick a topic in the tree first (arrows, enter opens a file).")
            return
        self._explain_domains(self.current.id, self.current.path)

    @dataclass
    class DomainsExplained(Message):
        """Why a topic counts toward its exam domains (from the worker)."""

        path: str
        lines: list[str]

    @work(thread=True, exclusive=True, group="domains")
    def _explain_domains(self, topic_id: int, path: str) -> None:
        from studyapp.usecases.topic_domains import why_topic

        self.post_message(self.DomainsExplained(path, why_topic(self.collection, topic_id)))

    def on_browse_screen_domains_explained(self, message: DomainsExplained) -> None:
        from studyapp.tui.dialogs.topic_domains import TopicDomainsScreen

        self.app.push_screen(TopicDomainsScreen(message.path, message.lines))

    def action_study_topic(self) -> None:
        if self.current is None:
            return
        from studyapp.tui.screens.review import ReviewScreen
        from studyapp.usecases.studying import StudySession

        ids = self.collection.topic_subtree_ids(self.current.id)
        session = StudySession(self.collection, self.study_app.study_settings, topic_ids=ids)
        session.start()
        if not session.queue:
            from studyapp.tui.custom_flow import open_custom_study

            open_custom_study(
                self,
                self.collection,
                ids,
                self.current.title,
                why=f"Nothing in {self.current.title} is due within today's limits.",
            )
            return
        self.app.push_screen(ReviewScreen(session))

    def action_cards(self) -> None:
        from studyapp.tui.screens.cards import CardBrowserScreen

        query = ""
        if self.current is not None:
            path = self.current.path.replace("\\", "\\\\").replace('"', '\\"')
            query = f'topic:"{path}"'
        self.app.push_screen(CardBrowserScreen(self.collection, query))

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_forget(self) -> None:
        """Forget the highlighted topic's file (usecases/forgetting.py), once confirmed."""
        if self.current is None:
            self.notify("Pick a topic of the file to forget first.")
            return
        from studyapp.tui.dialogs.exam_nav import ConfirmScreen

        source = self.current.source
        question = f"Forget {source}? Its cards leave study and Browse; their reviews are kept."

        def answered(yes: bool | None) -> None:
            if yes:
                self._forget(source)

        self.app.push_screen(ConfirmScreen(question), answered)

    @dataclass
    class Forgot(Message):
        source: str
        cards: int

    @work(thread=True, exclusive=True, group="forget", exit_on_error=False)
    def _forget(self, source: str) -> None:
        from studyapp.usecases.forgetting import forget

        self.post_message(self.Forgot(source, forget(self.collection, source).cards))

    def on_browse_screen_forgot(self, message: Forgot) -> None:
        self.notify(f"Forgot {message.source}: {message.cards} cards retired, reviews kept.")
        node = self.query_one("#browse-tree", Tree).cursor_node
        while node is not None and node.parent is not None and not node.parent.is_root:
            node = node.parent
        if node is not None and not node.is_root:
            node.remove()
        self.current = None


def topic_label(title: str, cards: int, due: int) -> Text:
    """The counts first, then the title: a narrow tree cuts the title's end, never the counts.
    Text, never markup: titles are the learner's."""
    label = Text()
    label.append(f"{cards:>3} ", style="dim")
    if due:
        label.append(f"{due} due ", style="bold")
    label.append(visible(title))
    return label


def _subtree_totals(rows: list[TopicRow]) -> dict[int, tuple[int, int]]:
    totals = {r.id: (r.cards, r.due) for r in rows}
    for r in reversed(rows):  # children come after their parents
        if r.parent_id in totals:
            pn, pd = totals[r.parent_id]
            n, d = totals[r.id]
            totals[r.parent_id] = (pn + n, pd + d)
    return totals
