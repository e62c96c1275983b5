"""The card browser over 100,000 cards and 1,000,000 reviews: each search, and drawing its rows.

Run: .venv/bin/python benchmarks/card_browser_bench.py

Prints, for each search, the query's time in the store (`search_cards`, median of 5: every card
as the CLI reads them, the first 200 as the browser does, and the first 200 by due date) and how
many cards it found, then the card browser's time from Enter to the rows drawn (headless, the
first 200 rows, median of 5). The generated collection (benchmarks/_study_gen.py) is kept in the
temp folder under a name of this benchmark's own.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _study_gen import build

from studyapp.store.collection import Collection
from studyapp.store.revision import HEAD_REVISION
from studyapp.study.search import parse_search

ROWS = 200  # what the card browser draws (tui/screens/cards.py ROW_LIMIT)
QUERIES = ["", "sqs", "is:due", "is:new", "topic:lambda is:review", "-is:suspended visibility"]


def collection(now: datetime) -> Path:
    path = Path(tempfile.gettempdir()) / "studyapp-bench" / f"cards-{HEAD_REVISION}-{now:%Y%m%d}.db"
    if not path.exists():
        t = time.perf_counter()
        build(path, now)
        print(f"built {path} in {time.perf_counter() - t:.1f}s")
    return path


def store_times(path: Path, now: datetime) -> None:
    repo = Collection.open(path)
    try:
        for query in QUERIES:
            search = parse_search(query)
            for sort, limit in (("", None), ("", ROWS), ("due", ROWS)):
                times, found = [], 0
                for _ in range(5):
                    t = time.perf_counter()
                    found = len(repo.search_cards(search, now, sort, limit=limit))
                    times.append((time.perf_counter() - t) * 1000)
                how = f"{sort or 'notes order'}, " + (f"first {limit}" if limit else "all")
                median = statistics.median(times)
                print(f"store  {query or '(all)':<26} {how:<22} {found:>7} cards {median:8.1f} ms")
    finally:
        repo.close()


async def screen_times(path: Path) -> None:
    from textual.widgets import Input

    from studyapp.tui.factory import make_app
    from studyapp.tui.screens.cards import CardBrowserScreen
    from studyapp.usecases.config import Config

    app = make_app(path, import_bundled=False, config=Config())
    async with app.run_test(size=(200, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("k")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CardBrowserScreen)
        for query in QUERIES:
            times = []
            for _ in range(5):
                screen.query_one("#cards-search", Input).value = query
                screen.query_one("#cards-search", Input).focus()
                t = time.perf_counter()
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                times.append((time.perf_counter() - t) * 1000)
            median = statistics.median(times)
            print(f"screen {query or '(all)':<28} {len(screen.cards):>7} rows   {median:8.1f} ms")


def main() -> None:
    now = datetime.now(UTC)
    path = collection(now)
    store_times(path, now)
    asyncio.run(screen_times(path))


if __name__ == "__main__":
    main()
