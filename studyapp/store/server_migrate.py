"""Bringing the sync server's schema (PostgreSQL) to the revision this studyapp writes, with
Alembic over migrations_server/. Like migrate.py, SQLAlchemy and Alembic are imported only when
the server needs upgrading; usecases/sync.py reads the revision itself first.

SQLAlchemy reaches the server through psycopg (the `postgresql+psycopg` dialect); the URL and its
credentials go to it as they are and are never printed. Concurrent first syncs are safe: the
migration runs under a transaction-level advisory lock and reads the revision again under it.
"""

from __future__ import annotations

SERVER_HEAD = "s0001"
SERVER_REVISIONS = ("s0001",)
VERSION_TABLE = "studyapp_alembic_version"
MIGRATION_LOCK = 771_900  # pg_advisory_xact_lock key: one migration at a time


def migrate_server(url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from studyapp.util import locations

    engine = create_engine(_dialect_url(url), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            cfg = Config()
            cfg.set_main_option("script_location", str(locations.server_migrations_dir()))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, SERVER_HEAD)
    finally:
        engine.dispose()


def _dialect_url(url: str) -> str:
    """The same URL under SQLAlchemy's name for psycopg 3."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url
