"""Server-rendered pages: Jinja2 with autoescaping, and the helpers every template gets.

Autoescaping is on for every template, so a name like ``<script>`` entered in a form is
shown as text, never run. Templates translate with ``_("...")``; code values are shown
with ``label(value)``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from counterflow import __version__
from counterflow.web.deps import Context
from counterflow.web.i18n import LANGUAGES
from counterflow.web.labels import CODE_LISTS, english

TEMPLATES_DIR = Path(__file__).with_name("templates")

_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


_ENV.filters["when"] = _when
_ENV.globals.update(code_lists=CODE_LISTS, languages=LANGUAGES, version=__version__)


def render(
    ctx: Context | None,
    template: str,
    *,
    status_code: int = 200,
    language: str | None = None,
    gettext: Any = None,
    csrf_token: str = "",
    **values: Any,
) -> HTMLResponse:
    """Render ``template`` for the request in ``ctx`` (or for a signed-out visitor)."""
    tr = gettext or (ctx.gettext if ctx else (lambda s: s))
    lang = language or (ctx.language if ctx else "en")

    def label(value: object) -> str:
        if value is None or value == "":
            return tr("Unknown")
        return str(tr(english(str(value))))

    html = _ENV.get_template(template).render(
        _=tr,
        label=label,
        lang=lang,
        actor=ctx.actor if ctx else None,
        display_name=ctx.info.display_name if ctx and ctx.info else "",
        csrf_token=ctx.csrf_token if ctx else csrf_token,
        request=ctx.request if ctx else values.pop("request", None),
        **values,
    )
    return HTMLResponse(html, status_code=status_code)
