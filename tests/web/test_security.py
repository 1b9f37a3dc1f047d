"""Security of the API: CSRF on cookie requests, need-to-know, injection stored verbatim,
path ids, body size, the audit trail of API use, and tampering detected by the chain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select, text

from counterflow.audit import AuditEvent, verify
from counterflow.cases import Case, Person
from counterflow.store import transaction

API = "/api/v1"
CASE = {"title": "Karaoke bar in Phnom Penh", "category": "sexual_exploitation"}
SQL = ("'; DROP TABLE case_file; --", "1 OR 1=1")
SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def bearer(app: FastAPI, signed_in: Callable[[str], Any]) -> Callable[[str], TestClient]:
    """``bearer("np_investigator")`` → a cookie-less client sending a fresh API token."""

    def make(username: str) -> TestClient:
        browser = signed_in(username)
        minted = browser.client.post(
            f"{API}/tokens", json={"name": "test"}, headers={"X-CSRF-Token": browser.csrf}
        )
        assert minted.status_code == 201, minted.text
        return TestClient(app, headers={"Authorization": f"Bearer {minted.json()['token']}"})

    return make


def _count(app: FastAPI, model: type[Any]) -> int:
    with transaction(app.state.platform.sessions) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_cookie_post_needs_the_csrf_header(app, signed_in) -> None:
    browser = signed_in("np_investigator")
    before = _count(app, Case)
    assert browser.client.post(f"{API}/cases", json=CASE).status_code == 403
    forged = browser.client.post(f"{API}/cases", json=CASE, headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    assert _count(app, Case) == before
    ok = browser.client.post(f"{API}/cases", json=CASE, headers={"X-CSRF-Token": browser.csrf})
    assert ok.status_code == 201
    assert _count(app, Case) == before + 1
    # reads need no token; a bearer request needs none (no ambient credential to forge)
    assert browser.client.get(f"{API}/cases").status_code == 200


def test_no_credentials_is_401_before_any_validation(app) -> None:
    anonymous = TestClient(app)
    assert anonymous.post(f"{API}/cases", json={"title": 1}).status_code == 401
    assert anonymous.get(f"{API}/cases/1").status_code == 401
    assert anonymous.post(f"{API}/screening", json={"name": "x"}).status_code == 401


def test_other_agency_404_and_auditor_403(bearer) -> None:
    cid = bearer("np_investigator").post(f"{API}/cases", json=CASE).json()["id"]
    gmp = bearer("gmp_investigator")
    missing = gmp.get(f"{API}/cases/{cid + 1000}")
    hidden = gmp.get(f"{API}/cases/{cid}")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"] == f"no case {cid}"  # says no more than for a missing one
    auditor = bearer("ovs_auditor")
    assert auditor.get(f"{API}/cases/{cid}").status_code == 200
    for path, body in (
        ("/cases", CASE),
        (f"/cases/{cid}/notes", {"text": "a note"}),
        (f"/cases/{cid}/persons", {"role": "victim", "name_latin": "A"}),
        (f"/cases/{cid}/status", {"to": "investigating"}),
    ):
        assert auditor.post(f"{API}{path}", json=body).status_code == 403, path


@pytest.mark.parametrize("attack", SQL)
def test_sql_injection_is_stored_verbatim(app, bearer, attack) -> None:
    inv = bearer("np_investigator")
    created = inv.post(f"{API}/cases", json={**CASE, "title": f"x {attack}"})
    assert created.status_code == 201
    cid = created.json()["id"]
    person = inv.post(f"{API}/cases/{cid}/persons", json={"role": "suspect", "name_latin": attack})
    assert person.status_code == 201, person.text
    assert inv.get(f"{API}/cases/{cid}").json()["title"] == f"x {attack}"
    assert inv.get(f"{API}/cases/{cid}/persons").json()[0]["name_latin"] == attack
    found = inv.get(f"{API}/cases", params={"q": attack}).json()
    assert [c["id"] for c in found] == [cid]  # matched as text, not as SQL
    inv.post(f"{API}/cases", json={**CASE, "title": "an unrelated case"})
    assert len(inv.get(f"{API}/cases", params={"q": "1 OR 1=1"}).json()) == (
        1 if attack == "1 OR 1=1" else 0
    )
    with transaction(app.state.platform.sessions) as s:
        tables = set(inspect(s.get_bind()).get_table_names())
        assert {"case_file", "person", "audit_event"} <= tables
        assert s.scalar(select(Person.name_latin)) == attack
    assert _count(app, Case) == 2


def test_script_injection_comes_back_as_a_json_string(bearer) -> None:
    inv = bearer("np_investigator")
    created = inv.post(f"{API}/cases", json={**CASE, "title": SCRIPT, "summary": SCRIPT})
    cid = created.json()["id"]
    response = inv.get(f"{API}/cases/{cid}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["title"] == SCRIPT
    assert response.json()["summary"] == SCRIPT
    note = inv.post(f"{API}/cases/{cid}/notes", json={"text": SCRIPT})
    assert note.json()["text"] == SCRIPT
    assert note.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("get", "/cases/abc", "case_id"),
        ("get", "/cases/1;DROP TABLE case_file", "case_id"),
        ("get", "/cases/1.5/persons", "case_id"),
        ("put", "/cases/1/persons/x/victim", "person_id"),
        ("post", "/cases/1/persons/1/hits/%27%20OR%201=1", "hit_id"),
        ("get", "/alerts/one", "alert_id"),
        ("delete", "/tokens/all", "token_id"),
    ],
)
def test_path_ids_must_be_integers(bearer, method, path, field) -> None:
    response = getattr(bearer("np_investigator"), method)(f"{API}{path}")
    assert response.status_code == 422, response.text
    assert field in response.json()["errors"]


def test_an_oversized_body_is_refused_before_it_is_read(app, bearer) -> None:
    inv = bearer("np_investigator")
    before = _count(app, Case)
    response = inv.post(
        f"{API}/cases",
        content=b'{"title": "big"}',
        headers={"content-type": "application/json", "content-length": str(25 * 1024 * 1024 + 1)},
    )
    assert response.status_code == 413
    assert _count(app, Case) == before


def test_api_reads_and_writes_are_audited_with_the_case(app, bearer) -> None:
    inv = bearer("np_investigator")
    created = inv.post(f"{API}/cases", json=CASE)
    cid = created.json()["id"]
    read = inv.get(f"{API}/cases/{cid}")
    inv.get(f"{API}/cases/{cid}/accounts")
    inv.post(f"{API}/cases/{cid}/notes", json={"text": "seen the owner"})
    with transaction(app.state.platform.sessions) as s:
        events = list(
            s.scalars(select(AuditEvent).where(AuditEvent.case_id == cid).order_by(AuditEvent.seq))
        )
        seen = [(e.action, e.object_type, e.actor_username) for e in events]
        by_request = {
            e.request_id for e in events if e.action == "read" and e.object_type == "case"
        }
    assert ("create", "case", "np_investigator") in seen
    assert ("read", "case", "np_investigator") in seen
    assert seen.count(("read", "case_account", "np_investigator")) == 1  # once, not twice
    assert ("create", "note", "np_investigator") in seen
    assert read.headers["x-request-id"] in by_request  # the event names the API request


def test_deleting_an_audit_event_is_detected(app, bearer) -> None:
    inv = bearer("np_investigator")
    cid = inv.post(f"{API}/cases", json=CASE).json()["id"]
    for _ in range(3):
        inv.get(f"{API}/cases/{cid}")
    engine = app.state.platform.engine
    with transaction(app.state.platform.sessions) as s:
        assert verify(s).ok
        victim = s.scalar(
            select(AuditEvent.seq)
            .where(AuditEvent.case_id == cid, AuditEvent.action == "read")
            .order_by(AuditEvent.seq)
        )
    with engine.begin() as connection:
        # the database refuses the delete until its guard is removed
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER audit_event_no_delete"))
        connection.execute(text("DELETE FROM audit_event WHERE seq = :seq"), {"seq": victim})
    with transaction(app.state.platform.sessions) as s:
        report = verify(s)
    assert not report.ok
    assert any(
        f"event {victim + 1}: link to the previous event is broken" in p for p in report.problems
    )


def test_the_database_refuses_to_delete_audit_events(app) -> None:
    engine = app.state.platform.engine
    with pytest.raises(Exception, match=r"(?i)audit"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event"))
