"""Alert triage: the monitoring engine's alerts in an agency's queue.

An analyst takes or is assigned an alert, comments, and either dismisses it with a reason
or escalates it into a new or existing case, with its accounts and transactions attached.
Dismissing an alert scored at or above :data:`HIGH_SCORE` needs a supervisor's approval,
and not the requester's own (four eyes: the FATF's and the Wolfsberg Group's expectation
that closing a strong suspicion is not one person's decision). Every read and decision is
audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.alerts.models import AlertComment, TriageAlert
from counterflow.alerts.ports import TransactionLookup
from counterflow.audit import AuditAction, record
from counterflow.auth import User
from counterflow.cases import (
    AccountIn,
    Case,
    CaseAction,
    CaseIn,
    TransactionIn,
    attach_transactions,
    create_case,
    link_account,
    relation,
)
from counterflow.cases import allowed as case_allowed
from counterflow.model.actor import Actor
from counterflow.model.alert import Alert
from counterflow.model.codes import AlertStatus, Role
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)

HIGH_SCORE = 0.8
"""Alerts scored at or above this need four eyes to dismiss."""

_TRIAGERS = frozenset({Role.ANALYST, Role.INVESTIGATOR, Role.SUPERVISOR})
_OPEN = (AlertStatus.NEW, AlertStatus.ASSIGNED, AlertStatus.DISMISSAL_PENDING)


def _now() -> datetime:
    return datetime.now(UTC)


def import_alerts(session: Session, *, alerts: Iterable[Alert], owner_agency_id: int) -> int:
    """Put engine alerts into an agency's queue; alerts already there are skipped.
    Returns how many were new. (The monitoring run is the actor: a system event.)"""
    batch = list(alerts)
    known = (
        set(
            session.scalars(
                select(TriageAlert.engine_alert_id).where(
                    TriageAlert.engine_alert_id.in_([a.alert_id for a in batch])
                )
            )
        )
        if batch
        else set()
    )
    now = _now()
    new = 0
    for a in batch:
        if a.alert_id in known:
            continue
        known.add(a.alert_id)
        session.add(
            TriageAlert(
                engine_alert_id=a.alert_id,
                typology=a.typology,
                score=float(a.score),
                accounts=list(a.accounts),
                txn_ids=list(a.txn_ids),
                window_start=a.window.start,
                window_end=a.window.end,
                explanation=a.explanation,
                thresholds={k: float(v) for k, v in a.thresholds.items()},
                owner_agency_id=owner_agency_id,
                status=AlertStatus.NEW,
                assignee_id=None,
                case_id=None,
                dismissal_reason="",
                dismissal_requested_by=None,
                dismissal_approved_by=None,
                created_at=now,
                updated_at=now,
            )
        )
        new += 1
    session.flush()
    record(
        session,
        actor=None,
        username="monitor",
        action=AuditAction.CREATE,
        object_type="alert_batch",
        object_id=owner_agency_id,
        detail={"imported": new},
    )
    return new


def _may_see(actor: Actor, alert: TriageAlert) -> bool:
    if actor.is_auditor:
        return True
    return actor.role in _TRIAGERS and alert.owner_agency_id == actor.agency_id


def _load(session: Session, actor: Actor, alert_id: int, *, write: bool = True) -> TriageAlert:
    alert = session.get(TriageAlert, alert_id)
    if alert is None or not _may_see(actor, alert):
        raise NotFoundError(f"no alert {alert_id}")
    if write and actor.is_auditor:
        raise PermissionDeniedError("auditors read alerts; they do not triage them")
    return alert


def queue(
    session: Session,
    *,
    actor: Actor,
    status: AlertStatus | None = None,
    open_only: bool = True,
    limit: int = 200,
) -> list[TriageAlert]:
    """The actor's agency's alerts, highest score first (auditors: every agency's)."""
    if not actor.is_auditor and actor.role not in _TRIAGERS:
        return []
    stmt = select(TriageAlert)
    if not actor.is_auditor:
        stmt = stmt.where(TriageAlert.owner_agency_id == actor.agency_id)
    if status is not None:
        stmt = stmt.where(TriageAlert.status == status)
    elif open_only:
        stmt = stmt.where(TriageAlert.status.in_(_OPEN))
    rows = list(
        session.scalars(stmt.order_by(TriageAlert.score.desc(), TriageAlert.id).limit(limit))
    )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="alert_queue",
        object_id="alerts",
        detail={
            "status": status.value if status else ("open" if open_only else "all"),
            "shown": len(rows),
        },
    )
    return rows


def get_alert(
    session: Session, *, actor: Actor, alert_id: int
) -> tuple[TriageAlert, list[tuple[AlertComment, str]]]:
    """One alert with its comments (audited read)."""
    alert = _load(session, actor, alert_id, write=False)
    comments = [
        (c, u)
        for c, u in session.execute(
            select(AlertComment, User.username)
            .join(User, User.id == AlertComment.user_id)
            .where(AlertComment.alert_id == alert.id)
            .order_by(AlertComment.at, AlertComment.id)
        )
    ]
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="alert",
        object_id=alert.id,
        case_id=alert.case_id,
    )
    return alert, comments


def assign(session: Session, *, actor: Actor, alert_id: int, username: str) -> TriageAlert:
    """Assign an alert: supervisors to anyone of the agency who triages, others to themselves."""
    alert = _load(session, actor, alert_id)
    if alert.status not in _OPEN:
        raise ConflictError(f"the alert is {alert.status.value}")
    user = session.scalars(
        select(User).where(User.username == username.strip().lower())
    ).one_or_none()
    if user is None or user.agency_id != alert.owner_agency_id or user.role not in _TRIAGERS:
        raise InvalidFieldsError({"username": "not a user of this agency who triages alerts"})
    if actor.role is not Role.SUPERVISOR and user.id != actor.user_id:
        raise PermissionDeniedError("only a supervisor assigns alerts to someone else")
    alert.assignee_id = user.id
    if alert.status is AlertStatus.NEW:
        alert.status = AlertStatus.ASSIGNED
    alert.updated_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="alert",
        object_id=alert.id,
        detail={"assignee": user.username},
    )
    return alert


def comment(session: Session, *, actor: Actor, alert_id: int, text: str) -> AlertComment:
    alert = _load(session, actor, alert_id)
    if not text.strip():
        raise InvalidFieldsError({"text": "required"})
    c = AlertComment(
        alert_id=alert.id, user_id=actor.user_id, at=_now(), text=text.strip()[:20_000]
    )
    session.add(c)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="alert_comment",
        object_id=c.id,
        detail={"alert_id": alert.id},
    )
    return c


def dismiss(
    session: Session, *, actor: Actor, alert_id: int, reason: str, high_score: float = HIGH_SCORE
) -> TriageAlert:
    """Dismiss with a reason; an alert scored >= ``high_score`` waits for a supervisor."""
    alert = _load(session, actor, alert_id)
    if alert.status not in (AlertStatus.NEW, AlertStatus.ASSIGNED):
        raise ConflictError(f"the alert is {alert.status.value}")
    if len(reason.strip()) < 10:
        raise InvalidFieldsError(
            {"reason": "say why the alert is not suspicious (at least 10 characters)"}
        )
    alert.dismissal_reason = reason.strip()
    alert.dismissal_requested_by = actor.user_id
    alert.status = (
        AlertStatus.DISMISSAL_PENDING if alert.score >= high_score else AlertStatus.DISMISSED
    )
    alert.updated_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.DECIDE,
        object_type="alert",
        object_id=alert.id,
        reason=reason.strip(),
        detail={
            "status": alert.status.value,
            "score": alert.score,
            "four_eyes": alert.status is AlertStatus.DISMISSAL_PENDING,
        },
    )
    return alert


def decide_dismissal(
    session: Session, *, actor: Actor, alert_id: int, approve: bool, note: str = ""
) -> TriageAlert:
    """A supervisor approves or rejects a pending dismissal; never their own request."""
    alert = _load(session, actor, alert_id)
    if alert.status is not AlertStatus.DISMISSAL_PENDING:
        raise ConflictError("no dismissal is waiting for approval on this alert")
    if actor.role is not Role.SUPERVISOR:
        raise PermissionDeniedError(
            "only a supervisor approves the dismissal of a high-score alert"
        )
    if alert.dismissal_requested_by == actor.user_id:
        raise PermissionDeniedError(
            "four eyes: the supervisor who asked cannot approve their own dismissal"
        )
    if approve:
        alert.status = AlertStatus.DISMISSED
        alert.dismissal_approved_by = actor.user_id
    else:
        alert.status = AlertStatus.ASSIGNED if alert.assignee_id else AlertStatus.NEW
        alert.dismissal_reason = ""
        alert.dismissal_requested_by = None
    alert.updated_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.DECIDE,
        object_type="alert",
        object_id=alert.id,
        reason=note,
        detail={"dismissal": "approved" if approve else "rejected"},
    )
    return alert


def escalate(
    session: Session,
    *,
    actor: Actor,
    alert_id: int,
    lookup: TransactionLookup | None,
    case_id: int | None = None,
    new_case: CaseIn | None = None,
) -> Case:
    """Open a case from an alert (``new_case``) or attach it to ``case_id``; the alert's
    accounts and transactions are linked to the case."""
    alert = _load(session, actor, alert_id)
    if alert.status not in _OPEN:
        raise ConflictError(f"the alert is {alert.status.value}")
    if (case_id is None) == (new_case is None):
        raise InvalidFieldsError({"case_id": "choose an existing case or describe a new one"})
    if new_case is not None:
        case = create_case(session, actor=actor, data=new_case)
    else:
        existing = session.get(Case, case_id)
        if existing is None or not case_allowed(
            relation(session, actor, existing), actor.role, CaseAction.CONTRIBUTE
        ):
            raise InvalidFieldsError({"case_id": "no case you may add to with this number"})
        case = existing
    found = {t.txn_id: t for t in (lookup.transactions(alert.txn_ids) if lookup else [])}
    rows = [found.get(t) or TransactionIn(txn_id=t) for t in alert.txn_ids]
    attach_transactions(session, actor=actor, case=case, rows=rows)
    for account in alert.accounts:
        link_account(
            session,
            actor=actor,
            case_id=case.id,
            data=AccountIn(account=account, note=f"from alert {alert.engine_alert_id}"),
        )
    alert.status = AlertStatus.ESCALATED
    alert.case_id = case.id
    alert.updated_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.DECIDE,
        object_type="alert",
        object_id=alert.id,
        case_id=case.id,
        detail={
            "escalated_to": case.reference,
            "transactions": len(rows),
            "with_details": len(found),
        },
    )
    return case
