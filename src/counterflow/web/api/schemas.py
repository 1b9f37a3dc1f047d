"""What the JSON API answers, and the request bodies the case services do not define.

Every response is one of these Pydantic models, built field by field from the service's
ORM objects by a ``of(...)`` constructor: an ORM object is never returned as is, so a new
column never reaches a client by accident, and what another agency may not see is simply not
a field (a deconfliction notice names the other agency and whom to call, never the other
case). Money is exact: amounts are decimal strings (``"9500.00"``), never JSON numbers,
which clients would read as binary floats.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from counterflow.alerts import AlertComment, TriageAlert
from counterflow.auth import ApiToken
from counterflow.cases import (
    Case,
    CaseAccount,
    CaseIn,
    CaseShare,
    CaseSummary,
    CaseTransaction,
    HitView,
    Identifier,
    NoticeView,
    PersonView,
    TimelineEntry,
)
from counterflow.model.codes import (
    NATIONALITIES,
    AlertStatus,
    CaseCategory,
    CaseStatus,
    Gender,
    HitDecision,
    IdentifierKind,
    PersonRole,
    ShareScope,
)
from counterflow.model.screening import ScreeningHit

_CENT = Decimal("0.01")
_DOB = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def money(value: Decimal | None) -> str | None:
    """An amount as a decimal string with two places (the column's scale on any backend)."""
    return None if value is None else str(Decimal(value).quantize(_CENT))


# --- request bodies ---------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TokenIn(_In):
    name: str = Field(min_length=1, max_length=200)
    """Which client uses the token (shown in the account page's list)."""
    valid_days: int = Field(default=90, ge=1, le=365)


class StatusIn(_In):
    to: CaseStatus
    reason: str = Field(default="", max_length=2000)


class HitDecisionIn(_In):
    decision: HitDecision
    reason: str = Field(min_length=5, max_length=2000)


class AssignIn(_In):
    username: str = Field(min_length=1, max_length=64)


class CommentIn(_In):
    text: str = Field(min_length=1, max_length=20_000)


class DismissIn(_In):
    reason: str = Field(min_length=10, max_length=2000)


class DismissalDecisionIn(_In):
    approve: bool
    note: str = Field(default="", max_length=2000)


class EscalateIn(_In):
    """Escalate into an existing case (``case_id``) or a new one (``new_case``): one of them."""

    case_id: int | None = None
    new_case: CaseIn | None = None


class ScreeningIn(_In):
    """An ad hoc screening query against the current watch lists."""

    name: str = Field(min_length=1, max_length=200)
    date_of_birth: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    country: str | None = None
    """Nationality, ISO 3166-1 alpha-2 (``TH``) or alpha-3 (``THA``)."""
    gender: Gender | None = None
    id_number: str | None = Field(default=None, max_length=64)

    @field_validator("date_of_birth")
    @classmethod
    def _dob(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not _DOB.match(value):
            raise ValueError("YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        """The lists' matcher compares alpha-2 codes; alpha-3 ones are translated."""
        if value in (None, ""):
            return None
        code = value.upper()
        if re.fullmatch(r"[A-Z]{2}", code):
            return code
        if code in NATIONALITIES:
            return NATIONALITIES[code][0]
        raise ValueError("ISO 3166-1 alpha-2 code (TH), or a known alpha-3 code (THA)")


# --- responses --------------------------------------------------------------------------


class TokenOut(BaseModel):
    """A freshly issued token: ``token`` is shown this once and never again."""

    id: int
    token: str
    prefix: str
    name: str
    expires_at: datetime | None


class TokenInfo(BaseModel):
    """A token as listed later: its prefix, never the token."""

    id: int
    prefix: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked: bool
    last_used_at: datetime | None

    @classmethod
    def of(cls, t: ApiToken) -> TokenInfo:
        return cls(
            id=t.id,
            prefix=t.prefix,
            name=t.name,
            created_at=t.created_at,
            expires_at=t.expires_at,
            revoked=t.revoked_at is not None,
            last_used_at=t.last_used_at,
        )


class CaseOut(BaseModel):
    """A case's own fields and its derived flags."""

    id: int
    reference: str
    title: str
    summary: str
    category: CaseCategory
    status: CaseStatus
    lead_agency: str
    exploitation_forms: list[str]
    venue: str | None
    province: str | None
    cross_border: bool | None
    reported_on: datetime
    foreign_suspect: bool
    """Derived: some suspect is of a known, non-Cambodian nationality."""
    same_foreign_nationality: bool
    """Derived: some suspect and some victim share a non-Cambodian nationality."""
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, c: Case, lead_agency: str) -> CaseOut:
        return cls(
            id=c.id,
            reference=c.reference,
            title=c.title,
            summary=c.summary,
            category=c.category,
            status=c.status,
            lead_agency=lead_agency,
            exploitation_forms=list(c.exploitation_forms),
            venue=c.venue,
            province=c.province,
            cross_border=c.cross_border,
            reported_on=c.reported_on,
            foreign_suspect=c.foreign_suspect,
            same_foreign_nationality=c.same_foreign_nationality,
            created_at=c.created_at,
            updated_at=c.updated_at,
        )


class CaseRow(CaseOut):
    """A row of the case list: the case and how the caller stands to it."""

    relation: str

    @classmethod
    def of_summary(cls, s: CaseSummary) -> CaseRow:
        return cls(**CaseOut.of(s.case, s.lead_agency).model_dump(), relation=s.relation.value)


class ShareOut(BaseModel):
    id: int
    agency_code: str
    scope: ShareScope
    legal_basis: str
    granted_at: datetime

    @classmethod
    def of(cls, s: CaseShare, agency_code: str) -> ShareOut:
        return cls(
            id=s.id,
            agency_code=agency_code,
            scope=s.scope,
            legal_basis=s.legal_basis,
            granted_at=s.granted_at,
        )


class CaseDetail(CaseOut):
    """One case: its fields, flags, active sharings, and what the caller may do next."""

    relation: str
    shares: list[ShareOut]
    allowed_transitions: list[CaseStatus]


class TimelineOut(BaseModel):
    id: int
    at: datetime
    username: str
    kind: str
    text: str

    @classmethod
    def of(cls, e: TimelineEntry, username: str) -> TimelineOut:
        return cls(id=e.id, at=e.at, username=username, kind=e.kind, text=e.text)


class IdentifierOut(BaseModel):
    id: int
    kind: IdentifierKind
    value: str
    """Normalised (what deconfliction compares)."""
    shown: str
    """As entered."""

    @classmethod
    def of(cls, i: Identifier) -> IdentifierOut:
        return cls(id=i.id, kind=i.kind, value=i.value, shown=i.shown)


class ReviewOut(BaseModel):
    decision: HitDecision
    reason: str
    decided_by: int
    decided_at: datetime


class HitOut(BaseModel):
    """A stored watch-list hit of a case person, with its review if it had one."""

    id: int
    source: str
    entry_id: str
    list_version: str
    score: float
    matched_name: str
    explanation: str
    review: ReviewOut | None

    @classmethod
    def of(cls, v: HitView) -> HitOut:
        h, r = v.hit, v.review
        return cls(
            id=h.id,
            source=h.source,
            entry_id=h.entry_id,
            list_version=h.list_version,
            score=h.score,
            matched_name=h.matched_name,
            explanation=h.explanation,
            review=ReviewOut(
                decision=r.decision,
                reason=r.reason,
                decided_by=r.decided_by,
                decided_at=r.decided_at,
            )
            if r
            else None,
        )


class VictimOut(BaseModel):
    """The victim context (persons whose role is victim)."""

    palermo_acts: list[str]
    palermo_means: list[str]
    palermo_purposes: list[str]
    ilo_indicators: list[str]
    control_methods: list[str]
    non_punishment_assessed: bool
    handed_to: str | None
    rescued: bool


class SuspectOut(BaseModel):
    """The suspect context (persons whose role is suspect)."""

    arrested: bool
    charged: bool
    sent_to_court: bool
    convicted: bool
    public_official: bool


class PersonOut(BaseModel):
    id: int
    role: PersonRole
    name_latin: str
    name_khmer: str
    aliases: list[str]
    nationality: str | None
    date_of_birth: str | None
    estimated_age: int | None
    gender: Gender
    notes: str
    age: int | None
    """At the case's report date, from the birth year or the estimate."""
    age_band: str
    """``<15``, ``15-17``, ``18+`` or ``unknown`` (the joint report's bands)."""
    palermo_complete: bool | None
    """Act, purpose and (means or under 18) recorded; ``null`` for non-victims."""
    victim: VictimOut | None
    suspect: SuspectOut | None
    identifiers: list[IdentifierOut]
    hits: list[HitOut]

    @classmethod
    def of(cls, v: PersonView) -> PersonOut:
        p = v.person
        return cls(
            id=p.id,
            role=p.role,
            name_latin=p.name_latin,
            name_khmer=p.name_khmer,
            aliases=list(p.aliases),
            nationality=p.nationality,
            date_of_birth=p.date_of_birth,
            estimated_age=p.estimated_age,
            gender=p.gender,
            notes=p.notes,
            age=v.age,
            age_band=v.age_band,
            palermo_complete=v.palermo_complete,
            victim=VictimOut(
                palermo_acts=list(p.palermo_acts),
                palermo_means=list(p.palermo_means),
                palermo_purposes=list(p.palermo_purposes),
                ilo_indicators=list(p.ilo_indicators),
                control_methods=list(p.control_methods),
                non_punishment_assessed=p.non_punishment_assessed,
                handed_to=p.handed_to,
                rescued=p.rescued,
            )
            if p.role is PersonRole.VICTIM
            else None,
            suspect=SuspectOut(
                arrested=p.arrested,
                charged=p.charged,
                sent_to_court=p.sent_to_court,
                convicted=p.convicted,
                public_official=p.public_official,
            )
            if p.role is PersonRole.SUSPECT
            else None,
            identifiers=[IdentifierOut.of(i) for i in v.identifiers],
            hits=[HitOut.of(h) for h in v.hits],
        )


class AccountOut(BaseModel):
    id: int
    account: str
    bank: str
    holder_person_id: int | None
    note: str
    added_at: datetime

    @classmethod
    def of(cls, a: CaseAccount) -> AccountOut:
        return cls(
            id=a.id,
            account=a.account,
            bank=a.bank,
            holder_person_id=a.holder_person_id,
            note=a.note,
            added_at=a.added_at,
        )


class TransactionOut(BaseModel):
    txn_id: str
    ts: datetime | None
    src_account: str
    dst_account: str
    amount: str | None
    """Exact decimal as a string (``"9500.00"``)."""
    currency: str
    amount_usd: str | None

    @classmethod
    def of(cls, t: CaseTransaction) -> TransactionOut:
        return cls(
            txn_id=t.txn_id,
            ts=t.ts,
            src_account=t.src_account,
            dst_account=t.dst_account,
            amount=money(t.amount),
            currency=t.currency,
            amount_usd=money(t.amount_usd),
        )


class TransactionsAdded(BaseModel):
    added: int
    """How many of the posted transactions were new to the case."""


class NoticeOut(BaseModel):
    """A deconfliction notice as its recipient sees it: their own case, the identifier, the
    other agency and whom to call there. The other case is deliberately not a field."""

    id: int
    case_id: int
    case_reference: str
    kind: IdentifierKind
    value: str
    other_agency: str
    other_agency_name: str
    contact_name: str
    contact_desk: str
    created_at: datetime
    acknowledged: bool

    @classmethod
    def of(cls, n: NoticeView) -> NoticeOut:
        return cls(
            id=n.id,
            case_id=n.case_id,
            case_reference=n.case_reference,
            kind=n.kind,
            value=n.value,
            other_agency=n.other_agency,
            other_agency_name=n.other_agency_name,
            contact_name=n.contact_name,
            contact_desk=n.contact_desk,
            created_at=n.created_at,
            acknowledged=n.acknowledged,
        )


class AlertOut(BaseModel):
    id: int
    engine_alert_id: str
    typology: str
    score: float
    accounts: list[str]
    txn_ids: list[str]
    window_start: datetime
    window_end: datetime
    explanation: str
    thresholds: dict[str, float]
    status: AlertStatus
    assignee: str | None
    case_id: int | None
    dismissal_reason: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, a: TriageAlert, assignee: str | None) -> AlertOut:
        return cls(
            id=a.id,
            engine_alert_id=a.engine_alert_id,
            typology=a.typology,
            score=a.score,
            accounts=list(a.accounts),
            txn_ids=list(a.txn_ids),
            window_start=a.window_start,
            window_end=a.window_end,
            explanation=a.explanation,
            thresholds=dict(a.thresholds),
            status=a.status,
            assignee=assignee,
            case_id=a.case_id,
            dismissal_reason=a.dismissal_reason,
            created_at=a.created_at,
            updated_at=a.updated_at,
        )


class CommentOut(BaseModel):
    id: int
    at: datetime
    username: str
    text: str

    @classmethod
    def of(cls, c: AlertComment, username: str) -> CommentOut:
        return cls(id=c.id, at=c.at, username=username, text=c.text)


class AlertDetail(AlertOut):
    comments: list[CommentOut]


class EscalationOut(BaseModel):
    alert: AlertOut
    case: CaseOut


class ScreeningHitOut(BaseModel):
    """One list entry the queried name may be, and why."""

    entry_id: str
    source: str
    list_version: str
    score: float
    name_score: float
    matched_name: str
    explanation: str

    @classmethod
    def of(cls, h: ScreeningHit) -> ScreeningHitOut:
        return cls(
            entry_id=h.entry_id,
            source=h.source,
            list_version=h.list_version,
            score=h.score,
            name_score=h.name_score,
            matched_name=h.matched_name,
            explanation=h.explanation(),
        )


class ScreeningOut(BaseModel):
    query: dict[str, Any]
    list_versions: dict[str, str]
    hits: list[ScreeningHitOut]
