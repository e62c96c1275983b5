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

A bad value never stops the app: it is reported (file, line, key and what is allowed) and that
key keeps its default (`study.settings.RANGES`).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

from studyapp.study.settings import RANGES, StudySettings


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


def _line_of(text: str, key: str) -> int:
    """The line of `key = ...` in the file (1-based), 0 if not found."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for n, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return n
    return 0


def _allowed(key: str, default: object) -> str:
    """What `key` may be, in words."""
    limits = RANGES.get(key)
    if isinstance(default, bool):
        return "true or false"
    if limits is not None and isinstance(limits[0], str):
        return "one of " + ", ".join(f'"{w}"' for w in limits)
    if limits is not None:
        lo, hi = limits
        if isinstance(default, tuple):
            return f"a list of minutes, each from {lo:g} to {hi:g}"
        kind = "a whole number" if isinstance(default, int) else "a number"
        return f"{kind} from {lo:g} to {hi:g}"
    return f"a {type(default).__name__}"


def check_value(key: str, value: object, default: object) -> object | None:
    """`value` in the setting's type if it is allowed for `key`, else None."""
    limits = RANGES.get(key)
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, str):
        return value if isinstance(value, str) and (limits is None or value in limits) else None
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        ):
            return None
        steps = tuple(float(v) for v in value)
        if limits is not None and not all(limits[0] <= v <= limits[1] for v in steps):  # type: ignore[operator]
            return None
        return steps
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(default, int) and not isinstance(value, int):
        return None
    number = float(value) if isinstance(default, float) else value
    if limits is not None and not limits[0] <= number <= limits[1]:  # type: ignore[operator]
        return None
    return number


def load_config(path: Path) -> Config:
    if not path.exists():
        return Config()
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(problems=(f"{path}: {exc}; using the defaults",))
    study_in = data.get("study", {})
    known = {f.name: f for f in fields(StudySettings) if f.name != "extra"}
    kwargs: dict[str, object] = {}
    defaults = StudySettings()
    for key, value in study_in.items() if isinstance(study_in, dict) else []:
        line = _line_of(text, key)
        where = f"{path}:{line}" if line else str(path)
        if key not in known:
            problems.append(f"{where}: [study] {key}: unknown setting, ignored")
            continue
        default = getattr(defaults, key)
        checked = check_value(key, value, default)
        if checked is None:
            shown = list(default) if isinstance(default, tuple) else default
            problems.append(
                f"{where}: [study] {key} = {value!r}: expected {_allowed(key, default)};"
                f" using the default {shown!r}"
            )
            continue
        kwargs[key] = checked
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
