"""Browser sessions and API tokens: issued, resolved, ended, expired; stored as hashes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from counterflow.auth import (
    SESSION_ABSOLUTE,
    ApiToken,
    User,
    WebSession,
    actor_for_api_token,
    actor_for_session,
    end_session,
    issue_api_token,
    revoke_api_token,
    start_session,
    tokens_of,
)
from counterflow.auth.service import SESSION_IDLE
from counterflow.model.errors import InvalidFieldsError, NotFoundError

T0 = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def start(world, username: str = "np.analyst", now: datetime = T0):
    with world.sessions.begin() as session:
        return start_session(session, actor=world.actor(username), now=now)


def resolve(world, token: str, now: datetime):
    with world.sessions.begin() as session:
        return actor_for_session(session, token=token, request_id="req-9", now=now)


def test_a_session_resolves_to_its_user(world) -> None:
    issued = start(world)
    assert issued.expires_at == T0 + SESSION_ABSOLUTE
    assert issued.token != issued.csrf_token
    info = resolve(world, issued.token, T0 + timedelta(minutes=5))
    assert info is not None
    assert info.actor == world.actor("np.analyst").in_request("req-9")
    assert info.csrf_token == issued.csrf_token
    assert (info.display_name, info.language) == ("Np Analyst", "en")
    assert resolve(world, issued.token + "x", T0) is None
    assert resolve(world, "", T0) is None


def test_only_the_token_hash_is_stored(world) -> None:
    issued = start(world)
    with world.sessions() as session:
        row = session.scalars(select(WebSession)).one()
    assert row.token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token not in (row.token_hash, row.csrf_token)


def test_signing_out_ends_the_session_at_once(world, events) -> None:
    issued = start(world)
    other = start(world)
    with world.sessions.begin() as session:
        end_session(session, token=issued.token, actor=world.actor("np.analyst"))
    assert resolve(world, issued.token, T0 + timedelta(minutes=1)) is None
    assert resolve(world, other.token, T0 + timedelta(minutes=1)) is not None
    logout = events("logout")
    assert [e.actor_username for e in logout] == ["np.analyst"]


def test_the_absolute_timeout_ends_even_a_busy_session(world) -> None:
    issued = start(world)
    for hour in range(1, 12):  # used every hour: never idle
        assert resolve(world, issued.token, T0 + timedelta(hours=hour)) is not None
    assert resolve(world, issued.token, T0 + SESSION_ABSOLUTE - timedelta(seconds=1)) is not None
    assert resolve(world, issued.token, T0 + SESSION_ABSOLUTE) is None


def test_the_idle_timeout(world) -> None:
    issued = start(world)
    assert resolve(world, issued.token, T0 + SESSION_IDLE - timedelta(seconds=1)) is not None
    # Used just now: idle counts from the last use (touched at most once a minute).
    assert resolve(world, issued.token, T0 + 2 * SESSION_IDLE - timedelta(minutes=1)) is not None
    idle = start(world)
    assert resolve(world, idle.token, T0 + SESSION_IDLE) is None
    # Once ended for idleness it stays ended.
    assert resolve(world, idle.token, T0 + timedelta(minutes=1)) is None


def test_a_disabled_user_loses_sessions_and_tokens(world) -> None:
    issued = start(world)
    with world.sessions.begin() as session:
        token = issue_api_token(session, actor=world.actor("np.analyst"), name="etl")
        user = session.get(User, world.actor("np.analyst").user_id)
        assert user is not None
        user.is_active = False
    assert resolve(world, issued.token, T0 + timedelta(minutes=1)) is None
    with world.sessions() as session:
        assert actor_for_api_token(session, token=token) is None


# -- API tokens ----------------------------------------------------------------------------


def issue(world, username="np.analyst", name="bank export loader", **kw) -> str:
    with world.sessions.begin() as session:
        return issue_api_token(session, actor=world.actor(username), name=name, **kw)


def bearer(world, token: str, now: datetime | None = None):
    with world.sessions.begin() as session:
        return actor_for_api_token(session, token=token, request_id="api-1", now=now)


def test_an_api_token_acts_as_its_user(world, events) -> None:
    token = issue(world)
    assert token.startswith("cf_")
    actor = bearer(world, token)
    assert actor == world.actor("np.analyst").in_request("api-1")
    assert bearer(world, token[:-1]) is None
    with world.sessions() as session:
        mine = tokens_of(session, actor=world.actor("np.analyst"))
        assert [(t.name, t.prefix) for t in mine] == [("bank export loader", token[:10])]
        row = mine[0]
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert row.last_used_at is not None
        assert tokens_of(session, actor=world.actor("np.supervisor")) == []
    created = [e for e in events("create") if e.object_type == "api_token"]
    assert len(created) == 1
    assert token not in created[0].detail
    assert token[:10] in created[0].detail


def test_a_revoked_token_stops_working(world, events) -> None:
    token = issue(world)
    with world.sessions() as session:
        token_id = session.scalars(select(ApiToken.id)).one()
    with world.sessions.begin() as session, pytest.raises(NotFoundError):
        revoke_api_token(session, actor=world.actor("np.supervisor"), token_id=token_id)
    assert bearer(world, token) is not None  # someone else's revocation did nothing
    with world.sessions.begin() as session:
        revoke_api_token(session, actor=world.actor("np.analyst"), token_id=token_id)
    assert bearer(world, token) is None
    assert '"revoked":true' in events("update")[-1].detail
    with world.sessions.begin() as session, pytest.raises(NotFoundError):
        revoke_api_token(session, actor=world.actor("np.analyst"), token_id=token_id + 100)


def test_api_tokens_expire(world) -> None:
    now = datetime.now(UTC)
    short = issue(world, valid_for=timedelta(days=1))
    forever = issue(world, name="archive", valid_for=None)
    assert bearer(world, short, now + timedelta(hours=23)) is not None
    assert bearer(world, short, now + timedelta(days=2)) is None
    assert bearer(world, forever, now + timedelta(days=3650)) is not None
    default = issue(world, name="default")
    assert bearer(world, default, now + timedelta(days=89)) is not None
    assert bearer(world, default, now + timedelta(days=91)) is None


def test_an_api_token_needs_a_name(world) -> None:
    with pytest.raises(InvalidFieldsError) as err:
        issue(world, name="   ")
    assert set(err.value.errors) == {"name"}
