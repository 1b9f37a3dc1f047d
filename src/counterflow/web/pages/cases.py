"""Case pages: the list, opening a case, the case file, and the case-level forms (edit,
status, sharing, assignment, notes).

Every page goes through :mod:`counterflow.cases`, which decides need-to-know and audits the
read: a user who may not see a case gets the service's 404 (so case numbers cannot be
probed), one who may see it but not do this gets its 403. The persons, screening hits and
evidence forms live in :mod:`.case_persons` and :mod:`.case_evidence`; they re-render the
case file through :func:`case_page` when a form there needs correcting.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse, Response

from counterflow.agencies import list_agencies
from counterflow.cases import (
    Case,
    CaseAction,
    CaseIn,
    NoteIn,
    Relation,
    ShareIn,
    accounts,
    add_note,
    allowed,
    allowed_transitions,
    assign_user,
    assignees,
    change_status,
    create_case,
    evidence_list,
    get_case,
    list_cases,
    notices,
    parse,
    persons,
    share_case,
    shares,
    timeline,
    transactions,
    update_case,
)
from counterflow.model.codes import (
    NATIONALITIES,
    PROVINCES,
    AgencyKind,
    CaseCategory,
    CaseStatus,
    Role,
)
from counterflow.model.errors import InvalidFieldsError, PermissionDeniedError
from counterflow.web.deps import Context, PageCtx
from counterflow.web.templating import render

router = APIRouter()

CASE_OPENERS = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR})
"""Who may open a case (the rule of :func:`counterflow.cases.create_case`, mirrored here only
to decide whether to show the link and the form; the service enforces it)."""

FormErrors = dict[str, dict[str, str]]
"""Errors of the case file's forms: form name (``status``, ``share``, ``hit-7`` ...) → field
→ message, so that two forms with a ``reason`` field do not show each other's error."""


_E = TypeVar("_E", CaseStatus, CaseCategory)


def member(enum: type[_E], value: str) -> _E | None:
    """``value`` as a member of ``enum``; ``None`` for empty or unknown (a filter left off)."""
    try:
        return enum(value)
    except ValueError:
        return None


def yes_no(value: str) -> bool | None:
    """A yes / no / unknown select: ``True``, ``False`` or ``None``."""
    return {"yes": True, "no": False}.get(value)


def _tri(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def redirect(url: str) -> Response:
    """POST/redirect/GET: 303, so a reload does not post again."""
    return RedirectResponse(url, status_code=303)


def case_for(ctx: Context, case_id: int, action: CaseAction) -> tuple[Case, Relation]:
    """Open the case (the service checks it may be seen and audits the read), then refuse
    with 403 unless the user may also do ``action``: used by the GET of a form, so that a
    form is not offered to someone whose POST would be refused."""
    case, rel = get_case(ctx.db, actor=ctx.actor, case_id=case_id)
    if not allowed(rel, ctx.actor.role, action):
        raise PermissionDeniedError(
            f"a {ctx.actor.role.value} with {rel.value} access may not {action.value} this case"
        )
    return case, rel


# --- the list -------------------------------------------------------------------------------


@router.get("/cases")
def case_list(
    ctx: PageCtx,
    status: str = "",
    category: str = "",
    foreign_suspect: str = "",
    same_foreign_nationality: str = "",
    q: str = "",
) -> Response:
    filters = {
        "status": status,
        "category": category,
        "foreign_suspect": foreign_suspect,
        "same_foreign_nationality": same_foreign_nationality,
        "q": q[:200],
    }
    rows = list_cases(
        ctx.db,
        actor=ctx.actor,
        status=member(CaseStatus, status),
        category=member(CaseCategory, category),
        foreign_suspect=yes_no(foreign_suspect),
        same_foreign_nationality=yes_no(same_foreign_nationality),
        text=q[:200],
    )
    return render(
        ctx,
        "cases/list.html",
        rows=rows,
        filters=filters,
        may_open=ctx.actor.role in CASE_OPENERS,
    )


# --- open and edit --------------------------------------------------------------------------


def case_form_values(
    exploitation_forms: Annotated[list[str], Form(default_factory=list)],
    title: Annotated[str, Form()] = "",
    summary: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
    venue: Annotated[str, Form()] = "",
    province: Annotated[str, Form()] = "",
    cross_border: Annotated[str, Form()] = "unknown",
) -> dict[str, Any]:
    """The case form as typed (kept to show again if it needs correcting)."""
    return {
        "title": title,
        "summary": summary,
        "category": category,
        "exploitation_forms": exploitation_forms,
        "venue": venue,
        "province": province,
        "cross_border": cross_border,
    }


CaseForm = Annotated[dict[str, Any], Depends(case_form_values)]


def _case_in(values: dict[str, Any]) -> CaseIn:
    return parse(
        CaseIn,
        {
            **values,
            "venue": values["venue"] or None,
            "province": values["province"] or None,
            "cross_border": yes_no(values["cross_border"]),
        },
    )


def _case_form(
    ctx: Context,
    values: dict[str, Any],
    *,
    case: Case | None = None,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        ctx,
        "cases/form.html",
        status_code=status_code,
        case=case,
        values=values,
        errors=errors or {},
        provinces=PROVINCES,
    )


@router.get("/cases/new")
def case_new(ctx: PageCtx) -> Response:
    if ctx.actor.role not in CASE_OPENERS:
        raise PermissionDeniedError(f"a {ctx.actor.role.value} does not open cases")
    values = {"category": "", "exploitation_forms": [], "cross_border": "unknown"}
    return _case_form(ctx, values)


@router.post("/cases/new")
def case_create(ctx: PageCtx, values: CaseForm) -> Response:
    try:
        case = create_case(ctx.db, actor=ctx.actor, data=_case_in(values))
    except InvalidFieldsError as exc:
        return _case_form(ctx, values, status_code=422, errors=exc.errors)
    return redirect(f"/cases/{case.id}")


@router.get("/cases/{case_id}/edit")
def case_edit(ctx: PageCtx, case_id: int) -> Response:
    case, _ = case_for(ctx, case_id, CaseAction.EDIT)
    values = {
        "title": case.title,
        "summary": case.summary,
        "category": case.category.value,
        "exploitation_forms": list(case.exploitation_forms),
        "venue": case.venue or "",
        "province": case.province or "",
        "cross_border": _tri(case.cross_border),
    }
    return _case_form(ctx, values, case=case)


@router.post("/cases/{case_id}/edit")
def case_update(ctx: PageCtx, case_id: int, values: CaseForm) -> Response:
    try:
        update_case(ctx.db, actor=ctx.actor, case_id=case_id, data=_case_in(values))
    except InvalidFieldsError as exc:
        case, _ = get_case(ctx.db, actor=ctx.actor, case_id=case_id)
        return _case_form(ctx, values, case=case, status_code=422, errors=exc.errors)
    return redirect(f"/cases/{case_id}")


# --- the case file --------------------------------------------------------------------------


def case_page(
    ctx: Context,
    case_id: int,
    *,
    status_code: int = 200,
    errors: FormErrors | None = None,
    values: dict[str, dict[str, Any]] | None = None,
) -> Response:
    """The case file; with ``errors`` (and what was typed, ``values``) after a refused form."""
    case, rel = get_case(ctx.db, actor=ctx.actor, case_id=case_id)
    may = {a.value: allowed(rel, ctx.actor.role, a) for a in CaseAction}
    agencies = list_agencies(ctx.db)
    people = persons(ctx.db, actor=ctx.actor, case_id=case.id)
    return render(
        ctx,
        "cases/detail.html",
        status_code=status_code,
        case=case,
        relation=rel,
        may=may,
        lead_agency=next((a.code for a in agencies if a.id == case.lead_agency_id), ""),
        transitions=allowed_transitions(ctx.db, actor=ctx.actor, case=case),
        # Which other agencies hold the case is the lead's and the oversight body's business.
        shares=shares(ctx.db, case=case) if rel in (Relation.LEAD, Relation.OVERSIGHT) else [],
        share_targets=[
            a
            for a in agencies
            if a.id != case.lead_agency_id and a.kind is not AgencyKind.OVERSIGHT
        ]
        if may["manage"]
        else [],
        assignees=assignees(ctx.db, case=case),
        persons=people,
        person_names={pv.person.id: pv.person.name_latin or pv.person.name_khmer for pv in people},
        notices=notices(ctx.db, actor=ctx.actor, case_id=case.id),
        accounts=accounts(ctx.db, actor=ctx.actor, case_id=case.id),
        transactions=transactions(ctx.db, actor=ctx.actor, case_id=case.id),
        evidence=evidence_list(ctx.db, actor=ctx.actor, case_id=case.id),
        timeline=timeline(ctx.db, actor=ctx.actor, case_id=case.id),
        nationalities=NATIONALITIES,
        errors=errors or {},
        values=values or {},
    )


@router.get("/cases/{case_id}")
def case_detail(ctx: PageCtx, case_id: int) -> Response:
    return case_page(ctx, case_id)


@router.post("/cases/{case_id}/status")
def case_status(
    ctx: PageCtx,
    case_id: int,
    to: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    try:
        target = member(CaseStatus, to)
        if target is None:
            raise InvalidFieldsError({"to": "choose the new status"})
        change_status(ctx.db, actor=ctx.actor, case_id=case_id, to=target, reason=reason.strip())
    except InvalidFieldsError as exc:
        return case_page(
            ctx,
            case_id,
            status_code=422,
            errors={"status": exc.errors},
            values={"status": {"reason": reason}},
        )
    return redirect(f"/cases/{case_id}#status")


@router.post("/cases/{case_id}/share")
def case_share(
    ctx: PageCtx,
    case_id: int,
    agency_code: Annotated[str, Form()] = "",
    scope: Annotated[str, Form()] = "read",
    legal_basis: Annotated[str, Form()] = "",
) -> Response:
    typed = {"agency_code": agency_code, "scope": scope, "legal_basis": legal_basis}
    try:
        share_case(ctx.db, actor=ctx.actor, case_id=case_id, data=parse(ShareIn, typed))
    except InvalidFieldsError as exc:
        return case_page(
            ctx, case_id, status_code=422, errors={"share": exc.errors}, values={"share": typed}
        )
    return redirect(f"/cases/{case_id}#sharing")


@router.post("/cases/{case_id}/assign")
def case_assign(ctx: PageCtx, case_id: int, username: Annotated[str, Form()] = "") -> Response:
    try:
        assign_user(ctx.db, actor=ctx.actor, case_id=case_id, username=username)
    except InvalidFieldsError as exc:
        return case_page(
            ctx,
            case_id,
            status_code=422,
            errors={"assign": exc.errors},
            values={"assign": {"username": username}},
        )
    return redirect(f"/cases/{case_id}#sharing")


@router.post("/cases/{case_id}/notes")
def case_note(ctx: PageCtx, case_id: int, text: Annotated[str, Form()] = "") -> Response:
    try:
        add_note(ctx.db, actor=ctx.actor, case_id=case_id, data=parse(NoteIn, {"text": text}))
    except InvalidFieldsError as exc:
        return case_page(
            ctx,
            case_id,
            status_code=422,
            errors={"note": exc.errors},
            values={"note": {"text": text}},
        )
    return redirect(f"/cases/{case_id}#timeline")
