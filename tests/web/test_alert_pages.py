"""Alert triage pages: the queue, need-to-know, dismissal with four eyes, escalation."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from counterflow.agencies import agency_by_code
from counterflow.alerts import TriageAlert, import_alerts
from counterflow.model.alert import Alert, AlertWindow
from counterflow.model.codes import AlertStatus
from counterflow.store import transaction

LOW, HIGH, HIGH2 = "ALR-LOW-1", "ALR-HIGH-1", "ALR-HIGH-2"
REASON = "Payroll of a registered garment factory, documents checked."


def _alert(alert_id: str, score: float, accounts: tuple[str, ...]) -> Alert:
    return Alert(
        alert_id=alert_id,
        typology="fan_in",
        score=score,
        accounts=accounts,
        txn_ids=(f"{alert_id}-t1", f"{alert_id}-t2"),
        window=AlertWindow(
            start=datetime(2024, 3, 1, 8, tzinfo=UTC), end=datetime(2024, 3, 1, 20, tzinfo=UTC)
        ),
        explanation=f"{len(accounts)} accounts paid into one account within 12 hours",
        thresholds={"min_sources": 5.0, "window_hours": 12.0},
    )


@pytest.fixture
def alerts(app) -> dict[str, int]:
    """Three alerts in CAFIU's queue: engine id → triage id."""
    with transaction(app.state.platform.sessions) as s:
        cafiu = agency_by_code(s, "CAFIU")
        import_alerts(
            s,
            alerts=[
                _alert(LOW, 0.35, ("ACC-L1", "ACC-L2")),
                _alert(HIGH, 0.97, ("ACC-H1", "ACC-H2", "ACC-H3", "ACC-H4", "ACC-H5")),
                _alert(HIGH2, 0.91, ("ACC-J1",)),
            ],
            owner_agency_id=cafiu.id,
        )
        return {a.engine_alert_id: a.id for a in s.scalars(select(TriageAlert))}


def _status(app, alert_id: int) -> AlertStatus:
    with transaction(app.state.platform.sessions) as s:
        alert = s.get(TriageAlert, alert_id)
        assert alert is not None
        return alert.status


def test_queue_is_the_agency_s_own_highest_score_first(signed_in, alerts) -> None:
    page = signed_in("cafiu_analyst").get("/alerts")
    assert page.status_code == 200
    shown = re.findall(r"ALR-[A-Z]+-\d", page.text)
    assert shown == [HIGH, HIGH2, LOW]
    assert 'class="badge bad">0.97' in page.text
    assert 'class="badge">0.35' in page.text
    assert "and 2 more" in page.text  # five accounts, three shown

    other = signed_in("np_investigator")
    assert "ALR-" not in other.get("/alerts").text
    assert other.get(f"/alerts/{alerts[LOW]}").status_code == 404


def test_status_filter(signed_in, app, alerts) -> None:
    browser = signed_in("cafiu_analyst")
    browser.form_post(f"/alerts/{alerts[LOW]}/dismiss", {"reason": REASON})
    assert LOW not in browser.get("/alerts").text
    dismissed = browser.get("/alerts?status=dismissed").text
    assert re.findall(r"ALR-[A-Z]+-\d", dismissed) == [LOW]
    assert LOW in browser.get("/alerts?status=all").text


def test_auditor_reads_every_agency_s_alerts_but_does_not_triage(signed_in, alerts) -> None:
    auditor = signed_in("ovs_auditor")
    assert HIGH in auditor.get("/alerts").text
    detail = auditor.get(f"/alerts/{alerts[HIGH]}")
    assert detail.status_code == 200
    assert "/dismiss" not in detail.text and "/escalate" not in detail.text
    refused = auditor.form_post(f"/alerts/{alerts[HIGH]}/dismiss", {"reason": REASON})
    assert refused.status_code == 403


def test_low_score_dismissal_needs_a_reason_then_closes(signed_in, app, alerts) -> None:
    browser = signed_in("cafiu_analyst")
    url = f"/alerts/{alerts[LOW]}"
    short = browser.form_post(f"{url}/dismiss", {"reason": "fine"})
    assert short.status_code == 422
    assert "at least 10 characters" in short.text
    assert ">fine</textarea>" in short.text  # what the user typed is kept
    assert _status(app, alerts[LOW]) is AlertStatus.NEW

    done = browser.form_post(f"{url}/dismiss", {"reason": REASON}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == url
    assert _status(app, alerts[LOW]) is AlertStatus.DISMISSED
    page = browser.get(url).text
    assert REASON in page and "four eyes" not in page


def test_high_score_dismissal_waits_for_another_supervisor(signed_in, app, alerts) -> None:
    analyst = signed_in("cafiu_analyst")
    url = f"/alerts/{alerts[HIGH]}"
    analyst.form_post(f"{url}/dismiss", {"reason": REASON})
    assert _status(app, alerts[HIGH]) is AlertStatus.DISMISSAL_PENDING
    page = analyst.get(url).text
    assert "waits for a supervisor&#39;s approval (four eyes)" in page
    assert "/dismissal" not in page
    assert analyst.form_post(f"{url}/dismissal", {"approve": "1"}).status_code == 403

    supervisor = signed_in("cafiu_supervisor")
    assert 'action="' + url + '/dismissal"' in supervisor.get(url).text
    approved = supervisor.form_post(
        f"{url}/dismissal", {"approve": "1", "note": "agreed"}, follow_redirects=False
    )
    assert approved.status_code == 303
    assert _status(app, alerts[HIGH]) is AlertStatus.DISMISSED
    assert "Dismissal approved by" in supervisor.get(url).text


def test_the_requester_cannot_approve_their_own_dismissal(signed_in, app, alerts) -> None:
    supervisor = signed_in("cafiu_supervisor")
    url = f"/alerts/{alerts[HIGH2]}"
    supervisor.form_post(f"{url}/dismiss", {"reason": REASON})
    assert _status(app, alerts[HIGH2]) is AlertStatus.DISMISSAL_PENDING
    assert "another supervisor decides" in supervisor.get(url).text
    refused = supervisor.form_post(f"{url}/dismissal", {"approve": "1"})
    assert refused.status_code == 403
    assert _status(app, alerts[HIGH2]) is AlertStatus.DISMISSAL_PENDING


def test_rejected_dismissal_reopens_the_alert(signed_in, app, alerts) -> None:
    url = f"/alerts/{alerts[HIGH]}"
    signed_in("cafiu_analyst").form_post(f"{url}/dismiss", {"reason": REASON})
    signed_in("cafiu_supervisor").form_post(f"{url}/dismissal", {"approve": "0"})
    assert _status(app, alerts[HIGH]) is AlertStatus.NEW


def test_take_it_and_supervisor_assigns(signed_in, app, alerts) -> None:
    analyst = signed_in("cafiu_analyst")
    url = f"/alerts/{alerts[LOW]}"
    assert "Take it" in analyst.get(url).text
    assert 'id="assign-to"' not in analyst.get(url).text
    analyst.form_post(f"{url}/assign", {"username": "cafiu_analyst"})
    assert _status(app, alerts[LOW]) is AlertStatus.ASSIGNED
    # An analyst may not hand an alert to someone else.
    other = analyst.form_post(f"/alerts/{alerts[HIGH]}/assign", {"username": "cafiu_investigator"})
    assert other.status_code == 403

    supervisor = signed_in("cafiu_supervisor")
    form = supervisor.get(f"/alerts/{alerts[HIGH]}").text
    assert 'value="cafiu_investigator"' in form
    assert 'value="np_analyst"' not in form
    supervisor.form_post(f"/alerts/{alerts[HIGH]}/assign", {"username": "cafiu_investigator"})
    assert "cafiu_investigator" in supervisor.get("/alerts").text
    outsider = supervisor.form_post(f"/alerts/{alerts[HIGH]}/assign", {"username": "np_analyst"})
    assert outsider.status_code == 422
    assert "not a user of this agency" in outsider.text


def test_escalate_into_a_new_case_then_another_alert_into_it(signed_in, app, alerts) -> None:
    analyst = signed_in("cafiu_analyst")
    bad = analyst.form_post(
        f"/alerts/{alerts[HIGH]}/escalate",
        {"title": "x", "category": "money_laundering"},
    )
    assert bad.status_code == 422
    assert 'id="escalate-title"' in bad.text and 'class="error"' in bad.text

    done = analyst.form_post(
        f"/alerts/{alerts[HIGH]}/escalate",
        {"title": "Wages of scam-compound workers", "category": "money_laundering"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    match = re.fullmatch(r"/cases/(\d+)", done.headers["location"])
    assert match
    case_id = int(match.group(1))
    with transaction(app.state.platform.sessions) as s:
        alert = s.get(TriageAlert, alerts[HIGH])
        assert alert is not None
        assert alert.status is AlertStatus.ESCALATED and alert.case_id == case_id

    # The case is now offered for the next alert.
    page = analyst.get(f"/alerts/{alerts[LOW]}").text
    assert f'<option value="{case_id}"' in page
    into = analyst.form_post(
        f"/alerts/{alerts[LOW]}/escalate", {"case_id": str(case_id)}, follow_redirects=False
    )
    assert into.status_code == 303 and into.headers["location"] == f"/cases/{case_id}"
    assert _status(app, alerts[LOW]) is AlertStatus.ESCALATED


def test_comment_is_shown_escaped(signed_in, alerts) -> None:
    browser = signed_in("cafiu_analyst")
    url = f"/alerts/{alerts[LOW]}"
    assert browser.form_post(f"{url}/comments", {"text": "  "}).status_code == 422
    posted = browser.form_post(
        f"{url}/comments", {"text": "<script>alert(1)</script> check KYC"}, follow_redirects=False
    )
    assert posted.status_code == 303
    page = browser.get(url).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; check KYC" in page
    assert "<script>alert(1)" not in page
    assert "cafiu_analyst" in page


def test_forms_without_the_csrf_token_are_refused(signed_in, app, alerts) -> None:
    browser = signed_in("cafiu_analyst")
    refused = browser.client.post(f"/alerts/{alerts[LOW]}/dismiss", data={"reason": REASON})
    assert refused.status_code == 403
    assert _status(app, alerts[LOW]) is AlertStatus.NEW
