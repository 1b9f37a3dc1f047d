"""The joint report pages: figures, charts, downloads, data sources, releases."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from counterflow.agencies import agency_by_code
from counterflow.audit import AuditEvent
from counterflow.auth import actor_of, create_user
from counterflow.cases import CaseIn, PersonIn, add_person, create_case
from counterflow.model.codes import PersonRole, Role
from counterflow.store import transaction

PERIOD = {"from": "2022-01-01", "to": "2022-09-30", "compare": "previous-year"}


@pytest.fixture
def cases(app: FastAPI) -> None:
    """Three trafficking cases in 2021 and one in 2022, with a victim each; NCCT users."""
    with transaction(app.state.platform.sessions) as s:
        for username, role in (
            ("ncct_supervisor", Role.SUPERVISOR),
            ("ncct_analyst", Role.ANALYST),
        ):
            user = create_user(
                s,
                actor=None,
                username=username,
                display_name=username,
                agency_id=agency_by_code(s, "NCCT").id,
                role=role,
                password="test-password-long-enough",
            )
        lead = actor_of(
            s, s.scalars(select(type(user)).where(type(user).username == "np_supervisor")).one()
        )
        for year, month in ((2021, 2), (2021, 5), (2021, 8), (2022, 3)):
            case = create_case(
                s,
                actor=lead,
                data=CaseIn(
                    title=f"Case {year}-{month}",
                    category="trafficking",
                    exploitation_forms=["forced_labour"],
                    province="Battambang",
                    reported_on=datetime(year, month, 10, tzinfo=UTC),
                ),
            )
            add_person(
                s,
                actor=lead,
                case_id=case.id,
                data=PersonIn(
                    role=PersonRole.VICTIM,
                    name_latin="Victim",
                    gender="female",
                    nationality="KHM",
                    estimated_age=16,
                ),
                screener=None,
            )


def test_the_report_page_shows_figures_charts_and_change(signed_in, cases) -> None:
    page = signed_in("np_investigator").get("/reports", params=PERIOD)
    assert page.status_code == 200
    html = page.text
    assert 'class="big">1<' in html  # one case in January-September 2022
    assert "-66.7 %" in html  # against 3 a year before
    assert "Victims by sex and age band" in html
    assert 'type="application/json"' in html and "data-chart" in html
    assert "/static/vendor/vega-embed.min.js" in html
    assert "<svg" in html  # the server-drawn fallback


def test_the_report_page_in_khmer(signed_in, cases) -> None:
    browser = signed_in("np_supervisor")
    browser.client.cookies.set("cf_lang", "km")
    page = browser.get("/reports", params=PERIOD)
    assert page.status_code == 200
    assert 'lang="km"' in page.text
    assert "Victims by sex" not in page.text


def test_bad_dates_are_shown_next_to_the_field(signed_in) -> None:
    page = signed_in("np_investigator").get("/reports", params={**PERIOD, "to": "2022-13-01"})
    assert page.status_code == 422
    assert 'class="error"' in page.text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "md"])
def test_downloads_are_audited_exports(app, signed_in, cases, fmt: str) -> None:
    got = signed_in("np_analyst").get("/reports/export", params={**PERIOD, "format": fmt})
    assert got.status_code == 200
    assert "attachment" in got.headers["content-disposition"]
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(got.content), read_only=True)
        assert len(book.sheetnames) > 20
    else:
        assert "Human trafficking and sexual exploitation cases" in got.content.decode("utf-8-sig")
    with transaction(app.state.platform.sessions) as s:
        events = list(
            s.scalars(
                select(AuditEvent).where(
                    AuditEvent.object_type == "joint_report", AuditEvent.action == "export"
                )
            )
        )
    assert [json.loads(e.detail)["purpose"] for e in events] == [f"export {fmt}"]


def test_administrators_see_no_report(signed_in) -> None:
    assert signed_in("np_agency_admin").get("/reports", params=PERIOD).status_code == 403


def test_tallies_from_the_fiu_reach_the_report(signed_in, cases) -> None:
    fiu = signed_in("cafiu_analyst")
    done = fiu.form_post(
        "/reports/tallies",
        {"month": "2022-02", "report_type": "str", "count": "41"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    bad = fiu.form_post("/reports/tallies", {"month": "Feb", "report_type": "str", "count": "x"})
    assert bad.status_code == 422 and "YYYY-MM" in bad.text
    refused = signed_in("np_supervisor").form_post(
        "/reports/tallies", {"month": "2022-02", "report_type": "str", "count": "1"}
    )
    assert refused.status_code == 403
    csv = fiu.get("/reports/export", params={**PERIOD, "format": "csv"}).content.decode("utf-8-sig")
    assert "41" in csv


def test_csrf_is_required_to_record_a_tally(signed_in) -> None:
    fiu = signed_in("cafiu_analyst")
    got = fiu.client.post(
        "/reports/tallies", data={"month": "2022-02", "report_type": "str", "count": "41"}
    )
    assert got.status_code == 403


def test_a_release_published_on_the_page_reaches_the_public(app, signed_in, cases) -> None:
    ncct = signed_in("ncct_supervisor")
    form = ncct.get("/reports/releases")
    assert 'id="publish"' in form.text
    assert 'id="publish"' not in signed_in("np_supervisor").get("/reports/releases").text
    bad = ncct.form_post("/reports/releases", {**PERIOD, "title": "", "note": ""})
    assert bad.status_code == 422
    done = ncct.form_post(
        "/reports/releases", {**PERIOD, "title": "Jan-Sep 2022"}, follow_redirects=False
    )
    assert done.status_code == 303
    refused = signed_in("np_supervisor").form_post("/reports/releases", {**PERIOD, "title": "mine"})
    assert refused.status_code == 403

    public = TestClient(app)  # no session: the public
    home = public.get("/public")
    assert home.status_code == 200 and "Jan-Sep 2022" in home.text and "<svg" in home.text
    page = public.get("/public/releases/1")
    assert page.status_code == 200
    # Three victims in 2021 (a national total, exact) are never shown by sex exactly.
    assert "&lt;10" in page.text
    body = public.get("/public/releases/1/content.json")
    assert hashlib.sha256(body.content).hexdigest() in page.text
    csv = public.get("/public/releases/1/download", params={"format": "csv"})
    assert csv.status_code == 200 and "Jan-Sep 2022" in csv.content.decode("utf-8-sig")
    ledger = public.get("/public/releases")
    assert "Release ledger intact" in ledger.text
    assert public.get("/public/releases/9").status_code == 404
