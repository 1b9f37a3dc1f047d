"""Joint statistics pages: the report with charts and downloads, the data that feeds it
(imported historical victims, FIU report tallies) and the release ledger.

Every figure comes from :func:`counterflow.reports.joint` (access checked and the read
audited there); downloads are audited as exports. Charts are Vega-Lite specs carried as
JSON data and drawn by ``static/charts.js``; the server-drawn SVG stays as the fallback.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import Response

from counterflow.model.errors import (
    ConflictError,
    InputError,
    InvalidFieldsError,
    PermissionDeniedError,
)
from counterflow.publish import ledger, may_publish, publish, verify_ledger
from counterflow.reports import REPORT_TYPES, import_victims, joint, record_tally, sources
from counterflow.stats.charts import comparison_bars, embed_json, svg_bars, svg_trend, trend_line
from counterflow.stats.document import TREND_KEYS, joint_document, trend_series, unplaced_notes
from counterflow.stats.export import EXPORTERS
from counterflow.stats.joint import JointReport, change_percent
from counterflow.stats.periods import COMPARISONS, comparison
from counterflow.stats.sheets import sheet
from counterflow.stats.table import Period, Sheet, Table
from counterflow.web.deps import Context, PageCtx
from counterflow.web.labels import english
from counterflow.web.pages.cases import redirect
from counterflow.web.templating import render

router = APIRouter()

MAX_IMPORT_BYTES = 50 * 1024 * 1024
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Cases", ("cases_",)),
    ("Suspects", ("suspects_arrested", "suspects_to_court")),
    ("Victims", ("victims_",)),
    ("Justice pipeline", ("suspects_pipeline",)),
    ("Financial side", ("reports_", "alerts_", "assets_")),
)
"""Where each table is shown, by key prefix (first match wins; the pipeline's case table
is pulled next to the suspects' pipeline below)."""
_JUSTICE = frozenset({"cases_by_status", "suspects_pipeline"})
_FINANCE = frozenset({"cases_financial_link"})
_ORDERED_DIMENSIONS = frozenset({"age_band", "stage", "status", "month"})


def default_period(today: date) -> Period:
    """This year up to the end of last month (January: the whole of last year)."""
    if today.month == 1:
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    end = date(today.year, today.month, 1).toordinal() - 1
    return Period(date(today.year, 1, 1), date.fromordinal(end))


def periods_from(start: str, end: str, compare: str) -> list[Period]:
    """The periods of the form, or :class:`InvalidFieldsError` naming the bad field."""
    errors: dict[str, str] = {}
    days: dict[str, date] = {}
    for field, value in (("from", start), ("to", end)):
        try:
            days[field] = date.fromisoformat(value)
        except ValueError:
            errors[field] = "a date as YYYY-MM-DD"
    if errors:
        raise InvalidFieldsError(errors)
    if days["to"] < days["from"]:
        raise InvalidFieldsError({"to": "on or after the first day"})
    period = Period(days["from"], days["to"])
    try:
        other = comparison(period, compare)
    except ValueError:
        raise InvalidFieldsError(
            {"compare": f"{', '.join(COMPARISONS)} or START:END dates"}
        ) from None
    return [period] if other is None else [period, other]


@dataclass(frozen=True)
class TableView:
    """One table on the page: its sheet, its Vega-Lite spec and its SVG fallback."""

    key: str
    sheet: Sheet
    spec: str
    fallback: str


def _label(ctx: Context) -> Any:
    return lambda value: ctx.gettext(english(value))


def table_view(table: Table, periods: list[Period], ctx: Context) -> TableView:
    compare = (0, 1) if len(periods) > 1 else None
    label, tr = _label(ctx), ctx.gettext
    laid_out = sheet(table, compare=compare, label=label, gettext=tr)
    spec, fallback = "", ""
    if table.key in TREND_KEYS:
        series = trend_series(table, tr)
        title, measure = tr(table.title), label(table.population)
        spec = embed_json(trend_line(series, title=title, measure=measure, gettext=tr))
        fallback = str(svg_trend(series, title=title, measure=measure, gettext=tr))
    elif compare is not None and len(table.dimensions) == 1 and len(table.rows) <= 30:
        sort = table.dimensions[0] not in _ORDERED_DIMENSIONS
        options: dict[str, Any] = {"compare": compare, "label": label, "gettext": tr, "sort": sort}
        spec = embed_json(comparison_bars(table, **options))
        fallback = str(svg_bars(table, **options))
    return TableView(table.key, laid_out, spec, fallback)


def _section_of(key: str) -> str:
    if key in _JUSTICE:
        return "Justice pipeline"
    if key in _FINANCE:
        return "Financial side"
    for name, prefixes in SECTIONS:
        if key.startswith(prefixes):
            return name
    return "Cases"


def sections(report: JointReport, ctx: Context) -> list[tuple[str, list[TableView]]]:
    grouped: dict[str, list[TableView]] = {name: [] for name, _ in SECTIONS}
    periods = list(report.periods)
    for table in report.tables:
        grouped[_section_of(table.key)].append(table_view(table, periods, ctx))
    return [(name, views) for name, views in grouped.items() if views]


@router.get("/reports")
def report_page(
    ctx: PageCtx,
    start: Annotated[str, Query(alias="from", max_length=10)] = "",
    end: Annotated[str, Query(alias="to", max_length=10)] = "",
    compare: Annotated[str, Query(max_length=24)] = "previous-year",
) -> Response:
    if not (start and end):
        default = default_period(datetime.now(UTC).date())
        start, end = start or default.start.isoformat(), end or default.end.isoformat()
    values = {"from": start, "to": end, "compare": compare}
    try:
        periods = periods_from(start, end, compare)
    except InvalidFieldsError as exc:
        return render(
            ctx,
            "reports/report.html",
            status_code=422,
            values=values,
            errors=exc.errors,
            report=None,
            comparisons=COMPARISONS,
        )
    report = joint(ctx.db, actor=ctx.actor, periods=periods)
    total = report.table("cases_total").totals
    headline = {
        "now": total[0],
        "before": total[1] if len(total) > 1 else None,
        "change": change_percent(total[1], total[0]) if len(total) > 1 else None,
    }
    return render(
        ctx,
        "reports/report.html",
        values=values,
        errors={},
        report=report,
        sections=sections(report, ctx),
        headline=headline,
        notes=unplaced_notes(report.unplaced, ctx.gettext),
        comparisons=COMPARISONS,
        formats=[f for f in EXPORTERS if f != "html"],
        query=urlencode(values),
    )


@router.get("/reports/export")
def report_export(
    ctx: PageCtx,
    start: Annotated[str, Query(alias="from", max_length=10)],
    end: Annotated[str, Query(alias="to", max_length=10)],
    compare: Annotated[str, Query(max_length=24)] = "previous-year",
    fmt: Annotated[str, Query(alias="format", max_length=8)] = "csv",
) -> Response:
    if fmt not in EXPORTERS:
        raise InvalidFieldsError({"format": f"one of {', '.join(EXPORTERS)}"})
    periods = periods_from(start, end, compare)
    report = joint(ctx.db, actor=ctx.actor, periods=periods, purpose=f"export {fmt}")
    data = joint_document(
        report, fmt=fmt, lang=ctx.language, label=_label(ctx), gettext=ctx.gettext
    )
    chosen = EXPORTERS[fmt]
    name = f"joint-report_{start}_{end}.{chosen.extension}"
    return Response(
        data,
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/reports/data")
def data_page(ctx: PageCtx) -> Response:
    return _data_page(ctx)


def _data_page(ctx: Context, *, status_code: int = 200, **extra: Any) -> Response:
    if ctx.actor.is_admin:
        raise PermissionDeniedError("administrators see no statistics")
    return render(
        ctx,
        "reports/data.html",
        status_code=status_code,
        sources=sources(ctx.db),
        report_types=REPORT_TYPES,
        errors=extra.pop("errors", {}),
        values=extra.pop("values", {}),
        **extra,
    )


@router.post("/reports/sources")
async def import_source(
    ctx: PageCtx,
    file: Annotated[UploadFile, File()],
    source_format: Annotated[str, Form(max_length=8)],
    source: Annotated[str, Form(max_length=64)],
) -> Response:
    values = {"source": source, "source_format": source_format}
    suffix = Path(file.filename or "upload").suffix.lower()[:8]
    if suffix not in (".csv", ".xlsx"):
        return _data_page(
            ctx,
            status_code=422,
            values=values,
            errors={"file": "a .csv (CTDC, HTCDS) or .xlsx (HTCDS) file"},
        )
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        return _data_page(ctx, status_code=422, values=values, errors={"file": "50 MiB at most"})
    with tempfile.TemporaryDirectory(prefix="cf-import-") as folder:
        # The original name is kept only as a label; the path is ours.
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            summary = import_victims(
                ctx.db, actor=ctx.actor, path=path, source_format=source_format, source=source
            )
        except InvalidFieldsError as exc:
            return _data_page(ctx, status_code=422, values=values, errors=exc.errors)
        except ConflictError as exc:
            return _data_page(ctx, status_code=409, values=values, errors={"source": str(exc)})
        except InputError as exc:
            # Name the file as the user knows it, not our temporary copy.
            shown = InputError(
                exc.detail, path=file.filename or "upload", line=exc.line, field=exc.field
            )
            return _data_page(ctx, status_code=422, values=values, errors={"file": str(shown)})
    return _data_page(ctx, imported=summary, filename=file.filename or "")


@router.post("/reports/tallies")
def save_tally(
    ctx: PageCtx,
    month: Annotated[str, Form(max_length=7)],
    report_type: Annotated[str, Form(max_length=8)],
    count: Annotated[str, Form(max_length=12)],
) -> Response:
    values = {"month": month, "report_type": report_type, "count": count}
    errors: dict[str, str] = {}
    try:
        day = date.fromisoformat(f"{month}-01")
    except ValueError:
        errors["month"] = "a month as YYYY-MM"
    if not count.isdigit():
        errors["count"] = "a number of reports, 0 or more"
    if errors:
        return _data_page(ctx, status_code=422, values=values, errors=errors)
    try:
        record_tally(ctx.db, actor=ctx.actor, month=day, report_type=report_type, count=int(count))
    except InvalidFieldsError as exc:
        return _data_page(ctx, status_code=422, values=values, errors=exc.errors)
    return redirect("/reports/data")


@router.get("/reports/releases")
def releases_page(ctx: PageCtx) -> Response:
    return _releases_page(ctx)


def _releases_page(ctx: Context, *, status_code: int = 200, **extra: Any) -> Response:
    if ctx.actor.is_admin:
        raise PermissionDeniedError("administrators see no statistics")
    default = default_period(datetime.now(UTC).date())
    values = {
        "from": default.start.isoformat(),
        "to": default.end.isoformat(),
        "compare": "previous-year",
        "title": "",
        "note": "",
        "corrects": "",
    }
    values.update(extra.pop("values", {}))
    return render(
        ctx,
        "reports/releases.html",
        status_code=status_code,
        releases=ledger(ctx.db),
        problems=verify_ledger(ctx.db),
        may_publish=may_publish(ctx.db, ctx.actor),
        comparisons=COMPARISONS,
        values=values,
        errors=extra.pop("errors", {}),
    )


@router.post("/reports/releases")
def publish_release(
    ctx: PageCtx,
    title: Annotated[str, Form(max_length=200)],
    start: Annotated[str, Form(alias="from", max_length=10)],
    end: Annotated[str, Form(alias="to", max_length=10)],
    compare: Annotated[str, Form(max_length=24)] = "previous-year",
    note: Annotated[str, Form(max_length=2000)] = "",
    corrects: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    values = {
        "title": title,
        "from": start,
        "to": end,
        "compare": compare,
        "note": note,
        "corrects": corrects,
    }
    try:
        periods = periods_from(start, end, compare)
        if corrects and not corrects.isdigit():
            raise InvalidFieldsError({"corrects": "the number of the release corrected"})
        publish(
            ctx.db,
            actor=ctx.actor,
            title=title,
            period=periods[0],
            compare=periods[1] if len(periods) > 1 else None,
            note=note,
            corrects_seq=int(corrects) if corrects else None,
        )
    except InvalidFieldsError as exc:
        return _releases_page(ctx, status_code=422, values=values, errors=exc.errors)
    return redirect("/reports/releases")
