"""`studyapp sync [URL]`: push this machine's reviews, suspensions, buries, attempts and settings
to the sync server, and pull the other machines'. Exit 0 synced, 1 the server could not be
reached or refused (nothing is lost: the next sync sends it)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from studyapp.util import locations
from studyapp.util.textsafe import visible


def cmd_sync(
    db_path: Path, url: str | None, collection: str | None, as_json: bool, dump: Any
) -> int:
    from studyapp.store.collection import Collection
    from studyapp.usecases.sync import SyncError, run_sync

    store = Collection.open(db_path)
    try:

        def progress(stage: str, n: int) -> None:
            if not as_json:
                print(f"  {stage}: {n} rows", file=sys.stderr, flush=True)

        try:
            result = run_sync(store, locations.config_path(), url, collection, progress)
        except SyncError as exc:
            if as_json:
                print(dump({"synced": False, "error": str(exc)}))
            else:
                print(f"studyapp: {visible(str(exc))}", file=sys.stderr)
            return 1
    finally:
        store.close()
    if as_json:
        print(dump({"synced": True, **result.to_json()}))
    else:
        print(visible(result.summary()))
    return 0
