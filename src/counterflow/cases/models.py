"""Tables of the case slice.

A case is led by one agency and may be shared with others (``case_share``, each with its
legal basis and scope). Persons belong to one case each, with their role there; the same
human in two cases is two records tied by shared identifiers (phones, documents, accounts),
which is what deconfliction compares, so that no agency ever reads another's records.
Multi-valued code lists (forms of exploitation, the Palermo elements, ILO indicators,
methods of control) are JSON arrays of code values.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.model.codes import (
    CaseCategory,
    CaseStatus,
    Gender,
    HitDecision,
    IdentifierKind,
    PersonRole,
    ShareScope,
)
from counterflow.store.base import Base
from counterflow.store.types import StrEnumType, UTCDateTime


class Case(Base):
    """A trafficking, sexual-exploitation or laundering case."""

    __tablename__ = "case_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    """``NP-2026-00012``: lead agency, year opened, number in that agency's year."""
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[CaseCategory] = mapped_column(StrEnumType(CaseCategory, 24))
    status: Mapped[CaseStatus] = mapped_column(StrEnumType(CaseStatus, 24), index=True)
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    exploitation_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    venue: Mapped[str | None] = mapped_column(String(32))
    province: Mapped[str | None] = mapped_column(String(64))
    cross_border: Mapped[bool | None] = mapped_column(Boolean)
    reported_on: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    foreign_suspect: Mapped[bool] = mapped_column(Boolean, default=False)
    """Derived: some suspect is of a known, non-Cambodian nationality (kept current by the
    service whenever a person changes, so it can be filtered on)."""
    same_foreign_nationality: Mapped[bool] = mapped_column(Boolean, default=False)
    """Derived: some suspect and some victim share a non-Cambodian nationality."""
    created_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CaseShare(Base):
    """A case shared with another agency, on a recorded legal basis."""

    __tablename__ = "case_share"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    scope: Mapped[ShareScope] = mapped_column(StrEnumType(ShareScope, 16))
    legal_basis: Mapped[str] = mapped_column(Text)
    granted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CaseAssignment(Base):
    """A user assigned to work a case (the oversight report compares reads with these)."""

    __tablename__ = "case_assignment"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    assigned_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Person(Base):
    """A person in one case: victim, suspect, witness, account holder."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    role: Mapped[PersonRole] = mapped_column(StrEnumType(PersonRole, 16))
    name_latin: Mapped[str] = mapped_column(Text, default="")
    name_khmer: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    nationality: Mapped[str | None] = mapped_column(String(3))
    """ISO 3166-1 alpha-3 (``KHM``, ``CHN``, ``VNM``); ``None`` when unknown."""
    date_of_birth: Mapped[str | None] = mapped_column(String(10))
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: birth dates are often known only in part."""
    estimated_age: Mapped[int | None] = mapped_column(Integer)
    """Age at the time of exploitation, when no birth date is known."""
    gender: Mapped[Gender] = mapped_column(StrEnumType(Gender, 16))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    # Victim context (role victim): the Palermo checklist, ILO indicators, control, care.
    palermo_acts: Mapped[list[str]] = mapped_column(JSON, default=list)
    palermo_means: Mapped[list[str]] = mapped_column(JSON, default=list)
    palermo_purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    ilo_indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    control_methods: Mapped[list[str]] = mapped_column(JSON, default=list)
    non_punishment_assessed: Mapped[bool] = mapped_column(Boolean, default=False)
    """The non-punishment principle was considered (a victim compelled to commit crimes,
    as in scam compounds, is not to be treated as a suspect for them)."""
    handed_to: Mapped[str | None] = mapped_column(String(16))
    rescued: Mapped[bool] = mapped_column(Boolean, default=False)

    # Suspect context (role suspect).
    arrested: Mapped[bool] = mapped_column(Boolean, default=False)
    charged: Mapped[bool] = mapped_column(Boolean, default=False)
    """Charged by the prosecutor (the justice pipeline of the joint report)."""
    sent_to_court: Mapped[bool] = mapped_column(Boolean, default=False)
    """Sent to trial: the pipeline's "tried" stage."""
    convicted: Mapped[bool] = mapped_column(Boolean, default=False)
    public_official: Mapped[bool] = mapped_column(Boolean, default=False)

    screened_subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("screened_subject.id", ondelete="SET NULL")
    )
    """The watch-list slice's record of this person's screenings."""


class Identifier(Base):
    """A phone, document, account, e-mail or address tied to a person or a case.

    ``value`` is normalised (:func:`counterflow.cases.identifiers.normalise`) so the same
    phone written two ways is one value across cases.
    """

    __tablename__ = "identifier"
    __table_args__ = (Index("ix_identifier_kind_value", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[IdentifierKind] = mapped_column(StrEnumType(IdentifierKind, 16))
    value: Mapped[str] = mapped_column(String(128))
    shown: Mapped[str] = mapped_column(Text)
    """As entered."""


class CaseAccount(Base):
    """A bank or wallet account linked to a case (from an alert, a subpoena, a person)."""

    __tablename__ = "case_account"
    __table_args__ = (UniqueConstraint("case_id", "account"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    account: Mapped[str] = mapped_column(String(128))
    bank: Mapped[str] = mapped_column(Text, default="")
    holder_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CaseTransaction(Base):
    """A transaction linked to a case; amounts are exact decimals, never floats."""

    __tablename__ = "case_transaction"
    __table_args__ = (UniqueConstraint("case_id", "txn_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    txn_id: Mapped[str] = mapped_column(String(128))
    ts: Mapped[datetime | None] = mapped_column(UTCDateTime)
    src_account: Mapped[str] = mapped_column(String(128), default="")
    dst_account: Mapped[str] = mapped_column(String(128), default="")
    amount: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    currency: Mapped[str] = mapped_column(String(3), default="")
    amount_usd: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Evidence(Base):
    """A file attached to a case, identified by its SHA-256 (content-addressed on disk)."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CustodyEvent(Base):
    """One link of an evidence file's chain of custody."""

    __tablename__ = "custody_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(32))
    """``received``, ``downloaded``, ``verified``, ``handed_over`` ..."""
    note: Mapped[str] = mapped_column(Text, default="")
    sha256_seen: Mapped[str] = mapped_column(String(64), default="")
    """The hash the file had when this happened (a mismatch means it changed)."""


class TimelineEntry(Base):
    """A note or an event in a case's timeline."""

    __tablename__ = "timeline_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(32))
    """``note`` for what a user wrote, else what happened (``status``, ``person`` ...)."""
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class HitReview(Base):
    """A reviewer's decision on a watch-list hit of a case person."""

    __tablename__ = "hit_review"
    __table_args__ = (UniqueConstraint("person_id", "hit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("stored_hit.id", ondelete="CASCADE"))
    decision: Mapped[HitDecision] = mapped_column(StrEnumType(HitDecision, 16))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeconflictionNotice(Base):
    """ "This identifier is also in a case of agency X: contact Y." One row per recipient.

    Names the other agency and whom to call, never the other case's reference or content.
    """

    __tablename__ = "deconfliction_notice"
    __table_args__ = (UniqueConstraint("case_id", "other_case_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    """The agency told (the lead agency of ``case_id``)."""
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    other_case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    """Kept for oversight and for the other side's notice; never shown to the recipient."""
    other_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    contact_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[IdentifierKind] = mapped_column(StrEnumType(IdentifierKind, 16))
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AssetFreeze(Base):
    """An order freezing assets in a case (the financial side of the joint report).

    The amount is exact in the order's currency, with its US-dollar value at the rate of the
    order date, so that freezes in riel and dollars add up in one report.
    """

    __tablename__ = "asset_freeze"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    ordered_on: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(20, 2))
    currency: Mapped[str] = mapped_column(String(3))
    amount_usd: Mapped[Decimal] = mapped_column(Numeric(20, 2))
    description: Mapped[str] = mapped_column(Text, default="")
    """What was frozen (accounts, vehicles, property) and by whose order."""
    recorded_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
