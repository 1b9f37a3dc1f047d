"""Oversight pages: the audit trail, its CSV export, the chain check, and the report of
case and victim records read by users not assigned to the case.

Only the oversight body's auditors see these pages; the services refuse everyone else
(403), and every look at the trail is itself recorded: oversight is watched too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response

from counterflow.agencies import list_agencies
from counterflow.audit import AuditAction, AuditFilter, browse, export_csv, verify_as
from counterflow.cases import unassigned_reads
from counterflow.model.errors import InvalidFieldsError
from counterflow.web.deps import Context, PageCtx
from counterflow.web.templating import render

router = APIRouter()

PAGE_SIZE = 50
_FIELDS = ("username", "agency", "action", "object_type", "case_id", "since", "until")
_Text = Annotated[str, Query(max_length=64)]


def _day(value: str, field: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[field] = "a date as YYYY-MM-DD"
        return None


def _start_of(day: date | None) -> datetime | None:
    return None if day is None else datetime(day.year, day.month, day.day, tzinfo=UTC)


def _filter(values: dict[str, str]) -> AuditFilter:
    """The form's values as an :class:`AuditFilter`; ``until`` includes its whole day.
    Raises :class:`InvalidFieldsError` naming each bad field."""
    errors: dict[str, str] = {}
    case_id: int | None = None
    if values["case_id"]:
        if values["case_id"].isdigit():
            case_id = int(values["case_id"])
        else:
            errors["case_id"] = "a case number (digits)"
    since = _day(values["since"], "since", errors)
    until = _day(values["until"], "until", errors)
    if since and until and until < since:
        errors["until"] = "on or after the first day"
    if errors:
        raise InvalidFieldsError(errors)
    return AuditFilter(
        username=values["username"].lower() or None,
        agency=values["agency"].upper() or None,
        action=values["action"] or None,
        object_type=values["object_type"] or None,
        case_id=case_id,
        since=_start_of(since),
        until=_start_of(until + timedelta(days=1) if until else None),
    )


def _values(**given: str) -> dict[str, str]:
    return {k: given.get(k, "").strip() for k in _FIELDS}


def _query(values: dict[str, str], **extra: int) -> str:
    """The filter as a query string (only the fields given), for links."""
    kept: dict[str, str | int] = {k: v for k, v in values.items() if v}
    kept.update(extra)
    return urlencode(kept)


def _trail_page(ctx: Context, values: dict[str, str], page: int) -> Response:
    errors: dict[str, str] = {}
    try:
        where = _filter(values)
    except InvalidFieldsError as exc:
        errors, where = exc.errors, AuditFilter()
    page = max(1, page)
    events, total = browse(
        ctx.db, actor=ctx.actor, where=where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render(
        ctx,
        "audit/trail.html",
        status_code=422 if errors else 200,
        events=events,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        values=values,
        errors=errors,
        query=_query(values),
        prev_query=_query(values, page=page - 1) if page > 1 else "",
        next_query=_query(values, page=page + 1) if page * PAGE_SIZE < total else "",
        agencies=[a.code for a in list_agencies(ctx.db)],
        actions=[a.value for a in AuditAction],
    )


@router.get("/audit")
def audit_trail(
    ctx: PageCtx,
    username: _Text = "",
    agency: _Text = "",
    action: _Text = "",
    object_type: _Text = "",
    case_id: _Text = "",
    since: _Text = "",
    until: _Text = "",
    page: int = 1,
) -> Response:
    """The trail newest first, :data:`PAGE_SIZE` events a page, filtered by the form."""
    values = _values(
        username=username,
        agency=agency,
        action=action,
        object_type=object_type,
        case_id=case_id,
        since=since,
        until=until,
    )
    return _trail_page(ctx, values, page)


@router.get("/audit/export.csv")
def audit_export(
    ctx: PageCtx,
    username: _Text = "",
    agency: _Text = "",
    action: _Text = "",
    object_type: _Text = "",
    case_id: _Text = "",
    since: _Text = "",
    until: _Text = "",
) -> Response:
    """Every matching event, oldest first, with its hashes (the export is audited)."""
    values = _values(
        username=username,
        agency=agency,
        action=action,
        object_type=object_type,
        case_id=case_id,
        since=since,
        until=until,
    )
    body = export_csv(ctx.db, actor=ctx.actor, where=_filter(values))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"'},
    )


@router.post("/audit/verify")
def audit_verify(ctx: PageCtx) -> Response:
    """Walk the whole chain and show what it found (the check itself is audited)."""
    report = verify_as(ctx.db, actor=ctx.actor)
    return render(ctx, "audit/verify.html", report=report)


@router.get("/audit/unassigned")
def audit_unassigned(ctx: PageCtx, since: _Text = "") -> Response:
    """Reads of case and victim records by users not assigned to the case."""
    errors: dict[str, str] = {}
    day = _day(since.strip(), "since", errors)
    rows = unassigned_reads(ctx.db, actor=ctx.actor, since=_start_of(day))
    return render(
        ctx,
        "audit/unassigned.html",
        status_code=422 if errors else 200,
        rows=rows,
        since=since.strip(),
        errors=errors,
    )
