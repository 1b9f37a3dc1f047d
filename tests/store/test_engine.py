"""Engines: URL handling and the SQLite connection set-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from counterflow.store import UnsupportedDatabaseError, make_engine, normalize_url, sqlite_url


def test_postgres_urls_use_psycopg3() -> None:
    for url in ("postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"):
        assert normalize_url(url).drivername == "postgresql+psycopg"


def test_other_backends_are_refused_with_the_url_shown() -> None:
    with pytest.raises(UnsupportedDatabaseError, match="mysql://u:\\*\\*\\*@h/db"):
        normalize_url("mysql://u:secret@h/db")


def test_sqlite_url_of_a_path(tmp_path: Path) -> None:
    assert sqlite_url(tmp_path / "x.db") == f"sqlite:///{tmp_path}/x.db"


def test_sqlite_file_gets_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "deep" / "dir" / "cf.db"), busy_timeout_ms=1234)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
        assert (tmp_path / "deep" / "dir" / "cf.db").exists()
    finally:
        engine.dispose()


@pytest.fixture
def bare_engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


def test_transactions_are_real_and_savepoints_work(bare_engine: Engine) -> None:
    """On SQLite the engine emits BEGIN itself, so rollback and SAVEPOINT behave as on
    PostgreSQL (pysqlite's own lazy transactions would break SAVEPOINT)."""
    with bare_engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    with bare_engine.connect() as connection, connection.begin():
        connection.execute(text("INSERT INTO t VALUES (1)"))
        nested = connection.begin_nested()
        connection.execute(text("INSERT INTO t VALUES (2)"))
        nested.rollback()

    def insert_then_fail() -> None:
        with bare_engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (3)"))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        insert_then_fail()
    with bare_engine.connect() as connection:
        assert connection.execute(text("SELECT x FROM t")).scalars().all() == [1]
