"""Column types round-trip the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, insert, select
from sqlalchemy.exc import StatementError

from counterflow.store import StrEnumType, UTCDateTime, make_engine


class Colour(StrEnum):
    RED = "red"
    DEEP_BLUE = "deep blue"


# A private MetaData: these tables must not leak into Base.metadata (migration checks).
metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime),
    Column("colour", StrEnumType(Colour, 16)),
)


@pytest.fixture
def bare_engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    metadata.create_all(eng)
    yield eng
    eng.dispose()


def test_aware_datetimes_come_back_in_utc(bare_engine: Engine) -> None:
    phnom_penh = timezone(timedelta(hours=7))
    written = datetime(2024, 3, 31, 1, 30, 15, 123456, tzinfo=phnom_penh)
    with bare_engine.begin() as connection:
        connection.execute(insert(things).values(id=1, at=written, colour=Colour.DEEP_BLUE))
    with bare_engine.connect() as connection:
        at, colour = connection.execute(select(things.c.at, things.c.colour)).one()
    assert at == written
    assert at.tzinfo is UTC
    assert at.hour == 18
    assert colour is Colour.DEEP_BLUE


def test_nulls_pass_through(bare_engine: Engine) -> None:
    with bare_engine.begin() as connection:
        connection.execute(insert(things).values(id=1, at=None, colour=None))
        assert connection.execute(select(things.c.at, things.c.colour)).one() == (None, None)


def test_naive_datetimes_are_refused(bare_engine: Engine) -> None:
    with pytest.raises(StatementError, match="naive datetime"), bare_engine.begin() as c:
        c.execute(insert(things).values(id=1, at=datetime(2024, 1, 1)))


def test_unknown_enum_values_are_refused(bare_engine: Engine) -> None:
    with pytest.raises(StatementError, match="green"), bare_engine.begin() as c:
        c.execute(insert(things).values(id=1, colour="green"))
