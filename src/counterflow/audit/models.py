"""The audit table: one row per read or write of case data, chained by SHA-256.

Each event stores the hash of the event before it (``prev_hash``) and its own ``hash`` over
every field plus ``prev_hash``; ``seq`` numbers events 1, 2, 3 ... without gaps. Altering a
field breaks the event's hash, deleting an event breaks the next one's link, reordering
breaks both, and ``prev_hash`` is unique so two writers can never fork the chain. The
database refuses UPDATE and DELETE on this table (triggers created by the migration, on
PostgreSQL and SQLite alike); the chain catches whoever gets around them (a superuser, a
file editor).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.store.base import Base
from counterflow.store.types import UTCDateTime

GENESIS_HASH = "0" * 64
"""``prev_hash`` of the first event."""


class AuditEvent(Base):
    """Who did what to which object, when, in which request, and why."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_username: Mapped[str] = mapped_column(String(64))
    actor_agency: Mapped[str] = mapped_column(String(16))
    actor_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32), index=True)
    """``read``, ``create``, ``update``, ``delete``, ``login`` ... (:class:`AuditAction`)."""
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    request_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text)
    """Canonical JSON of what changed (field names, old and new values) or what was read."""
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
