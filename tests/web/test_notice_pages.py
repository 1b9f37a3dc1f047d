"""The deconfliction notices page: an agency's notices, acknowledged from the list or from
the case page; nothing of the other agency's case is shown (both database backends)."""

from __future__ import annotations

import re
from typing import Any


def open_case_with_phone(browser: Any, title: str, phone: str) -> int:
    done = browser.form_post(
        "/cases/new", {"title": title, "category": "trafficking"}, follow_redirects=False
    )
    assert done.status_code == 303, done.text
    case_id = int(done.headers["location"].rsplit("/", 1)[1])
    added = browser.form_post(
        f"/cases/{case_id}/persons/new",
        {"role": "suspect", "name_latin": "Keo Samnang", "phones": phone},
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text
    return case_id


def test_notices_of_the_agency_and_acknowledging_them(signed_in) -> None:
    np = signed_in("np_investigator")
    assert "No notices for your agency." in np.get("/notices").text
    open_case_with_phone(np, "Recruitment agency in Phnom Penh", "097 111 2222")
    gmp = signed_in("gmp_investigator")
    gmp_case = open_case_with_phone(gmp, "Border crossing Koh Kong", "+855 97 111 2222")

    page = np.get("/notices").text
    assert "also appears in a case held by GMP" in page
    assert "Border crossing" not in page
    assert "GMP-" not in page  # not the other case's reference
    ids = re.findall(r'id="notice-(\d+)"', page)
    assert len(ids) == 1

    # Another agency's notice is not found, whatever its number.
    assert gmp.form_post(f"/notices/{ids[0]}/ack").status_code == 404
    assert signed_in("ovs_auditor").form_post(f"/notices/{ids[0]}/ack").status_code == 404

    done = np.form_post(f"/notices/{ids[0]}/ack", follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/notices#notice-{ids[0]}"
    acknowledged = np.get("/notices").text
    assert "Acknowledged" in acknowledged
    assert f'action="/notices/{ids[0]}/ack"' not in acknowledged

    # The GMP side acknowledges from its case page and comes back to it.
    case_page = gmp.get(f"/cases/{gmp_case}").text
    theirs = re.search(r'action="/notices/(\d+)/ack"', case_page)
    assert theirs
    back = gmp.form_post(
        f"/notices/{theirs.group(1)}/ack", {"next": f"/cases/{gmp_case}"}, follow_redirects=False
    )
    assert back.headers["location"] == f"/cases/{gmp_case}#notice-{theirs.group(1)}"
    assert f'action="/notices/{theirs.group(1)}/ack"' not in gmp.get(f"/cases/{gmp_case}").text


def test_acknowledging_never_redirects_elsewhere(signed_in) -> None:
    np = signed_in("np_investigator")
    open_case_with_phone(np, "Massage parlour Siem Reap", "012 999 888")
    open_case_with_phone(signed_in("gmp_investigator"), "Another case", "85512999888")
    notice = re.search(r'id="notice-(\d+)"', np.get("/notices").text)
    assert notice
    done = np.form_post(
        f"/notices/{notice.group(1)}/ack", {"next": "//evil.example/"}, follow_redirects=False
    )
    assert done.headers["location"].startswith("/notices#")


def test_the_auditor_has_no_notices(signed_in) -> None:
    page = signed_in("ovs_auditor").get("/notices")
    assert page.status_code == 200
    assert "No notices for your agency." in page.text
