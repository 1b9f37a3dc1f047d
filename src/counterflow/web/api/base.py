"""What every API module shares: the router factory and one shape for every error.

Every error of the API is ``{"detail": message, "errors": {field: message}}`` (the second
key only for invalid input), whether the service refused a value (:class:`InvalidFieldsError`)
or FastAPI's own validation refused the body, a query parameter or a path id: the routes of
:func:`api_router` turn FastAPI's :class:`RequestValidationError` into the same
:class:`InvalidFieldsError`, so a client reads one format and finds the field by its name.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel

from counterflow.model.errors import InvalidFieldsError

PREFIX = "/api/v1"


class ErrorOut(BaseModel):
    """An error: what went wrong and, for invalid input, a message per field."""

    detail: str
    errors: dict[str, str] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "no valid session or API token"},
    403: {"model": ErrorOut, "description": "role or CSRF check refused the request"},
    404: {"model": ErrorOut, "description": "no such object, or not one you may know of"},
    409: {"model": ErrorOut, "description": "the object's state does not allow this"},
    422: {"model": ErrorOut, "description": "invalid fields, named in errors"},
}


def field_errors(errors: Sequence[Any]) -> dict[str, str]:
    """FastAPI's validation errors as ``{field: message}``: the location without its
    ``body``/``query``/``path`` head, joined by dots (``title``, ``0.amount``)."""
    out: dict[str, str] = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        if err.get("type") == "json_invalid":
            name = "body"
        else:
            name = ".".join(loc[1:] if len(loc) > 1 else loc) or "body"
        out.setdefault(name, str(err.get("msg", "invalid")).removeprefix("Value error, "))
    return out


class ApiRoute(APIRoute):
    """A route whose validation errors look like the services' (module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                raise InvalidFieldsError(field_errors(exc.errors())) from None

        return checked


def api_router(tag: str) -> APIRouter:
    """A router under ``/api/v1`` with the error responses documented once."""
    return APIRouter(prefix=PREFIX, tags=[tag], route_class=ApiRoute, responses=ERRORS)
