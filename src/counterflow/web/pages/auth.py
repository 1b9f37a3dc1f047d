"""Sign in, sign out, choose the language."""

from __future__ import annotations

import secrets
from hmac import compare_digest
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from counterflow.auth import (
    SESSION_ABSOLUTE,
    LoginFailedError,
    authenticate,
    end_session,
    set_language,
    start_session,
)
from counterflow.web.deps import (
    LANG_COOKIE,
    SESSION_COOKIE,
    DbSession,
    PageCtx,
    language_of,
    request_id,
)
from counterflow.web.i18n import LANGUAGES, translations
from counterflow.web.templating import render

router = APIRouter()
PRE_CSRF_COOKIE = "cf_pre"
"""Before sign-in there is no session: the login form is protected by a double-submit
cookie (OWASP CSRF Cheat Sheet), so a foreign site cannot sign a browser into an account."""


def _secure(request: Request) -> bool:
    forced = request.app.state.platform.settings.cookie_secure
    return forced if forced is not None else request.url.scheme == "https"


def _safe_next(target: str) -> str:
    # Only paths on this site: "//evil.example" and "https://..." are open redirects.
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _login_page(
    request: Request, *, error: str = "", next_url: str = "/", status: int = 200
) -> Response:
    lang = language_of(request)
    token = secrets.token_urlsafe(32)
    response = render(
        None,
        "login.html",
        status_code=status,
        language=lang,
        gettext=translations(lang).gettext,
        csrf_token=token,
        request=request,
        error=error,
        next_url=_safe_next(next_url),
    )
    response.set_cookie(
        PRE_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=3600,
    )
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next_url=next)


@router.post("/login")
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    csrf_token: Annotated[str, Form()] = "",
    code: Annotated[str, Form(max_length=12)] = "",
    next_url: Annotated[str, Form(alias="next")] = "/",
) -> Response:
    tr = translations(language_of(request)).gettext
    cookie = request.cookies.get(PRE_CSRF_COOKIE, "")
    if not cookie or not compare_digest(cookie, csrf_token):
        return _login_page(
            request,
            error=tr("The form expired. Please sign in again."),
            next_url=next_url,
            status=403,
        )
    try:
        actor = authenticate(
            session, username=username, password=password, code=code, request_id=request_id(request)
        )
    except LoginFailedError as exc:
        # No exception escapes: the failure count and its audit event must be committed.
        message = str(exc)
        shown = tr("Wrong user name, password or code.") if message.startswith("wrong") else message
        return _login_page(request, error=shown, next_url=next_url, status=401)
    issued = start_session(session, actor=actor)
    response = RedirectResponse(_safe_next(next_url), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        max_age=int(SESSION_ABSOLUTE.total_seconds()),
    )
    response.delete_cookie(PRE_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(ctx: PageCtx) -> Response:
    token = ctx.request.cookies.get(SESSION_COOKIE, "")
    end_session(ctx.db, token=token, actor=ctx.actor)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/language")
def choose_language(
    ctx: PageCtx,
    language: Annotated[str, Form()],
    next_url: Annotated[str, Form(alias="next")] = "/",
) -> Response:
    chosen = language if language in LANGUAGES else LANGUAGES[0]
    set_language(ctx.db, actor=ctx.actor, language=chosen)
    response = RedirectResponse(_safe_next(next_url), status_code=303)
    response.set_cookie(
        LANG_COOKIE, chosen, samesite="lax", max_age=365 * 24 * 3600, secure=_secure(ctx.request)
    )
    return response


@router.get("/language/{language}")
def choose_language_anonymous(request: Request, language: str, next: str = "/") -> Response:
    """Signed-out visitors (the sign-in page) switch language with a plain link."""
    chosen = language if language in LANGUAGES else LANGUAGES[0]
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        LANG_COOKIE, chosen, samesite="lax", max_age=365 * 24 * 3600, secure=_secure(request)
    )
    return response
