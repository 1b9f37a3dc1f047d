"""The network view in a real browser: open the demo scam-compound case, open its network,
expand the case's account, trace the money forward and see the amounts on the drawn flows
and the summary, move the time slider; in English, in Khmer and at 390 px, with no CSP
violation. Screenshots are saved as artefacts.

The shared ``platform`` fixture has no transaction store, so this module runs its own demo
platform with a small one whose accounts are the demo case's (``ACC-7781-2290`` is the
account the scam case and the FIU's laundering case both name).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from counterflow.cli.demo_platform import seed_demo
from counterflow.ingest import write_canonical
from counterflow.model.codes import Role
from counterflow.settings import Settings
from counterflow.store import transaction
from counterflow.web.app import STATIC_DIR

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ACCOUNT = "ACC-7781-2290"
T0 = datetime(2024, 1, 5, 8, 0, tzinfo=UTC)


@dataclass
class Platform:
    url: str
    passwords: dict[str, str]
    roles: dict[str, Role]


def _store(path: Path) -> Path:
    """Wages of several workers swept into the account, then layered through two mules to
    a cash-out account and abroad, over three months."""
    rows: list[dict[str, Any]] = []

    def pay(src: str, dst: str, usd: float, day: int, bank: str = "BANKAKHPP") -> None:
        rows.append(
            {
                "txn_id": f"N{len(rows) + 1}",
                "ts": T0 + timedelta(days=day, minutes=len(rows)),
                "src_account": src,
                "dst_account": dst,
                "amount": usd,
                "currency": "USD",
                "amount_usd": usd,
                "channel": "transfer",
                "src_bank": "BANKAKHPP",
                "dst_bank": bank,
            }
        )

    for month in range(3):
        for worker in range(4):
            pay(f"ACC-WAGE-{worker}", ACCOUNT, 310.0 + worker * 5, month * 30 + worker)
        pay(ACCOUNT, "ACC-MULE-A", 800.0, month * 30 + 6)
        pay(ACCOUNT, "ACC-MULE-B", 420.0, month * 30 + 7)
        pay("ACC-MULE-A", "ACC-BOSS-HK", 780.0, month * 30 + 8, bank="HSBCHKHH")
        pay("ACC-MULE-B", "ACC-CASH-9", 400.0, month * 30 + 9)
    return write_canonical(pl.DataFrame(rows), path)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """The demo platform (no statistical history) with a transaction store."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (make test installs it)")
    if not (STATIC_DIR / "vendor" / "cytoscape.min.js").is_file():
        pytest.skip("vendored cytoscape.js missing: make install")
    import uvicorn

    from counterflow.web.app import create_app

    data = tmp_path_factory.mktemp("network-platform")
    store = _store(data / "transactions.parquet")
    settings = Settings(data_dir=data, cookie_secure=False, transactions_path=store)
    app = create_app(settings)
    with transaction(app.state.platform.sessions) as s:
        seeded = seed_demo(s, alerts_path=None, screener=None, history=False)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the platform did not start"
    yield Platform(
        url=f"http://127.0.0.1:{port}",
        passwords={u: p for u, (p, _a, _r) in seeded.passwords.items()},
        roles={u: r for u, (_p, _a, r) in seeded.passwords.items()},
    )
    server.should_exit = True
    thread.join(timeout=10)
    app.state.platform.engine.dispose()


def _watch_csp(page: Any) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda m: (
            seen.append(m.text) if "Content Security" in m.text or "Refused" in m.text else None
        ),
    )
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def _open_case_network(page: Any, url: str) -> None:
    page.goto(f"{url}/cases")
    page.click("a:has-text('Online scam compound')")
    page.click(".row a[href$='/network']")
    page.wait_for_selector("#network[data-state=ready]")


def _tap(page: Any, node_id: str) -> None:
    """Click the node where cytoscape drew it (a real click on the canvas); if a label or
    an edge drawn over it took the click, tap the node through cytoscape instead."""
    box = page.locator("#network-canvas").bounding_box()
    pos = page.evaluate(
        "id => { const cy = window.counterflowNetwork; const n = cy.getElementById(id);"
        " cy.zoom(1.5); cy.center(n); return n.renderedPosition(); }",
        node_id,
    )
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    shown = (
        "id => document.querySelector('#network-details h3') !== null &&"
        " window.counterflowNetwork.getElementById(id).data('label') ==="
        " document.querySelector('#network-details h3').textContent"
    )
    try:
        page.wait_for_function(shown, arg=node_id, timeout=2_000)
    except Exception:
        page.evaluate("id => window.counterflowNetwork.getElementById(id).emit('tap')", node_id)
        page.wait_for_function(shown, arg=node_id)


def _count(page: Any, selector: str) -> int:
    return int(page.evaluate("s => window.counterflowNetwork.elements(s).length", selector))


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("km", 1280), ("en", 390)])
def test_open_expand_trace_and_filter_the_case_network(
    page_for, platform: Platform, screenshot, lang: str, width: int
) -> None:
    page = page_for("sokha", lang=lang, width=width)
    csp = _watch_csp(page)
    _open_case_network(page, platform.url)
    assert page.evaluate("() => document.documentElement.lang") == lang
    account = f"account:{ACCOUNT}"
    assert _count(page, "node") >= 3
    assert _count(page, f"node[id = '{account}']") == 1
    assert page.locator(".network-legend li").count() >= 10

    # The case's account comes with its largest flows; expanding one of its payees shows
    # where that money went next.
    assert _count(page, "node[id = 'account:ACC-MULE-A']") == 1
    assert _count(page, "edge.flow") >= 2
    assert _count(page, "node[id = 'account:ACC-BOSS-HK']") == 0
    before = _count(page, "node")
    _tap(page, "account:ACC-MULE-A")
    page.click("#network-expand")
    page.wait_for_function("n => window.counterflowNetwork.nodes().length > n", arg=before)
    assert _count(page, "node[id = 'account:ACC-BOSS-HK']") == 1

    # Trace forward from it: edges drawn with amounts, the summary and the endpoints.
    _tap(page, account)
    page.fill("#trace-hops", "3")
    page.click("#trace-forward")
    page.wait_for_selector("#network-trace-result:not([hidden])")
    labels = page.evaluate(
        "() => window.counterflowNetwork.edges('.traced').map(e => e.data('amount'))"
    )
    assert labels, "the trace draws its flows"
    assert all(label.startswith("USD ") and label[4:5].isdigit() for label in labels), labels
    assert page.inner_text("#network-trace-summary").strip()
    assert page.locator("#network-endpoints tr").count() >= 1
    assert _count(page, "edge.traced[target = 'account:ACC-BOSS-HK']") == 1
    screenshot(page, f"network-trace-{lang}-{width}")

    # The time slider hides flows outside the chosen days.
    assert page.is_visible("#network-time")
    flows = _count(page, "edge.flow")
    page.focus("#network-from")
    page.keyboard.press("End")
    page.wait_for_function("() => window.counterflowNetwork.edges('.flow.filtered').length > 0")
    assert _count(page, "edge.flow.filtered") <= flows
    assert page.inner_text("#network-from-label") == page.inner_text("#network-to-label")
    page.keyboard.press("Home")
    page.wait_for_function("() => window.counterflowNetwork.edges('.flow.filtered').length === 0")

    if width < 400:
        # The panel sits below the canvas and nothing is wider than the screen.
        canvas = page.locator("#network-canvas").bounding_box()
        panel = page.locator(".network-panel").bounding_box()
        assert panel["y"] >= canvas["y"] + canvas["height"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
    assert page.evaluate("() => window.__csp") == [] and csp == []


def test_png_and_file_downloads(page_for, platform: Platform) -> None:
    page = page_for("sokha")
    _open_case_network(page, platform.url)
    with page.expect_download() as png:
        page.click("#network-png")
    assert png.value.suggested_filename.endswith(".png")
    with page.expect_download() as graphml:
        page.click("#network-graphml")
    assert graphml.value.suggested_filename.endswith(".graphml")
    text = Path(graphml.value.path()).read_text(encoding="utf-8")
    assert "<graphml" in text and ACCOUNT in text
