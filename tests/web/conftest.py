"""Fixtures for the web platform: an app on the test database, a small world of agencies
and users (one per role in each agency used), and signed-in clients.

    def test_x(signed_in):
        client = signed_in("np_investigator")     # a TestClient with a session
        client.post("/cases/new", data={...})       # csrf_token added by client.form_post
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counterflow.agencies import agency_by_code, ensure_national_agencies
from counterflow.auth import create_user, passwords
from counterflow.model.codes import Role
from counterflow.settings import Settings
from counterflow.store import transaction
from counterflow.web.app import create_app

PASSWORD = "test-password-long-enough"
WORKER_AGENCIES = ("NP", "GMP", "CAFIU", "PROS")
WORKER_ROLES = (Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR, Role.AGENCY_ADMIN)


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    """The platform on the test database (SQLite and PostgreSQL), with a seeded world:
    users ``<agency>_<role>`` (``np_investigator``, ``cafiu_supervisor`` ...) in NP, GMP,
    CAFIU and PROS, ``ovs_auditor`` and ``ovs_system_admin``; all with :data:`PASSWORD`."""
    settings = Settings(data_dir=tmp_path, database_url=database_url, cookie_secure=False)
    application = create_app(settings)
    with transaction(application.state.platform.sessions) as s:
        ensure_national_agencies(s)
        for code in WORKER_AGENCIES:
            agency = agency_by_code(s, code)
            for role in WORKER_ROLES:
                create_user(
                    s,
                    actor=None,
                    username=f"{code.lower()}_{role.value}",
                    display_name=f"{code} {role.value}",
                    agency_id=agency.id,
                    role=role,
                    password=PASSWORD,
                )
        ovs = agency_by_code(s, "OVS")
        for role in (Role.AUDITOR, Role.SYSTEM_ADMIN):
            create_user(
                s,
                actor=None,
                username=f"ovs_{role.value}",
                display_name=f"OVS {role.value}",
                agency_id=ovs.id,
                role=role,
                password=PASSWORD,
            )
    yield application
    application.state.platform.engine.dispose()


@dataclass
class Browser:
    """A signed-in test client that knows its CSRF token."""

    client: TestClient
    csrf: str

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def form_post(self, url: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
        """POST a form with the session's CSRF token, as the page's form would."""
        return self.client.post(url, data={**(data or {}), "csrf_token": self.csrf}, **kw)


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def sign_in(app: FastAPI, username: str, password: str = PASSWORD) -> Browser:
    client = TestClient(app, base_url="http://testserver")
    page = client.get("/login")
    token = _CSRF.search(page.text)
    assert token, "the sign-in page carries a CSRF token"
    done = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    home = client.get("/")
    csrf = _CSRF.search(home.text)
    assert csrf, "signed-in pages carry the session's CSRF token"
    return Browser(client, csrf.group(1))


@pytest.fixture
def signed_in(app: FastAPI) -> Callable[[str], Browser]:
    """``signed_in("np_supervisor")`` → a :class:`Browser` with a live session."""
    return lambda username: sign_in(app, username)


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """argon2id at its lowest cost for the seeded users: the production cost (64 MiB, three
    passes) is 50-150 ms a hash; tests/auth checks the real parameters."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield
