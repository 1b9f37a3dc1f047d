"""The tips triage queue: anonymous tips from the public page, for the NCCT secretariat and
for the agencies a tip was referred to.

The secretariat takes a tip, notes what it checked, then refers it to the police, the
gendarmerie or the FIU, or dismisses it with a reason; a receiving agency reads it and adds
notes. The service decides who may do what (a tip the user may not see is "not found");
these pages offer only the buttons the user may press. The photo is opened on purpose
(a link, not an image in the page), so that each viewing is one audited download.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from counterflow.model.codes import TipStatus
from counterflow.model.errors import InvalidFieldsError
from counterflow.tips import (
    add_tip_note,
    dismiss_tip,
    get_tip,
    refer_tip,
    referral_agencies,
    take_tip,
    tip_photo,
    tip_queue,
    triages,
)
from counterflow.web.deps import Context, PageCtx
from counterflow.web.templating import render

router = APIRouter()


@router.get("/tips")
def tips_queue(ctx: PageCtx, status: str = "all") -> Response:
    """Every tip the user may see, newest first, or those of one status."""
    chosen = TipStatus(status) if status in {s.value for s in TipStatus} else None
    rows = tip_queue(ctx.db, actor=ctx.actor, status=chosen)
    return render(
        ctx,
        "tips/queue.html",
        rows=rows,
        status=chosen.value if chosen else "all",
        statuses=list(TipStatus),
        triager=triages(ctx.db, ctx.actor),
    )


def _detail(
    ctx: Context,
    tip_id: int,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    file = get_tip(ctx.db, actor=ctx.actor, tip_id=tip_id)
    referred = {r.agency_code for r in file.referrals}
    return render(
        ctx,
        "tips/detail.html",
        status_code=status,
        file=file,
        tip=file.tip,
        agencies=[a for a in referral_agencies(ctx.db) if a.code not in referred]
        if file.may_triage
        else [],
        errors=errors or {},
        values=values or {},
    )


def _back(tip_id: int) -> Response:
    return RedirectResponse(f"/tips/{tip_id}", status_code=303)


@router.get("/tips/{tip_id}")
def tip_detail(ctx: PageCtx, tip_id: int) -> Response:
    return _detail(ctx, tip_id)


@router.get("/tips/{tip_id}/photo")
def tip_photo_view(ctx: PageCtx, tip_id: int) -> Response:
    """The cleaned photo, shown in the browser (it is an image the platform re-encoded)."""
    photo = tip_photo(ctx.db, actor=ctx.actor, tip_id=tip_id, storage=ctx.platform.tip_photos_dir)
    if not photo.intact:
        # Answered, not raised: the audit event of the attempt must commit.
        message = ctx.gettext("The stored photo no longer matches its fingerprint (SHA-256).")
        return render(ctx, "error.html", status_code=409, code=409, message=message)
    return Response(
        photo.content,
        media_type=photo.content_type,
        headers={"Content-Disposition": "inline", "Cache-Control": "no-store, private"},
    )


@router.post("/tips/{tip_id}/take")
def tip_take(ctx: PageCtx, tip_id: int) -> Response:
    take_tip(ctx.db, actor=ctx.actor, tip_id=tip_id)
    return _back(tip_id)


@router.post("/tips/{tip_id}/notes")
def tip_note(
    ctx: PageCtx, tip_id: int, text: Annotated[str, Form(max_length=20_000)] = ""
) -> Response:
    try:
        add_tip_note(ctx.db, actor=ctx.actor, tip_id=tip_id, text=text)
    except InvalidFieldsError as exc:
        return _detail(ctx, tip_id, status=422, errors=exc.errors, values={"text": text})
    return _back(tip_id)


@router.post("/tips/{tip_id}/refer")
def tip_refer(
    ctx: PageCtx,
    tip_id: int,
    agency: Annotated[str, Form(max_length=16)] = "",
    note: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    try:
        refer_tip(ctx.db, actor=ctx.actor, tip_id=tip_id, agency_code=agency, note=note)
    except InvalidFieldsError as exc:
        return _detail(ctx, tip_id, status=422, errors=exc.errors, values={"note": note})
    return _back(tip_id)


@router.post("/tips/{tip_id}/dismiss")
def tip_dismiss(
    ctx: PageCtx, tip_id: int, reason: Annotated[str, Form(max_length=20_000)] = ""
) -> Response:
    try:
        dismiss_tip(ctx.db, actor=ctx.actor, tip_id=tip_id, reason=reason)
    except InvalidFieldsError as exc:
        return _detail(ctx, tip_id, status=422, errors=exc.errors, values={"reason": reason})
    return _back(tip_id)
