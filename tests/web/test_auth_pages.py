"""Sign-in, sign-out, CSRF and security headers of the web platform."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_pages_need_a_session(app) -> None:
    client = TestClient(app)
    response = client.get("/?tab=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/%3Ftab%3D1"


def test_sign_in_and_out(signed_in) -> None:
    browser = signed_in("np_investigator")
    assert "NP investigator" in browser.get("/").text
    assert browser.form_post("/logout", follow_redirects=False).status_code == 303
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_wrong_password_is_refused_and_counted(app) -> None:
    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    response = client.post(
        "/login", data={"username": "np_investigator", "password": "nope", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Wrong user name, password or code" in response.text


def test_login_without_its_csrf_cookie_is_refused(app) -> None:
    client = TestClient(app)
    response = client.post(
        "/login",
        data={"username": "np_investigator", "password": "x" * 20, "csrf_token": "forged"},
    )
    assert response.status_code == 403


def test_a_form_post_without_csrf_token_is_refused(signed_in) -> None:
    browser = signed_in("np_investigator")
    response = browser.client.post("/logout", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert browser.get("/").status_code == 200  # still signed in


def test_open_redirect_after_sign_in_is_refused(app) -> None:
    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    response = client.post(
        "/login",
        data={
            "username": "np_investigator",
            "password": "test-password-long-enough",
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_security_headers(app) -> None:
    response = TestClient(app).get("/login")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-request-id"]


def test_khmer_interface(app) -> None:
    client = TestClient(app)
    client.get("/language/km", follow_redirects=False)
    page = client.get("/login")
    assert '<html lang="km">' in page.text
