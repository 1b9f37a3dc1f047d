"""Run the Alembic migrations from Python: no ``alembic.ini``, works installed or editable.

    upgrade("sqlite:///var/counterflow.db")        # create or update every table
    current_revision("postgresql+psycopg://...")   # "0001", or None on an empty database

The migration scripts ship inside the package (``counterflow/store/migrations``), found
next to this module, so the same call works from a checkout, an editable install or a
wheel. For a new revision, import every slice's ``models`` and call :func:`new_revision`
with ``Base.metadata``; then read and tidy the generated file by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData
from sqlalchemy.engine import URL

from counterflow.store.engine import make_engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
"""The Alembic script directory (``env.py``, ``script.py.mako``, ``versions/``)."""


def alembic_config(
    *,
    engine: Engine | None = None,
    connection: Connection | None = None,
    target_metadata: MetaData | None = None,
) -> Config:
    """An Alembic :class:`~alembic.config.Config` for counterflow's migrations.

    ``env.py`` migrates ``connection`` (inside the caller's transaction) or ``engine``;
    without either, the ``COUNTERFLOW_DATABASE_URL`` environment variable.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    if connection is not None:
        config.attributes["connection"] = connection
    if target_metadata is not None:
        config.attributes["target_metadata"] = target_metadata
    return config


@contextmanager
def _engine_for(target: str | URL | Engine) -> Iterator[Engine]:
    if isinstance(target, Engine):
        yield target
        return
    engine = make_engine(target)
    try:
        yield engine
    finally:
        engine.dispose()


def upgrade(target: str | URL | Engine, revision: str = "head") -> None:
    """Migrate the database at ``target`` (a URL or an engine) up to ``revision``."""
    with _engine_for(target) as engine:
        command.upgrade(alembic_config(engine=engine), revision)


def downgrade(target: str | URL | Engine, revision: str) -> None:
    """Migrate the database at ``target`` down to ``revision`` (``"base"``: no tables)."""
    with _engine_for(target) as engine:
        command.downgrade(alembic_config(engine=engine), revision)


def head_revision() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(target: str | URL | Engine) -> str | None:
    """The revision the database at ``target`` is at; ``None`` if never migrated."""
    with _engine_for(target) as engine, engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def metadata_diffs(target: str | URL | Engine, metadata: MetaData) -> list[Any]:
    """What Alembic autogenerate would change to make the database match ``metadata``.

    Empty when the migrations and the ORM models agree (the test of every slice's models).
    """
    with _engine_for(target) as engine, engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def new_revision(
    target: str | URL | Engine, *, message: str, metadata: MetaData, rev_id: str
) -> None:
    """Write ``versions/<rev_id>_<message>.py`` from the difference between the database at
    ``target`` (upgraded to head first) and ``metadata``. A development tool."""
    with _engine_for(target) as engine:
        command.upgrade(alembic_config(engine=engine), "head")
        command.revision(
            alembic_config(engine=engine, target_metadata=metadata),
            message=message,
            autogenerate=True,
            rev_id=rev_id,
        )
