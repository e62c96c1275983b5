"""Command palette: jump to any topic or card by typing, plus the app's own actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from studyapp.util.clock import utcnow
from studyapp.util.textsafe import one_line

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.tui.app import StudyApp

MAX_CARDS = 20_000  # searched by prompt text; beyond this only topics are offered


class StudyCommands(Provider):
    """'topic: <path>' and 'card: <front>' entries, and the screens as 'go: <screen>'."""

    async def startup(self) -> None:
        self.topics: list[tuple[int | None, str]] = []
        self.cards: list[tuple[int | None, str]] = []
        collection = await self._collection()
        if collection is None:
            return
        worker = self.app.run_worker(partial(self._load, collection), thread=True)
        await worker.wait()

    async def _collection(self) -> Collection | None:
        """The app's collection, once opening has ended (None: it could not open, and the app
        has said why). Waits on the App's `opened` event, not by polling."""
        import asyncio

        app = cast("StudyApp", self.app)
        if not app.opened.is_set():
            await asyncio.get_running_loop().run_in_executor(None, app.opened.wait, 10.0)
        return app.collection

    def _load(self, collection: Collection) -> None:
        self.topics = [
            (t.id, f"topic: {one_line(t.path)}") for t in collection.topic_tree(utcnow())
        ]
        rows = collection.list_cards()[:MAX_CARDS]
        self.cards = [(c.topic_id, f"card: {one_line(c.front, 100)}") for c in rows]

    def _open(self, topic_id: int | None) -> None:
        from studyapp.tui.screens.browse import BrowseScreen

        app = cast("StudyApp", self.app)
        app.with_collection(lambda c: app.push_screen(BrowseScreen(c, select_topic=topic_id)))

    async def discover(self) -> Hits:
        for tid, text in self.topics[:30]:
            yield DiscoveryHit(text, partial(self._open, tid), help="Browse this topic")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for tid, text in self.topics + self.cards:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._open, tid), help=None)
