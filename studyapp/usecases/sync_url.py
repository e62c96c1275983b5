"""Where the sync server is, and whether there is one: read on every app start, so it stays apart
from usecases/sync.py (which imports psycopg, about 0.16 s: paid only when a sync runs)."""

from __future__ import annotations

import os

ENV_URL = "STUDYAPP_SYNC_URL"


def resolve_url(given: str | None, configured: str | None) -> str | None:
    """The command line's URL, else STUDYAPP_SYNC_URL, else the config file's [sync] url."""
    return given or os.environ.get(ENV_URL) or configured or None


def configured(config_url: str | None) -> bool:
    """Whether the app should sync on start and on quit."""
    return resolve_url(None, config_url) is not None
