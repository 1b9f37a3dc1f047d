"""Browser tests: the real platform on a local port, driven by Playwright in Debian's
Chromium (``make test`` installs it; its own ``playwright install`` download cannot work
offline). Screenshots are saved as test artefacts under ``var/artifacts/screenshots``
(``COUNTERFLOW_ARTIFACTS`` to change).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from counterflow.agencies import agency_by_code
from counterflow.alerts import import_alerts
from counterflow.auth import passwords
from counterflow.cli.demo_platform import seed_demo
from counterflow.model import EntityKind, EntryName, ListSource, NameStrength, WatchlistEntry
from counterflow.model.alert import Alert, AlertWindow
from counterflow.model.codes import Role
from counterflow.screening import Screener
from counterflow.settings import Settings
from counterflow.store import transaction
from counterflow.watchlists import load_snapshot

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("COUNTERFLOW_ARTIFACTS", "var/artifacts")) / "screenshots"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WATCHED = WatchlistEntry(
    entry_id="dom-77",
    source=ListSource.DOMESTIC,
    kind=EntityKind.PERSON,
    names=(
        EntryName("KEO Sambath", NameStrength.PRIMARY, "name"),
        EntryName("កែវ សម្បត្តិ", NameStrength.STRONG, "aka"),
    ),
    dates_of_birth=("1968",),
)


@dataclass
class Platform:
    url: str
    passwords: dict[str, str]
    roles: dict[str, Role]


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """The demo platform on a fresh SQLite file, with a domestic list and two alerts."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (make test installs it)")
    import uvicorn

    from counterflow.web.app import create_app

    data = tmp_path_factory.mktemp("platform")
    settings = Settings(data_dir=data, cookie_secure=False)
    app = create_app(settings)
    now = datetime.now(UTC)
    with transaction(app.state.platform.sessions) as s:
        load_snapshot(
            s,
            source=ListSource.DOMESTIC,
            version="t1",
            entries=[WATCHED],
            screener=Screener([WATCHED]),
        )
        seeded = seed_demo(s, alerts_path=None, screener=None)
        cafiu = agency_by_code(s, "CAFIU")
        import_alerts(
            s,
            owner_agency_id=cafiu.id,
            alerts=[
                Alert(
                    alert_id=f"demo-alert-{i}",
                    typology=typology,
                    score=score,
                    accounts=(f"ACC-{i}01", f"ACC-{i}02", "ACC-7781-2290"),
                    txn_ids=(f"T{i}1", f"T{i}2"),
                    window=AlertWindow(now - timedelta(hours=30), now - timedelta(hours=2)),
                    explanation=f"{typology}: 14 deposits just below USD 10,000 in 28 hours",
                    thresholds={"count": 10.0, "below_usd": 10_000.0},
                )
                for i, (typology, score) in enumerate((("structuring", 0.93), ("fan_in", 0.41)))
            ],
        )
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


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_for(chromium, platform: Platform):  # type: ignore[no-untyped-def]
    """``page_for("sokha", lang="km")`` → a signed-in page in a fresh browser context."""
    contexts = []

    def _open(username: str, lang: str = "en", width: int = 1280):  # type: ignore[no-untyped-def]
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale=lang)
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto(f"{platform.url}/language/{lang}?next=/login")
        page.fill("#username", username)
        page.fill("#password", platform.passwords[username])
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    yield _open
    for c in contexts:
        c.close()


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot():  # type: ignore[no-untyped-def]
    return shot


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """argon2id at its lowest cost for the seeded users: the production cost (64 MiB, three
    passes) is 50-150 ms a hash; tests/auth checks the real parameters."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield
