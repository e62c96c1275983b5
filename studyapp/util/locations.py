"""Every path studyapp uses, in one place."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "studyapp"
DB_ENV = "STUDYAPP_DB"


def repo_root() -> Path:
    """The checkout the package runs from (content/ and migrations/ live beside the package)."""
    return Path(__file__).resolve().parents[2]


def content_dir() -> Path:
    return repo_root() / "content"


def bundled_notes_dir() -> Path:
    return content_dir() / "notes"


def migrations_dir() -> Path:
    return repo_root() / "migrations"


def server_migrations_dir() -> Path:
    """The sync server's schema (PostgreSQL), migrated by Alembic like the collection's."""
    return repo_root() / "migrations_server"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "studyapp.sqlite3"


def resolve_db_path(cli_value: str | None) -> Path:
    """`--db` wins, then $STUDYAPP_DB, then the user data directory."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


CACHE_ENV = "STUDYAPP_CACHE_DIR"


def cache_dir() -> Path:
    """Where parsed content is cached between runs ($STUDYAPP_CACHE_DIR, else the user cache
    directory); deleting it is always harmless."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))
