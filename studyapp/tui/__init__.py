"""The Textual screens. Importing this package sets Textual's frame cap before Textual loads."""

import os

# Textual draws at most TEXTUAL_FPS frames a second (default 60), so a key's result waits up to
# 17 ms for the next frame. At 120 the wait halves (rating to next card: median 17.7 -> 14.2 ms
# in benchmarks/study_bench.py); frames are drawn only when something changed, so an idle app
# costs nothing more. A value the learner sets in the environment wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
