"""The release ledger: frozen snapshots of the public statistics.

A release is published once and never edited; a correction is a new release that names the
one it corrects and says why. Each release stores its tables after disclosure control as
canonical JSON, the SHA-256 of that content, and the hash of the release before it, so the
ledger is a hash chain anyone can re-check from the public page (the same idea as the audit
trail, :mod:`counterflow.audit`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.store.base import Base
from counterflow.store.types import UTCDateTime


class StatisticsRelease(Base):
    """One published release of the joint statistics."""

    __tablename__ = "statistics_release"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    compare_start: Mapped[date | None] = mapped_column(Date)
    compare_end: Mapped[date | None] = mapped_column(Date)
    rules_version: Mapped[str] = mapped_column(String(32))
    content: Mapped[str] = mapped_column(Text)
    """Canonical JSON of the protected tables (sorted keys, no spaces)."""
    content_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """The ``hash`` of the release before (a unique column: the ledger cannot fork)."""
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 over seq, period, rules version, content hash, note and ``prev_hash``."""
    note: Mapped[str] = mapped_column(Text, default="")
    corrects_seq: Mapped[int | None] = mapped_column(Integer)
    published_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
