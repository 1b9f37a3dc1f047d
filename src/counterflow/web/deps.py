"""Request plumbing shared by every page and API route.

- :func:`db`: one database transaction per request, committed after the route returns and
  *before* the response is sent (``scope="function"``), rolled back if anything raises:
  the change and its audit events land together or not at all.
- :class:`Page` / :class:`Api`: the signed-in user (cookie session for pages, bearer token
  or cookie for the API), the language, and the CSRF check: every state-changing request
  authenticated by a cookie must echo the session's CSRF token (form field ``csrf_token``
  or header ``X-CSRF-Token``, which htmx sends). Bearer-token requests carry no ambient
  credential, so CSRF cannot forge them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from gettext import NullTranslations
from hmac import compare_digest
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from counterflow.auth import SessionInfo, actor_for_api_token, actor_for_session
from counterflow.model.actor import Actor
from counterflow.model.errors import CounterflowError
from counterflow.store import transaction
from counterflow.web.i18n import pick_language, translations
from counterflow.web.state import PlatformState

SESSION_COOKIE = "cf_session"
LANG_COOKIE = "cf_lang"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequiredError(CounterflowError):
    """No valid session: pages redirect to the sign-in page, the API answers 401."""


class CsrfRejectedError(CounterflowError):
    """A state-changing request without the session's CSRF token."""


def state(request: Request) -> PlatformState:
    st: PlatformState = request.app.state.platform
    return st


def db(request: Request) -> Iterator[Session]:
    with transaction(state(request).sessions) as session:
        yield session


DbSession = Annotated[Session, Depends(db, scope="function")]


def request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))


async def _csrf_ok(request: Request, expected: str) -> bool:
    sent = request.headers.get("x-csrf-token", "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else ""
    return bool(sent) and compare_digest(sent, expected)


@dataclass
class Context:
    """Everything a route needs about the request."""

    request: Request
    db: Session
    actor: Actor
    info: SessionInfo | None
    language: str
    gettext: Callable[[str], str]

    @property
    def csrf_token(self) -> str:
        return self.info.csrf_token if self.info else ""

    @property
    def platform(self) -> PlatformState:
        return state(self.request)


def _translations(language: str) -> NullTranslations:
    return translations(language)


def language_of(request: Request, preferred: str | None = None) -> str:
    return pick_language(
        cookie=request.cookies.get(LANG_COOKIE),
        preferred=preferred,
        accept=request.headers.get("accept-language"),
    )


async def _context(request: Request, session: Session, *, allow_bearer: bool) -> Context:
    rid = request_id(request)
    header = request.headers.get("authorization", "")
    if allow_bearer and header.lower().startswith("bearer "):
        actor = actor_for_api_token(session, token=header[7:].strip(), request_id=rid)
        if actor is None:
            raise LoginRequiredError("invalid or expired API token")
        lang = language_of(request)
        return Context(request, session, actor, None, lang, _translations(lang).gettext)
    token = request.cookies.get(SESSION_COOKIE)
    info = actor_for_session(session, token=token, request_id=rid) if token else None
    if info is None:
        raise LoginRequiredError("sign in first")
    if request.method not in SAFE_METHODS and not await _csrf_ok(request, info.csrf_token):
        raise CsrfRejectedError("the form is missing its security token: reload the page and retry")
    lang = language_of(request, info.language)
    return Context(request, session, info.actor, info, lang, _translations(lang).gettext)


async def page_context(request: Request, session: DbSession) -> Context:
    return await _context(request, session, allow_bearer=False)


async def api_context(request: Request, session: DbSession) -> Context:
    return await _context(request, session, allow_bearer=True)


PageCtx = Annotated[Context, Depends(page_context)]
ApiCtx = Annotated[Context, Depends(api_context)]


def form_lists(form: Any, *names: str) -> dict[str, list[str]]:
    """Multi-valued form fields (checkbox groups) as lists."""
    return {n: [str(v) for v in form.getlist(n) if str(v)] for n in names}
