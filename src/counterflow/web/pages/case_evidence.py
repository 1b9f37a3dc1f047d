"""Evidence files of a case: upload, download, and the chain of custody.

The service checks the bytes against the extension (an ``.exe`` renamed ``.pdf`` is
refused), stores the file under its SHA-256 and records every download as a custody event.
This page reads at most one byte more than the service accepts, so an oversized upload is
refused without holding all of it in memory, and serves files as attachments with the
stored content type and ``nosniff``, so a browser never renders an uploaded file as a page
of the platform.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import Response

from counterflow.cases import MAX_BYTES, add_evidence, custody, download, evidence_list, get_case
from counterflow.model.errors import InvalidFieldsError, NotFoundError
from counterflow.web.deps import PageCtx
from counterflow.web.pages.cases import case_page, redirect
from counterflow.web.templating import render

router = APIRouter()


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the exact name in RFC 5987 form."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", filename).strip("._") or "evidence"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.post("/cases/{case_id}/evidence")
def evidence_upload(
    ctx: PageCtx,
    case_id: int,
    file: Annotated[UploadFile | None, File()] = None,
    description: Annotated[str, Form()] = "",
) -> Response:
    try:
        if file is None or not file.filename:
            raise InvalidFieldsError({"file": "choose a file"})
        content = file.file.read(MAX_BYTES + 1)
        add_evidence(
            ctx.db,
            actor=ctx.actor,
            case_id=case_id,
            filename=file.filename,
            content=content,
            description=description,
            storage=ctx.platform.evidence_dir,
        )
    except InvalidFieldsError as exc:
        return case_page(
            ctx,
            case_id,
            status_code=422,
            errors={"evidence": exc.errors},
            values={"evidence": {"description": description}},
        )
    return redirect(f"/cases/{case_id}#evidence")


@router.get("/cases/{case_id}/evidence/{evidence_id}")
def evidence_download(ctx: PageCtx, case_id: int, evidence_id: int) -> Response:
    try:
        got = download(
            ctx.db,
            actor=ctx.actor,
            case_id=case_id,
            evidence_id=evidence_id,
            storage=ctx.platform.evidence_dir,
        )
    except NotFoundError as exc:
        # Answered, not raised: a tampered file's custody note and audit event must commit.
        return render(ctx, "error.html", status_code=404, code=404, message=str(exc))
    return Response(
        got.content,
        media_type=got.evidence.content_type,
        headers={
            "Content-Disposition": content_disposition(got.evidence.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/cases/{case_id}/evidence/{evidence_id}/custody")
def evidence_custody(ctx: PageCtx, case_id: int, evidence_id: int) -> Response:
    case, _ = get_case(ctx.db, actor=ctx.actor, case_id=case_id)
    events = custody(ctx.db, actor=ctx.actor, case_id=case_id, evidence_id=evidence_id)
    item = next(
        (e for e in evidence_list(ctx.db, actor=ctx.actor, case_id=case_id) if e.id == evidence_id),
        None,
    )
    if item is None:  # custody() has checked already; this keeps the type checker honest
        raise NotFoundError(f"no evidence {evidence_id} in this case")
    return render(ctx, "cases/custody.html", case=case, item=item, events=events)
