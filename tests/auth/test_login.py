"""Signing in: passwords, the same answer for unknown users, lockout, and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher

from counterflow.auth import LOCKOUT, MAX_FAILURES, LoginFailedError, User, authenticate, passwords
from counterflow.model.actor import Actor
from counterflow.model.codes import Role

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
WRONG = "wrong user name, password or code"


def attempt(world, username: str, password: str, *, code: str = "", now: datetime = T0):
    """One sign-in as the login page makes it: the outcome is committed either way (the
    failure count and its audit event must survive the refusal)."""
    with world.sessions() as session:
        try:
            actor = authenticate(
                session,
                username=username,
                password=password,
                code=code,
                request_id="req-1",
                now=now,
            )
        except LoginFailedError as exc:
            session.commit()
            return exc
        session.commit()
        return actor


def test_the_right_password_signs_in(world, password, events) -> None:
    actor = attempt(world, "np.analyst", password)
    assert isinstance(actor, Actor)
    assert (actor.username, actor.agency_code, actor.role) == ("np.analyst", "NP", Role.ANALYST)
    assert actor.user_id == world.actor("np.analyst").user_id
    assert actor.request_id == "req-1"
    user = world.user("np.analyst")
    assert user.last_login_at == T0
    assert user.failed_logins == 0
    login = events("login")
    assert len(login) == 1
    assert (login[0].actor_user_id, login[0].object_id) == (actor.user_id, str(actor.user_id))
    assert login[0].request_id == "req-1"


def test_user_names_are_not_case_sensitive(world, password) -> None:
    actor = attempt(world, "  NP.Analyst ", password)
    assert isinstance(actor, Actor)
    assert actor.username == "np.analyst"


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(world, events) -> None:
    wrong = attempt(world, "np.analyst", "not the password at all")
    unknown = attempt(world, "nobody.here", "not the password at all")
    assert isinstance(wrong, LoginFailedError)
    assert isinstance(unknown, LoginFailedError)
    assert str(wrong) == str(unknown) == WRONG
    failed = events("login_failed")
    assert [(e.actor_username, e.object_id, e.reason) for e in failed] == [
        ("np.analyst", "np.analyst", "wrong password"),
        ("nobody.here", "nobody.here", "unknown user"),
    ]
    assert {e.actor_user_id for e in failed} == {None}
    assert {e.request_id for e in failed} == {"req-1"}
    assert events("login") == []
    assert world.user("np.analyst").failed_logins == 1


def test_failures_below_the_limit_do_not_lock(world, password) -> None:
    for i in range(MAX_FAILURES - 1):
        assert isinstance(attempt(world, "np.analyst", f"wrong guess {i:04d}"), LoginFailedError)
    assert world.user("np.analyst").failed_logins == MAX_FAILURES - 1
    assert isinstance(attempt(world, "np.analyst", password), Actor)
    assert world.user("np.analyst").failed_logins == 0  # the count starts again


def test_lockout_after_max_failures(world, password, events) -> None:
    for i in range(MAX_FAILURES):
        attempt(world, "np.analyst", f"wrong guess {i:04d}", now=T0 + timedelta(seconds=i))
    last = T0 + timedelta(seconds=MAX_FAILURES - 1)
    user = world.user("np.analyst")
    assert user.locked_until == last + LOCKOUT
    assert events("login_failed")[-1].reason.startswith("wrong password; locked for 15 minutes")

    # Locked: even the right password is refused, and the owner is told why.
    refused = attempt(world, "np.analyst", password, now=last + LOCKOUT - timedelta(seconds=1))
    assert isinstance(refused, LoginFailedError)
    assert "locked until" in str(refused)
    assert events("login_failed")[-1].reason == "locked"
    assert events("login") == []

    # Other accounts are not affected.
    assert isinstance(attempt(world, "np.supervisor", password, now=last), Actor)

    # Once the lock has run out, the right password works again.
    back = attempt(world, "np.analyst", password, now=last + LOCKOUT + timedelta(seconds=1))
    assert isinstance(back, Actor)
    assert world.user("np.analyst").locked_until is None


def test_a_disabled_account_cannot_sign_in(world, password, events) -> None:
    with world.sessions.begin() as session:
        user = session.get(User, world.actor("np.analyst").user_id)
        assert user is not None
        user.is_active = False
    refused = attempt(world, "np.analyst", password)
    assert isinstance(refused, LoginFailedError)
    assert str(refused) == WRONG
    assert events("login_failed")[-1].reason == "disabled"


def test_production_parameters_and_rehash(world, password, monkeypatch) -> None:
    # The seeded users were hashed at the tests' low cost; with the production hasher back,
    # the next sign-in re-hashes the password with RFC 9106's low-memory profile.
    production = PasswordHasher()
    assert (production.time_cost, production.memory_cost, production.parallelism) == (
        3,
        65536,
        4,
    )
    cheap = world.user("np.analyst").password_hash
    assert cheap.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    monkeypatch.setattr(passwords, "_HASHER", production)
    assert isinstance(attempt(world, "np.analyst", password), Actor)
    rehashed = world.user("np.analyst").password_hash
    assert rehashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert isinstance(attempt(world, "np.analyst", password), Actor)
    assert world.user("np.analyst").password_hash == rehashed
