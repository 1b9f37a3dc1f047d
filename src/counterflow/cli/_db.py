"""The database a command works in: the configured URL, migrated to the latest schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from counterflow.settings import load_settings
from counterflow.store import make_engine, session_factory, transaction, upgrade


@contextmanager
def database() -> Iterator[Session]:
    """One transaction in the configured database; commits at the end, rolls back on error.

    The schema is brought to the latest migration first, so a fresh installation needs no
    separate set-up step.
    """
    engine = make_engine(load_settings().db_url())
    try:
        upgrade(engine)
        with transaction(session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()
