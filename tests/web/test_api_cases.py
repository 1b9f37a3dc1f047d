"""The case API: tokens as bearer, a full case flow, persons with screening, money,
validation errors that name the field, need-to-know across agencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counterflow.model.watchlist import (
    EntityKind,
    EntryName,
    ListSource,
    NameStrength,
    WatchlistEntry,
)
from counterflow.screening import Screener
from counterflow.store import transaction
from counterflow.watchlists import load_snapshot

API = "/api/v1"
CASE = {
    "title": "Scam compound in Preah Sihanouk",
    "summary": "Workers held in a compound, passports taken.",
    "category": "trafficking",
    "exploitation_forms": ["forced_criminality"],
    "province": "Preah Sihanouk",
    "cross_border": True,
}


@pytest.fixture
def bearer(app: FastAPI, signed_in: Callable[[str], Any]) -> Callable[[str], TestClient]:
    """``bearer("np_investigator")`` → a cookie-less client sending a fresh API token."""

    def make(username: str) -> TestClient:
        browser = signed_in(username)
        minted = browser.client.post(
            f"{API}/tokens", json={"name": "test client"}, headers={"X-CSRF-Token": browser.csrf}
        )
        assert minted.status_code == 201, minted.text
        return TestClient(app, headers={"Authorization": f"Bearer {minted.json()['token']}"})

    return make


def _load_list(app: FastAPI) -> None:
    entry = WatchlistEntry(
        entry_id="D-1",
        source=ListSource.DOMESTIC,
        kind=EntityKind.PERSON,
        names=(EntryName("Wang Jianguo", NameStrength.PRIMARY, "name"),),
        dates_of_birth=("1979",),
    )
    with transaction(app.state.platform.sessions) as s:
        load_snapshot(
            s,
            source=ListSource.DOMESTIC,
            version="2026-01",
            entries=[entry],
            screener=Screener([entry]),
        )


def test_token_lifecycle(app, signed_in) -> None:
    browser = signed_in("np_investigator")
    minted = browser.client.post(
        f"{API}/tokens", json={"name": "sync job"}, headers={"X-CSRF-Token": browser.csrf}
    )
    assert minted.status_code == 201
    body = minted.json()
    assert body["token"].startswith("cf_")
    assert body["token"].startswith(body["prefix"])
    client = TestClient(app, headers={"Authorization": f"Bearer {body['token']}"})
    assert client.get(f"{API}/cases").status_code == 200
    listed = client.get(f"{API}/tokens").json()
    assert [t["prefix"] for t in listed] == [body["prefix"]]
    assert "token" not in listed[0]
    # a token cannot mint tokens: a leaked one must not outlive its revocation
    refused = client.post(f"{API}/tokens", json={"name": "offspring"})
    assert refused.status_code == 403
    assert client.delete(f"{API}/tokens/{body['id']}").status_code == 204
    assert client.get(f"{API}/cases").status_code == 401
    garbage = TestClient(app, headers={"Authorization": "Bearer cf_not-a-token"})
    assert garbage.get(f"{API}/cases").status_code == 401
    assert TestClient(app).get(f"{API}/cases").status_code == 401


def test_full_case_flow(app, bearer) -> None:
    _load_list(app)
    inv = bearer("np_investigator")
    sup = bearer("np_supervisor")
    created = inv.post(f"{API}/cases", json=CASE)
    assert created.status_code == 201, created.text
    case = created.json()
    cid = case["id"]
    assert case["reference"].startswith("NP-")
    assert case["status"] == "reported"
    assert case["lead_agency"] == "NP"

    listed = inv.get(f"{API}/cases", params={"q": "Preah"}).json()
    assert [c["id"] for c in listed] == [cid]
    assert listed[0]["relation"] == "lead"
    assert inv.get(f"{API}/cases", params={"q": "nothing like it"}).json() == []

    suspect = inv.post(
        f"{API}/cases/{cid}/persons",
        json={
            "role": "suspect",
            "name_latin": "Wang Jianguo",
            "nationality": "CHN",
            "date_of_birth": "1979",
            "phones": ["+855 12 345 678"],
        },
    )
    assert suspect.status_code == 201, suspect.text
    s = suspect.json()
    assert s["suspect"] == {
        "arrested": False,
        "charged": False,
        "sent_to_court": False,
        "convicted": False,
        "public_official": False,
    }
    assert s["victim"] is None and s["palermo_complete"] is None
    assert [i["kind"] for i in s["identifiers"]] == ["phone"]
    assert [h["entry_id"] for h in s["hits"]] == ["D-1"]
    hit = s["hits"][0]
    assert hit["source"] == "domestic" and hit["list_version"] == "2026-01"
    assert "Wang Jianguo" in hit["explanation"] and hit["review"] is None

    victim = inv.post(
        f"{API}/cases/{cid}/persons",
        json={"role": "victim", "name_latin": "Li Mei", "nationality": "CHN", "estimated_age": 16},
    ).json()
    assert victim["age_band"] == "15-17"
    assert victim["palermo_complete"] is False
    vid = victim["id"]
    ctx = inv.put(
        f"{API}/cases/{cid}/persons/{vid}/victim",
        json={"palermo_acts": ["recruitment"], "palermo_purposes": ["forced_criminality"]},
    )
    assert ctx.status_code == 200, ctx.text
    assert ctx.json()["palermo_complete"] is True  # a child: act + purpose suffice
    arrested = inv.put(f"{API}/cases/{cid}/persons/{s['id']}/suspect", json={"arrested": True})
    assert arrested.json()["suspect"]["arrested"] is True

    review = inv.post(
        f"{API}/cases/{cid}/persons/{s['id']}/hits/{hit['id']}",
        json={"decision": "confirmed", "reason": "same birth year and phone"},
    )
    assert review.status_code == 200, review.text
    assert review.json()["decision"] == "confirmed"
    people = inv.get(f"{API}/cases/{cid}/persons").json()
    assert people[0]["hits"][0]["review"]["decision"] == "confirmed"

    detail = inv.get(f"{API}/cases/{cid}").json()
    assert detail["foreign_suspect"] is True
    assert detail["same_foreign_nationality"] is True
    assert detail["allowed_transitions"] == ["investigating"]

    filtered = inv.get(f"{API}/cases", params={"same_foreign_nationality": "true"}).json()
    assert [c["id"] for c in filtered] == [cid]
    assert inv.get(f"{API}/cases", params={"foreign_suspect": "false"}).json() == []

    patched = inv.patch(f"{API}/cases/{cid}", json={"title": "Compound on the coast road"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["title"] == "Compound on the coast road"
    assert patched.json()["province"] == "Preah Sihanouk"  # untouched fields stay
    replaced = inv.put(f"{API}/cases/{cid}", json={**CASE, "province": None})
    assert replaced.json()["province"] is None

    moved = inv.post(f"{API}/cases/{cid}/status", json={"to": "investigating"})
    assert moved.status_code == 200 and moved.json()["status"] == "investigating"
    assert inv.post(f"{API}/cases/{cid}/status", json={"to": "in_court"}).status_code == 409

    share = {"agency_code": "CAFIU", "scope": "read", "legal_basis": "AML/CFT Law 2020, Art. 4"}
    assert inv.post(f"{API}/cases/{cid}/shares", json=share).status_code == 403
    shared = sup.post(f"{API}/cases/{cid}/shares", json=share)
    assert shared.status_code == 201, shared.text
    assert shared.json()["agency_code"] == "CAFIU"
    assert [x["agency_code"] for x in inv.get(f"{API}/cases/{cid}").json()["shares"]] == ["CAFIU"]

    note = inv.post(f"{API}/cases/{cid}/notes", json={"text": "Raid planned for Friday."})
    assert note.status_code == 201 and note.json()["username"] == "np_investigator"
    kinds = [e["kind"] for e in inv.get(f"{API}/cases/{cid}/timeline").json()]
    assert kinds[0] == "note"
    assert {"created", "person", "status", "shared", "screening"} <= set(kinds)

    fiu = bearer("cafiu_analyst")
    seen = fiu.get(f"{API}/cases/{cid}")
    assert seen.status_code == 200 and seen.json()["relation"] == "read"
    assert fiu.post(f"{API}/cases/{cid}/notes", json={"text": "x"}).status_code == 403


def test_accounts_and_transactions_keep_exact_amounts(bearer) -> None:
    inv = bearer("np_investigator")
    cid = inv.post(f"{API}/cases", json=CASE).json()["id"]
    account = inv.post(
        f"{API}/cases/{cid}/accounts", json={"account": "ABA-001-234", "bank": "ABA"}
    )
    assert account.status_code == 201, account.text
    rows = [
        {
            "txn_id": "T1",
            "ts": "2026-01-05T22:10:00Z",
            "src_account": "ABA-001-234",
            "dst_account": "WING-77",
            "amount": "9999.99",
            "currency": "usd",
            "amount_usd": "9999.99",
        },
        {"txn_id": "T2", "amount": "0.10", "currency": "USD"},
    ]
    added = inv.post(f"{API}/cases/{cid}/transactions", json=rows)
    assert added.status_code == 201, added.text
    assert added.json() == {"added": 2}
    assert inv.post(f"{API}/cases/{cid}/transactions", json=rows).json() == {"added": 0}
    txns = inv.get(f"{API}/cases/{cid}/transactions").json()
    assert sorted((t["txn_id"], t["amount"], t["currency"]) for t in txns) == [
        ("T1", "9999.99", "USD"),
        ("T2", "0.10", "USD"),
    ]
    accounts = [a["account"] for a in inv.get(f"{API}/cases/{cid}/accounts").json()]
    assert accounts == ["ABA-001-234", "WING-77"]
    bad = inv.post(f"{API}/cases/{cid}/transactions", json=[{"txn_id": "T3", "amount": "1.234"}])
    assert bad.status_code == 422
    assert "0.amount" in bad.json()["errors"]


def test_validation_errors_name_the_field(bearer) -> None:
    inv = bearer("np_investigator")
    bad = inv.post(f"{API}/cases", json={**CASE, "category": "piracy", "title": "x"})
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"category", "title"}
    extra = inv.post(f"{API}/cases", json={**CASE, "lead_agency_id": 2})
    assert extra.status_code == 422 and "lead_agency_id" in extra.json()["errors"]
    cid = inv.post(f"{API}/cases", json=CASE).json()["id"]
    patch = inv.patch(f"{API}/cases/{cid}", json={"province": "Atlantis"})
    assert patch.status_code == 422 and "province" in patch.json()["errors"]
    person = inv.post(f"{API}/cases/{cid}/persons", json={"role": "victim", "nationality": "X"})
    assert person.status_code == 422 and "nationality" in person.json()["errors"]
    nameless = inv.post(f"{API}/cases/{cid}/persons", json={"role": "victim"})
    assert nameless.status_code == 422 and "name_latin" in nameless.json()["errors"]
    query = inv.get(f"{API}/cases", params={"status": "lost"})
    assert query.status_code == 422 and "status" in query.json()["errors"]
    garbled = inv.post(
        f"{API}/cases", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert garbled.status_code == 422 and "body" in garbled.json()["errors"]


def test_need_to_know_across_agencies_and_roles(bearer) -> None:
    np_case = bearer("np_investigator").post(f"{API}/cases", json=CASE).json()["id"]
    gmp = bearer("gmp_investigator")
    for path in ("", "/persons", "/timeline", "/accounts", "/transactions"):
        assert gmp.get(f"{API}/cases/{np_case}{path}").status_code == 404, path
    assert gmp.post(f"{API}/cases/{np_case}/notes", json={"text": "hello"}).status_code == 404
    assert gmp.patch(f"{API}/cases/{np_case}", json={"title": "x"}).status_code == 404
    assert gmp.get(f"{API}/cases").json() == []
    auditor = bearer("ovs_auditor")
    assert auditor.get(f"{API}/cases/{np_case}").json()["relation"] == "oversight"
    assert auditor.post(f"{API}/cases", json=CASE).status_code == 403
    assert auditor.post(f"{API}/cases/{np_case}/notes", json={"text": "hi"}).status_code == 403
    admin = bearer("np_agency_admin")
    assert admin.get(f"{API}/cases/{np_case}").status_code == 404


def test_deconfliction_notice_names_no_other_case(bearer) -> None:
    np_client, gmp = bearer("np_investigator"), bearer("gmp_investigator")
    np_case = np_client.post(f"{API}/cases", json=CASE).json()["id"]
    gmp_case = gmp.post(f"{API}/cases", json={**CASE, "title": "Recruiter in Kampot"}).json()
    for client, cid in ((np_client, np_case), (gmp, gmp_case["id"])):
        added = client.post(
            f"{API}/cases/{cid}/persons",
            json={"role": "suspect", "name_latin": "Recruiter", "phones": ["012 345 678"]},
        )
        assert added.status_code == 201, added.text
    mine = np_client.get(f"{API}/notices").json()
    assert len(mine) == 1
    notice = mine[0]
    assert notice["case_id"] == np_case
    assert notice["other_agency"] == "GMP"
    assert "other_case_id" not in notice
    assert str(gmp_case["id"]) not in {str(v) for k, v in notice.items() if k != "id"}
    assert gmp_case["reference"] not in str(notice)
    ack = np_client.post(f"{API}/notices/{notice['id']}/acknowledge")
    assert ack.status_code == 204
    assert np_client.get(f"{API}/notices", params={"open_only": "true"}).json() == []


def test_openapi_lists_the_api(app) -> None:
    paths = TestClient(app).get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/tokens",
        "/api/v1/tokens/{token_id}",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/status",
        "/api/v1/cases/{case_id}/shares",
        "/api/v1/cases/{case_id}/notes",
        "/api/v1/cases/{case_id}/timeline",
        "/api/v1/cases/{case_id}/persons",
        "/api/v1/cases/{case_id}/persons/{person_id}/victim",
        "/api/v1/cases/{case_id}/persons/{person_id}/suspect",
        "/api/v1/cases/{case_id}/persons/{person_id}/hits/{hit_id}",
        "/api/v1/cases/{case_id}/accounts",
        "/api/v1/cases/{case_id}/transactions",
        "/api/v1/notices",
        "/api/v1/alerts",
        "/api/v1/alerts/{alert_id}",
        "/api/v1/alerts/{alert_id}/escalate",
        "/api/v1/screening",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/cases/{case_id}"]) == {"get", "put", "patch"}
