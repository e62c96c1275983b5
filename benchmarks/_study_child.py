"""One measured process for benchmarks/study_bench.py (headless, so both apps paint alike).

Usage: python _study_child.py bare
       python _study_child.py study DB RATINGS
Prints one JSON line: wall-clock marks (time.time(), compared with the parent's spawn time),
rating-to-next-card latencies in ms, and this process's peak RSS in KiB.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

marks: dict[str, Any] = {}


def report() -> None:
    marks["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(marks), flush=True)


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("A bare Textual app")

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            marks["painted"] = time.time()
            self.exit()

    Bare().run(headless=True)


def study(db: str, ratings: int) -> None:
    from pathlib import Path

    from studyapp.study.settings import StudySettings
    from studyapp.tui.factory import make_app
    from studyapp.tui.screens.home import HomeScreen
    from studyapp.tui.screens.review import ReviewScreen
    from studyapp.usecases.config import Config

    latencies: list[float] = []
    marks["latency_ms"] = latencies
    state = {"t0": 0.0}

    show_overview = HomeScreen.show_overview
    overview_text = HomeScreen.overview_text
    home_mount = HomeScreen.on_mount
    refresh_card = ReviewScreen.refresh_card

    def after_paint(screen: HomeScreen) -> None:
        # the figures are painted (read in compose, or later by the worker)
        if state.get("figures") and "home" not in marks:
            marks["home"] = time.time()
            wait_ready(screen)

    def wait_ready(screen: HomeScreen) -> None:
        if screen.study_ready:
            screen.app.simulate_key("s")
        else:
            screen.set_timer(0.005, lambda: wait_ready(screen))

    def patched_text(self: HomeScreen, ov: Any, counts: dict[str, int]) -> str:
        state["figures"] = 1.0
        return overview_text(self, ov, counts)

    def patched_mount(self: HomeScreen) -> None:
        home_mount(self)
        self.call_after_refresh(after_paint, self)

    def patched_show(self: HomeScreen, ov: Any, counts: dict[str, int]) -> None:
        show_overview(self, ov, counts)
        self.call_after_refresh(after_paint, self)

    def card_painted(screen: ReviewScreen) -> None:
        app = screen.app
        if "card" not in marks:
            marks["card"] = time.time()
        if screen.session.current_id is None or len(latencies) >= ratings:
            app.exit()
        elif screen.showing_back:
            state["t0"] = time.perf_counter()
            app.call_later(screen.action_rate, 3)  # what the "3" key's binding runs
        else:
            if state["t0"]:
                latencies.append((time.perf_counter() - state["t0"]) * 1000)
            app.call_later(screen.action_flip)

    def patched_refresh(self: ReviewScreen) -> None:
        refresh_card(self)
        self.call_after_refresh(card_painted, self)

    HomeScreen.show_overview = patched_show  # type: ignore[method-assign]
    HomeScreen.overview_text = patched_text  # type: ignore[method-assign]
    HomeScreen.on_mount = patched_mount  # type: ignore[method-assign]
    ReviewScreen.refresh_card = patched_refresh  # type: ignore[method-assign]
    # Limits high enough for the rating loop in a collection that was reviewed today already.
    config = Config(study=StudySettings(reviews_per_day=1_000, new_per_day=20))
    make_app(Path(db), config=config).run(headless=True)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        study(sys.argv[2], int(sys.argv[3]))
    report()
