"""Sessions, and the one place where they commit.

Domain services take a :class:`~sqlalchemy.orm.Session` and never commit: they add, flush
and query. The *command boundary* (a CLI command, a web request) opens a transaction with
:func:`transaction`, calls any number of services, and commits once at the end. So the
change and the audit row that records it commit together, and an error anywhere leaves
the database exactly as it was.

    factory = session_factory(make_engine(url))
    with transaction(factory) as session:
        report = load_snapshot(session, source=..., version=..., entries=..., screener=...)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory bound to ``engine``.

    ``expire_on_commit=False``: objects returned by a service stay readable after the
    command commits (a CLI prints them, a view renders them) without a new query.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session in a transaction: commit if the block ends, roll back if it raises."""
    with factory() as session, session.begin():
        yield session
