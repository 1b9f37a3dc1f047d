"""The public side: what trafficking and its money look like, whom to call, and a form to
tell the authorities anonymously. No sign-in, no script, light enough for a cheap phone on
a slow link, in English and Khmer.

The tip form keeps its sender anonymous: the page reads the client address only to ask
the in-memory rate limiter (which keeps a keyed, rotating hash of it, never the address),
passes neither address nor browser to the service, and logs nothing. The form's CSRF and
anti-robot defence is the signed token of :class:`counterflow.tips.FormTokens` (there is no
session to tie a token to) plus a honeypot field; see :mod:`counterflow.tips.guard`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from counterflow.model.codes import PROVINCES, TipCategory
from counterflow.model.errors import InvalidFieldsError
from counterflow.publish import latest
from counterflow.store import transaction
from counterflow.tips import (
    CONTACT_MAX,
    PHOTO_MAX_BYTES,
    TEXT_MAX,
    Tip,
    TokenVerdict,
    submit_tip,
)
from counterflow.web.deps import DbSession, language_of, request_id, state
from counterflow.web.i18n import translations
from counterflow.web.pages.releases_public import HEADLINE_KEYS, release_view
from counterflow.web.state import PlatformState
from counterflow.web.templating import render

router = APIRouter()

HONEYPOT = "homepage"
"""The name of the field people never see and robots fill in."""


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when a page is rendered."""
    return message


PROVINCE_NAMES: tuple[str, ...] = (
    _("Banteay Meanchey"),
    _("Battambang"),
    _("Kampong Cham"),
    _("Kampong Chhnang"),
    _("Kampong Speu"),
    _("Kampong Thom"),
    _("Kampot"),
    _("Kandal"),
    _("Kep"),
    _("Koh Kong"),
    _("Kratie"),
    _("Mondulkiri"),
    _("Oddar Meanchey"),
    _("Pailin"),
    _("Phnom Penh"),
    _("Preah Sihanouk"),
    _("Preah Vihear"),
    _("Prey Veng"),
    _("Pursat"),
    _("Ratanakiri"),
    _("Siem Reap"),
    _("Stung Treng"),
    _("Svay Rieng"),
    _("Takeo"),
    _("Tbong Khmum"),
)
""":data:`counterflow.model.codes.PROVINCES` written out, so each gets its Khmer name in
the catalogue (staff pages show the Latin names the records use)."""
assert PROVINCE_NAMES == PROVINCES  # a province added to the code list is named here too

_FIELD_HELP: dict[str, str] = {
    "text": _("Please write what you saw or heard (at most 5,000 characters)."),
    "category": _("Please choose what it is about from the list."),
    "province": _("Please choose a province from the list."),
    "contact": _("A contact can be at most 200 characters."),
    "photo": _(
        "The photo could not be used: send a JPEG, PNG or WebP picture of at most 8 MB, "
        "or send the tip without it."
    ),
}
"""What the visitor reads next to a field the service refused (in their language)."""

_TOKEN_HELP: dict[TokenVerdict, str] = {
    TokenVerdict.TOO_FAST: _("That was very quick. Please check your message and send it again."),
    TokenVerdict.EXPIRED: _("The form had expired. Please send it again."),
    TokenVerdict.INVALID: _("The form had expired. Please send it again."),
    TokenVerdict.USED: _(
        "This form was already sent. To add something, write a new tip and send it."
    ),
}


def _page(request: Request, template: str, *, status_code: int = 200, **values: Any) -> Response:
    lang = language_of(request)
    hotlines = [
        (h.name_km if lang == "km" else h.name, h.number) for h in state(request).settings.hotlines
    ]
    return render(
        None,
        template,
        status_code=status_code,
        language=lang,
        gettext=translations(lang).gettext,
        request=request,
        hotlines=hotlines,
        **values,
    )


@router.get("/public")
def public_home(request: Request, db: DbSession) -> Response:
    """Signs of trafficking and of its money, whom to call, the tip form's link, and the
    latest published figures with their charts (``public/_figures.html``)."""
    published = latest(db)
    release = release_view(published, language_of(request), HEADLINE_KEYS) if published else None
    return _page(request, "public/home.html", release=release)


def _form(
    request: Request,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    notice: str = "",
    issued_at: float | None = None,
    status_code: int = 200,
) -> Response:
    """The tip form with a fresh token (``issued_at``: keep the first serving's time, so a
    form corrected after an error is not refused as too quick)."""
    tr = translations(language_of(request)).gettext
    return _page(
        request,
        "public/tip.html",
        status_code=status_code,
        form_token=state(request).tip_guard.tokens.issue(issued_at=issued_at),
        honeypot=HONEYPOT,
        categories=list(TipCategory),
        provinces=PROVINCE_NAMES,
        values=values or {},
        errors={k: tr(_FIELD_HELP.get(k, k)) for k in (errors or {})},
        notice=tr(notice) if notice else "",
        text_max=TEXT_MAX,
        contact_max=CONTACT_MAX,
    )


@router.get("/public/tip")
def public_tip_form(request: Request) -> Response:
    return _form(request)


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _store(
    platform: PlatformState, values: dict[str, str], photo: bytes | None, lang: str, rid: str
) -> Tip:
    with transaction(platform.sessions) as session:
        return submit_tip(
            session,
            text=values["text"],
            category=values["category"],
            province=values["province"],
            contact=values["contact"],
            language=lang,
            photo=photo,
            storage=platform.tip_photos_dir,
            request_id=rid,
        )


@router.post("/public/tip")
async def public_tip_send(request: Request) -> Response:
    """Check the rate limit before reading the body, then the honeypot and the token, then
    let the service validate and store (in a worker thread: decoding a photo takes time)."""
    platform = state(request)
    # Behind a reverse proxy, run uvicorn with --proxy-headers so this is the visitor's
    # address. It is only hashed in memory by the limiter; nothing else sees it.
    if not platform.tip_guard.limiter.allow(request.client.host if request.client else ""):
        return _page(request, "public/limited.html", status_code=429)
    form = await request.form(max_files=1, max_fields=16)
    values = {
        name: _field(form, name)[:limit]
        for name, limit in (
            ("text", TEXT_MAX * 2),
            ("category", 32),
            ("province", 64),
            ("contact", CONTACT_MAX * 2),
        )
    }
    if _field(form, HONEYPOT):
        # A robot: it gets the page a person would, so it learns nothing; nothing is kept.
        return _page(request, "public/thanks.html", reference=None)
    check = platform.tip_guard.tokens.check(_field(form, "form_token"))
    if not check.ok:
        return _form(
            request,
            values=values,
            notice=_TOKEN_HELP[check.verdict],
            status_code=409 if check.verdict is TokenVerdict.USED else 400,
        )
    upload = form.get("photo")
    photo = (
        await upload.read(PHOTO_MAX_BYTES + 1)
        if isinstance(upload, UploadFile) and upload.filename
        else None
    )
    try:
        tip = await run_in_threadpool(
            _store, platform, values, photo, language_of(request), request_id(request)
        )
    except InvalidFieldsError as exc:
        return _form(
            request, values=values, errors=exc.errors, issued_at=check.issued_at, status_code=422
        )
    return _page(request, "public/thanks.html", reference=tip.reference)
