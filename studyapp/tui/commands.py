"""Command palette: jump to any topic or card by typing, plus the app's own actions."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from studyapp.util.textsafe import one_line

MAX_CARDS = 20_000  # searched by prompt text; beyond this only topics are offered


class StudyCommands(Provider):
    """'topic: <path>' and 'card: <front>' entries, and the screens as 'go: <screen>'."""

    async def startup(self) -> None:
        self.topics = []
        self.cards = []
        repo = await self._repository()
        if repo is None:
            return
        worker = self.app.run_worker(partial(self._load, repo), thread=True)
        await worker.wait()

    async def _repository(self) -> object | None:
        """The app's repository, opening it when the palette comes before it (a few tenths of a
        second at most; None if it cannot open, and the app has said why)."""
        import asyncio

        app = self.app
        if getattr(app, "repo", None) is None and hasattr(app, "open_repo"):
            app.open_repo()
            for _ in range(500):  # 10 s
                if app.repo is not None or not app._repo_opening:  # type: ignore[attr-defined]
                    break
                await asyncio.sleep(0.02)
        return getattr(app, "repo", None)

    def _load(self, repo: object) -> None:
        self.topics = [
            (t.id, f"topic: {one_line(t.path)}")
            for t in repo.topic_tree(datetime.now(UTC))  # type: ignore[attr-defined]
        ]
        rows = repo.list_cards()[:MAX_CARDS]  # type: ignore[attr-defined]
        self.cards = [(c.topic_id, f"card: {one_line(c.front, 100)}") for c in rows]

    def _open(self, topic_id: int | None) -> None:
        from studyapp.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen(self.app.repo, select_topic=topic_id))  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for tid, text in self.topics[:30]:
            yield DiscoveryHit(text, partial(self._open, tid), help="Browse this topic")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for tid, text in self.topics + self.cards:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._open, tid), help=None)
