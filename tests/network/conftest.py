"""Fixtures for the network slice: the case slice's world of agencies and users, a
holders file, a fake flow source.

    def test_x(world, new_case, holders, flows): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counterflow.agencies import ensure_national_agencies
from counterflow.audit import AuditEvent
from counterflow.auth import actor_of, create_user, passwords
from counterflow.cases import CaseIn, ShareIn, create_case, share_case
from counterflow.ingest import HolderKind, HolderRecord, write_holders
from counterflow.model.actor import Actor
from counterflow.model.codes import CaseCategory, Role, ShareScope
from counterflow.trace import PairFlow as Pair
from counterflow.trace import TraceQuery, TraceResult

USERS: tuple[tuple[str, Role], ...] = (
    ("np.investigator", Role.INVESTIGATOR),
    ("np.supervisor", Role.SUPERVISOR),
    ("np.agency_admin", Role.AGENCY_ADMIN),
    ("gmp.investigator", Role.INVESTIGATOR),
    ("gmp.supervisor", Role.SUPERVISOR),
    ("cafiu.analyst", Role.ANALYST),
    ("ncct.investigator", Role.INVESTIGATOR),
    ("ovs.auditor", Role.AUDITOR),
    ("ovs.system_admin", Role.SYSTEM_ADMIN),
)
CONTACTS = {"GMP": "GMP anti-trafficking desk +855 23 111 222"}


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """argon2id at its lowest cost for the seeded users (tests/auth checks the real one)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class World:
    sessions: sessionmaker[Session]
    actors: dict[str, Actor] = field(default_factory=dict)

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]

    def events(self, **match: Any) -> list[AuditEvent]:
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        for column, value in match.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        with self.sessions() as session:
            return list(session.scalars(stmt))


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    w = World(sessions)
    with sessions.begin() as session:
        agencies = ensure_national_agencies(session)
        for agency in agencies:
            agency.contact = CONTACTS.get(agency.code, "")
        ids = {a.code: a.id for a in agencies}
        for username, role in USERS:
            code, _, rest = username.partition(".")
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=f"{code.upper()} {rest.replace('_', ' ').title()}",
                agency_id=ids[code.upper()],
                role=role,
                password="a long enough passphrase",
            )
            w.actors[username] = actor_of(session, user)
    return w


@pytest.fixture
def new_case(world: World) -> Callable[..., int]:
    """``new_case(username, title=...) -> case id``, committed."""

    def _new(username: str, title: str = "Scam compound, Sihanoukville") -> int:
        data = CaseIn(
            title=title,
            category=CaseCategory.TRAFFICKING,
            exploitation_forms=["forced_labour"],
            reported_on=T0,
        )
        with world.sessions.begin() as session:
            return create_case(session, actor=world[username], data=data).id

    return _new


@pytest.fixture
def share(world: World) -> Callable[[int, str, str], None]:
    def _share(case_id: int, agency: str, scope: str = "read") -> None:
        with world.sessions.begin() as session:
            share_case(
                session,
                actor=world["np.supervisor"],
                case_id=case_id,
                data=ShareIn(
                    agency_code=agency,
                    scope=ShareScope(scope),
                    legal_basis="Law on Suppression of Human Trafficking, Art. 5",
                ),
            )

    return _share


T0 = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


@dataclass
class FakeFlows:
    """Flows from a list of pairs; ``trace`` records its calls and returns an empty result."""

    pairs: list[Pair] = field(default_factory=list)
    traced: list[tuple[TraceQuery, Mapping[str, tuple[str, ...]]]] = field(default_factory=list)

    def has(self, account: str) -> bool:
        return any(account in (p.src, p.dst) for p in self.pairs)

    def counterparties(
        self,
        account: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 25,
    ) -> list[Pair]:
        mine = [p for p in self.pairs if account in (p.src, p.dst)]
        return sorted(mine, key=lambda p: -p.amount_usd)[:limit]

    def trace(
        self, query: TraceQuery, *, case_accounts: Mapping[str, tuple[str, ...]]
    ) -> TraceResult:
        self.traced.append((query, dict(case_accounts)))
        return TraceResult(
            query=query,
            seed_usd=0.0,
            edges=(),
            accounts=(),
            endpoints=(),
            paths=0,
            truncated=False,
            summary="nothing traced",
        )


@pytest.fixture
def flows() -> FakeFlows:
    return FakeFlows(
        [
            Pair("ACC-W1", "ACC-BOSS", 3, 750.0, T0, T0),
            Pair("ACC-EMP", "ACC-W1", 1, 260.0, T0, T0),
        ]
    )


def holder(account: str, name: str, **fields: Any) -> HolderRecord:
    data: dict[str, Any] = {"bank": "B001", "holder_kind": HolderKind.PERSON}
    data.update(fields)
    return HolderRecord(account=account, name=name, **data)


HOLDERS = (
    holder(
        "ACC-BOSS",
        "Chan Sophea",
        date_of_birth="1984-05-06",
        nationality="KHM",
        phone="012 999 000",
        id_document="N0456789",
    ),
    holder(
        "ACC-W1", "Keo Vanna", date_of_birth="2001", phone="012 999 000", signatory="Chan Sophea"
    ),
    holder(
        "ACC-W2", "Sok Srey", date_of_birth="2002", phone="012 999 000", signatory="Chan Sophea"
    ),
    holder("ACC-EMP", "Golden Sun Trading", holder_kind=HolderKind.COMPANY, nationality="KHM"),
)


@pytest.fixture
def holders_file(tmp_path: Path) -> Path:
    path = tmp_path / "holders.csv"
    write_holders(HOLDERS, path)
    return path


@pytest.fixture
def imported(world: Any, holders_file: Path) -> Callable[[], int]:
    from counterflow.network import import_holders

    def _run() -> int:
        with world.sessions.begin() as session:
            return import_holders(session, actor=None, path=holders_file)

    return _run
