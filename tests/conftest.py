"""Database fixtures: the same test runs on SQLite and on PostgreSQL.

``database_url`` is parametrised over both backends and gives each test an empty database
of its own:

- SQLite: a file in the test's ``tmp_path``;
- PostgreSQL (marked ``postgres``): a new schema named after the xdist worker and a random
  suffix, selected through ``search_path`` in the URL, dropped after the test; parallel
  workers never see each other's tables. The server is ``COUNTERFLOW_TEST_PG_URL``
  (default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``); when it cannot be
  reached the PostgreSQL half of every test is skipped with the reason.

``engine`` is that database migrated to head; ``sessions`` a session factory on it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counterflow.store import make_engine, normalize_url, session_factory, upgrade

PG_URL_ENV = "COUNTERFLOW_TEST_PG_URL"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An autocommit engine on the test server; skips PostgreSQL tests if unreachable."""
    url = normalize_url(os.environ.get(PG_URL_ENV, DEFAULT_PG_URL))
    admin = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        admin.dispose()
        shown = url.render_as_string(hide_password=True)
        pytest.skip(f"PostgreSQL not reachable at {shown} (set {PG_URL_ENV}): {exc.orig}")
    yield admin
    admin.dispose()


def _pg_schema_url(admin: Engine, schema: str) -> URL:
    return admin.url.update_query_dict({"options": f"-csearch_path={schema}"})


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database on one backend (see the module docstring)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'counterflow.db'}"
        return
    admin: Engine = request.getfixturevalue("pg_admin")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    schema = f"cf_test_{worker}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(admin, schema).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The test's database, migrated to head."""
    eng = make_engine(database_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """A session factory on the migrated test database."""
    return session_factory(engine)
