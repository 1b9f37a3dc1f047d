"""The command boundary: ``transaction`` commits on success and rolls back on error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, Integer, MetaData, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from counterflow.store import make_engine, session_factory, transaction


class _LocalBase(DeclarativeBase):
    # Not counterflow's Base: test tables must not appear in the migration checks.
    metadata = MetaData()


class Note(_LocalBase):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(50))


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine: Engine = make_engine(database_url)
    _LocalBase.metadata.create_all(engine)
    yield session_factory(engine)
    engine.dispose()


def _texts(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(Note.text).order_by(Note.id)))


def test_commits_when_the_block_ends(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        note = Note(text="kept")
        session.add(note)
    assert _texts(factory) == ["kept"]
    assert note.text == "kept"  # expire_on_commit=False: readable after the commit


def test_rolls_back_everything_when_the_block_raises(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.add(Note(text="before"))

    def command() -> None:
        with transaction(factory) as session:
            session.add(Note(text="lost 1"))
            session.flush()  # sent to the database, not yet committed
            session.add(Note(text="lost 2"))
            raise RuntimeError("half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        command()
    assert _texts(factory) == ["before"]
