"""The public side of the release ledger: every release, its tables and charts, its frozen
JSON (what the hash is computed over) and downloads. No sign-in; nothing here but released,
protected figures.

Charts are drawn on the server as SVG: the public page must be fast on a phone on a slow
link, with no script to download.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from counterflow.model.errors import InvalidFieldsError
from counterflow.publish import Release, ledger, release, release_json, verify_ledger
from counterflow.stats.document import charts, release_document, release_sheets
from counterflow.stats.export import EXPORTERS
from counterflow.stats.table import Sheet
from counterflow.web.deps import DbSession, language_of
from counterflow.web.i18n import translations
from counterflow.web.labels import english
from counterflow.web.templating import render

router = APIRouter()

HEADLINE_KEYS = (
    "cases_total",
    "cases_by_month",
    "victims_by_sex",
    "victims_by_age",
    "cases_by_form",
    "suspects_arrested_by_origin",
    "cases_foreign_own_nationals",
)
"""The tables the public home page shows first (the rest are on the release's page)."""


@dataclass(frozen=True)
class ReleaseView:
    release: Release
    sheets: list[Sheet]
    charts: dict[str, str]


def release_view(r: Release, lang: str, keys: tuple[str, ...] | None = None) -> ReleaseView:
    """A release laid out in ``lang``: sheets and server-drawn charts (all tables or ``keys``)."""
    tr = translations(lang).gettext

    def label(value: str) -> str:
        return tr(english(value))

    tables = [t for t in r.tables if keys is None or t.key in keys]
    if keys is not None:
        tables.sort(key=lambda t: keys.index(t.key))
    periods = [r.period] + ([r.compare] if r.compare else [])
    compare = (0, 1) if r.compare else None
    pictures = charts(tables, compare=compare, label=label, gettext=tr)
    return ReleaseView(
        r,
        release_sheets(tables, periods, label=label, gettext=tr),
        {k: str(v) for k, v in pictures.items()},
    )


def _page(request: Request, template: str, **values: Any) -> Response:
    lang = language_of(request)
    return render(
        None, template, language=lang, gettext=translations(lang).gettext, request=request, **values
    )


@router.get("/public/releases")
def public_ledger(request: Request, db: DbSession) -> Response:
    return _page(request, "public/ledger.html", releases=ledger(db), problems=verify_ledger(db))


@router.get("/public/releases/{seq}")
def public_release(request: Request, db: DbSession, seq: int) -> Response:
    view = release_view(release(db, seq), language_of(request))
    return _page(
        request, "public/release.html", view=view, formats=[f for f in EXPORTERS if f != "html"]
    )


@router.get("/public/releases/{seq}/content.json")
def public_release_json(db: DbSession, seq: int) -> Response:
    """The frozen content exactly as hashed: sha256 of this body is the content hash."""
    return Response(release_json(db, seq).encode("utf-8"), media_type="application/json")


@router.get("/public/releases/{seq}/download")
def public_release_download(
    request: Request,
    db: DbSession,
    seq: int,
    fmt: Annotated[str, Query(alias="format", max_length=8)] = "csv",
) -> Response:
    if fmt not in EXPORTERS:
        raise InvalidFieldsError({"format": f"one of {', '.join(EXPORTERS)}"})
    r = release(db, seq)
    lang = language_of(request)
    tr = translations(lang).gettext
    notes = [
        tr("Release {seq}, rules {rules}, content SHA-256 {hash}.").format(
            seq=r.seq, rules=r.rules_version, hash=r.content_hash
        )
    ]
    data = release_document(
        r.tables,
        [r.period] + ([r.compare] if r.compare else []),
        fmt=fmt,
        title=r.title,
        notes=notes,
        lang=lang,
        label=lambda v: tr(english(v)),
        gettext=tr,
    )
    chosen = EXPORTERS[fmt]
    return Response(
        data,
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="release-{seq}.{chosen.extension}"'},
    )
