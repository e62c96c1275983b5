"""Command palette: jump to any topic or card by typing, plus the app's own actions."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from studyapp.textsafe import one_line

MAX_CARDS = 20_000  # searched by prompt text; beyond this only topics are offered


class StudyCommands(Provider):
    """'topic: <path>' and 'card: <front>' entries, and the screens as 'go: <screen>'."""

    async def startup(self) -> None:
        repo = getattr(self.app, "repo", None)
        self.topics = []
        self.cards = []
        if repo is None:
            return
        worker = self.app.run_worker(partial(self._load, repo), thread=True)
        await worker.wait()

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
