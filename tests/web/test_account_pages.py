"""The account page (second factor, API tokens) and user administration."""

from __future__ import annotations

import re

from counterflow.auth import totp


def test_totp_enrolment_needs_a_matching_code_then_guards_sign_in(signed_in, app) -> None:
    browser = signed_in("np_analyst")
    page = browser.get("/account").text
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page).group(1)
    wrong = browser.form_post("/account/totp", {"secret": secret, "code": "000000"})
    assert wrong.status_code == 422
    assert "does not match" in wrong.text
    ok = browser.form_post(
        "/account/totp", {"secret": secret, "code": totp(secret)}, follow_redirects=False
    )
    assert ok.status_code == 303
    assert "On: a one-time code is asked" in browser.get("/account").text
    # Now the password alone no longer signs in.
    from fastapi.testclient import TestClient

    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    refused = client.post(
        "/login",
        data={
            "username": "np_analyst",
            "password": "test-password-long-enough",
            "csrf_token": token,
        },
    )
    assert refused.status_code == 401


def test_api_token_is_shown_once_and_works_as_bearer(signed_in, app) -> None:
    browser = signed_in("np_investigator")
    created = browser.form_post("/account/tokens", {"name": "case sync script"})
    token = re.search(r'id="new-token">(cf_[^<]+)<', created.text).group(1)
    assert token not in browser.get("/account").text  # only its prefix stays visible
    from counterflow.auth import actor_for_api_token
    from counterflow.store import transaction

    with transaction(app.state.platform.sessions) as s:
        actor = actor_for_api_token(s, token=token)
        assert actor is not None and actor.username == "np_investigator"
        assert actor_for_api_token(s, token=token + "x") is None


def test_agency_admin_creates_users_in_own_agency_only(signed_in) -> None:
    admin = signed_in("np_agency_admin")
    page = admin.get("/admin/users")
    assert page.status_code == 200
    assert "auditor" not in re.findall(r'<option value="(\w+)"', page.text)
    agency_id = re.search(r'name="agency_id">\s*<option value="(\d+)"', page.text).group(1)
    bad = admin.form_post(
        "/admin/users",
        {
            "username": "new.one",
            "display_name": "New One",
            "agency_id": agency_id,
            "role": "investigator",
            "password": "short",
        },
    )
    assert bad.status_code == 422
    assert "at least 12 characters" in bad.text
    good = admin.form_post(
        "/admin/users",
        {
            "username": "new.one",
            "display_name": "New One",
            "agency_id": agency_id,
            "role": "investigator",
            "password": "a long enough password",
        },
        follow_redirects=False,
    )
    assert good.status_code == 303
    assert "new.one" in admin.get("/admin/users").text


def test_investigators_do_not_manage_users(signed_in) -> None:
    assert signed_in("np_investigator").get("/admin/users").status_code == 403
