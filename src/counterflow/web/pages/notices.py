"""Deconfliction notices of the user's agency: "this phone also appears in a case held by
another agency: call them". The notice names the identifier, the other agency and whom to
contact there, never the other case (its reference, title or content): that moves only if
the other side decides to share (Eurojust/Europol JIT practice; see
:mod:`counterflow.cases.deconfliction`)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from counterflow.cases import acknowledge, notices
from counterflow.web.deps import PageCtx
from counterflow.web.templating import render

router = APIRouter()

_BACK = re.compile(r"/cases/\d+")
"""Where acknowledging may return to besides the notices page: the user's case page (never an
arbitrary URL, so the form cannot be made into an open redirect)."""


@router.get("/notices")
def notice_list(ctx: PageCtx) -> Response:
    return render(ctx, "notices/list.html", notices=notices(ctx.db, actor=ctx.actor))


@router.post("/notices/{notice_id}/ack")
def notice_ack(ctx: PageCtx, notice_id: int, next: Annotated[str, Form()] = "") -> Response:
    acknowledge(ctx.db, actor=ctx.actor, notice_id=notice_id)
    target = next if _BACK.fullmatch(next) else "/notices"
    return RedirectResponse(f"{target}#notice-{notice_id}", status_code=303)
