"""Fixtures for the audit trail: actors (the trail stores who acted, it needs no user rows),
an appender, and a way around the append-only triggers to play the attacker.

    def test_x(sessions, append, tamper):
        append(3)                                  # three committed events
        tamper("UPDATE audit_event SET reason = 'x' WHERE seq = 2")
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from counterflow.audit import AuditAction, AuditEvent, record
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.store import transaction


def _actor(user_id: int, username: str, agency: str, role: Role) -> Actor:
    return Actor(
        user_id=user_id,
        username=username,
        agency_id=user_id,
        agency_code=agency,
        role=role,
        request_id=f"req-{username}",
    )


@pytest.fixture
def auditor() -> Actor:
    return _actor(1, "ovs.auditor", "OVS", Role.AUDITOR)


@pytest.fixture
def investigator() -> Actor:
    return _actor(2, "np.investigator", "NP", Role.INVESTIGATOR)


@pytest.fixture
def non_auditors() -> list[Actor]:
    """One actor of every role but auditor: none of them may read the trail."""
    return [
        _actor(10 + i, f"np.{role.value}", "NP", role)
        for i, role in enumerate(Role)
        if role is not Role.AUDITOR
    ]


@pytest.fixture
def append(sessions: sessionmaker[Session], investigator: Actor) -> Callable[..., list[AuditEvent]]:
    """``append(n, reason="", case_id=None)``: record ``n`` events, one transaction each
    (as ``n`` requests would), and return them as committed."""

    def _append(n: int, *, reason: str = "", case_id: int | None = None) -> list[AuditEvent]:
        out = []
        for i in range(n):
            with transaction(sessions) as session:
                out.append(
                    record(
                        session,
                        actor=investigator,
                        action=AuditAction.READ,
                        object_type="case",
                        object_id=100 + i,
                        case_id=case_id if case_id is not None else 100 + i,
                        reason=reason,
                        detail={"i": i, "note": "ស្ថាប័ន"},
                    )
                )
        return out

    return _append


def _bypass_append_only(session: Session) -> None:
    """What a database owner could do: switch the refusing triggers off."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
    else:
        session.execute(text("DROP TRIGGER IF EXISTS audit_event_no_update"))
        session.execute(text("DROP TRIGGER IF EXISTS audit_event_no_delete"))


@pytest.fixture
def tamper(sessions: sessionmaker[Session]) -> Callable[..., None]:
    """``tamper(*sql)``: run raw SQL on the trail past its triggers, committed."""

    def _tamper(*statements: str) -> None:
        with transaction(sessions) as session:
            _bypass_append_only(session)
            for sql in statements:
                session.execute(text(sql))

    return _tamper


@pytest.fixture
def all_events(sessions: sessionmaker[Session]) -> Callable[[], list[AuditEvent]]:
    """``all_events()``: the whole trail in ``seq`` order, read in a fresh session."""

    def _all() -> list[AuditEvent]:
        with sessions() as session:
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))

    return _all
