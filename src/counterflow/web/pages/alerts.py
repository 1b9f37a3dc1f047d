"""Alert triage pages: the agency's queue, one alert's file, and the triage decisions.

An alert comes from transaction monitoring and always says why (explanation, thresholds).
Analysts take it, discuss it, then either dismiss it with a reason or escalate it into a
case. Dismissing an alert scored at or above ``settings.high_score`` only asks for the
dismissal: a supervisor other than the requester decides (four eyes). The service checks
every rule; these pages offer only the buttons the user may press.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from counterflow.agencies import list_agencies
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
from counterflow.auth import user_by_id, users_of_agency
from counterflow.cases import CaseAction, CaseIn, CaseSummary, allowed, list_cases, parse
from counterflow.model.codes import AlertStatus, CaseCategory, Role
from counterflow.model.errors import InvalidFieldsError
from counterflow.web.deps import Context, PageCtx
from counterflow.web.templating import render

router = APIRouter()

_TRIAGERS = (Role.ANALYST, Role.INVESTIGATOR, Role.SUPERVISOR)
_OPEN = (AlertStatus.NEW, AlertStatus.ASSIGNED, AlertStatus.DISMISSAL_PENDING)
SHOWN_ACCOUNTS = 3
"""Accounts listed per row of the queue; the alert's page lists them all."""


def _usernames(ctx: Context, ids: set[int | None]) -> dict[int, str]:
    names: dict[int, str] = {}
    for user_id in ids:
        if user_id is not None:
            user = user_by_id(ctx.db, user_id)
            names[user_id] = user.username if user else f"#{user_id}"
    return names


@router.get("/alerts")
def alert_queue(ctx: PageCtx, status: str = "open") -> Response:
    """The queue, highest score first: open alerts by default, or one status, or all."""
    if status == "all":
        rows = queue(ctx.db, actor=ctx.actor, open_only=False)
    elif status in {s.value for s in AlertStatus}:
        rows = queue(ctx.db, actor=ctx.actor, status=AlertStatus(status))
    else:
        status = "open"
        rows = queue(ctx.db, actor=ctx.actor)
    return render(
        ctx,
        "alerts/queue.html",
        alerts=rows,
        status=status,
        statuses=list(AlertStatus),
        names=_usernames(ctx, {a.assignee_id for a in rows}),
        agencies={a.id: a.code for a in list_agencies(ctx.db)},
        high_score=ctx.platform.settings.high_score,
        shown_accounts=SHOWN_ACCOUNTS,
    )


def _cases_to_add_to(ctx: Context) -> list[CaseSummary]:
    """The cases the user may attach an alert to (lead or shared to contribute)."""
    return [
        s
        for s in list_cases(ctx.db, actor=ctx.actor)
        if allowed(s.relation, ctx.actor.role, CaseAction.CONTRIBUTE)
    ]


def _detail(
    ctx: Context,
    alert_id: int,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    alert, comments = get_alert(ctx.db, actor=ctx.actor, alert_id=alert_id)
    may_triage = not ctx.actor.is_auditor and alert.status in _OPEN
    is_supervisor = ctx.actor.role is Role.SUPERVISOR
    triagers = (
        [u for u in users_of_agency(ctx.db, alert.owner_agency_id) if u.role in _TRIAGERS]
        if may_triage and is_supervisor
        else []
    )
    return render(
        ctx,
        "alerts/detail.html",
        status_code=status,
        alert=alert,
        comments=comments,
        names=_usernames(
            ctx,
            {alert.assignee_id, alert.dismissal_requested_by, alert.dismissal_approved_by},
        ),
        agencies={a.id: a.code for a in list_agencies(ctx.db)},
        high_score=ctx.platform.settings.high_score,
        may_triage=may_triage,
        is_supervisor=is_supervisor,
        may_decide=(
            is_supervisor
            and alert.status is AlertStatus.DISMISSAL_PENDING
            and alert.dismissal_requested_by != ctx.actor.user_id
        ),
        triagers=triagers,
        cases=_cases_to_add_to(ctx) if may_triage else [],
        categories=list(CaseCategory),
        errors=errors or {},
        values=values or {},
    )


def _back(alert: TriageAlert | int) -> Response:
    alert_id = alert if isinstance(alert, int) else alert.id
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.get("/alerts/{alert_id}")
def alert_detail(ctx: PageCtx, alert_id: int) -> Response:
    return _detail(ctx, alert_id)


@router.post("/alerts/{alert_id}/comments")
def alert_comment(
    ctx: PageCtx, alert_id: int, text: Annotated[str, Form(max_length=20_000)] = ""
) -> Response:
    try:
        comment(ctx.db, actor=ctx.actor, alert_id=alert_id, text=text)
    except InvalidFieldsError as exc:
        return _detail(ctx, alert_id, status=422, errors=exc.errors, values={"text": text})
    return _back(alert_id)


@router.post("/alerts/{alert_id}/assign")
def alert_assign(
    ctx: PageCtx, alert_id: int, username: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    """Analysts take an alert (their own name); supervisors assign it to anyone who triages."""
    try:
        alert = assign(ctx.db, actor=ctx.actor, alert_id=alert_id, username=username)
    except InvalidFieldsError as exc:
        return _detail(ctx, alert_id, status=422, errors=exc.errors)
    return _back(alert)


@router.post("/alerts/{alert_id}/dismiss")
def alert_dismiss(
    ctx: PageCtx, alert_id: int, reason: Annotated[str, Form(max_length=20_000)] = ""
) -> Response:
    """Dismiss with a reason; a high-score alert goes to ``dismissal_pending`` and the page
    then says it waits for a supervisor."""
    try:
        alert = dismiss(
            ctx.db,
            actor=ctx.actor,
            alert_id=alert_id,
            reason=reason,
            high_score=ctx.platform.settings.high_score,
        )
    except InvalidFieldsError as exc:
        return _detail(ctx, alert_id, status=422, errors=exc.errors, values={"reason": reason})
    return _back(alert)


@router.post("/alerts/{alert_id}/dismissal")
def alert_decide(
    ctx: PageCtx,
    alert_id: int,
    approve: Annotated[str, Form(max_length=1)],
    note: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """A supervisor approves (``approve=1``) or rejects (``0``) a pending dismissal."""
    alert = decide_dismissal(
        ctx.db, actor=ctx.actor, alert_id=alert_id, approve=approve == "1", note=note.strip()
    )
    return _back(alert)


@router.post("/alerts/{alert_id}/escalate")
async def alert_escalate(ctx: PageCtx, alert_id: int) -> Response:
    """Into an existing case (``case_id``) or a new one (title, category, forms); then on to
    the case. The alert's accounts and transactions are attached by the service."""
    form = await ctx.request.form()

    def field(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    forms = [str(v) for v in form.getlist("exploitation_forms") if str(v)]
    values: dict[str, Any] = {
        "case_id": field("case_id"),
        "title": field("title"),
        "summary": field("summary"),
        "category": field("category"),
        "exploitation_forms": forms,
    }
    try:
        if values["case_id"]:
            if not values["case_id"].isdigit():
                raise InvalidFieldsError({"case_id": "choose a case from the list"})
            case = escalate(
                ctx.db,
                actor=ctx.actor,
                alert_id=alert_id,
                lookup=ctx.platform.lookup,
                case_id=int(values["case_id"]),
            )
        else:
            data = parse(
                CaseIn,
                {
                    "title": values["title"],
                    "summary": values["summary"],
                    "category": values["category"] or None,
                    "exploitation_forms": forms,
                },
            )
            case = escalate(
                ctx.db,
                actor=ctx.actor,
                alert_id=alert_id,
                lookup=ctx.platform.lookup,
                new_case=data,
            )
    except InvalidFieldsError as exc:
        return _detail(ctx, alert_id, status=422, errors=exc.errors, values=values)
    return RedirectResponse(f"/cases/{case.id}", status_code=303)
