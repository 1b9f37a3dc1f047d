"""The statistics charts draw in a real browser under the platform's strict CSP.

The page is served by the platform app itself (a test-only route added to it), so it gets
the real security headers: ``script-src 'self'`` without ``'unsafe-eval'`` and
``style-src 'self'``. Vega compiles spec expressions with ``new Function`` unless told to
interpret them, and Vega-Embed inserts inline stylesheets unless told not to; either
would show up here as a CSP violation.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from counterflow.settings import Settings
from counterflow.stats.charts import comparison_bars, embed_json, svg_bars, trend_line
from counterflow.stats.table import Column, Period, Row, Table, Unit
from counterflow.web.app import STATIC_DIR

pytestmark = pytest.mark.browser

VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-interpreter.min.js", "vega-embed.min.js")
KHMER = {"female": "ស្រី", "male": "ប្រុស"}

TABLE = Table(
    key="victims_by_sex",
    title="Victims by sex",
    population="victims",
    unit=Unit.PERSONS,
    dimensions=("sex",),
    columns=(
        Column(Period(date(2022, 1, 1), date(2022, 9, 30))),
        Column(Period(date(2021, 1, 1), date(2021, 9, 30))),
    ),
    rows=(
        Row(("female",), (98, 201)),
        Row(("male",), (20, 61)),
        Row(("<script>alert(1)</script>",), (4, 7)),
    ),
    totals=(122, 269),
)


def _page() -> str:
    def label(value: str) -> str:
        return KHMER.get(value, value)

    bars = comparison_bars(TABLE, label=label)
    trend = trend_line(
        {"Platform": [(f"2022-{m:02d}", 10 + m) for m in range(1, 10)], "CTDC": [("2022-03", 4)]},
        title="Victims per month",
    )
    scripts = (
        "".join(f'<script src="/static/vendor/{name}" defer></script>' for name in VENDOR)
        + '<script src="/static/charts.js" defer></script>'
    )
    return (
        '<!DOCTYPE html><html lang="km"><head><meta charset="utf-8"><title>charts</title>'
        f'<link rel="stylesheet" href="/static/charts.css">{scripts}</head><body>'
        '<figure class="chart" id="bars"><div data-chart></div>'
        f'<script type="application/json">{embed_json(bars)}</script>'
        f'<div class="chart-fallback">{svg_bars(TABLE, label=label)}</div></figure>'
        '<figure class="chart" id="trend"><div data-chart="trend-spec"></div></figure>'
        f'<script type="application/json" id="trend-spec">{embed_json(trend)}</script>'
        "</body></html>"
    )


@pytest.fixture(scope="module")
def chart_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the test page, served by the platform app with its real headers."""
    missing = [name for name in VENDOR if not (STATIC_DIR / "vendor" / name).is_file()]
    if missing:
        pytest.skip(f"vendored front-end libraries missing ({', '.join(missing)}): make install")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's Chromium is not installed (make test installs it)")
    import uvicorn
    from fastapi.responses import HTMLResponse

    from counterflow.web.app import create_app

    # No migration: the page touches no table, and the headers come from the middleware.
    settings = Settings(data_dir=tmp_path_factory.mktemp("charts"), cookie_secure=False)
    app = create_app(settings, migrate=False)
    app.add_api_route("/test-charts", lambda: HTMLResponse(_page()), methods=["GET"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the app did not start"
    yield f"http://127.0.0.1:{port}/test-charts"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.platform.engine.dispose()


def test_charts_draw_under_the_strict_csp(chromium, chart_page: str, screenshot) -> None:
    context = chromium.new_context(viewport={"width": 900, "height": 900}, locale="km")
    context.set_default_timeout(15_000)
    page = context.new_page()
    console: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Init scripts run outside the page's CSP: they record every violation it reports.
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(chart_page)
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy

    page.wait_for_selector('#bars [data-chart-state="drawn"]')
    page.wait_for_selector('#trend [data-chart-state="drawn"]')
    # Six bars (three categories, two periods), a line per series, and the fallback hidden.
    assert page.locator("#bars [data-chart] svg .mark-rect path").count() == 6
    assert page.locator("#trend [data-chart] svg .mark-line path").count() == 2
    assert page.locator("#bars .chart-fallback").is_hidden()
    # Labels are text, never markup: the hostile category is shown, not run.
    texts = page.locator("#bars [data-chart] svg").inner_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts and "ស្រី" in texts

    # The tooltip (styled by charts.css, not an inline stylesheet) shows the change.
    page.locator("#bars .mark-rect path").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "Change %" in tooltip.inner_text()
    screenshot(page, "charts-km")

    violations = page.evaluate("window.__csp")
    csp_console = [m for m in console if "Content Security Policy" in m or "Refused" in m]
    assert violations == [] and csp_console == [], (violations, csp_console)
    assert errors == []
    context.close()
