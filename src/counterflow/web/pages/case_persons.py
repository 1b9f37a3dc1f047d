"""Persons of a case: adding one (screened against the watch lists on the way in), the
victim context (Palermo checklist, ILO indicators, control, care), the suspect context, and
the review of a screening hit.

A victim's Palermo status is computed by the service (:func:`counterflow.cases.persons`):
act and purpose, plus means unless the victim was under 18 (Palermo Protocol, Art. 3(c)).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from counterflow.cases import (
    CaseAction,
    PersonIn,
    PersonView,
    SuspectIn,
    VictimIn,
    add_person,
    parse,
    persons,
    review_hit,
    set_suspect_context,
    set_victim_context,
)
from counterflow.model.codes import NATIONALITIES, HitDecision, PersonRole
from counterflow.model.errors import ConflictError, InvalidFieldsError, NotFoundError
from counterflow.web.deps import Context, PageCtx
from counterflow.web.pages.cases import case_for, case_page, redirect
from counterflow.web.templating import render

router = APIRouter()


def _lines(text: str) -> list[str]:
    return [v.strip() for v in text.splitlines() if v.strip()]


def _aliases(text: str) -> list[str]:
    # A comma never belongs in a name, so it separates aliases as well as a new line does.
    return [v.strip() for v in re.split(r"[,\n]", text) if v.strip()]


def _person_form(
    ctx: Context,
    case_id: int,
    values: dict[str, Any],
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
) -> Response:
    case, _ = case_for(ctx, case_id, CaseAction.CONTRIBUTE)
    return render(
        ctx,
        "cases/person_form.html",
        status_code=status_code,
        case=case,
        values=values,
        errors=errors or {},
        nationalities=NATIONALITIES,
    )


@router.get("/cases/{case_id}/persons/new")
def person_new(ctx: PageCtx, case_id: int, role: str = "victim") -> Response:
    return _person_form(ctx, case_id, {"role": role, "gender": "unknown"})


@router.post("/cases/{case_id}/persons/new")
def person_create(
    ctx: PageCtx,
    case_id: int,
    role: Annotated[str, Form()] = "",
    name_latin: Annotated[str, Form()] = "",
    name_khmer: Annotated[str, Form()] = "",
    aliases: Annotated[str, Form()] = "",
    nationality: Annotated[str, Form()] = "",
    nationality_other: Annotated[str, Form()] = "",
    date_of_birth: Annotated[str, Form()] = "",
    estimated_age: Annotated[str, Form()] = "",
    gender: Annotated[str, Form()] = "unknown",
    phones: Annotated[str, Form()] = "",
    documents: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    typed = {
        "role": role,
        "name_latin": name_latin,
        "name_khmer": name_khmer,
        "aliases": aliases,
        "nationality": nationality,
        "nationality_other": nationality_other,
        "date_of_birth": date_of_birth,
        "estimated_age": estimated_age,
        "gender": gender,
        "phones": phones,
        "documents": documents,
        "notes": notes,
    }
    try:
        data = parse(
            PersonIn,
            {
                "role": role,
                "name_latin": name_latin,
                "name_khmer": name_khmer,
                "aliases": _aliases(aliases),
                # A nationality not in the short list is typed as its ISO alpha-3 code.
                "nationality": nationality_other.strip() or nationality or None,
                "date_of_birth": date_of_birth or None,
                "estimated_age": estimated_age.strip() or None,
                "gender": gender or "unknown",
                "phones": _lines(phones),
                "documents": _lines(documents),
                "notes": notes,
            },
        )
        person = add_person(
            ctx.db,
            actor=ctx.actor,
            case_id=case_id,
            data=data,
            screener=ctx.platform.screeners.get(ctx.db),
        )
    except InvalidFieldsError as exc:
        errors = dict(exc.errors)
        if "nationality" in errors and nationality_other.strip():
            errors["nationality_other"] = errors.pop("nationality")
        return _person_form(ctx, case_id, typed, status_code=422, errors=errors)
    return redirect(f"/cases/{case_id}#person-{person.id}")


def _person(ctx: Context, case_id: int, person_id: int, role: PersonRole) -> PersonView:
    """The person ``person_id`` of the case, for a form the user may submit."""
    case_for(ctx, case_id, CaseAction.CONTRIBUTE)
    view = next(
        (p for p in persons(ctx.db, actor=ctx.actor, case_id=case_id) if p.person.id == person_id),
        None,
    )
    if view is None:
        raise NotFoundError(f"no person {person_id} in this case")
    if view.person.role is not role:
        raise ConflictError(f"this form is for persons whose role is {role.value}")
    return view


def _context_form(
    ctx: Context,
    case_id: int,
    person_id: int,
    role: PersonRole,
    values: dict[str, Any],
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
) -> Response:
    view = _person(ctx, case_id, person_id, role)
    template = "cases/victim_form.html" if role is PersonRole.VICTIM else "cases/suspect_form.html"
    return render(
        ctx,
        template,
        status_code=status_code,
        case_id=case_id,
        view=view,
        values=values,
        errors=errors or {},
    )


_VICTIM_LISTS = ("palermo_acts", "palermo_means", "palermo_purposes")


@router.get("/cases/{case_id}/persons/{person_id}/victim")
def victim_form(ctx: PageCtx, case_id: int, person_id: int) -> Response:
    p = _person(ctx, case_id, person_id, PersonRole.VICTIM).person
    values = {k: getattr(p, k) for k in VictimIn.model_fields}
    values["handed_to"] = p.handed_to or ""
    return _context_form(ctx, case_id, person_id, PersonRole.VICTIM, values)


@router.post("/cases/{case_id}/persons/{person_id}/victim")
def victim_save(
    ctx: PageCtx,
    case_id: int,
    person_id: int,
    palermo_acts: Annotated[list[str], Form(default_factory=list)],
    palermo_means: Annotated[list[str], Form(default_factory=list)],
    palermo_purposes: Annotated[list[str], Form(default_factory=list)],
    ilo_indicators: Annotated[list[str], Form(default_factory=list)],
    control_methods: Annotated[list[str], Form(default_factory=list)],
    non_punishment_assessed: Annotated[str, Form()] = "",
    handed_to: Annotated[str, Form()] = "",
    rescued: Annotated[str, Form()] = "",
) -> Response:
    values: dict[str, Any] = {
        "palermo_acts": palermo_acts,
        "palermo_means": palermo_means,
        "palermo_purposes": palermo_purposes,
        "ilo_indicators": ilo_indicators,
        "control_methods": control_methods,
        "non_punishment_assessed": bool(non_punishment_assessed),
        "handed_to": handed_to,
        "rescued": bool(rescued),
    }
    try:
        data = parse(VictimIn, {**values, "handed_to": handed_to or None})
        set_victim_context(ctx.db, actor=ctx.actor, case_id=case_id, person_id=person_id, data=data)
    except InvalidFieldsError as exc:
        return _context_form(
            ctx,
            case_id,
            person_id,
            PersonRole.VICTIM,
            values,
            status_code=422,
            errors=exc.errors,
        )
    return redirect(f"/cases/{case_id}#person-{person_id}")


@router.get("/cases/{case_id}/persons/{person_id}/suspect")
def suspect_form(ctx: PageCtx, case_id: int, person_id: int) -> Response:
    p = _person(ctx, case_id, person_id, PersonRole.SUSPECT).person
    values = {k: getattr(p, k) for k in SuspectIn.model_fields}
    return _context_form(ctx, case_id, person_id, PersonRole.SUSPECT, values)


@router.post("/cases/{case_id}/persons/{person_id}/suspect")
def suspect_save(
    ctx: PageCtx,
    case_id: int,
    person_id: int,
    arrested: Annotated[str, Form()] = "",
    charged: Annotated[str, Form()] = "",
    sent_to_court: Annotated[str, Form()] = "",
    convicted: Annotated[str, Form()] = "",
    public_official: Annotated[str, Form()] = "",
) -> Response:
    data = SuspectIn(
        arrested=bool(arrested),
        charged=bool(charged),
        sent_to_court=bool(sent_to_court),
        convicted=bool(convicted),
        public_official=bool(public_official),
    )
    set_suspect_context(ctx.db, actor=ctx.actor, case_id=case_id, person_id=person_id, data=data)
    return redirect(f"/cases/{case_id}#person-{person_id}")


@router.post("/cases/{case_id}/persons/{person_id}/hits/{hit_id}")
def hit_review(
    ctx: PageCtx,
    case_id: int,
    person_id: int,
    hit_id: int,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    try:
        if decision not in {d.value for d in HitDecision}:
            raise InvalidFieldsError({"decision": "confirm or clear the hit"})
        review_hit(
            ctx.db,
            actor=ctx.actor,
            case_id=case_id,
            person_id=person_id,
            hit_id=hit_id,
            decision=HitDecision(decision),
            reason=reason,
        )
    except InvalidFieldsError as exc:
        form = f"hit-{hit_id}"
        return case_page(
            ctx,
            case_id,
            status_code=422,
            errors={form: exc.errors},
            values={form: {"reason": reason}},
        )
    return redirect(f"/cases/{case_id}#hit-{hit_id}")
