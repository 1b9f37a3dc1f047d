"""Engines from a URL: SQLite as the zero-set-up default, PostgreSQL in production.

Two backends are supported, and every store test runs on both:

- **SQLite** (``sqlite:///var/counterflow.db``): a single file, nothing to install. Each new
  connection is set up for a shared, multi-process file:

  * ``journal_mode=WAL``: readers never block the writer and the writer never blocks
    readers (https://www.sqlite.org/wal.html);
  * ``foreign_keys=ON``: SQLite ignores ``FOREIGN KEY`` clauses unless told otherwise on
    *every* connection;
  * ``busy_timeout``: a connection that finds the file locked waits (up to 30 s by
    default) instead of failing at once with ``database is locked``.

  Python's ``sqlite3`` module also opens transactions lazily (just before the first
  INSERT/UPDATE/DELETE), so reads before a write run outside it and SAVEPOINT does not
  work. The engine takes that job back, as the SQLAlchemy documentation recommends
  ("Serializable isolation / Savepoints / Transactional DDL"): the driver is put in
  autocommit mode and the engine emits ``BEGIN`` itself whenever SQLAlchemy begins a
  transaction. A command then sees one consistent snapshot from its first read to its
  commit, and migrations run in one transaction too.

- **PostgreSQL** through psycopg 3 (``postgresql+psycopg://user@host/db``). Plain
  ``postgresql://`` and ``postgres://`` URLs are read as psycopg 3 URLs, so nobody needs
  psycopg2 installed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from counterflow.store.errors import UnsupportedDatabaseError

DEFAULT_BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite connection waits for a lock before giving up."""


def sqlite_url(path: Path | str) -> str:
    """The URL of a SQLite database file (``sqlite:////abs/path.db`` for absolute paths)."""
    return f"sqlite:///{Path(path)}"


def normalize_url(url: str | URL) -> URL:
    """Parse ``url`` and pin the PostgreSQL driver to psycopg 3.

    Raises :class:`UnsupportedDatabaseError` for any backend other than SQLite and
    PostgreSQL: the schema, the migrations and the tests cover only those two.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed
    raise UnsupportedDatabaseError(
        f"database URL {parsed.render_as_string(hide_password=True)!r}: expected "
        "sqlite:///<file> or postgresql+psycopg://<user>@<host>/<database>"
    )


def make_engine(
    url: str | URL,
    *,
    echo: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> Engine:
    """Create an engine for a SQLite file or a PostgreSQL database.

    For a SQLite file the parent directory is created if missing, so that a fresh
    deployment needs nothing but a path. Call :func:`counterflow.store.upgrade` to create
    or update the tables.
    """
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, echo=echo, pool_pre_ping=True)
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, echo=echo)
    _configure_sqlite(engine, busy_timeout_ms=busy_timeout_ms)
    return engine


def _configure_sqlite(engine: Engine, *, busy_timeout_ms: int) -> None:
    """Set the per-connection pragmas and take over transaction control (module docs)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        assert isinstance(dbapi_connection, sqlite3.Connection)
        # Autocommit at the driver level: the "begin" hook below emits BEGIN instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")
