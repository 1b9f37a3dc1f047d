"""Tables of the reports slice: what enters the joint statistics besides case data.

- :class:`ReportTally`: how many suspicious and cash transaction reports the FIU received in
  a month (the reports themselves live in the FIU's goAML system; the joint report needs
  only their number).
- :class:`VictimImport` and :class:`ImportedVictim`: historical victim records imported
  from IOM formats (CTDC, HTCDS). Each import is a *source* of its own in every table, so
  imported records are never mistaken for platform cases, and an import can be traced to
  its file by its SHA-256.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.store.base import Base
from counterflow.store.types import UTCDateTime


class ReportTally(Base):
    """Reports received by the FIU in one month, by type (``str``, ``ctr``, ``other``)."""

    __tablename__ = "report_tally"
    __table_args__ = (UniqueConstraint("month", "report_type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, index=True)
    """The first day of the month of receipt."""
    report_type: Mapped[str] = mapped_column(String(8))
    count: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VictimImport(Base):
    """One imported file of historical victim records: a source of the statistics."""

    __tablename__ = "victim_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(64), unique=True)
    """The name the tables show for this source, e.g. ``ctdc-2022``."""
    source_format: Mapped[str] = mapped_column(String(16))
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    records: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ImportedVictim(Base):
    """One victim of an import (:class:`counterflow.model.victim_record.VictimRecord`)."""

    __tablename__ = "imported_victim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("victim_import.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    identified_on: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(16))
    age: Mapped[int | None] = mapped_column(Integer)
    is_minor: Mapped[bool | None] = mapped_column(Boolean)
    nationality: Mapped[str | None] = mapped_column(String(3))
    origin_region: Mapped[str | None] = mapped_column(String(64))
    exploitation_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    control_methods: Mapped[list[str]] = mapped_column(JSON, default=list)
