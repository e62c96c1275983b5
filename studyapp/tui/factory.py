"""The one way to build the app: the CLI, `studyapp exam` and every test call `make_app`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studyapp.tui.app import StudyApp
from studyapp.usecases.config import Config
from studyapp.util.clock import Clock, utcnow


def make_app(
    db_path: Path,
    *,
    config: Config | None = None,
    import_bundled: bool = True,
    db_label: str | None = None,
    launch: Callable[[StudyApp], None] | None = None,
    clock: Clock = utcnow,
) -> StudyApp:
    """The app over the database at `db_path`. `config` None: the learner's config file (its
    problems are shown as notices); `launch`: what to open over home once the collection is
    open (`studyapp exam`); `clock`: "now" for studying (tests pass a fake one)."""
    if config is None:
        from studyapp.usecases.config import load_config
        from studyapp.util import locations

        config = load_config(locations.config_path())
    return StudyApp(
        db_path,
        config,
        import_bundled=import_bundled,
        db_label=db_label,
        launch=launch,
        clock=clock,
    )


def run_app(db_path: Path) -> int:
    app = make_app(db_path)
    app.run()
    if app.sync_configured and app.opened.is_set() and not app.open_error:
        sync_on_quit(db_path, app.config.sync_collection)
    return 0


def sync_on_quit(db_path: Path, collection: str | None) -> None:
    """After the screen has closed: send what this session did (a line on stderr says how)."""
    import sys

    from studyapp.store.collection import Collection
    from studyapp.usecases.sync import SyncError, run_sync
    from studyapp.util import locations
    from studyapp.util.textsafe import visible

    print("studyapp: syncing…", file=sys.stderr, flush=True)
    store = Collection.open(db_path)
    try:
        result = run_sync(store, locations.config_path(), collection=collection)
        print(f"studyapp: {visible(result.summary())}", file=sys.stderr)
    except SyncError as exc:
        print(f"studyapp: {visible(str(exc))}", file=sys.stderr)
    finally:
        store.close()
