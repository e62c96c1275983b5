"""Alembic environment of the sync server (PostgreSQL). studyapp passes its own connection in
`config.attributes["connection"]`; the version table is studyapp's own, so the server's
database may hold other applications' tables too."""

from __future__ import annotations

from alembic import context

VERSION_TABLE = "studyapp_alembic_version"

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
