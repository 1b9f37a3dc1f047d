"""Fixtures for sign-in: the national agencies and a few users, created once per test.

def test_x(world):
    world.agency("NP")              # agency id
    world.actor("np.admin")          # the Actor of a seeded user
    world.sessions                   # the session factory
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counterflow.agencies import ensure_national_agencies
from counterflow.audit import AuditEvent
from counterflow.auth import User, actor_of, create_user, passwords
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.store import transaction

PASSWORD = "a long enough passphrase"

USERS: tuple[tuple[str, str, Role], ...] = (
    ("np.analyst", "NP", Role.ANALYST),
    ("np.supervisor", "NP", Role.SUPERVISOR),
    ("np.admin", "NP", Role.AGENCY_ADMIN),
    ("ovs.auditor", "OVS", Role.AUDITOR),
    ("ovs.sysadmin", "OVS", Role.SYSTEM_ADMIN),
)


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """argon2id at its production cost (64 MiB, 3 passes) takes 50-150 ms a hash, which a
    world of users pays on every test. The tests hash with the same algorithm at the lowest
    cost; ``test_login.py::test_production_parameters_and_rehash`` checks the real ones."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class World:
    sessions: sessionmaker[Session]
    agencies: dict[str, int] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)

    def agency(self, code: str) -> int:
        return self.agencies[code]

    def actor(self, username: str) -> Actor:
        return self.actors[username]

    def user(self, username: str) -> User:
        with self.sessions() as session:
            return session.scalars(select(User).where(User.username == username)).one()


@pytest.fixture
def password() -> str:
    """The password of every seeded user."""
    return PASSWORD


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    out = World(sessions)
    with transaction(sessions) as session:
        out.agencies = {a.code: a.id for a in ensure_national_agencies(session)}
        for username, code, role in USERS:
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=username.replace(".", " ").title(),
                agency_id=out.agencies[code],
                role=role,
                password=PASSWORD,
            )
            out.actors[username] = actor_of(session, user)
    return out


@pytest.fixture
def events(sessions: sessionmaker[Session]) -> Callable[..., list[AuditEvent]]:
    """``events(action=None)``: the audit events so far (of one action), oldest first."""

    def _events(action: str | None = None) -> list[AuditEvent]:
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        if action is not None:
            stmt = stmt.where(AuditEvent.action == action)
        with sessions() as session:
            return list(session.scalars(stmt))

    return _events
