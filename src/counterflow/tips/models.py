"""Anonymous tips from the public, and what staff did with them.

A tip row holds only what the tipster chose to write. Nothing about the sender's machine
is kept: no network address, no browser, no device; the photo is re-encoded from its
pixels, so its camera metadata (GPS position, device serial, time) never reaches the disk.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.model.codes import TipCategory, TipStatus
from counterflow.store.base import Base
from counterflow.store.types import StrEnumType, UTCDateTime


class Tip(Base):
    """One anonymous tip, as received and as triaged by the NCCT secretariat."""

    __tablename__ = "tip"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    """Random code shown to the tipster (``T-7KQ3M9XA``): they may quote it on the hotline.
    Random rather than sequential, so it tells nobody how many tips arrive."""
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[TipCategory | None] = mapped_column(StrEnumType(TipCategory, 16))
    province: Mapped[str | None] = mapped_column(String(32))
    contact: Mapped[str] = mapped_column(Text, default="")
    """Only what the tipster chose to give (a phone, an e-mail, "ask for Dara at ..."). """
    language: Mapped[str] = mapped_column(String(8))
    """The interface language the tip was written in: the language to answer in."""
    text_digest: Mapped[str] = mapped_column(String(64), index=True)
    """SHA-256 of the normalised text: finds the same text sent again."""
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("tip.id", ondelete="SET NULL"))
    """The earlier tip with the same text within the hour, if any (kept, but flagged)."""
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    photo_content_type: Mapped[str | None] = mapped_column(String(16))
    photo_size: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[TipStatus] = mapped_column(StrEnumType(TipStatus, 16), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    dismissal_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TipReferral(Base):
    """A tip passed to an agency: its investigators, analysts and supervisors see it."""

    __tablename__ = "tip_referral"
    __table_args__ = (UniqueConstraint("tip_id", "agency_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tip.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    referred_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class TipNote(Base):
    """A staff note on a tip (the secretariat's, or a receiving agency's)."""

    __tablename__ = "tip_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tip.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text)
