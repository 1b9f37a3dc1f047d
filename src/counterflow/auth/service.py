"""Sign-in, sessions, API tokens and user administration.

- :func:`authenticate` checks a password (and a TOTP code if the user enrolled one) and
  locks the account for :data:`LOCKOUT` after :data:`MAX_FAILURES` failures in a row
  (OWASP Authentication Cheat Sheet, "Account lockout"); every attempt is audited.
- :func:`start_session` issues a random 256-bit cookie token and a CSRF token; only their
  hashes and the CSRF value are stored. :func:`actor_for_session` resolves a cookie on
  every request, with an idle and an absolute timeout.
- :func:`issue_api_token` gives machine clients a bearer token acting as the user.
- :func:`create_user`: agency administrators create users in their own agency, system
  administrators anywhere; nobody can create a user with more power than the roles allow.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.audit import AuditAction, record
from counterflow.auth.models import ApiToken, User, WebSession
from counterflow.auth.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from counterflow.auth.totp import verify_totp
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_IDLE = timedelta(hours=2)
SESSION_ABSOLUTE = timedelta(hours=12)

_DUMMY_HASH = hash_password("not-a-real-password-only-for-timing")
"""Verified against when the user does not exist, so the answer takes as long either way."""


class LoginFailedError(PermissionDeniedError):
    """Wrong user name, password or code, or the account is locked or disabled."""


@dataclass(frozen=True, slots=True)
class IssuedSession:
    """A new session: ``token`` goes into the cookie, ``csrf_token`` into every form."""

    token: str
    csrf_token: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def actor_of(session: Session, user: User, request_id: str = "") -> Actor:
    """The :class:`Actor` a service sees for ``user``."""
    agency = session.get(Agency, user.agency_id)
    assert agency is not None
    return Actor(
        user_id=user.id,
        username=user.username,
        agency_id=agency.id,
        agency_code=agency.code,
        role=user.role,
        request_id=request_id,
    )


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    code: str = "",
    request_id: str = "",
    now: datetime | None = None,
) -> Actor:
    """The user behind valid credentials; :class:`LoginFailedError` otherwise.

    The message is the same for an unknown user and a wrong password (no enumeration);
    a locked account says until when, because the owner needs to know.
    """
    now = now or datetime.now(UTC)
    # User names are stored in lower case (create_user): "NP.Analyst" is the same person.
    name = username.strip().lower()
    user = session.scalars(select(User).where(User.username == name)).one_or_none()
    if user is None:
        verify_password(_DUMMY_HASH, password)
        _failed(session, username, request_id, "unknown user")
        raise LoginFailedError("wrong user name, password or code")
    if user.locked_until is not None and user.locked_until > now:
        _failed(session, username, request_id, "locked")
        raise LoginFailedError(
            f"account locked until {user.locked_until:%H:%M} UTC after failed sign-ins"
        )
    password_ok = verify_password(user.password_hash, password)
    code_ok = user.totp_secret is None or verify_totp(user.totp_secret, code)
    if not (password_ok and code_ok and user.is_active):
        user.failed_logins += 1
        why = (
            "disabled"
            if not user.is_active
            else ("wrong code" if password_ok else "wrong password")
        )
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
            why += f"; locked for {int(LOCKOUT.total_seconds() // 60)} minutes"
        _failed(session, username, request_id, why)
        raise LoginFailedError("wrong user name, password or code")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    actor = actor_of(session, user, request_id)
    record(session, actor=actor, action=AuditAction.LOGIN, object_type="user", object_id=user.id)
    return actor


def _failed(session: Session, username: str, request_id: str, why: str) -> None:
    record(
        session,
        actor=None,
        username=username[:64],
        action=AuditAction.LOGIN_FAILED,
        object_type="user",
        object_id=username[:64],
        request_id=request_id,
        reason=why,
    )


def start_session(session: Session, *, actor: Actor, now: datetime | None = None) -> IssuedSession:
    """Open a browser session for a freshly authenticated ``actor``."""
    now = now or datetime.now(UTC)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now + SESSION_ABSOLUTE
    session.add(
        WebSession(
            token_hash=_digest(token),
            user_id=actor.user_id,
            csrf_token=csrf,
            created_at=now,
            expires_at=expires,
            last_seen_at=now,
            ended_at=None,
        )
    )
    session.flush()
    return IssuedSession(token=token, csrf_token=csrf, expires_at=expires)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A live session as resolved from its cookie."""

    actor: Actor
    csrf_token: str
    display_name: str
    language: str


def actor_for_session(
    session: Session, *, token: str, request_id: str = "", now: datetime | None = None
) -> SessionInfo | None:
    """The live session behind a cookie token, or ``None`` (unknown, ended, expired, idle)."""
    now = now or datetime.now(UTC)
    web = session.scalars(
        select(WebSession).where(WebSession.token_hash == _digest(token))
    ).one_or_none()
    if web is None or web.ended_at is not None or web.expires_at <= now:
        return None
    if web.last_seen_at + SESSION_IDLE <= now:
        web.ended_at = now
        return None
    user = session.get(User, web.user_id)
    if user is None or not user.is_active:
        return None
    # Touch at most once a minute: a page load should not always be a write.
    if now - web.last_seen_at > timedelta(minutes=1):
        web.last_seen_at = now
    return SessionInfo(
        actor=actor_of(session, user, request_id),
        csrf_token=web.csrf_token,
        display_name=user.display_name,
        language=user.language,
    )


def end_session(session: Session, *, token: str, actor: Actor) -> None:
    """Sign out: the cookie token stops working at once."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == _digest(token), WebSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )
    record(
        session, actor=actor, action=AuditAction.LOGOUT, object_type="user", object_id=actor.user_id
    )


def issue_api_token(
    session: Session, *, actor: Actor, name: str, valid_for: timedelta | None = timedelta(days=90)
) -> str:
    """A new bearer token acting as ``actor``; shown once, stored as its hash."""
    if not name.strip():
        raise InvalidFieldsError({"name": "required: say which client uses the token"})
    token = "cf_" + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    row = ApiToken(
        user_id=actor.user_id,
        name=name.strip(),
        token_hash=_digest(token),
        prefix=token[:10],
        created_at=now,
        expires_at=now + valid_for if valid_for else None,
        revoked_at=None,
        last_used_at=None,
    )
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="api_token",
        object_id=row.id,
        detail={"name": row.name, "prefix": row.prefix},
    )
    return token


def actor_for_api_token(
    session: Session, *, token: str, request_id: str = "", now: datetime | None = None
) -> Actor | None:
    """The user a bearer token acts as, or ``None`` (unknown, revoked, expired)."""
    now = now or datetime.now(UTC)
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _digest(token))
    ).one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at is not None and row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        row.last_used_at = now
    return actor_of(session, user, request_id)


def revoke_api_token(session: Session, *, actor: Actor, token_id: int) -> None:
    """Revoke one of the actor's own tokens."""
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != actor.user_id:
        raise NotFoundError(f"no API token {token_id} of yours")
    row.revoked_at = datetime.now(UTC)
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="api_token",
        object_id=row.id,
        detail={"revoked": True},
    )


_GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.SYSTEM_ADMIN: frozenset(Role),
    Role.AGENCY_ADMIN: frozenset(
        {Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR, Role.AGENCY_ADMIN}
    ),
}
"""Which roles each administrator may give. Only a system administrator makes auditors and
other system administrators: an agency cannot appoint its own overseer."""


def create_user(
    session: Session,
    *,
    actor: Actor | None,
    username: str,
    display_name: str,
    agency_id: int,
    role: Role,
    password: str,
    language: str = "en",
) -> User:
    """Add a user. ``actor`` ``None`` is the installation itself (first administrator, demo)."""
    if actor is not None:
        allowed = _GRANTABLE.get(actor.role, frozenset())
        if role not in allowed:
            raise PermissionDeniedError(f"a {actor.role.value} cannot create a {role.value}")
        if actor.role is Role.AGENCY_ADMIN and agency_id != actor.agency_id:
            raise PermissionDeniedError(
                "an agency administrator creates users in their own agency only"
            )
    username = username.strip().lower()
    errors: dict[str, str] = {}
    if not (3 <= len(username) <= 64) or not all(c.isalnum() or c in "._-" for c in username):
        errors["username"] = "3 to 64 letters, digits, '.', '_' or '-'"
    if not display_name.strip():
        errors["display_name"] = "required"
    problem = password_problem(password, username=username)
    if problem:
        errors["password"] = problem
    if session.get(Agency, agency_id) is None:
        errors["agency_id"] = "no such agency"
    if errors:
        raise InvalidFieldsError(errors)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ConflictError(f"user name {username!r} is taken")
    user = User(
        username=username,
        display_name=display_name.strip(),
        agency_id=agency_id,
        role=role,
        password_hash=hash_password(password),
        totp_secret=None,
        is_active=True,
        failed_logins=0,
        locked_until=None,
        created_at=datetime.now(UTC),
        last_login_at=None,
        language=language if language in ("en", "km") else "en",
    )
    session.add(user)
    session.flush()
    record(
        session,
        actor=actor,
        username="installation" if actor is None else None,
        action=AuditAction.CREATE,
        object_type="user",
        object_id=user.id,
        detail={"username": username, "role": role.value, "agency_id": agency_id},
    )
    return user


def enable_totp(session: Session, *, actor: Actor, secret: str, code: str) -> None:
    """Turn on the second factor with ``secret`` once the user proved their app reads it
    (a code that matches), so nobody locks themselves out by a half-done enrolment."""
    if not verify_totp(secret, code):
        raise InvalidFieldsError({"code": "this code does not match: check the app's clock"})
    user = session.get(User, actor.user_id)
    assert user is not None
    user.totp_secret = secret
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="user",
        object_id=user.id,
        detail={"totp": "enabled"},
    )


def tokens_of(session: Session, *, actor: Actor) -> list[ApiToken]:
    """The actor's own API tokens, newest first (hashes only; tokens are shown once)."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == actor.user_id)
            .order_by(ApiToken.created_at.desc())
        )
    )


def set_language(session: Session, *, actor: Actor, language: str) -> None:
    """Remember the actor's interface language (``en`` or ``km``)."""
    user = session.get(User, actor.user_id)
    if user is not None and language in ("en", "km"):
        user.language = language


def users_of_agency(session: Session, agency_id: int) -> list[User]:
    """The active users of one agency, by role and name."""
    return list(
        session.scalars(
            select(User)
            .where(User.agency_id == agency_id, User.is_active)
            .order_by(User.role, User.username)
        )
    )


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)
