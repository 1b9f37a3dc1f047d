"""The network view: pages of a case, an alert and a person, their JSON (graph, expand,
trace), the GraphML and FollowTheMoney downloads, the hidden-case label, and the duplicate
decision form (both database backends)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from fastapi import FastAPI
from followthemoney import model
from sqlalchemy import select

from counterflow.agencies import agency_by_code
from counterflow.alerts import import_alerts
from counterflow.audit import AuditEvent
from counterflow.auth import User, actor_of
from counterflow.cases import AccountIn, link_account
from counterflow.ingest import write_canonical
from counterflow.model.alert import Alert, AlertWindow
from counterflow.network import resolve_duplicates
from counterflow.store import transaction

G = "{http://graphml.graphdrawing.org/xmlns}"
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
ACCOUNT = "KH-ABA-0001"


def _txn(i: int, src: str, dst: str, usd: float, days: int) -> dict[str, Any]:
    return {
        "txn_id": f"T{i}",
        "ts": T0 + timedelta(days=days, minutes=i),
        "src_account": src,
        "dst_account": dst,
        "amount": usd,
        "currency": "USD",
        "amount_usd": usd,
        "channel": "transfer",
        "src_bank": "ABAAKHPP",
        "dst_bank": "ABAAKHPP",
    }


def write_store(path: Path) -> Path:
    """Money comes into the case's account, goes on two hops and partly abroad."""
    rows = [
        _txn(1, "KH-SRC-9", ACCOUNT, 9000.0, 0),
        _txn(2, ACCOUNT, "KH-MULE-1", 6000.0, 1),
        _txn(3, ACCOUNT, "KH-MULE-2", 2500.0, 2),
        _txn(4, "KH-MULE-1", "KH-END-7", 5800.0, 3),
        _txn(5, "KH-MULE-2", "KH-END-7", 2400.0, 5),
    ]
    return write_canonical(pl.DataFrame(rows), path)


@pytest.fixture
def store_app(app: FastAPI, tmp_path: Path) -> FastAPI:
    """The test platform with a small transaction store."""
    path = write_store(tmp_path / "transactions.parquet")
    app.state.platform.flows.path = path
    return app


def _open_case(browser: Any, title: str) -> int:
    done = browser.form_post(
        "/cases/new",
        {
            "title": title,
            "summary": "Salaries swept to one account",
            "category": "trafficking",
            "exploitation_forms": ["forced_labour"],
            "province": "Phnom Penh",
            "cross_border": "no",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return int(done.headers["location"].rsplit("/", 1)[1])


def _add_person(browser: Any, case_id: int, name: str, phone: str) -> int:
    done = browser.form_post(
        f"/cases/{case_id}/persons/new",
        {"role": "suspect", "name_latin": name, "gender": "male", "phones": phone},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return int(done.headers["location"].rsplit("-", 1)[1])


def _link(app: FastAPI, username: str, case_id: int, account: str) -> None:
    with transaction(app.state.platform.sessions) as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        link_account(
            s,
            actor=actor_of(s, user),
            case_id=case_id,
            data=AccountIn(account=account, bank="ABA Bank"),
        )


@pytest.fixture
def world(store_app: FastAPI, signed_in) -> dict[str, Any]:
    """An NP case with a suspect and the account, and a GMP case (not shared) naming the
    same account and the suspect's phone."""
    np = signed_in("np_investigator")
    gmp = signed_in("gmp_investigator")
    case_id = _open_case(np, "Garment workers' salaries")
    person_id = _add_person(np, case_id, "Sok Dara", "012 345 678")
    secret = _open_case(gmp, "Secret GMP operation Lotus")
    _add_person(gmp, secret, "Dara Sok", "+855 12 345 678")
    _link(store_app, "np_investigator", case_id, ACCOUNT)
    _link(store_app, "gmp_investigator", secret, ACCOUNT)
    secret_page = gmp.get(f"/cases/{secret}").text
    reference = re.search(r'<h1><span class="mono">([A-Z]+-\d{4}-\d{5})</span>', secret_page)
    assert reference
    return {
        "np": np,
        "gmp": gmp,
        "case_id": case_id,
        "person_id": person_id,
        "secret_id": secret,
        "secret_ref": reference.group(1),
    }


def _graph_of(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="network-graph">(.*?)</script>', page, re.S
    )
    assert match, "the page carries its graph as JSON data"
    return json.loads(match.group(1))


def test_case_network_page_loads_for_the_lead_investigator(world) -> None:
    np, case_id = world["np"], world["case_id"]
    response = np.get(f"/cases/{case_id}/network")
    assert response.status_code == 200
    page = response.text
    assert "/static/vendor/cytoscape.min.js" in page
    assert "<script>" not in page and " style=" not in page  # strict CSP: nothing inline
    graph = _graph_of(page)
    kinds = {n["kind"] for n in graph["nodes"]}
    assert {"case", "person", "account"} <= kinds
    assert graph["focus"] == f"case:{case_id}"
    assert f'href="/cases/{case_id}/network"' in np.get(f"/cases/{case_id}").text
    # The same graph as JSON.
    again = np.get(f"/cases/{case_id}/network/graph.json").json()
    assert {n["id"] for n in again["nodes"]} == {n["id"] for n in graph["nodes"]}


def test_an_outsider_gets_404(world, signed_in) -> None:
    case_id = world["case_id"]
    outsider = signed_in("cafiu_investigator")
    assert outsider.get(f"/cases/{case_id}/network").status_code == 404
    assert outsider.get(f"/cases/{case_id}/network/graph.json").status_code == 404
    assert outsider.get(f"/cases/{case_id}/network/export.graphml").status_code == 404
    assert outsider.get(f"/persons/{world['person_id']}/network").status_code == 404


def test_the_hidden_case_shows_its_agency_never_its_reference_or_title(world) -> None:
    np = world["np"]
    everything = [np.get(f"/cases/{world['case_id']}/network").text]
    graph = _graph_of(everything[0])
    for node in list(graph["nodes"]):
        expanded = np.get(
            f"/cases/{world['case_id']}/network/expand.json", params={"node": node["id"]}
        )
        if expanded.status_code == 200:
            everything.append(expanded.text)
            graph["nodes"] += expanded.json()["nodes"]
    hidden = [n for n in graph["nodes"] if n["kind"] == "hidden_case"]
    assert hidden, "the GMP case naming the same account shows as a hidden case"
    assert all(n["label"].startswith("case held by ") for n in hidden)
    assert all("contact" in n["label"] and n["data"] == {} for n in hidden)
    everything.append(np.get(f"/cases/{world['case_id']}/network/export.graphml").text)
    everything.append(np.get(f"/cases/{world['case_id']}/network/export.jsonl").text)
    for text in everything:
        assert world["secret_ref"] not in text
        assert "Lotus" not in text


def test_expand_an_account_shows_its_counterparties(world) -> None:
    np = world["np"]
    response = np.get(
        f"/cases/{world['case_id']}/network/expand.json", params={"node": f"account:{ACCOUNT}"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"account:KH-MULE-1", "account:KH-SRC-9"} <= ids
    flows = [e for e in body["edges"] if e["kind"] == "flow"]
    assert flows and all(e["data"]["amount_usd"] > 0 and e["data"]["first_ts"] for e in flows)
    missing = np.get(f"/cases/{world['case_id']}/network/expand.json")
    assert missing.status_code == 422


def test_trace_forward_from_the_case_account(world) -> None:
    np = world["np"]
    url = f"/cases/{world['case_id']}/network/trace.json"
    response = np.get(
        url,
        params={"node": f"account:{ACCOUNT}", "direction": "forward", "hops": "3"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"]
    pairs = {(p["source"], p["target"]): p["traced_usd"] for p in body["pairs"]}
    assert pairs[(f"account:{ACCOUNT}", "account:KH-MULE-1")] > 0
    assert ("account:KH-MULE-1", "account:KH-END-7") in pairs
    assert body["endpoints"] and all(e["kind_label"] for e in body["endpoints"])
    bad = np.get(url, params={"node": f"account:{ACCOUNT}", "hops": "99"})
    assert bad.status_code == 422 and "hops" in bad.json()["detail"]
    # A case traces from its accounts; a phone has none.
    assert np.get(url, params={"node": f"case:{world['case_id']}"}).status_code == 200
    assert np.get(url, params={"node": "phone:012345678"}).status_code == 422


def test_trace_without_a_store_says_why(app: FastAPI, signed_in, tmp_path: Path) -> None:
    app.state.platform.flows.path = tmp_path / "none.parquet"
    np = signed_in("np_investigator")
    case_id = _open_case(np, "No store")
    _link(app, "np_investigator", case_id, ACCOUNT)
    assert np.get(f"/cases/{case_id}/network").status_code == 200
    response = np.get(f"/cases/{case_id}/network/trace.json", params={"node": f"account:{ACCOUNT}"})
    assert response.status_code == 422
    assert "transaction store" in response.json()["detail"]


def test_exports_are_valid_graphml_and_ftm(world) -> None:
    np, case_id = world["np"], world["case_id"]
    params = {"expanded": [f"account:{ACCOUNT}"]}
    graphml = np.get(f"/cases/{case_id}/network/export.graphml", params=params)
    assert graphml.status_code == 200
    assert "attachment" in graphml.headers["content-disposition"]
    assert f"case-{case_id}-network.graphml" in graphml.headers["content-disposition"]
    root = ET.fromstring(graphml.content)
    ids = {n.get("id") for n in root.iter(f"{G}node")}
    assert f"case:{case_id}" in ids
    assert "account:KH-MULE-1" in ids, "expanded nodes are exported too"
    ftm = np.get(f"/cases/{case_id}/network/export.jsonl", params=params)
    assert ftm.status_code == 200
    assert ".ftm.jsonl" in ftm.headers["content-disposition"]
    entities = [json.loads(line) for line in ftm.text.splitlines() if line]
    assert any(e["schema"] == "Payment" for e in entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None
        assert set(data["properties"]) <= set(schema.properties)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.id == data["id"]


def test_alert_network_page(world, store_app: FastAPI, signed_in) -> None:
    with transaction(store_app.state.platform.sessions) as s:
        cafiu = agency_by_code(s, "CAFIU")
        import_alerts(
            s,
            owner_agency_id=cafiu.id,
            alerts=[
                Alert(
                    alert_id="net-1",
                    typology="fan_in",
                    score=0.8,
                    accounts=(ACCOUNT, "KH-SRC-9"),
                    txn_ids=("T1",),
                    window=AlertWindow(T0, T0 + timedelta(days=2)),
                    explanation="fan in",
                    thresholds={"count": 1.0},
                )
            ],
        )
    analyst = signed_in("cafiu_analyst")
    queue = analyst.get("/alerts").text
    alert_id = int(re.search(r'href="/alerts/(\d+)"', queue).group(1))
    page = analyst.get(f"/alerts/{alert_id}/network")
    assert page.status_code == 200, page.text
    graph = _graph_of(page.text)
    assert any(n["kind"] == "alert" for n in graph["nodes"])
    assert f'href="/alerts/{alert_id}/network"' in analyst.get(f"/alerts/{alert_id}").text
    assert world["np"].get(f"/alerts/{alert_id}/network").status_code == 404


def test_possible_duplicates_are_listed_and_decided_with_a_reason(world, store_app) -> None:
    np, case_id, person_id = world["np"], world["case_id"], world["person_id"]
    twin = _add_person(np, case_id, "SOK Dara", "012345678")
    with transaction(store_app.state.platform.sessions) as s:
        resolve_duplicates(s, actor=None)
    page = np.get(f"/persons/{person_id}/network").text
    match = re.search(rf'action="/persons/{person_id}/duplicates/(\d+)"', page)
    assert match, "the twin record is a possible duplicate"
    candidate = match.group(1)
    assert "Match probability" in page and "Match weight" in page
    assert "Lotus" not in page and world["secret_ref"] not in page
    url = f"/persons/{person_id}/duplicates/{candidate}"
    # No CSRF token: refused, nothing decided.
    refused = np.client.post(
        url, data={"decision": "confirm", "reason": "same phone"}, follow_redirects=False
    )
    assert refused.status_code == 403
    # No reason: the page comes back with the error.
    empty = np.form_post(url, {"decision": "confirm", "reason": " "}, follow_redirects=False)
    assert empty.status_code == 422
    assert 'class="error"' in empty.text
    done = np.form_post(
        url,
        {"decision": "confirm", "reason": "same phone, same name, same case"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/persons/{person_id}/network#duplicates"
    after = np.get(f"/persons/{person_id}/network").text
    assert "same phone, same name, same case" in after
    assert twin != person_id
    with transaction(store_app.state.platform.sessions) as s:
        decided = s.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "duplicate_candidate")
        ).all()
    assert [e.reason for e in decided] == ["same phone, same name, same case"]
