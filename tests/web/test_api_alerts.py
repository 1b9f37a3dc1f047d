"""The alert API: the queue, assign, comment, dismiss with four eyes, escalate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counterflow.agencies import agency_by_code
from counterflow.alerts import import_alerts
from counterflow.model.alert import Alert, AlertWindow
from counterflow.store import transaction

API = "/api/v1"
START = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)


@pytest.fixture
def bearer(app: FastAPI, signed_in: Callable[[str], Any]) -> Callable[[str], TestClient]:
    """``bearer("cafiu_analyst")`` → a cookie-less client sending a fresh API token."""

    def make(username: str) -> TestClient:
        browser = signed_in(username)
        minted = browser.client.post(
            f"{API}/tokens", json={"name": "test client"}, headers={"X-CSRF-Token": browser.csrf}
        )
        assert minted.status_code == 201, minted.text
        return TestClient(app, headers={"Authorization": f"Bearer {minted.json()['token']}"})

    return make


@pytest.fixture
def alerts(app: FastAPI) -> None:
    """Two alerts in the FIU's queue: ``low`` (0.4) and ``high`` (0.95)."""
    batch = [
        Alert(
            alert_id=name,
            typology="fan_in",
            score=score,
            accounts=(f"{name}-hub", f"{name}-a"),
            txn_ids=(f"{name}-t1", f"{name}-t2"),
            window=AlertWindow(START, START + timedelta(hours=3)),
            explanation=f"{name}: 12 payers into one account within 3 hours",
            thresholds={"min_payers": 10.0},
        )
        for name, score in (("low", 0.4), ("high", 0.95))
    ]
    with transaction(app.state.platform.sessions) as s:
        import_alerts(s, alerts=batch, owner_agency_id=agency_by_code(s, "CAFIU").id)


def _ids(client: TestClient) -> dict[str, int]:
    return {a["engine_alert_id"]: a["id"] for a in client.get(f"{API}/alerts").json()}


def test_queue_and_one_alert(bearer, alerts) -> None:
    analyst = bearer("cafiu_analyst")
    queue = analyst.get(f"{API}/alerts").json()
    assert [a["engine_alert_id"] for a in queue] == ["high", "low"]  # highest score first
    assert queue[0]["accounts"] == ["high-hub", "high-a"]
    ids = _ids(analyst)
    one = analyst.get(f"{API}/alerts/{ids['low']}")
    assert one.status_code == 200
    assert one.json()["explanation"].startswith("low: 12 payers")
    assert one.json()["comments"] == []
    assert analyst.get(f"{API}/alerts", params={"status": "escalated"}).json() == []
    assert analyst.get(f"{API}/alerts", params={"status": "sunk"}).status_code == 422
    # another agency's queue is not there; its alerts do not exist for the police
    police = bearer("np_analyst")
    assert police.get(f"{API}/alerts").json() == []
    assert police.get(f"{API}/alerts/{ids['low']}").status_code == 404
    # the auditor reads every queue, and only reads
    auditor = bearer("ovs_auditor")
    assert len(auditor.get(f"{API}/alerts").json()) == 2
    refused = auditor.post(f"{API}/alerts/{ids['low']}/comments", json={"text": "hm"})
    assert refused.status_code == 403


def test_assign_comment_dismiss(bearer, alerts) -> None:
    analyst = bearer("cafiu_analyst")
    ids = _ids(analyst)
    taken = analyst.post(f"{API}/alerts/{ids['low']}/assign", json={"username": "cafiu_analyst"})
    assert taken.status_code == 200, taken.text
    assert taken.json()["status"] == "assigned"
    assert taken.json()["assignee"] == "cafiu_analyst"
    other = analyst.post(
        f"{API}/alerts/{ids['low']}/assign", json={"username": "cafiu_investigator"}
    )
    assert other.status_code == 403  # only a supervisor assigns to someone else
    said = analyst.post(f"{API}/alerts/{ids['low']}/comments", json={"text": "payroll day"})
    assert said.status_code == 201 and said.json()["username"] == "cafiu_analyst"
    short = analyst.post(f"{API}/alerts/{ids['low']}/dismiss", json={"reason": "no"})
    assert short.status_code == 422 and "reason" in short.json()["errors"]
    done = analyst.post(
        f"{API}/alerts/{ids['low']}/dismiss", json={"reason": "monthly payroll of a factory"}
    )
    assert done.json()["status"] == "dismissed"
    again = analyst.post(
        f"{API}/alerts/{ids['low']}/dismiss", json={"reason": "monthly payroll of a factory"}
    )
    assert again.status_code == 409
    detail = analyst.get(f"{API}/alerts/{ids['low']}").json()
    assert [c["text"] for c in detail["comments"]] == ["payroll day"]


def test_high_score_dismissal_needs_four_eyes(bearer, alerts) -> None:
    analyst, supervisor = bearer("cafiu_analyst"), bearer("cafiu_supervisor")
    high = _ids(analyst)["high"]
    asked = analyst.post(
        f"{API}/alerts/{high}/dismiss", json={"reason": "known remittance company"}
    )
    assert asked.json()["status"] == "dismissal_pending"
    by_analyst = analyst.post(f"{API}/alerts/{high}/dismissal", json={"approve": True})
    assert by_analyst.status_code == 403
    approved = supervisor.post(f"{API}/alerts/{high}/dismissal", json={"approve": True})
    assert approved.status_code == 200 and approved.json()["status"] == "dismissed"


def test_supervisor_cannot_approve_own_dismissal(bearer, alerts) -> None:
    supervisor = bearer("cafiu_supervisor")
    high = _ids(supervisor)["high"]
    supervisor.post(f"{API}/alerts/{high}/dismiss", json={"reason": "known remittance company"})
    own = supervisor.post(f"{API}/alerts/{high}/dismissal", json={"approve": True})
    assert own.status_code == 403
    assert "four eyes" in own.json()["detail"]


def test_escalate_into_a_new_case(bearer, alerts) -> None:
    analyst = bearer("cafiu_analyst")
    high = _ids(analyst)["high"]
    neither = analyst.post(f"{API}/alerts/{high}/escalate", json={})
    assert neither.status_code == 422 and "case_id" in neither.json()["errors"]
    new_case = {"title": "Funnel accounts of a compound", "category": "money_laundering"}
    out = analyst.post(f"{API}/alerts/{high}/escalate", json={"new_case": new_case})
    assert out.status_code == 200, out.text
    body = out.json()
    assert body["alert"]["status"] == "escalated"
    assert body["case"]["reference"].startswith("CAFIU-")
    assert body["alert"]["case_id"] == body["case"]["id"]
    cid = body["case"]["id"]
    txns = analyst.get(f"{API}/cases/{cid}/transactions").json()
    assert sorted(t["txn_id"] for t in txns) == ["high-t1", "high-t2"]
    accounts = {a["account"] for a in analyst.get(f"{API}/cases/{cid}/accounts").json()}
    assert accounts == {"high-hub", "high-a"}
    bad = analyst.post(
        f"{API}/alerts/{_ids(analyst)['low']}/escalate",
        json={"new_case": {**new_case, "category": "kidnapping"}},
    )
    assert bad.status_code == 422 and "new_case.category" in bad.json()["errors"]
