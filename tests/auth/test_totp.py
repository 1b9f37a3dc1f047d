"""The second factor: RFC 4226/6238 codes, enrolment, and sign-in with a code."""

from __future__ import annotations

import base64
import time

import pytest

from counterflow.auth import (
    LoginFailedError,
    authenticate,
    enable_totp,
    new_secret,
    provisioning_uri,
    totp,
    verify_totp,
)
from counterflow.auth.totp import hotp
from counterflow.model.errors import InvalidFieldsError

RFC_KEY = b"12345678901234567890"
RFC_SECRET = base64.b32encode(RFC_KEY).decode("ascii")


@pytest.mark.parametrize(
    ("counter", "code"),
    [(0, "755224"), (1, "287082"), (2, "359152"), (9, "520489")],
)
def test_hotp_matches_rfc_4226_appendix_d(counter: int, code: str) -> None:
    assert hotp(RFC_KEY, counter) == code


def test_totp_matches_rfc_6238_appendix_b() -> None:
    # RFC 6238's SHA-1 vector at T = 59 s is 94287082 (8 digits); six digits are its tail.
    assert hotp(RFC_KEY, 59 // 30, digits=8) == "94287082"
    assert hotp(RFC_KEY, 1111111109 // 30, digits=8) == "07081804"
    assert totp(RFC_SECRET, at=59) == "287082"
    assert totp(RFC_SECRET.rstrip("="), at=59) == "287082"  # padding is optional


def test_verify_totp_allows_one_step_of_drift() -> None:
    t = 1_700_000_000.0
    code = totp(RFC_SECRET, at=t)
    assert verify_totp(RFC_SECRET, code, at=t)
    assert verify_totp(RFC_SECRET, code, at=t + 30)
    assert verify_totp(RFC_SECRET, code, at=t - 30)
    assert not verify_totp(RFC_SECRET, code, at=t + 90)
    assert verify_totp(RFC_SECRET, f" {code[:3]} {code[3:]} ", at=t)
    for bad in ("", "12345", "1234567", "abcdef"):
        assert not verify_totp(RFC_SECRET, bad, at=t)


def test_new_secrets_and_the_provisioning_uri() -> None:
    a, b = new_secret(), new_secret()
    assert a != b
    assert len(base64.b32decode(a + "=" * (-len(a) % 8))) == 20
    uri = provisioning_uri(a, username="np.analyst")
    assert uri == f"otpauth://totp/counterflow%3Anp.analyst?secret={a}&issuer=counterflow&digits=6"


def enrol(world, secret: str, code: str) -> None:
    with world.sessions.begin() as session:
        enable_totp(session, actor=world.actor("np.analyst"), secret=secret, code=code)


def sign_in(world, password: str, code: str) -> object:
    with world.sessions() as session:
        try:
            outcome: object = authenticate(
                session, username="np.analyst", password=password, code=code
            )
        except LoginFailedError as exc:
            outcome = exc
        session.commit()
        return outcome


def test_enrolment_needs_a_matching_code(world, events) -> None:
    secret = new_secret()
    with pytest.raises(InvalidFieldsError) as err:
        enrol(world, secret, "000000" if totp(secret) != "000000" else "111111")
    assert set(err.value.errors) == {"code"}
    assert world.user("np.analyst").totp_secret is None
    enrol(world, secret, totp(secret))
    assert world.user("np.analyst").totp_secret == secret
    assert '"totp":"enabled"' in events("update")[-1].detail


def test_an_enrolled_user_needs_the_code(world, password, events) -> None:
    secret = new_secret()
    enrol(world, secret, totp(secret))
    assert isinstance(sign_in(world, password, ""), LoginFailedError)
    wrong = str((int(totp(secret)) + 1) % 1_000_000).zfill(6)
    assert isinstance(sign_in(world, password, wrong), LoginFailedError)
    assert isinstance(sign_in(world, "not the password!", totp(secret)), LoginFailedError)
    assert [e.reason for e in events("login_failed")] == [
        "wrong code",
        "wrong code",
        "wrong password",
    ]
    actor = sign_in(world, password, totp(secret, at=time.time()))
    assert not isinstance(actor, LoginFailedError)
    assert len(events("login")) == 1
