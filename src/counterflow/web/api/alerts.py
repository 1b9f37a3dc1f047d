"""Alert triage over the API: the queue, one alert, assign, comment, dismiss, approve a
dismissal (four eyes above the high score), escalate into a case.

The rules are :mod:`counterflow.alerts.service`'s: an agency sees its own queue, auditors
every queue read-only; dismissing an alert scored at or above the platform's ``high_score``
waits for a supervisor other than the one who asked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from counterflow.alerts import (
    TriageAlert,
    assign,
    comment,
    decide_dismissal,
    dismiss,
    escalate,
    get_alert,
    queue,
)
from counterflow.auth import user_by_id
from counterflow.model.codes import AlertStatus
from counterflow.web.api.base import api_router
from counterflow.web.api.cases import case_out
from counterflow.web.api.schemas import (
    AlertDetail,
    AlertOut,
    AssignIn,
    CommentIn,
    CommentOut,
    DismissalDecisionIn,
    DismissIn,
    EscalateIn,
    EscalationOut,
)
from counterflow.web.deps import ApiCtx

router = api_router("alerts")


def _out(session: Session, alert: TriageAlert) -> AlertOut:
    user = user_by_id(session, alert.assignee_id) if alert.assignee_id else None
    return AlertOut.of(alert, user.username if user else None)


@router.get("/alerts")
def alerts_list(
    ctx: ApiCtx, status: AlertStatus | None = None, open_only: bool = True
) -> list[AlertOut]:
    """The caller's agency's alerts, highest score first; open ones unless told otherwise."""
    rows = queue(ctx.db, actor=ctx.actor, status=status, open_only=open_only)
    return [_out(ctx.db, a) for a in rows]


@router.get("/alerts/{alert_id}")
def alert_read(ctx: ApiCtx, alert_id: int) -> AlertDetail:
    """One alert with its discussion."""
    alert, comments = get_alert(ctx.db, actor=ctx.actor, alert_id=alert_id)
    return AlertDetail(
        **_out(ctx.db, alert).model_dump(),
        comments=[CommentOut.of(c, u) for c, u in comments],
    )


@router.post("/alerts/{alert_id}/assign")
def alert_assign(ctx: ApiCtx, alert_id: int, body: AssignIn) -> AlertOut:
    """Take an alert (or, for supervisors, give it to a user of the agency)."""
    return _out(ctx.db, assign(ctx.db, actor=ctx.actor, alert_id=alert_id, username=body.username))


@router.post("/alerts/{alert_id}/comments", status_code=201)
def alert_comment(ctx: ApiCtx, alert_id: int, body: CommentIn) -> CommentOut:
    """Add to an alert's discussion."""
    c = comment(ctx.db, actor=ctx.actor, alert_id=alert_id, text=body.text)
    return CommentOut.of(c, ctx.actor.username)


@router.post("/alerts/{alert_id}/dismiss")
def alert_dismiss(ctx: ApiCtx, alert_id: int, body: DismissIn) -> AlertOut:
    """Dismiss with a reason; a high-score alert becomes ``dismissal_pending``."""
    alert = dismiss(
        ctx.db,
        actor=ctx.actor,
        alert_id=alert_id,
        reason=body.reason,
        high_score=ctx.platform.settings.high_score,
    )
    return _out(ctx.db, alert)


@router.post("/alerts/{alert_id}/dismissal")
def alert_dismissal(ctx: ApiCtx, alert_id: int, body: DismissalDecisionIn) -> AlertOut:
    """A supervisor approves or rejects a pending dismissal (never their own request)."""
    alert = decide_dismissal(
        ctx.db, actor=ctx.actor, alert_id=alert_id, approve=body.approve, note=body.note
    )
    return _out(ctx.db, alert)


@router.post("/alerts/{alert_id}/escalate")
def alert_escalate(ctx: ApiCtx, alert_id: int, body: EscalateIn) -> EscalationOut:
    """Escalate into an existing case or a new one; the alert's accounts and transactions
    (with their details from the transaction store) are linked to the case."""
    case = escalate(
        ctx.db,
        actor=ctx.actor,
        alert_id=alert_id,
        lookup=ctx.platform.lookup,
        case_id=body.case_id,
        new_case=body.new_case,
    )
    alert = ctx.db.get(TriageAlert, alert_id)
    assert alert is not None
    return EscalationOut(alert=_out(ctx.db, alert), case=case_out(ctx.db, case))
