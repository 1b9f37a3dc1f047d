"""The public page and the anonymous tip form (no sign-in), and the tips queue of the
platform: a tip sent by the public lands with the NCCT secretariat, the police see it once
it is referred to them, and nothing about the sender's machine is kept anywhere."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import inspect, select, text

from counterflow.agencies import agency_by_code
from counterflow.audit import AuditEvent
from counterflow.auth import create_user
from counterflow.model.codes import Role
from counterflow.settings import Hotline
from counterflow.store import transaction
from counterflow.tips import FormTokens, RateLimiter, Tip, TipGuard

from .conftest import PASSWORD, Browser, sign_in

CLIENT_ADDRESS = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (Linux; Android 12) TipsterPhone/7.3 UniqueAgentString"
TIP = "Recruiters in Kampot promise jobs in Sihanoukville; passports are taken on arrival."
_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
_REF = re.compile(r'id="reference">(T-[A-Z0-9]+)<')


@pytest.fixture
def app_with_ncct(app: FastAPI) -> FastAPI:
    """The web test world plus NCCT secretariat staff and its agency administrator."""
    with transaction(app.state.platform.sessions) as s:
        ncct = agency_by_code(s, "NCCT")
        for role in (Role.ANALYST, Role.SUPERVISOR, Role.AGENCY_ADMIN):
            create_user(
                s,
                actor=None,
                username=f"ncct_{role.value}",
                display_name=f"NCCT {role.value}",
                agency_id=ncct.id,
                role=role,
                password=PASSWORD,
            )
    return app


@pytest.fixture
def staff(app_with_ncct: FastAPI) -> Callable[[str], Browser]:
    return lambda username: sign_in(app_with_ncct, username)


def visitor(app: FastAPI, lang: str = "en") -> TestClient:
    """A signed-out visitor on a phone, with a distinctive address and browser."""
    client = TestClient(app, client=(CLIENT_ADDRESS, 51234), headers={"User-Agent": USER_AGENT})
    if lang != "en":
        client.get(f"/language/{lang}?next=/public")
    return client


def aged_token(app: FastAPI, seconds: float = 30) -> str:
    """A form token as if the form had been served ``seconds`` ago (a person typing)."""
    tokens: FormTokens = app.state.platform.tip_guard.tokens
    return tokens.issue(issued_at=time.time() - seconds)


def send(app: FastAPI, client: TestClient, files: Any = None, **fields: str) -> Any:
    data = {"text": TIP, "form_token": aged_token(app), **fields}
    return client.post("/public/tip", data=data, files=files)


def tips(app: FastAPI) -> list[Tip]:
    with transaction(app.state.platform.sessions) as s:
        return list(s.scalars(select(Tip).order_by(Tip.id)))


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (11.0, 33.0, 36.0), "E", (104.0, 55.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


# --- the public page ------------------------------------------------------------------


def test_public_home_in_english_without_sign_in(app) -> None:
    page = visitor(app).get("/public", follow_redirects=False)
    assert page.status_code == 200
    html = page.text
    assert '<html lang="en">' in html
    for expected in (
        "Signs of human trafficking",
        "Signs of money laundering linked to trafficking",
        'href="tel:1288"',
        'href="tel:1280"',
        "Child Helpline Cambodia",
        'href="/public/tip"',
        '<section id="figures">',
        "No figures published yet",
        'href="/language/km?next=/public"',
    ):
        assert expected in html, expected
    # No staff navigation, no script, no inline style; the strict headers still apply.
    for absent in ("/logout", 'href="/cases"', "<script", "style="):
        assert absent not in html, absent
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_public_home_in_khmer_without_sign_in(app) -> None:
    client = visitor(app, "km")
    html = client.get("/public").text
    assert '<html lang="km">' in html
    assert "សញ្ញាសម្គាល់នៃការជួញដូរមនុស្ស" in html  # "Signs of human trafficking"
    assert "Signs of human trafficking" not in html
    assert 'href="tel:1288"' in html
    assert "ខ្សែទូរស័ព្ទជំនួយកុមារកម្ពុជា" in html  # Child Helpline Cambodia, from settings
    form = client.get("/public/tip").text
    assert "ព្រះសីហនុ" in form and ">Preah Sihanouk<" not in form  # provinces in Khmer
    assert 'value="Preah Sihanouk"' in form  # the value stays the code list's


def test_hotlines_come_from_the_settings(app) -> None:
    app.state.platform.settings.hotlines = [
        Hotline(name="Test desk", name_km="តុសាកល្បង", number="119")
    ]
    html = visitor(app).get("/public").text
    assert 'href="tel:119"' in html and "Test desk" in html
    assert "1288" not in html


def test_the_public_pages_need_no_account_but_the_queue_does(app) -> None:
    anonymous = TestClient(app)
    assert anonymous.get("/public/tip").status_code == 200
    queue = anonymous.get("/tips", follow_redirects=False)
    assert queue.status_code == 303 and queue.headers["location"].startswith("/login")


# --- the tip form -----------------------------------------------------------------------


def test_a_tip_posted_lands_in_the_ncct_queue(app_with_ncct, staff) -> None:
    app = app_with_ncct
    form = visitor(app).get("/public/tip").text
    assert _TOKEN.search(form) and 'name="homepage"' in form
    done = send(app, visitor(app), category="trafficking", province="Kampot")
    assert done.status_code == 200, done.text
    reference = _REF.search(done.text)
    assert reference, "the thank-you page gives a reference"
    (tip,) = tips(app)
    assert tip.reference == reference.group(1)
    assert tip.text == TIP and tip.province == "Kampot"
    queue = staff("ncct_analyst").get("/tips").text
    assert tip.reference in queue and "Kampot" in queue


def test_too_fast_is_refused_and_the_text_kept(app) -> None:
    client = visitor(app)
    token = _TOKEN.search(client.get("/public/tip").text).group(1)
    sent = client.post("/public/tip", data={"text": TIP, "form_token": token})
    assert sent.status_code == 400
    assert "That was very quick" in sent.text
    assert TIP in sent.text  # what they wrote is still in the form
    assert tips(app) == []


def test_the_honeypot_gets_a_thank_you_and_nothing_is_kept(app) -> None:
    sent = send(app, visitor(app), homepage="http://spam.example")
    assert sent.status_code == 200 and "Thank you" in sent.text
    assert not _REF.search(sent.text)
    assert tips(app) == []


@pytest.mark.parametrize("token", ["", "v1.1.abc.def", "not a token"])
def test_a_missing_or_forged_token_is_refused(app, token) -> None:
    sent = visitor(app).post("/public/tip", data={"text": TIP, "form_token": token})
    assert sent.status_code == 400 and "expired" in sent.text
    assert tips(app) == []


def test_a_form_is_sent_once(app) -> None:
    client = visitor(app)
    data = {"text": TIP, "form_token": aged_token(app)}
    assert client.post("/public/tip", data=data).status_code == 200
    again = client.post("/public/tip", data=data)
    assert again.status_code == 409 and "already sent" in again.text
    assert len(tips(app)) == 1


def test_invalid_fields_are_shown_and_the_form_keeps_its_age(app) -> None:
    client = visitor(app)
    sent = send(app, client, province="Atlantis", contact="012 999")
    assert sent.status_code == 422
    assert "Please choose a province from the list." in sent.text
    assert "012 999" in sent.text
    # The form served again keeps the first serving's time: it can be sent straight away.
    token = _TOKEN.search(sent.text).group(1)
    fixed = client.post("/public/tip", data={"text": TIP, "form_token": token})
    assert fixed.status_code == 200 and _REF.search(fixed.text)


def test_a_bad_photo_is_refused_in_khmer(app) -> None:
    client = visitor(app, "km")
    sent = send(app, client, files={"photo": ("x.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")})
    assert sent.status_code == 422
    assert '<html lang="km">' in sent.text and "JPEG, PNG" in sent.text
    assert tips(app) == []


def test_over_the_rate_limit_is_429_with_a_friendly_page(app) -> None:
    app.state.platform.tip_guard = TipGuard(
        FormTokens(b"k" * 32), RateLimiter(per_client=2, overall=100)
    )
    client = visitor(app)
    assert send(app, client, text="first").status_code == 200
    assert send(app, client, text="second").status_code == 200
    limited = send(app, client, text="third")
    assert limited.status_code == 429
    assert "Please try again later" in limited.text and 'href="tel:1288"' in limited.text
    # Another client is not held back by this one.
    other = TestClient(app, client=("198.51.100.4", 40000))
    assert send(app, other, text="fourth").status_code == 200
    assert [t.text for t in tips(app)] == ["first", "second", "fourth"]


def test_a_global_cap_holds_everyone_back(app) -> None:
    app.state.platform.tip_guard = TipGuard(
        FormTokens(b"k" * 32), RateLimiter(per_client=10, overall=1)
    )
    assert send(app, visitor(app)).status_code == 200
    other = TestClient(app, client=("198.51.100.4", 40000))
    assert send(app, other).status_code == 429


def test_the_same_text_twice_is_accepted_and_flagged(app_with_ncct, staff) -> None:
    app = app_with_ncct
    client = visitor(app)
    send(app, client)
    send(app, client)
    first, second = tips(app)
    assert second.duplicate_of_id == first.id
    page = staff("ncct_analyst").get(f"/tips/{second.id}").text
    assert first.reference in page and 'id="duplicate"' in page


def test_no_address_or_browser_is_stored_anywhere(app_with_ncct, staff, tmp_path) -> None:
    app = app_with_ncct
    client = visitor(app)
    photo = {"photo": ("gate.jpg", jpeg_with_gps(), "image/jpeg")}
    assert send(app, client, files=photo, contact="").status_code == 200
    assert send(app, client, homepage="x").status_code == 200  # a robot's try
    staff("ncct_analyst").get(f"/tips/{tips(app)[0].id}")
    # Every row of every table, as text.
    engine = app.state.platform.engine
    dump = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                dump.append(repr(tuple(row)))
    everything = "\n".join(dump)
    assert TIP in everything  # the dump does hold the tip
    for secret in (CLIENT_ADDRESS, "UniqueAgentString", "TipsterPhone", "51234"):
        assert secret not in everything, secret
    with transaction(app.state.platform.sessions) as s:
        for event in s.scalars(select(AuditEvent)):
            for value in (event.detail, event.reason, event.request_id, event.actor_username):
                assert CLIENT_ADDRESS not in value and "UniqueAgent" not in value
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix != ".db":
            content = path.read_bytes()
            assert CLIENT_ADDRESS.encode() not in content and b"UniqueAgent" not in content


def test_the_photo_is_stripped_and_served_to_staff_only(app_with_ncct, staff) -> None:
    app = app_with_ncct
    photo = {"photo": ("gate.jpg", jpeg_with_gps(), "image/jpeg")}
    assert send(app, visitor(app), files=photo).status_code == 200
    (tip,) = tips(app)
    ncct = staff("ncct_analyst")
    page = ncct.get(f"/tips/{tip.id}").text
    assert f'href="/tips/{tip.id}/photo"' in page and "<img" not in page
    served = ncct.get(f"/tips/{tip.id}/photo")
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["x-content-type-options"] == "nosniff"
    picture = Image.open(io.BytesIO(served.content))
    assert "exif" not in picture.info and not picture.getexif()
    assert b"PhoneMaker" not in served.content
    assert staff("np_investigator").get(f"/tips/{tip.id}/photo").status_code == 404
    assert TestClient(app).get(f"/tips/{tip.id}/photo", follow_redirects=False).status_code == 303


# --- the queue inside the platform ----------------------------------------------------------


def test_the_police_see_a_tip_only_once_it_is_referred_to_them(app_with_ncct, staff) -> None:
    app = app_with_ncct
    send(app, visitor(app))
    (tip,) = tips(app)
    police = staff("np_investigator")
    assert tip.reference not in police.get("/tips").text
    assert police.get(f"/tips/{tip.id}").status_code == 404
    ncct = staff("ncct_analyst")
    assert ncct.form_post(f"/tips/{tip.id}/take", follow_redirects=False).status_code == 303
    referred = ncct.form_post(f"/tips/{tip.id}/refer", {"agency": "NP", "note": "a compound named"})
    assert referred.status_code == 200 and 'id="tip-status">Referred<' in referred.text
    assert tip.reference in police.get("/tips").text
    page = police.get(f"/tips/{tip.id}")
    assert page.status_code == 200 and "a compound named" in page.text
    assert f'action="/tips/{tip.id}/refer"' not in page.text  # no triage buttons for them
    noted = police.form_post(f"/tips/{tip.id}/notes", {"text": "We know this place."})
    assert noted.status_code == 200 and "We know this place." in noted.text
    dismissed = police.form_post(f"/tips/{tip.id}/dismiss", {"reason": "not ours to dismiss"})
    assert dismissed.status_code == 403
    # The gendarmerie was not referred to: still nothing.
    assert staff("gmp_investigator").get(f"/tips/{tip.id}").status_code == 404


def test_dismiss_with_a_reason(app_with_ncct, staff) -> None:
    app = app_with_ncct
    send(app, visitor(app))
    (tip,) = tips(app)
    ncct = staff("ncct_supervisor")
    short = ncct.form_post(f"/tips/{tip.id}/dismiss", {"reason": "spam"})
    assert short.status_code == 422
    done = ncct.form_post(f"/tips/{tip.id}/dismiss", {"reason": "An advert, not a tip at all"})
    assert done.status_code == 200 and 'id="tip-status">Dismissed<' in done.text
    without_csrf = ncct.client.post(f"/tips/{tip.id}/notes", data={"text": "forged"})
    assert without_csrf.status_code == 403


def test_auditors_read_admins_see_nothing_and_the_nav_says_so(app_with_ncct, staff) -> None:
    app = app_with_ncct
    send(app, visitor(app))
    (tip,) = tips(app)
    auditor = staff("ovs_auditor")
    assert tip.reference in auditor.get("/tips").text
    page = auditor.get(f"/tips/{tip.id}").text
    assert TIP in page and '<form method="post" action="/tips/' not in page
    assert auditor.form_post(f"/tips/{tip.id}/take").status_code == 403
    for admin in ("ncct_agency_admin", "ovs_system_admin"):
        browser = staff(admin)
        assert tip.reference not in browser.get("/tips").text
        assert browser.get(f"/tips/{tip.id}").status_code == 404
        assert 'href="/tips"' not in browser.get("/account").text
    assert 'href="/tips"' in staff("ncct_analyst").get("/").text


def test_reads_and_decisions_in_the_queue_are_audited(app_with_ncct, staff) -> None:
    app = app_with_ncct
    send(app, visitor(app))
    (tip,) = tips(app)
    ncct = staff("ncct_analyst")
    ncct.get("/tips")
    ncct.get(f"/tips/{tip.id}")
    ncct.form_post(f"/tips/{tip.id}/refer", {"agency": "CAFIU"})
    with transaction(app.state.platform.sessions) as s:
        trail = [
            (e.actor_username, e.action, e.object_type)
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.object_type.in_(("tip", "tip_queue")))
                .order_by(AuditEvent.seq)
            )
        ]
    assert trail[:4] == [
        ("anonymous", "create", "tip"),
        ("ncct_analyst", "read", "tip_queue"),
        ("ncct_analyst", "read", "tip"),
        ("ncct_analyst", "share", "tip"),
    ]
