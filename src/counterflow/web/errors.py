"""Domain errors to HTTP, in one place (DESIGN habit 9).

API routes (``/api/...``) answer JSON ``{"detail": ..., "errors": {field: message}}``;
pages answer a page. Not signed in: pages redirect to the sign-in page, the API says 401.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from counterflow.model.errors import (
    ConflictError,
    CounterflowError,
    InputError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)
from counterflow.web.deps import CsrfRejectedError, LoginRequiredError, language_of
from counterflow.web.i18n import translations
from counterflow.web.templating import render

STATUS: tuple[tuple[type[CounterflowError], int], ...] = (
    (LoginRequiredError, 401),
    (CsrfRejectedError, 403),
    (PermissionDeniedError, 403),
    (NotFoundError, 404),
    (ConflictError, 409),
    (InvalidFieldsError, 422),
    (InputError, 422),
)


def status_of(exc: CounterflowError) -> int:
    for cls, code in STATUS:
        if isinstance(exc, cls):
            return code
    return 400


def install(app: FastAPI) -> None:
    @app.exception_handler(CounterflowError)
    async def _counterflow_error(request: Request, exc: CounterflowError) -> Response:
        code = status_of(exc)
        if request.url.path.startswith("/api/"):
            body: dict[str, object] = {"detail": str(exc)}
            if isinstance(exc, InvalidFieldsError):
                body["errors"] = exc.errors
            return JSONResponse(body, status_code=code)
        if isinstance(exc, LoginRequiredError):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        lang = language_of(request)
        return render(
            None,
            "error.html",
            status_code=code,
            language=lang,
            gettext=translations(lang).gettext,
            request=request,
            code=code,
            message=str(exc),
        )
