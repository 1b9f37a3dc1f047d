"""The start page: what needs the user's attention."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from counterflow.web.deps import PageCtx
from counterflow.web.templating import render

router = APIRouter()


@router.get("/")
def home(ctx: PageCtx) -> Response:
    return render(ctx, "home.html")
