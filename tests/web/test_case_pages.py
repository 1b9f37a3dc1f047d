"""Case pages: list, open, the case file, persons with screening, deconfliction, evidence,
status, sharing; need-to-know seen from the browser (both database backends)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

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

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def open_case(browser: Any, title: str = "Scam compound in Sihanoukville", **extra: Any) -> int:
    data = {
        "title": title,
        "summary": "Workers held in a compound",
        "category": "trafficking",
        "exploitation_forms": ["forced_criminality"],
        "venue": "online_scam_compound",
        "province": "Preah Sihanouk",
        "cross_border": "yes",
        **extra,
    }
    done = browser.form_post("/cases/new", data, follow_redirects=False)
    assert done.status_code == 303, done.text
    match = re.fullmatch(r"/cases/(\d+)", done.headers["location"])
    assert match, done.headers["location"]
    return int(match.group(1))


def add_person(browser: Any, case_id: int, **fields: Any) -> int:
    done = browser.form_post(f"/cases/{case_id}/persons/new", fields, follow_redirects=False)
    assert done.status_code == 303, done.text
    match = re.fullmatch(rf"/cases/{case_id}#person-(\d+)", done.headers["location"])
    assert match, done.headers["location"]
    return int(match.group(1))


def reference_of(page: str) -> str:
    match = re.search(r'<h1><span class="mono">([A-Z]+-\d{4}-\d{5})</span>', page)
    assert match, "the case page shows its reference"
    return match.group(1)


def test_open_a_case_through_the_form_and_see_it_listed(signed_in) -> None:
    np = signed_in("np_investigator")
    assert 'href="/cases/new"' in np.get("/cases").text
    assert np.get("/cases/new").status_code == 200
    case_id = open_case(np, "Karaoke bar in Battambang", category="sexual_exploitation")
    page = np.get(f"/cases/{case_id}").text
    ref = reference_of(page)
    assert ref.startswith("NP-")
    listing = np.get("/cases").text
    assert "Karaoke bar in Battambang" in listing
    assert ref in listing
    assert "Preah Sihanouk" in listing
    filtered = np.get("/cases", params={"category": "money_laundering"}).text
    assert "Karaoke bar in Battambang" not in filtered
    searched = np.get("/cases", params={"q": "karaoke"}).text
    assert "Karaoke bar in Battambang" in searched
    # Another agency does not see it in its list.
    assert "Karaoke bar in Battambang" not in signed_in("gmp_investigator").get("/cases").text


def test_a_validation_error_is_shown_next_to_its_field(signed_in) -> None:
    np = signed_in("np_investigator")
    response = np.form_post(
        "/cases/new", {"title": "ab", "summary": "kept as typed", "category": "trafficking"}
    )
    assert response.status_code == 422
    error = re.search(r'<p class="error" id="title-error">([^<]+)</p>', response.text)
    assert error, "the title's error is next to the title"
    assert "3 characters" in error.group(1)
    assert "kept as typed" in response.text
    missing = np.form_post("/cases/new", {"title": "A proper title", "category": ""})
    assert missing.status_code == 422
    assert 'id="category-error"' in missing.text
    assert 'id="title-error"' not in missing.text


def test_administrators_do_not_open_cases(signed_in) -> None:
    admin = signed_in("np_agency_admin")
    assert admin.get("/cases/new").status_code == 403
    refused = admin.form_post("/cases/new", {"title": "Nope nope", "category": "trafficking"})
    assert refused.status_code == 403


def test_a_victim_with_the_palermo_checklist(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    pid = add_person(
        np,
        case_id,
        role="victim",
        name_latin="Chan Sreymom",
        name_khmer="ចាន់ ស្រីមុំ",
        nationality="KHM",
        estimated_age="24",
        gender="female",
    )
    page = np.get(f"/cases/{case_id}").text
    assert '<span lang="km">ចាន់ ស្រីមុំ</span>' in page
    assert "Palermo complete: no" in page
    form = np.get(f"/cases/{case_id}/persons/{pid}/victim")
    assert form.status_code == 200
    assert "For a child under 18, act and purpose suffice" in form.text
    # Act and purpose without means: not complete for an adult.
    partial = {"palermo_acts": ["recruitment"], "palermo_purposes": ["forced_criminality"]}
    done = np.form_post(f"/cases/{case_id}/persons/{pid}/victim", partial, follow_redirects=False)
    assert done.status_code == 303
    assert "Palermo complete: no" in np.get(f"/cases/{case_id}").text
    full = {
        **partial,
        "palermo_means": ["deception"],
        "ilo_indicators": ["retention_of_documents"],
        "control_methods": ["debt_bondage"],
        "non_punishment_assessed": "1",
        "handed_to": "mosvy",
        "rescued": "1",
    }
    np.form_post(f"/cases/{case_id}/persons/{pid}/victim", full)
    page = np.get(f"/cases/{case_id}").text
    assert "Palermo complete: yes" in page
    assert "Palermo complete: no" not in page
    assert "Retention of identity documents" in page
    assert "MoSVY" in page


def test_a_child_victim_needs_no_means(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    pid = add_person(np, case_id, role="victim", name_latin="Srey Pov", estimated_age="16")
    np.form_post(
        f"/cases/{case_id}/persons/{pid}/victim",
        {"palermo_acts": ["transport"], "palermo_purposes": ["sexual_exploitation"]},
    )
    assert "Palermo complete: yes" in np.get(f"/cases/{case_id}").text


def test_a_person_form_error_keeps_what_was_typed(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    bad = np.form_post(
        f"/cases/{case_id}/persons/new",
        {"role": "suspect", "name_latin": "Li Wei", "nationality_other": "CHINA", "phones": "12"},
    )
    assert bad.status_code == 422
    assert "ISO 3166-1 alpha-3" in bad.text
    assert 'value="Li Wei"' in bad.text
    no_name = np.form_post(f"/cases/{case_id}/persons/new", {"role": "victim"})
    assert no_name.status_code == 422
    assert 'id="name_latin-error"' in no_name.text


def _load_domestic_list(app: Any) -> None:
    entry = WatchlistEntry(
        entry_id="KH-0042",
        source=ListSource.DOMESTIC,
        kind=EntityKind.PERSON,
        names=(EntryName("Zhang Wei Long", NameStrength.PRIMARY, "name"),),
        dates_of_birth=("1980",),
    )
    with transaction(app.state.platform.sessions) as s:
        load_snapshot(
            s,
            source=ListSource.DOMESTIC,
            version="2023-01",
            entries=[entry],
            screener=Screener([entry]),
        )


def test_a_suspect_hits_a_watch_list_and_the_hit_is_confirmed(app, signed_in) -> None:
    _load_domestic_list(app)
    np = signed_in("np_investigator")
    case_id = open_case(np)
    pid = add_person(
        np, case_id, role="suspect", name_latin="Zhang Wei Long", nationality="CHN", gender="male"
    )
    victim = add_person(np, case_id, role="victim", name_latin="Nguyen Thi Lan")
    page = np.get(f"/cases/{case_id}").text
    person = page.split(f'id="person-{pid}"', 1)[1].split('id="person-', 1)[0]
    assert "domestic:KH-0042" in person
    assert "To review" in person
    hit = re.search(r'id="hit-(\d+)"', person)
    assert hit
    hit_id = int(hit.group(1))
    assert f'id="hit-{hit_id}"' not in page.split(f'id="person-{victim}"', 1)[1]
    assert "Foreign suspect" in page
    url = f"/cases/{case_id}/persons/{pid}/hits/{hit_id}"
    short = np.form_post(url, {"decision": "confirmed", "reason": "yes"})
    assert short.status_code == 422
    assert "at least 5 characters" in short.text
    done = np.form_post(
        url, {"decision": "confirmed", "reason": "same passport photo"}, follow_redirects=False
    )
    assert done.status_code == 303
    page = np.get(f"/cases/{case_id}").text
    assert "same passport photo" in page
    assert '<span class="badge bad">Confirmed</span>' in page
    # Someone who only reads the case cannot review.
    assert signed_in("gmp_investigator").form_post(url, {"decision": "cleared"}).status_code == 404


def test_deconfliction_notice_on_both_case_pages_without_the_other_case(signed_in) -> None:
    gmp = signed_in("gmp_investigator")
    gmp_case = open_case(gmp, "Brick kiln debt bondage Kandal", province="Kandal")
    add_person(gmp, gmp_case, role="suspect", name_latin="Heng Sok", phones="012 345 678")
    np = signed_in("np_investigator")
    np_case = open_case(np, "Recruiter in Poipet")
    add_person(np, np_case, role="witness", name_latin="Mao Vuthy", phones="+855 12-345-678")

    np_page = np.get(f"/cases/{np_case}").text
    gmp_page = gmp.get(f"/cases/{gmp_case}").text
    gmp_ref, np_ref = reference_of(gmp_page), reference_of(np_page)
    assert "also appears in a case held by GMP" in np_page
    assert "also appears in a case held by NP" in gmp_page
    assert "85512345678" in np_page
    assert "GMP supervisor" in np_page  # whom to call
    assert gmp_ref not in np_page
    assert "Brick kiln" not in np_page
    assert "Heng Sok" not in np_page
    assert np_ref not in gmp_page
    assert "Poipet" not in gmp_page

    notices = np.get("/notices").text
    assert "also appears in a case held by GMP" in notices
    assert gmp_ref not in notices
    notice_id = re.search(r'id="notice-(\d+)"', notices)
    assert notice_id
    assert gmp.form_post(f"/notices/{notice_id.group(1)}/ack").status_code == 404
    done = np.form_post(f"/notices/{notice_id.group(1)}/ack", follow_redirects=False)
    assert done.status_code == 303
    assert "Acknowledged" in np.get("/notices").text


def test_another_agency_gets_404_not_the_case(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np, "Secret operation Kampot")
    gmp = signed_in("gmp_investigator")
    for url in (
        f"/cases/{case_id}",
        f"/cases/{case_id}/edit",
        f"/cases/{case_id}/persons/new",
    ):
        response = gmp.get(url)
        assert response.status_code == 404, url
        assert "Secret operation" not in response.text
    assert gmp.get("/cases/999999").status_code == 404
    note = gmp.form_post(f"/cases/{case_id}/notes", {"text": "peek"})
    assert note.status_code == 404


def test_only_a_supervisor_sees_the_share_form(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    assert 'id="share-form"' not in np.get(f"/cases/{case_id}").text
    refused = np.form_post(
        f"/cases/{case_id}/share",
        {"agency_code": "CAFIU", "scope": "read", "legal_basis": "AML/CFT Law 2020, art. 35"},
    )
    assert refused.status_code == 403
    sup = signed_in("np_supervisor")
    assert 'id="share-form"' in sup.get(f"/cases/{case_id}").text
    no_basis = sup.form_post(
        f"/cases/{case_id}/share", {"agency_code": "CAFIU", "scope": "read", "legal_basis": ""}
    )
    assert no_basis.status_code == 422
    done = sup.form_post(
        f"/cases/{case_id}/share",
        {"agency_code": "CAFIU", "scope": "read", "legal_basis": "AML/CFT Law 2020, art. 35"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "AML/CFT Law 2020" in sup.get(f"/cases/{case_id}").text
    cafiu = signed_in("cafiu_analyst").get(f"/cases/{case_id}")
    assert cafiu.status_code == 200
    assert 'id="share-form"' not in cafiu.text
    assert f'action="/cases/{case_id}/notes"' not in cafiu.text  # read only


def test_evidence_upload_shows_its_hash_and_downloads_by_bytes(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    done = np.client.post(
        f"/cases/{case_id}/evidence",
        data={"csrf_token": np.csrf, "description": "bank statement"},
        files={"file": ("statement.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    digest = hashlib.sha256(PDF).hexdigest()
    page = np.get(f"/cases/{case_id}").text
    assert digest in page
    link = re.search(rf'href="(/cases/{case_id}/evidence/(\d+))"', page)
    assert link
    got = np.get(link.group(1))
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith('attachment; filename="statement.pdf"')
    assert got.headers["x-content-type-options"] == "nosniff"
    custody = np.get(f"{link.group(1)}/custody")
    assert custody.status_code == 200
    assert "received" in custody.text
    assert "downloaded" in custody.text
    assert signed_in("gmp_investigator").get(link.group(1)).status_code == 404


def test_a_pdf_with_the_wrong_content_is_refused(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    refused = np.client.post(
        f"/cases/{case_id}/evidence",
        data={"csrf_token": np.csrf, "description": "looks harmless"},
        files={"file": ("invoice.pdf", b"MZ\x90\x00\x03 not a pdf", "application/pdf")},
    )
    assert refused.status_code == 422
    error = re.search(r'<p class="error" id="file-error">([^<]+)</p>', refused.text)
    assert error
    assert "not a .pdf file" in error.group(1)
    assert "looks harmless" in refused.text  # the description is kept
    assert "invoice.pdf" not in np.get(f"/cases/{case_id}").text


def test_a_script_title_is_shown_as_text(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np, "<script>alert(1)</script>")
    for url in ("/cases", f"/cases/{case_id}"):
        page = np.get(url).text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
        assert "<script>alert(1)" not in page, url


def test_status_change_by_a_supervisor_and_refused_for_an_analyst(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    analyst = signed_in("np_analyst")
    assert 'name="to" value="investigating"' not in analyst.get(f"/cases/{case_id}").text
    refused = analyst.form_post(f"/cases/{case_id}/status", {"to": "investigating"})
    assert refused.status_code == 403
    sup = signed_in("np_supervisor")
    assert 'name="to" value="investigating"' in sup.get(f"/cases/{case_id}").text
    done = sup.form_post(
        f"/cases/{case_id}/status", {"to": "investigating"}, follow_redirects=False
    )
    assert done.status_code == 303
    page = sup.get(f"/cases/{case_id}").text
    assert '<span class="badge">Investigating</span>' in page
    closing = sup.form_post(f"/cases/{case_id}/status", {"to": "closed", "reason": ""})
    assert closing.status_code == 422
    assert "say why the case is closed" in closing.text
    assert sup.form_post(f"/cases/{case_id}/status", {"to": "in_court"}).status_code == 409


@pytest.mark.parametrize(("user", "code"), [("np_investigator", 200), ("np_analyst", 403)])
def test_edit_form_for_those_allowed(signed_in, user: str, code: int) -> None:
    case_id = open_case(signed_in("np_investigator"), "Fishing vessel Koh Kong")
    browser = signed_in(user)
    assert browser.get(f"/cases/{case_id}/edit").status_code == code
    response = browser.form_post(
        f"/cases/{case_id}/edit",
        {
            "title": "Fishing vessel off Koh Kong",
            "category": "trafficking",
            "venue": "fishing_vessel",
        },
        follow_redirects=False,
    )
    assert response.status_code == (303 if code == 200 else 403)
    shown = browser.get(f"/cases/{case_id}").text
    assert ("Fishing vessel off Koh Kong" in shown) is (code == 200)


def test_suspect_context_and_notes(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    pid = add_person(np, case_id, role="suspect", name_latin="Chea Rith", nationality="KHM")
    assert np.get(f"/cases/{case_id}/persons/{pid}/victim").status_code == 409
    assert np.get(f"/cases/{case_id}/persons/{pid}/suspect").status_code == 200
    np.form_post(
        f"/cases/{case_id}/persons/{pid}/suspect", {"arrested": "1", "public_official": "1"}
    )
    person = np.get(f"/cases/{case_id}").text.split(f'id="person-{pid}"', 1)[1]
    assert re.search(r"Public official</dt><dd><span class=\"badge bad\">Yes", person)
    assert np.form_post(f"/cases/{case_id}/notes", {"text": ""}).status_code == 422
    np.form_post(f"/cases/{case_id}/notes", {"text": "Called the bank's compliance desk"})
    assert "Called the bank&#39;s compliance desk" in np.get(f"/cases/{case_id}").text


def test_a_khmer_file_name_downloads_with_an_ascii_fallback(signed_in) -> None:
    np = signed_in("np_investigator")
    case_id = open_case(np)
    done = np.client.post(
        f"/cases/{case_id}/evidence",
        data={"csrf_token": np.csrf},
        files={"file": ("របាយការណ៍ report.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    link = re.search(rf'href="(/cases/{case_id}/evidence/\d+)"', np.get(f"/cases/{case_id}").text)
    assert link
    disposition = np.get(link.group(1)).headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E1%9E" in disposition  # the Khmer name, percent-encoded
    assert disposition.encode("ascii")  # a header value stays ASCII


def test_a_tampered_evidence_file_is_refused_and_the_refusal_is_kept(signed_in, app) -> None:
    from sqlalchemy import select

    from counterflow.cases import CustodyEvent, Evidence

    browser = signed_in("np_investigator")
    created = browser.form_post(
        "/cases/new",
        {"title": "Evidence integrity", "category": "trafficking"},
        follow_redirects=False,
    )
    case_url = created.headers["location"]
    browser.client.post(
        case_url + "/evidence",
        data={"csrf_token": browser.csrf, "description": "statement"},
        files={"file": ("statement.txt", b"the victim's statement", "text/plain")},
    )
    with app.state.platform.sessions() as s:
        ev = s.scalars(select(Evidence)).one()
    blob = app.state.platform.evidence_dir / ev.sha256[:2] / ev.sha256
    blob.write_bytes(b"someone changed the statement")
    refused = browser.get(f"{case_url}/evidence/{ev.id}")
    assert refused.status_code == 404
    assert "does not match its SHA-256" in refused.text
    with app.state.platform.sessions() as s:
        notes = [
            c.note for c in s.scalars(select(CustodyEvent).where(CustodyEvent.evidence_id == ev.id))
        ]
    assert any("HASH MISMATCH" in n for n in notes)
