"""The Textual screens. Importing this package sets Textual's frame cap before Textual loads."""

import os

# Textual draws at most TEXTUAL_FPS frames a second (default 60), so a key's result waits for
# the next frame; at 120 the wait halves (benchmarks/study_bench.py measures rating to next
# card). Frames are drawn only when something changed, so an idle app costs nothing more.
# A value the learner sets in the environment wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
