"""The declarative base every ORM model of every slice derives from.

One :class:`~sqlalchemy.MetaData` for the whole platform, with a naming convention, so that
every index and constraint gets a predictable name (``fk_stored_hit_subject_id_...``).
Alembic needs names to alter or drop a constraint later, and SQLite's batch migrations
need them to copy a table; without a convention each database invents its own.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of the ORM models (``models.py`` of each domain slice)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
