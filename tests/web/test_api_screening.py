"""Ad hoc screening over the API: hits that explain themselves, who may screen, audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from counterflow.audit import AuditEvent
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

URL = "/api/v1/screening"


@pytest.fixture
def bearer(app: FastAPI, signed_in: Callable[[str], Any]) -> Callable[[str], TestClient]:
    """``bearer("np_analyst")`` → a cookie-less client sending a fresh API token."""

    def make(username: str) -> TestClient:
        browser = signed_in(username)
        minted = browser.client.post(
            "/api/v1/tokens", json={"name": "test"}, headers={"X-CSRF-Token": browser.csrf}
        )
        assert minted.status_code == 201, minted.text
        return TestClient(app, headers={"Authorization": f"Bearer {minted.json()['token']}"})

    return make


@pytest.fixture
def listed(app: FastAPI) -> None:
    """A domestic list (version ``2026-01``) naming one trafficker."""
    entry = WatchlistEntry(
        entry_id="D-7",
        source=ListSource.DOMESTIC,
        kind=EntityKind.PERSON,
        names=(
            EntryName("Chen Zhiwei", NameStrength.PRIMARY, "name"),
            EntryName("Vincent Chen", NameStrength.STRONG, "aka"),
        ),
        dates_of_birth=("1987-12-16",),
    )
    with transaction(app.state.platform.sessions) as s:
        load_snapshot(
            s,
            source=ListSource.DOMESTIC,
            version="2026-01",
            entries=[entry],
            screener=Screener([entry]),
        )


def _screening_events(app: FastAPI) -> list[AuditEvent]:
    with transaction(app.state.platform.sessions) as s:
        rows = list(
            s.scalars(select(AuditEvent).where(AuditEvent.object_type == "screening_query"))
        )
        s.expunge_all()
    return rows


@pytest.mark.usefixtures("listed")
def test_a_hit_says_why(app, bearer) -> None:
    analyst = bearer("np_analyst")
    response = analyst.post(
        URL, json={"name": "CHEN Zhiwei", "date_of_birth": "1987", "country": "CHN"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["list_versions"] == {"domestic": "2026-01"}
    assert body["query"]["country"] == "CN"  # alpha-3 read as the lists' alpha-2
    [hit] = body["hits"]
    assert hit["entry_id"] == "D-7" and hit["source"] == "domestic"
    assert hit["list_version"] == "2026-01"
    assert hit["matched_name"] == "Chen Zhiwei"
    assert 0.0 < hit["score"] <= 1.0
    assert "Chen Zhiwei" in hit["explanation"] and "date_of_birth" in hit["explanation"]
    assert analyst.post(URL, json={"name": "Sokha Chan"}).json()["hits"] == []
    [first, second] = _screening_events(app)
    assert first.actor_username == "np_analyst" and first.action == "read"
    assert json.loads(first.detail)["name"] == "CHEN Zhiwei"
    assert json.loads(first.detail)["hits"] == ["domestic:D-7"]
    assert json.loads(second.detail)["hits"] == []


@pytest.mark.parametrize("username", ["np_investigator", "gmp_supervisor", "cafiu_analyst"])
def test_case_workers_may_screen(bearer, username) -> None:
    assert bearer(username).post(URL, json={"name": "Anyone"}).status_code == 200


@pytest.mark.parametrize("username", ["ovs_auditor", "np_agency_admin", "ovs_system_admin"])
def test_auditors_and_administrators_may_not(app, bearer, username) -> None:
    refused = bearer(username).post(URL, json={"name": "Chen Zhiwei"})
    assert refused.status_code == 403
    assert _screening_events(app) == []


def test_invalid_queries_name_the_field(bearer) -> None:
    analyst = bearer("np_analyst")
    for body, field in (
        ({"name": ""}, "name"),
        ({"name": "A", "date_of_birth": "16/12/1987"}, "date_of_birth"),
        ({"name": "A", "country": "Atlantis"}, "country"),
        ({"name": "A", "gender": "robot"}, "gender"),
        ({"name": "A", "nickname": "B"}, "nickname"),
    ):
        response = analyst.post(URL, json=body)
        assert response.status_code == 422, body
        assert field in response.json()["errors"], body
