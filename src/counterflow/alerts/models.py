"""Alerts in triage: what the monitoring engine raised, and what people did with it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.model.codes import AlertStatus
from counterflow.store.base import Base
from counterflow.store.types import StrEnumType, UTCDateTime


class TriageAlert(Base):
    """One engine alert (``alerts.parquet`` row) in an agency's triage queue."""

    __tablename__ = "triage_alert"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engine_alert_id: Mapped[str] = mapped_column(String(64), unique=True)
    typology: Mapped[str] = mapped_column(String(32), index=True)
    score: Mapped[float] = mapped_column(Float)
    accounts: Mapped[list[str]] = mapped_column(JSON)
    txn_ids: Mapped[list[str]] = mapped_column(JSON)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    window_end: Mapped[datetime] = mapped_column(UTCDateTime)
    explanation: Mapped[str] = mapped_column(Text)
    thresholds: Mapped[dict[str, float]] = mapped_column(JSON)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    """The agency whose queue it is in (the FIU by default)."""
    status: Mapped[AlertStatus] = mapped_column(StrEnumType(AlertStatus, 24), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id", ondelete="SET NULL"))
    dismissal_reason: Mapped[str] = mapped_column(Text, default="")
    dismissal_requested_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    dismissal_approved_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AlertComment(Base):
    """A comment in an alert's discussion."""

    __tablename__ = "alert_comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("triage_alert.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text)
