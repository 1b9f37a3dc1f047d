"""Deconfliction: two agencies working the same person, phone or account should talk.

When an identifier added to a case (a phone, an identity document, an account, an e-mail)
is already in a case led by another agency, both lead agencies get a notice naming the
identifier and whom to contact at the other agency, never the other case's reference,
title, persons or content. Their supervisors decide whether to share. This follows the
deconfliction practice of joint investigation teams (Eurojust/Europol JIT guide, 2021):
tell that there is an overlap and who to call; the content moves only by a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.audit import AuditAction, record
from counterflow.auth import User
from counterflow.cases.identifiers import DECONFLICTED
from counterflow.cases.models import Case, DeconflictionNotice, Identifier
from counterflow.model.actor import Actor
from counterflow.model.codes import IdentifierKind, Role
from counterflow.model.errors import NotFoundError


def _contact(session: Session, agency_id: int, case_id: int) -> int | None:
    """Whom the other side should call: a supervisor of the agency, else its case creator."""
    supervisor = session.scalars(
        select(User.id)
        .where(User.agency_id == agency_id, User.role == Role.SUPERVISOR, User.is_active)
        .order_by(User.id)
    ).first()
    if supervisor is not None:
        return supervisor
    case = session.get(Case, case_id)
    return case.created_by if case else None


def check(session: Session, *, actor: Actor, case: Case, kind: IdentifierKind, value: str) -> int:
    """Raise notices for ``(kind, value)`` just added to ``case``; return how many."""
    if kind not in DECONFLICTED:
        return 0
    others = session.execute(
        select(Case.id, Case.lead_agency_id)
        .join(Identifier, Identifier.case_id == Case.id)
        .where(
            Identifier.kind == kind,
            Identifier.value == value,
            Case.lead_agency_id != case.lead_agency_id,
        )
        .distinct()
    ).all()
    created = 0
    for other_id, other_agency in others:
        for mine, my_agency, theirs, their_agency in (
            (case.id, case.lead_agency_id, other_id, other_agency),
            (other_id, other_agency, case.id, case.lead_agency_id),
        ):
            exists = session.scalar(
                select(DeconflictionNotice.id).where(
                    DeconflictionNotice.case_id == mine,
                    DeconflictionNotice.other_case_id == theirs,
                    DeconflictionNotice.kind == kind,
                    DeconflictionNotice.value == value,
                )
            )
            if exists is not None:
                continue
            notice = DeconflictionNotice(
                agency_id=my_agency,
                case_id=mine,
                other_case_id=theirs,
                other_agency_id=their_agency,
                contact_user_id=_contact(session, their_agency, theirs),
                kind=kind,
                value=value,
                created_at=datetime.now(UTC),
                acknowledged_at=None,
            )
            session.add(notice)
            session.flush()
            created += 1
            record(
                session,
                actor=actor,
                action=AuditAction.CREATE,
                object_type="deconfliction_notice",
                object_id=notice.id,
                case_id=mine,
                detail={"kind": kind.value, "other_case_id": theirs},
            )
    return created


@dataclass(frozen=True, slots=True)
class NoticeView:
    """What a recipient sees: their own case, the identifier, the other agency, a contact."""

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


def notices(
    session: Session, *, actor: Actor, case_id: int | None = None, open_only: bool = False
) -> list[NoticeView]:
    """The notices of the actor's agency (on one of its cases if ``case_id``)."""
    if actor.is_admin or actor.is_auditor:
        return []
    stmt = (
        select(DeconflictionNotice, Case.reference, Agency, User.display_name)
        .join(Case, Case.id == DeconflictionNotice.case_id)
        .join(Agency, Agency.id == DeconflictionNotice.other_agency_id)
        .outerjoin(User, User.id == DeconflictionNotice.contact_user_id)
        .where(DeconflictionNotice.agency_id == actor.agency_id)
    )
    if case_id is not None:
        stmt = stmt.where(DeconflictionNotice.case_id == case_id)
    if open_only:
        stmt = stmt.where(DeconflictionNotice.acknowledged_at.is_(None))
    rows = session.execute(
        stmt.order_by(DeconflictionNotice.created_at.desc(), DeconflictionNotice.id.desc())
    ).all()
    return [
        NoticeView(
            id=n.id,
            case_id=n.case_id,
            case_reference=ref,
            kind=n.kind,
            value=n.value,
            other_agency=agency.code,
            other_agency_name=agency.name,
            contact_name=contact or "",
            contact_desk=agency.contact,
            created_at=n.created_at,
            acknowledged=n.acknowledged_at is not None,
        )
        for n, ref, agency, contact in rows
    ]


def acknowledge(session: Session, *, actor: Actor, notice_id: int) -> None:
    """Mark a notice of the actor's agency as dealt with."""
    notice = session.get(DeconflictionNotice, notice_id)
    if notice is None or notice.agency_id != actor.agency_id or actor.is_auditor or actor.is_admin:
        raise NotFoundError(f"no notice {notice_id}")
    notice.acknowledged_at = datetime.now(UTC)
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="deconfliction_notice",
        object_id=notice.id,
        case_id=notice.case_id,
        detail={"acknowledged": True},
    )
