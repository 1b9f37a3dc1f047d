"""Cases over the API: list, open, read, edit, move along the pipeline, share, note.

Each route is a thin shell over :mod:`counterflow.cases`: the service checks need-to-know
(a case the caller may not see is a 404, one they may see but not change a 403) and writes
the audit events; the route turns its ORM objects into the response models of
:mod:`.schemas`. Deconfliction notices live here too: they are about the caller's own cases.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Query
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.cases import (
    Case,
    CaseIn,
    NoteIn,
    ShareIn,
    acknowledge,
    add_note,
    allowed_transitions,
    change_status,
    create_case,
    get_case,
    list_cases,
    notices,
    parse,
    share_case,
    shares,
    timeline,
    update_case,
)
from counterflow.cases.access import CaseAction, load_case
from counterflow.model.codes import CaseCategory, CaseStatus
from counterflow.web.api.base import api_router
from counterflow.web.api.schemas import (
    CaseDetail,
    CaseOut,
    CaseRow,
    NoticeOut,
    ShareOut,
    StatusIn,
    TimelineOut,
)
from counterflow.web.deps import ApiCtx

router = api_router("cases")


def lead_code(session: Session, case: Case) -> str:
    agency = session.get(Agency, case.lead_agency_id)
    return agency.code if agency else ""


def case_out(session: Session, case: Case) -> CaseOut:
    return CaseOut.of(case, lead_code(session, case))


@router.get("/cases")
def cases_list(
    ctx: ApiCtx,
    status: CaseStatus | None = None,
    category: CaseCategory | None = None,
    foreign_suspect: bool | None = None,
    same_foreign_nationality: bool | None = None,
    q: Annotated[str, Query(max_length=200, description="in the title or reference")] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[CaseRow]:
    """The cases the caller may see, newest first (the list itself is audited)."""
    rows = list_cases(
        ctx.db,
        actor=ctx.actor,
        status=status,
        category=category,
        foreign_suspect=foreign_suspect,
        same_foreign_nationality=same_foreign_nationality,
        text=q,
        limit=limit,
    )
    return [CaseRow.of_summary(s) for s in rows]


@router.post("/cases", status_code=201)
def cases_create(ctx: ApiCtx, body: CaseIn) -> CaseOut:
    """Open a case led by the caller's agency."""
    return case_out(ctx.db, create_case(ctx.db, actor=ctx.actor, data=body))


@router.get("/cases/{case_id}")
def case_read(ctx: ApiCtx, case_id: int) -> CaseDetail:
    """A case with its active sharings, derived flags and the moves open to the caller."""
    case, rel = get_case(ctx.db, actor=ctx.actor, case_id=case_id)
    return CaseDetail(
        **case_out(ctx.db, case).model_dump(),
        relation=rel.value,
        shares=[ShareOut.of(s, code) for s, code in shares(ctx.db, case=case)],
        allowed_transitions=allowed_transitions(ctx.db, actor=ctx.actor, case=case),
    )


@router.put("/cases/{case_id}")
def case_replace(ctx: ApiCtx, case_id: int, body: CaseIn) -> CaseOut:
    """Replace a case's editable fields (lead investigators and supervisors)."""
    return case_out(ctx.db, update_case(ctx.db, actor=ctx.actor, case_id=case_id, data=body))


@router.patch("/cases/{case_id}")
def case_patch(
    ctx: ApiCtx,
    case_id: int,
    body: Annotated[
        dict[str, Any], Body(description="some fields of CaseIn; the others stay as they are")
    ],
) -> CaseOut:
    """Change some of a case's editable fields; the result is validated as a whole."""
    # Permission first: a 422 on a case the caller may not see would tell that it exists.
    case, _ = load_case(ctx.db, ctx.actor, case_id, CaseAction.EDIT)
    current: dict[str, Any] = {
        "title": case.title,
        "summary": case.summary,
        "category": case.category,
        "exploitation_forms": list(case.exploitation_forms),
        "venue": case.venue,
        "province": case.province,
        "cross_border": case.cross_border,
    }
    data = parse(CaseIn, {**current, **body})
    return case_out(ctx.db, update_case(ctx.db, actor=ctx.actor, case_id=case_id, data=data))


@router.post("/cases/{case_id}/status")
def case_status(ctx: ApiCtx, case_id: int, body: StatusIn) -> CaseOut:
    """Move a case along the workflow (closing needs a reason)."""
    case = change_status(ctx.db, actor=ctx.actor, case_id=case_id, to=body.to, reason=body.reason)
    return case_out(ctx.db, case)


@router.post("/cases/{case_id}/shares", status_code=201)
def case_share(ctx: ApiCtx, case_id: int, body: ShareIn) -> ShareOut:
    """Share a case with another agency on a legal basis (lead supervisors)."""
    share = share_case(ctx.db, actor=ctx.actor, case_id=case_id, data=body)
    agency = ctx.db.get(Agency, share.agency_id)
    return ShareOut.of(share, agency.code if agency else body.agency_code)


@router.post("/cases/{case_id}/notes", status_code=201)
def case_note(ctx: ApiCtx, case_id: int, body: NoteIn) -> TimelineOut:
    """Write a note in the case's timeline."""
    entry = add_note(ctx.db, actor=ctx.actor, case_id=case_id, data=body)
    return TimelineOut.of(entry, ctx.actor.username)


@router.get("/cases/{case_id}/timeline")
def case_timeline(ctx: ApiCtx, case_id: int) -> list[TimelineOut]:
    """Notes and events of a case, newest first."""
    return [TimelineOut.of(e, u) for e, u in timeline(ctx.db, actor=ctx.actor, case_id=case_id)]


@router.get("/notices")
def notices_list(
    ctx: ApiCtx, case_id: int | None = None, open_only: bool = False
) -> list[NoticeOut]:
    """Deconfliction notices of the caller's agency: an identifier of one of its cases is
    also in another agency's case; whom to call there (never the other case itself)."""
    rows = notices(ctx.db, actor=ctx.actor, case_id=case_id, open_only=open_only)
    return [NoticeOut.of(n) for n in rows]


@router.post("/notices/{notice_id}/acknowledge", status_code=204)
def notice_acknowledge(ctx: ApiCtx, notice_id: int) -> None:
    """Mark a notice of the caller's agency as dealt with."""
    acknowledge(ctx.db, actor=ctx.actor, notice_id=notice_id)
