"""The typed config file (TOML) at `studyapp.util.locations.config_path()`.

```toml
[study]
desired_retention = 0.9
new_per_day = 20

[keys]            # binding id = keys (comma-separated); ids are listed in the README
"review.again" = "1,j"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from studyapp.study.settings import StudySettings


@dataclass(frozen=True, slots=True)
class Config:
    study: StudySettings = field(default_factory=StudySettings)
    """Scheduling settings (Anki's defaults)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Remapped key bindings: binding id -> keys."""
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
    return Config(study=StudySettings(**kwargs), keys=keys, problems=tuple(problems))  # type: ignore[arg-type]
