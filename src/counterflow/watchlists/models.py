"""Tables of the watch-lists slice: list versions, their entries, screened people, hits.

- ``list_version``: one row per loaded publication of a list (``ofac`` ``2024-05-02``),
  with its content hash; exactly one version per source is *current* (a partial unique
  index enforces it). Old versions are kept: "what did the list say on the day we cleared
  this person?" must have an answer.
- ``list_entry``: the full snapshot of every version, one row per entry, with the entry as
  canonical JSON (``payload``) and the SHA-256 of that JSON (``digest``); comparing digests
  tells what a new version added, changed or removed.
- ``screened_subject``: every person or organisation ever screened, so that a new list
  version can be checked against them (a person cleared last month may be designated
  today).
- ``stored_hit``: what a screening found, with its explanation. A hit stays ``open`` until
  the entry it points at is removed from the list or changes (then it is re-screened),
  which makes it ``superseded``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.model.screening import ScreeningHit, ScreeningQuery
from counterflow.model.watchlist import EntityKind, ListSource, WatchlistEntry
from counterflow.store.base import Base
from counterflow.store.types import StrEnumType, UTCDateTime
from counterflow.watchlists import codec


class HitStatus(StrEnum):
    """Where a stored hit stands."""

    OPEN = "open"
    """The latest answer for this subject and entry."""
    SUPERSEDED = "superseded"
    """The entry was removed from its list, or changed and the subject was re-screened."""


class ListVersion(Base):
    """One loaded publication of one list."""

    __tablename__ = "list_version"
    __table_args__ = (UniqueConstraint("source", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[ListSource] = mapped_column(StrEnumType(ListSource, 16))
    version: Mapped[str] = mapped_column(Text)
    """The publisher's label (a date, a sequence number, a file timestamp)."""
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entry_count: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    """Hash of the sorted ``(entry_id, digest)`` pairs: equal content, equal hash."""
    is_current: Mapped[bool] = mapped_column(Boolean)


# At most one current version per source, enforced by the database itself.
Index(
    "uq_list_version_current_source",
    ListVersion.source,
    unique=True,
    sqlite_where=ListVersion.is_current,
    postgresql_where=ListVersion.is_current,
)


class ListEntryRow(Base):
    """One entry of one list version."""

    __tablename__ = "list_entry"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("list_version.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[EntityKind] = mapped_column(StrEnumType(EntityKind, 16))
    primary_name: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    """SHA-256 of ``payload``."""
    payload: Mapped[str] = mapped_column(Text)
    """The :class:`WatchlistEntry` as canonical JSON (:mod:`counterflow.watchlists.codec`)."""

    def entry(self) -> WatchlistEntry:
        """The entry this row stores."""
        return codec.entry_from_json(self.payload)


class ScreenedSubject(Base):
    """A person or organisation that has been screened at least once."""

    __tablename__ = "screened_subject"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    match_key: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the identity used to find the subject again: its ``ref`` if it has one,
    else its normalised name, date of birth and country (:func:`codec.subject_key`)."""
    ref: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    date_of_birth: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(Text)
    id_number: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(32))
    """Where the latest screening came from: ``cli``, ``file``, ``case`` ..."""
    first_screened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_screened_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def query(self) -> ScreeningQuery:
        """The subject as a screening query (what a re-screen sends to the matcher)."""
        return ScreeningQuery(
            name=self.name,
            date_of_birth=self.date_of_birth,
            country=self.country,
            gender=self.gender,
            id_number=self.id_number,
            ref=self.ref,
        )


class StoredHit(Base):
    """One screening hit of one subject on one list entry."""

    __tablename__ = "stored_hit"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'superseded')", name="status"),
        Index("ix_stored_hit_source_entry_id_status", "source", "entry_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[int] = mapped_column(
        ForeignKey("screened_subject.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    list_version: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    matched_name: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    """:meth:`ScreeningHit.explanation`, kept as text for lists and exports."""
    payload: Mapped[str] = mapped_column(Text)
    """The whole :class:`ScreeningHit` as JSON (tokens, evidence, the query)."""
    status: Mapped[HitStatus] = mapped_column(StrEnumType(HitStatus, 16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def hit(self) -> ScreeningHit:
        """The hit this row stores."""
        return codec.hit_from_json(self.payload)
