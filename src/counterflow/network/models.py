"""Tables of the network slice: bank KYC records, duplicate candidates, merge decisions.

``account_holder`` keeps each account's holder as the bank reported it (plus normalised
identifiers to join on). ``duplicate_candidate`` is a pair of records (case persons or
holders, by their node ids) that entity resolution scored as possibly one person, with the
match weight and each comparison's weight. ``merge_decision`` is append-only: an
investigator confirms or rejects a candidate with a reason; a later decision supersedes an
earlier one and none is ever edited (no service function updates or deletes a row).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.ingest.holders import HolderKind
from counterflow.network.codes import MergeVerdict
from counterflow.store.base import Base
from counterflow.store.types import StrEnumType, UTCDateTime


class AccountHolder(Base):
    """One account and its holder, from a bank's KYC file (``""`` = not given)."""

    __tablename__ = "account_holder"
    __table_args__ = (UniqueConstraint("bank", "account"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(128), index=True)
    bank: Mapped[str] = mapped_column(String(128))
    holder_kind: Mapped[HolderKind] = mapped_column(StrEnumType(HolderKind, 16))
    name: Mapped[str] = mapped_column(Text, default="")
    name_khmer: Mapped[str] = mapped_column(Text, default="")
    date_of_birth: Mapped[str] = mapped_column(String(10), default="")
    nationality: Mapped[str] = mapped_column(String(3), default="")
    id_document: Mapped[str] = mapped_column(String(128), default="")
    phone: Mapped[str] = mapped_column(String(128), default="")
    email: Mapped[str] = mapped_column(String(128), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    signatory: Mapped[str] = mapped_column(Text, default="")
    phone_norm: Mapped[str] = mapped_column(String(128), default="", index=True)
    document_norm: Mapped[str] = mapped_column(String(128), default="", index=True)
    email_norm: Mapped[str] = mapped_column(String(128), default="", index=True)
    address_norm: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DuplicateCandidate(Base):
    """Two records entity resolution scored as possibly one person (``left_key < right_key``,
    node ids such as ``person:12`` or ``person:h7``)."""

    __tablename__ = "duplicate_candidate"
    __table_args__ = (UniqueConstraint("left_key", "right_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    left_key: Mapped[str] = mapped_column(String(160), index=True)
    right_key: Mapped[str] = mapped_column(String(160), index=True)
    left_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    right_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    left_holder_id: Mapped[int | None] = mapped_column(
        ForeignKey("account_holder.id", ondelete="CASCADE")
    )
    right_holder_id: Mapped[int | None] = mapped_column(
        ForeignKey("account_holder.id", ondelete="CASCADE")
    )
    match_weight: Mapped[float] = mapped_column(Float)
    match_probability: Mapped[float] = mapped_column(Float)
    weights: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """``[{"comparison": "name", "level": "exact name", "weight": 8.3}, ...]``"""
    estimated: Mapped[bool] = mapped_column(Boolean)
    """Whether the model's parameters were estimated from the data (else declared)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MergeDecision(Base):
    """An investigator's decision on a candidate; the latest (highest id) is in force."""

    __tablename__ = "merge_decision"
    __table_args__ = (Index("ix_merge_decision_candidate_id_id", "candidate_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("duplicate_candidate.id", ondelete="CASCADE")
    )
    decision: Mapped[MergeVerdict] = mapped_column(StrEnumType(MergeVerdict, 16))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
