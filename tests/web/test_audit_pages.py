"""Oversight pages: the audit trail, its export, the chain check, unassigned reads."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select, text

from counterflow.auth import User, actor_of
from counterflow.cases import CaseIn, create_case
from counterflow.model.actor import Actor
from counterflow.model.codes import CaseCategory
from counterflow.store import transaction


def _actor(session, username: str) -> Actor:
    user = session.scalars(select(User).where(User.username == username)).one()
    return actor_of(session, user)


def _open_case(app, username: str = "np_investigator") -> int:
    """A case opened through the service by ``username``; returns its id."""
    with transaction(app.state.platform.sessions) as s:
        case = create_case(
            s,
            actor=_actor(s, username),
            data=CaseIn(title="Karaoke bar recruiting minors", category=CaseCategory.TRAFFICKING),
        )
        return case.id


def _users_in_table(html: str) -> list[str]:
    table = html.split('id="events"', 1)[1]
    return re.findall(r"<td>(\w+_\w+|monitor|anonymous)</td>", table)


def test_auditor_sees_what_other_users_did_and_filters_by_user(signed_in, app) -> None:
    signed_in("np_investigator")  # a login event
    case_id = _open_case(app)
    auditor = signed_in("ovs_auditor")
    page = auditor.get("/audit")
    assert page.status_code == 200
    users = _users_in_table(page.text)
    assert "np_investigator" in users and "ovs_auditor" in users
    assert f'<a href="/audit?case_id={case_id}">{case_id}</a>' in page.text
    # Newest first: the sequence numbers in the table fall.
    seqs = [int(n) for n in re.findall(r"<tr>\s*<td>(\d+)</td>", page.text)]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) >= 3

    only = auditor.get("/audit?username=np_investigator")
    assert set(_users_in_table(only.text)) == {"np_investigator"}
    assert 'href="/audit/export.csv?username=np_investigator"' in only.text
    logins = auditor.get("/audit?username=np_investigator&action=login").text
    events = logins.split('id="events"', 1)[1]
    assert "<td>Login</td>" in events and "<td>Create</td>" not in events
    by_case = auditor.get(f"/audit?case_id={case_id}").text
    assert set(_users_in_table(by_case)) == {"np_investigator"}

    bad = auditor.get("/audit?since=yesterday&case_id=seven")
    assert bad.status_code == 422
    assert "a date as YYYY-MM-DD" in bad.text and "a case number" in bad.text


def test_pages_of_fifty_with_next_and_previous(signed_in, app) -> None:
    for _ in range(30):
        _open_case(app)  # a case read and a create: about two events each
    auditor = signed_in("ovs_auditor")
    first = auditor.get("/audit").text
    assert len(re.findall(r"<tr>\s*<td>\d+</td>", first)) == 50
    assert 'href="/audit?page=2" rel="next"' in first and 'rel="prev"' not in first
    second = auditor.get("/audit?page=2").text
    assert 'href="/audit?page=1" rel="prev"' in second
    top = int(re.search(r"<tr>\s*<td>(\d+)</td>", first).group(1))
    top2 = int(re.search(r"<tr>\s*<td>(\d+)</td>", second).group(1))
    # Page 2 starts 50 below the first page's top, plus the event of reading page 1.
    assert top2 == top + 1 - 50


def test_csv_export_has_the_header_and_the_filtered_rows(signed_in, app) -> None:
    _open_case(app)
    auditor = signed_in("ovs_auditor")
    response = auditor.get("/audit/export.csv?username=np_investigator")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.text)))
    header = rows[0]
    assert header[:2] == ["seq", "at"] and "actor_username" in header and header[-1] == "hash"
    body = rows[1:]
    assert body and {r[header.index("actor_username")] for r in body} == {"np_investigator"}
    assert "create" in {r[header.index("action")] for r in body}
    # The export is itself in the trail.
    assert "Export" in auditor.get("/audit?username=ovs_auditor&action=export").text


def test_non_auditors_are_refused(signed_in) -> None:
    for username in ("np_supervisor", "ovs_system_admin"):
        browser = signed_in(username)
        assert browser.get("/audit").status_code == 403
        assert browser.get("/audit/export.csv").status_code == 403
        assert browser.get("/audit/unassigned").status_code == 403
        assert browser.form_post("/audit/verify").status_code == 403


def test_verify_is_ok_then_names_the_altered_event(signed_in, app) -> None:
    _open_case(app)
    auditor = signed_in("ovs_auditor")
    ok = auditor.form_post("/audit/verify")
    assert ok.status_code == 200
    assert 'class="badge ok" id="verify-result"' in ok.text
    assert 'id="problems"' not in ok.text
    # The check is itself audited.
    assert "Verify" in auditor.get("/audit?action=verify").text

    engine = app.state.platform.engine
    with engine.begin() as c:
        if engine.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER audit_event_no_update"))
            c.execute(text("UPDATE audit_event SET reason = 'x' WHERE seq = 1"))
        else:
            c.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
            c.execute(text("UPDATE audit_event SET reason = 'x' WHERE seq = 1"))
            c.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
    broken = auditor.form_post("/audit/verify")
    assert 'class="badge bad" id="verify-result"' in broken.text
    problems = broken.text.split('id="problems"', 1)[1]
    assert "event 1: content does not match its hash" in problems


def test_unassigned_report_lists_a_supervisor_reading_a_case(signed_in, app) -> None:
    case_id = _open_case(app, "np_investigator")
    auditor = signed_in("ovs_auditor")
    assert "np_supervisor" not in auditor.get("/audit/unassigned").text

    supervisor = signed_in("np_supervisor")
    assert supervisor.get(f"/cases/{case_id}").status_code == 200  # the page audits the read

    report = auditor.get("/audit/unassigned")
    assert report.status_code == 200
    table = report.text.split('id="unassigned"', 1)[1]
    row = re.search(r"np_supervisor</a></td>\s*<td>NP</td>\s*<td><a[^>]*>(NP-\d{4}-\d+)", table)
    assert row, table
    # The investigator who opened it is assigned: not listed.
    assert "np_investigator" not in table
    assert "np_supervisor" not in auditor.get("/audit/unassigned?since=2999-01-01").text
    assert auditor.get("/audit/unassigned?since=soon").status_code == 422
