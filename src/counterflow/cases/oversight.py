"""Oversight reports over the audit trail: who read case and victim records without being
assigned to the case.

Browsing is not wrong in itself (a supervisor reads the cases of the agency), but it is
what the oversight body looks at first: insider curiosity and leaks start there (ICO
guidance on monitoring access to records; the "break the glass" review of health records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, AuditEvent, record
from counterflow.cases.models import Case, CaseAssignment
from counterflow.model.actor import Actor
from counterflow.model.errors import PermissionDeniedError

_RECORDS = ("case", "person", "evidence", "timeline", "case_transaction", "custody")


@dataclass(frozen=True, slots=True)
class UnassignedRead:
    username: str
    agency: str
    case_id: int
    case_reference: str
    object_type: str
    reads: int
    first: datetime
    last: datetime


def unassigned_reads(
    session: Session, *, actor: Actor, since: datetime | None = None
) -> list[UnassignedRead]:
    """Reads of case and victim records by users not assigned to the case (auditors only)."""
    if not actor.is_auditor:
        raise PermissionDeniedError("only the oversight body's auditors run oversight reports")
    assigned = (
        select(CaseAssignment.id)
        .where(
            and_(
                CaseAssignment.case_id == AuditEvent.case_id,
                CaseAssignment.user_id == AuditEvent.actor_user_id,
            )
        )
        .exists()
    )
    stmt = (
        select(
            AuditEvent.actor_username,
            AuditEvent.actor_agency,
            AuditEvent.case_id,
            Case.reference,
            AuditEvent.object_type,
            func.count(),
            func.min(AuditEvent.at),
            func.max(AuditEvent.at),
        )
        .join(Case, Case.id == AuditEvent.case_id)
        .where(
            AuditEvent.action == AuditAction.READ.value,
            AuditEvent.object_type.in_(_RECORDS),
            AuditEvent.actor_role != "auditor",
            ~assigned,
        )
        .group_by(
            AuditEvent.actor_username,
            AuditEvent.actor_agency,
            AuditEvent.case_id,
            Case.reference,
            AuditEvent.object_type,
        )
        .order_by(func.count().desc())
    )
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    rows = [
        UnassignedRead(
            username=u,
            agency=a,
            case_id=int(c or 0),
            case_reference=ref,
            object_type=t,
            reads=int(n),
            first=first,
            last=last,
        )
        for u, a, c, ref, t, n, first, last in session.execute(stmt)
    ]
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="oversight_report",
        object_id="unassigned_reads",
        detail={"rows": len(rows)},
    )
    return rows
