"""Custom study: choose what to review — everything, one exam, one exam domain, or (through
Browse) one topic. Each entry shows the reviews due now and the new cards it holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from studyapp.tui.screens.base import StudyScreen
from studyapp.util.clock import Clock, utcnow

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.usecases.scopes import Scope

TOPIC = "topic"  # the last entry: Browse, where `s` studies a topic and everything under it
LOADING = "Counting the cards in each exam and domain…"


def scope_line(scope: Scope) -> Text:
    """One entry of the list; a domain is indented under its exam, an empty scope is dimmed."""
    indent = "    " if scope.kind == "domain" else ""
    text = Text(f"{indent}{scope.label} — {scope.counts}", no_wrap=True, overflow="ellipsis")
    if scope.kind == "exam":
        text.stylize("bold", len(indent), len(indent) + len(scope.label))
    if scope.empty:
        text.stylize("dim")
    return text


class ScopeScreen(StudyScreen[None]):
    DEFAULT_CSS = """
    #scope-box { padding: 0 2; }
    #scope-title { text-style: bold; margin-top: 1; }
    #scope-status { color: $text-muted; margin-bottom: 1; height: auto; }
    #scope-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape,q", "leave", "Back", id="scope.back", tooltip="Back to the home screen"),
    ]

    @dataclass
    class Loaded(Message):
        scopes: list[Scope]

    @dataclass
    class Failed(Message):
        message: str

    def __init__(self, collection: Collection, now: Clock = utcnow) -> None:
        super().__init__()
        self.collection = collection
        self.now = now
        self.scopes: dict[str, Scope] = {}
        self._highlight: str | None = None  # the entry to keep highlighted when counts reload

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="scope-box"):
            yield Static("Custom study: what to review", id="scope-title", markup=False)
            yield Static(LOADING, id="scope-status", markup=False)
            yield OptionList(id="scope-list")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Count on opening, and again on coming back from a review."""
        self.load()

    @work(thread=True, exclusive=True, group="scope", exit_on_error=False)
    def load(self) -> None:
        from studyapp.exam.guide import GuideError
        from studyapp.reports.mapping import CatalogueError
        from studyapp.store.errors import DatabaseError
        from studyapp.usecases import mapping_cache  # loaded once, shared with the report
        from studyapp.usecases.scopes import load_scopes

        try:
            guides, catalogue = mapping_cache.guides_and_catalogue()
            mapping_cache.load_into(catalogue, self.collection.path)
            scopes = load_scopes(self.collection, self.now(), guides, catalogue)
            mapping_cache.save_from(catalogue, self.collection.path)
        except (DatabaseError, GuideError, CatalogueError) as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(scopes))

    def on_scope_screen_failed(self, message: Failed) -> None:
        self.query_one("#scope-status", Static).update(
            f"{message.message}\nPress Escape to go back; s on the home screen still studies"
            " everything."
        )

    def on_scope_screen_loaded(self, message: Loaded) -> None:
        scopes = message.scopes
        self.scopes = {s.key: s for s in scopes}
        settings = self.study_app.study_settings
        self.query_one("#scope-status", Static).update(
            "Reviews due now and new cards in each; Enter studies the highlighted entry "
            f"(within your daily limits: {settings.reviews_per_day} reviews, "
            f"{settings.new_per_day} new cards)."
        )
        options = self.query_one("#scope-list", OptionList)
        keep = self._highlight
        options.clear_options()
        options.add_options(Option(scope_line(s), id=s.key) for s in scopes)
        options.add_option(Option(Text("A topic… (opens Browse; press s on a topic)"), id=TOPIC))
        keys = [*self.scopes, TOPIC]
        options.highlighted = keys.index(keep) if keep in keys else 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#scope-list")
    def _remember(self, event: OptionList.OptionHighlighted) -> None:
        self._highlight = event.option.id

    @on(OptionList.OptionSelected, "#scope-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key == TOPIC:
            self._browse()
            return
        scope = self.scopes.get(key or "")
        if scope is not None:
            self.study(scope)

    def study(self, scope: Scope) -> None:
        from studyapp.tui.screens.review import ReviewScreen
        from studyapp.usecases.studying import StudySession

        ids = None if scope.topic_ids is None else list(scope.topic_ids)
        app = self.study_app
        session = StudySession(self.collection, app.study_settings, app.clock, topic_ids=ids)
        session.start()
        if not session.queue:
            if scope.empty and scope.topic_ids == ():
                self.notify(self._nothing_due(scope))
                return
            from studyapp.tui.custom_flow import open_custom_study

            # no dead end: raise today's limits, or study it beyond them
            open_custom_study(
                self,
                self.collection,
                list(scope.topic_ids) if scope.topic_ids is not None else None,
                scope.name,
                why=self._nothing_due(scope),
            )
            return
        if scope.kind != "all":
            self.notify(f"Studying {scope.name}")
        self.app.push_screen(ReviewScreen(session))

    @staticmethod
    def _nothing_due(scope: Scope) -> str:
        if scope.kind != "all" and scope.topic_ids == ():
            return (
                f"No cards belong to {scope.name} yet: tag a heading in your notes with "
                f"`<!-- domains: {scope.exam}:{scope.domain or 1} -->`, or choose another entry."
            )
        if scope.new:  # new cards there, but today's new-card limit is used up
            return (
                f"Nothing in {scope.name} is due now, and today's new cards are done. "
                "Raise today's limit or study it beyond the limits below."
            )
        return f"Nothing in {scope.name} is due now. Study it ahead or beyond the limits below."

    def _browse(self) -> None:
        from studyapp.tui.screens.browse import BrowseScreen

        self.app.pop_screen()
        self.app.push_screen(BrowseScreen(self.collection))

    def action_leave(self) -> None:
        self.app.pop_screen()
