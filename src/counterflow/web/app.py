"""The web platform's app factory.

    app = create_app(load_settings())     # uvicorn counterflow.web.app:app_from_env --factory

Pages are server-rendered (Jinja2 + htmx, served from ``static/`` with the vendored
front-end libraries, no CDN: deployments are often offline); the JSON API lives under
``/api`` with its OpenAPI description at ``/api/openapi.json``. Every response carries a
request id and strict security headers.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from counterflow import __version__
from counterflow.settings import Settings, load_settings
from counterflow.store import make_engine, session_factory, upgrade
from counterflow.tips import TipGuard
from counterflow.web import errors
from counterflow.web.state import FlowCache, ParquetLookup, PlatformState, ScreenerCache

STATIC_DIR = Path(__file__).with_name("static")
MAX_BODY_BYTES = 25 * 1024 * 1024
"""Requests larger than this are refused before they are read (evidence is 20 MiB at most)."""

_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)


def create_app(settings: Settings, *, migrate: bool = True) -> FastAPI:
    """The platform on the database ``settings`` names (migrated to head unless told not)."""
    engine = make_engine(settings.db_url())
    if migrate:
        upgrade(engine)
    app = FastAPI(
        title="counterflow",
        version=__version__,
        description="Joint cases, alert triage, screening and the audit trail.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.platform = PlatformState(
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        screeners=ScreenerCache(),
        lookup=ParquetLookup(settings.transactions_store()),
        tip_guard=TipGuard.create(
            secret=(
                settings.tip_form_secret.get_secret_value().encode("utf-8")
                if settings.tip_form_secret
                else None
            ),
            per_client=settings.tips_per_client_per_hour,
            overall=settings.tips_per_hour,
        ),
        flows=FlowCache(settings.transactions_store(), banks_path=settings.bank_directory_path()),
    )
    errors.install(app)

    @app.middleware("http")
    async def _request_frame(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return Response("request too large", status_code=413)
        rid = request.headers.get("x-request-id", "")
        request.state.request_id = rid[:64] if rid.isalnum() else uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _include_routers(app)
    return app


def _include_routers(app: FastAPI) -> None:
    # Every area is listed here explicitly (no discovery magic).
    from counterflow.web.pages import account, home
    from counterflow.web.pages import auth as auth_pages

    for module in (auth_pages, home, account):
        app.include_router(module.router)
    for name in _OPTIONAL_AREAS:
        module = __import__(f"counterflow.web.{name}", fromlist=["router"])
        app.include_router(module.router)


_OPTIONAL_AREAS: tuple[str, ...] = (
    "pages.alerts",
    "pages.audit",
    "pages.cases",
    "pages.case_persons",
    "pages.case_evidence",
    "pages.notices",
    "pages.tips",
    "pages.public",
    "pages.reports",
    "pages.releases_public",
    "pages.network",
    "api.tokens",
    "api.cases",
    "api.case_persons",
    "api.alerts",
    "api.screening",
)
"""Further page and API modules (``pages.cases``, ``api.cases`` ...), in order."""


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: the platform configured from the environment."""
    return create_app(load_settings())
