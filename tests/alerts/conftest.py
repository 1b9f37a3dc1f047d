"""Fixtures for alert triage: agencies and users, engine alerts, a transaction look-up.

def test_x(world, make_alert, imported):
    ids = imported([make_alert("a1", 0.9)], owner="CAFIU")   # triage ids
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from counterflow.agencies import ensure_national_agencies
from counterflow.alerts import TriageAlert, import_alerts
from counterflow.audit import AuditEvent
from counterflow.auth import actor_of, create_user, passwords
from counterflow.cases import TransactionIn
from counterflow.model.actor import Actor
from counterflow.model.alert import Alert, AlertWindow
from counterflow.model.codes import Role

PASSWORD = "a long enough passphrase"
USERS: tuple[tuple[str, Role], ...] = (
    ("cafiu.analyst", Role.ANALYST),
    ("cafiu.analyst2", Role.ANALYST),
    ("cafiu.investigator", Role.INVESTIGATOR),
    ("cafiu.supervisor", Role.SUPERVISOR),
    ("cafiu.supervisor2", Role.SUPERVISOR),
    ("cafiu.agency_admin", Role.AGENCY_ADMIN),
    ("np.analyst", Role.ANALYST),
    ("np.supervisor", Role.SUPERVISOR),
    ("ovs.auditor", Role.AUDITOR),
)
WINDOW = AlertWindow(
    start=datetime(2026, 2, 1, tzinfo=UTC), end=datetime(2026, 2, 3, 18, 0, tzinfo=UTC)
)


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """argon2id at its lowest cost for the seeded users (tests/auth checks the real one)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class World:
    sessions: sessionmaker[Session]
    agencies: dict[str, int] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]

    def alert(self, alert_id: int) -> TriageAlert:
        with self.sessions() as session:
            row = session.get(TriageAlert, alert_id)
            assert row is not None
            return row

    def count(self, model: type[Any], *where: Any) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def events(self, **match: Any) -> list[AuditEvent]:
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        for column, value in match.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        with self.sessions() as session:
            return list(session.scalars(stmt))


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    out = World(sessions)
    with sessions.begin() as session:
        out.agencies = {a.code: a.id for a in ensure_national_agencies(session)}
        for username, role in USERS:
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=username,
                agency_id=out.agencies[username.split(".")[0].upper()],
                role=role,
                password=PASSWORD,
            )
            out.actors[username] = actor_of(session, user)
    return out


def alert(
    alert_id: str,
    score: float = 0.5,
    accounts: Sequence[str] = ("KH-ACC-1", "KH-ACC-2"),
    txn_ids: Sequence[str] = ("t1", "t2"),
) -> Alert:
    return Alert(
        alert_id=alert_id,
        typology="fan_in",
        score=score,
        accounts=tuple(accounts),
        txn_ids=tuple(txn_ids),
        window=WINDOW,
        explanation=f"{len(accounts)} accounts sent funds to one collector within 48 h",
        thresholds={"min_senders": 10, "window_hours": 48},
    )


@pytest.fixture
def make_alert() -> Callable[..., Alert]:
    """``make_alert(alert_id, score=0.5, accounts=(...), txn_ids=(...))``."""
    return alert


@pytest.fixture
def imported(world: World) -> Callable[..., list[int]]:
    """``imported(alerts, owner="CAFIU") -> triage ids`` (in the order given)."""

    def _import(alerts: Sequence[Alert], owner: str = "CAFIU") -> list[int]:
        with world.sessions.begin() as session:
            import_alerts(session, alerts=alerts, owner_agency_id=world.agencies[owner])
            rows = {a.engine_alert_id: a.id for a in session.scalars(select(TriageAlert))}
        return [rows[a.alert_id] for a in alerts]

    return _import


@dataclass
class DictLookup:
    """The transaction store, as a dictionary; records what it was asked."""

    rows: dict[str, TransactionIn]
    asked: list[list[str]] = field(default_factory=list)

    def transactions(self, txn_ids: Sequence[str]) -> list[TransactionIn]:
        self.asked.append(list(txn_ids))
        return [self.rows[t] for t in txn_ids if t in self.rows]


@pytest.fixture
def lookup() -> DictLookup:
    """Transactions t1 and t2 (t3 and others are unknown to the store)."""
    ts = datetime(2026, 2, 2, 10, 15, tzinfo=UTC)
    return DictLookup(
        {
            "t1": TransactionIn(
                txn_id="t1",
                ts=ts,
                src_account="KH-ACC-1",
                dst_account="KH-COLLECTOR",
                amount=Decimal("1234567.89"),
                currency="khr",
                amount_usd=Decimal("301.12"),
            ),
            "t2": TransactionIn(
                txn_id="t2",
                ts=ts,
                src_account="KH-ACC-2",
                dst_account="KH-COLLECTOR",
                amount=Decimal("0.10"),
                currency="USD",
                amount_usd=Decimal("0.10"),
            ),
        }
    )
