"""The typed config file (TOML) at `studyapp.util.locations.config_path()`.

```toml
[study]
desired_retention = 0.9
new_per_day = 20

[keys]            # binding id = keys (comma-separated); ids are listed in the README
"review.again" = "1,j"

[sync]            # `studyapp sync`, and the app on start and quit (STUDYAPP_SYNC_URL wins)
url = "postgresql://me@db.example.org/studyapp?sslmode=verify-full"
collection = "me"  # whose rows on the server (default: the PostgreSQL user)
```
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

from studyapp.study.settings import StudySettings


@dataclass(frozen=True, slots=True)
class Config:
    study: StudySettings = field(default_factory=StudySettings)
    """Scheduling settings (Anki's defaults)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Remapped key bindings: binding id -> keys."""
    sync_url: str | None = None
    """The sync server (a PostgreSQL URL); None: not configured."""
    sync_collection: str | None = None
    """Whose collection on that server (None: the PostgreSQL user's)."""
    problems: tuple[str, ...] = ()
    """What was wrong with the file, if anything (the defaults were used for those parts)."""


def load_config(path: Path) -> Config:
    if not path.exists():
        return Config()
    problems: list[str] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(problems=(f"{path}: {exc}; using the defaults",))
    study_in = data.get("study", {})
    known = {f.name: f for f in fields(StudySettings) if f.name != "extra"}
    kwargs: dict[str, object] = {}
    defaults = StudySettings()
    for key, value in study_in.items() if isinstance(study_in, dict) else []:
        if key not in known:
            problems.append(f"{path}: [study] {key}: unknown setting, ignored")
            continue
        default = getattr(defaults, key)
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(float(v) for v in value)
        elif isinstance(default, float) and isinstance(value, int | float):
            value = float(value)
        if type(value) is not type(default):
            problems.append(f"{path}: [study] {key}: expected {type(default).__name__}, ignored")
            continue
        kwargs[key] = value
    keys_in = data.get("keys", {})
    keys = {str(k): str(v) for k, v in keys_in.items()} if isinstance(keys_in, dict) else {}
    sync_in = data.get("sync", {})
    sync: dict[str, str | None] = {"url": None, "collection": None}
    for key, value in sync_in.items() if isinstance(sync_in, dict) else []:
        if key not in sync:
            problems.append(f"{path}: [sync] {key}: unknown setting, ignored")
        elif not isinstance(value, str):
            problems.append(f"{path}: [sync] {key}: expected str, ignored")
        else:
            sync[key] = value or None
    return Config(
        study=StudySettings(**kwargs),  # type: ignore[arg-type]
        keys=keys,
        sync_url=sync["url"],
        sync_collection=sync["collection"],
        problems=tuple(problems),
    )


def settings_changed_at(path: Path) -> datetime | None:
    """When the [study] settings were last written (the file's time; None: no file)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def save_study_settings(path: Path, settings: StudySettings) -> None:
    """Write the [study] table (settings a sync brought), keeping the rest of the file as it
    is, comments included; the file is replaced atomically."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    table = ["[study]"] + [
        f"{f.name} = {_toml_value(getattr(settings, f.name))}"
        for f in fields(StudySettings)
        if f.name != "extra"
    ]
    start = next((i for i, line in enumerate(lines) if line.strip() == "[study]"), None)
    if start is None:
        out = table + ([""] + lines if lines else [])
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
            len(lines),
        )
        out = lines[:start] + table + ([""] if end < len(lines) else []) + lines[end:]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    os.replace(tmp, path)
