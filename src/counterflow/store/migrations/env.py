"""Alembic environment: where the database is and what the models look like.

Not imported by the application; Alembic executes it when a command runs (see
``counterflow.store.migrate``).
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, Engine, MetaData

from counterflow.store.base import Base
from counterflow.store.engine import make_engine, normalize_url
from counterflow.store.errors import MigrationError

DATABASE_URL_ENV = "COUNTERFLOW_DATABASE_URL"

config = context.config


def _target_metadata() -> MetaData:
    """The models to compare with (autogenerate): given by the caller, else the shared base.

    The store layer cannot import the domain slices above it, so ``Base.metadata`` holds
    only the models the calling program has imported; callers that autogenerate pass the
    metadata explicitly after importing every slice's ``models``.
    """
    given = config.attributes.get("target_metadata")
    return given if isinstance(given, MetaData) else Base.metadata


def _database_url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(DATABASE_URL_ENV)
    if not url:
        raise MigrationError(
            "no database to migrate: pass an engine or connection in Config.attributes, "
            f"set the sqlalchemy.url option, or set {DATABASE_URL_ENV}"
        )
    return url


def _configure(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=_target_metadata(),
        # SQLite cannot ALTER most things: autogenerate copy-and-move "batch" operations.
        render_as_batch=sqlite,
        # The engine emits a real BEGIN on SQLite (engine.py), so DDL is transactional
        # there too: a failed upgrade leaves no half-built schema.
        transactional_ddl=True,
        compare_type=True,
    )


def run_migrations_offline() -> None:
    """Write the SQL to standard output instead of running it (``alembic upgrade --sql``)."""
    context.configure(
        url=normalize_url(_database_url()),
        target_metadata=_target_metadata(),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run against a live database: a caller's connection or engine, else a URL."""
    given_connection = config.attributes.get("connection")
    if isinstance(given_connection, Connection):
        # The caller owns the connection and its transaction.
        _configure(given_connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    given_engine = config.attributes.get("engine")
    engine = given_engine if isinstance(given_engine, Engine) else make_engine(_database_url())
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        if engine is not given_engine:
            engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
