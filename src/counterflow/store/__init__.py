"""The store layer (L2): engines, sessions, the declarative base, migrations.

SQLAlchemy 2 and Alembic over two backends: a SQLite file (the zero-set-up default) and
PostgreSQL through psycopg 3 (production, and every test runs on it too). Domain slices
put their ORM models on :class:`Base`, their tables in a migration under
``store/migrations/versions``, and take a :class:`~sqlalchemy.orm.Session` in their
services; the command boundary opens it with :func:`transaction`.

    engine = make_engine("sqlite:///var/counterflow.db")
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        ...
"""

from counterflow.store.base import NAMING_CONVENTION, Base
from counterflow.store.engine import make_engine, normalize_url, sqlite_url
from counterflow.store.errors import MigrationError, StoreError, UnsupportedDatabaseError
from counterflow.store.migrate import (
    current_revision,
    downgrade,
    head_revision,
    metadata_diffs,
    upgrade,
)
from counterflow.store.session import session_factory, transaction
from counterflow.store.types import StrEnumType, UTCDateTime

__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "MigrationError",
    "StoreError",
    "StrEnumType",
    "UTCDateTime",
    "UnsupportedDatabaseError",
    "current_revision",
    "downgrade",
    "head_revision",
    "make_engine",
    "metadata_diffs",
    "normalize_url",
    "session_factory",
    "sqlite_url",
    "transaction",
    "upgrade",
]
