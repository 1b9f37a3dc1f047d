"""Fixtures for the case slice: a small world of agencies and users, case factories, a fake
name screener, and (for the access matrix) one world per backend shared by a whole module.

    def test_x(world, new_case):
        case_id = new_case("np.investigator", title="Scam compound, Sihanoukville")
        with world.sessions.begin() as session:
            get_case(session, actor=world["np.supervisor"], case_id=case_id)

Users are ``<agency>.<role>``; all have the same password. Services are called inside
``world.sessions.begin()`` (commit at the end, roll back on error), as the web layer does.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from counterflow.agencies import Agency, ensure_national_agencies
from counterflow.audit import AuditEvent
from counterflow.auth import actor_of, create_user, passwords
from counterflow.cases import CaseIn, ShareIn, create_case, share_case
from counterflow.model.actor import Actor
from counterflow.model.codes import CaseCategory, Role, ShareScope
from counterflow.model.screening import ScreeningHit, ScreeningQuery, TokenMatch
from counterflow.store import make_engine, session_factory, upgrade

PASSWORD = "a long enough passphrase"
REPORTED = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)

USERS: tuple[tuple[str, Role], ...] = (
    ("np.investigator", Role.INVESTIGATOR),
    ("np.analyst", Role.ANALYST),
    ("np.supervisor", Role.SUPERVISOR),
    ("np.supervisor2", Role.SUPERVISOR),
    ("np.agency_admin", Role.AGENCY_ADMIN),
    ("gmp.investigator", Role.INVESTIGATOR),
    ("gmp.supervisor", Role.SUPERVISOR),
    ("cafiu.analyst", Role.ANALYST),
    ("cafiu.supervisor", Role.SUPERVISOR),
    ("pros.investigator", Role.INVESTIGATOR),
    ("pros.supervisor", Role.SUPERVISOR),
    ("ncct.investigator", Role.INVESTIGATOR),
    ("ovs.auditor", Role.AUDITOR),
    ("ovs.system_admin", Role.SYSTEM_ADMIN),
)

CONTACTS = {"GMP": "GMP anti-trafficking desk +855 23 111 222", "NP": "NP duty desk"}


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """Users are hashed with argon2id at its lowest cost: the production cost (64 MiB, three
    passes, ~0.1 s) would dominate every test here; tests/auth checks the real parameters."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class World:
    """The seeded agencies (code → id) and users (username → Actor)."""

    sessions: sessionmaker[Session]
    agencies: dict[str, int] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """username → display name."""

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]

    def count(self, model: type[Any], *where: Any) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def events(self, **match: Any) -> list[AuditEvent]:
        """Audit events whose columns equal ``match``, oldest first."""
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        for column, value in match.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        with self.sessions() as session:
            return list(session.scalars(stmt))


def build_world(sessions: sessionmaker[Session], users: tuple[tuple[str, Role], ...]) -> World:
    world = World(sessions)
    with sessions.begin() as session:
        agencies = ensure_national_agencies(session)
        for agency in agencies:
            agency.contact = CONTACTS.get(agency.code, "")
        world.agencies = {a.code: a.id for a in agencies}
        for username, role in users:
            code = username.split(".")[0].upper()
            display = f"{code} {username.split('.')[1].replace('_', ' ').title()}"
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=display,
                agency_id=world.agencies[code],
                role=role,
                password=PASSWORD,
            )
            world.actors[username] = actor_of(session, user)
            world.names[username] = display
    return world


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    return build_world(sessions, USERS)


def case_in(**fields: Any) -> CaseIn:
    data: dict[str, Any] = {
        "title": "Online scam compound, Sihanoukville",
        "category": CaseCategory.TRAFFICKING,
        "exploitation_forms": ["forced_criminality"],
        "venue": "online_scam_compound",
        "province": "Preah Sihanouk",
        "reported_on": REPORTED,
    }
    data.update(fields)
    return CaseIn(**data)


@pytest.fixture
def make_case_in() -> Callable[..., CaseIn]:
    """``make_case_in(**fields)``: a valid :class:`CaseIn`, fields overridden."""
    return case_in


@pytest.fixture
def new_case(world: World) -> Callable[..., int]:
    """``new_case(username, **fields) -> case id``: a case opened by that user, committed."""

    def _new(username: str, **fields: Any) -> int:
        with world.sessions.begin() as session:
            return create_case(session, actor=world[username], data=case_in(**fields)).id

    return _new


@pytest.fixture
def share(world: World) -> Callable[..., None]:
    """``share(case_id, agency_code, scope="read", by="np.supervisor")``."""

    def _share(case_id: int, agency: str, scope: str = "read", by: str = "np.supervisor") -> None:
        with world.sessions.begin() as session:
            share_case(
                session,
                actor=world[by],
                case_id=case_id,
                data=ShareIn(
                    agency_code=agency,
                    scope=ShareScope(scope),
                    legal_basis="Law on Suppression of Human Trafficking, Art. 5",
                ),
            )

    return _share


@dataclass
class FakeScreener:
    """Hits for the names it was told about, like a matcher over loaded lists would give.
    ``listed`` maps a name (case aside) to ``(source, entry_id, score)`` tuples."""

    listed: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)
    queries: list[ScreeningQuery] = field(default_factory=list)

    def screen(self, query: ScreeningQuery) -> list[ScreeningHit]:
        self.queries.append(query)
        return [
            ScreeningHit(
                query=query,
                entry_id=entry_id,
                source=source,
                list_version="2026-03-01",
                score=score,
                matched_name=query.name.upper(),
                name_score=score,
                tokens=tuple(TokenMatch(t, t.upper(), "exact", 1.0) for t in query.name.split()),
            )
            for source, entry_id, score in self.listed.get(query.name.casefold(), [])
        ]


@pytest.fixture
def make_screener() -> Callable[..., FakeScreener]:
    """``make_screener({"name": [("ofac", "ofac:1", 0.97)]})``."""
    return lambda listed=None: FakeScreener(dict(listed or {}))


@pytest.fixture
def storage(tmp_path: Path) -> Path:
    """Where evidence files are written."""
    path = tmp_path / "evidence"
    path.mkdir()
    return path


# -- one world per backend for a whole module (the access matrix) --------------------------

POSITIONS: dict[str, str] = {
    "lead": "NP",
    "shared_read": "GMP",
    "shared_contribute": "CAFIU",
    "oversight": "OVS",
    "none": "NCCT",
}
"""Where a user sits relative to the matrix case: the agency that leads it, one it is
shared with to read, one it is shared with to contribute, the oversight body, and an agency
with no part in it."""


@dataclass
class MatrixWorld:
    world: World
    case_id: int
    reference: str

    def actor(self, position: str, role: Role) -> Actor:
        return self.world[f"{POSITIONS[position].lower()}.{role.value}"]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def matrix_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MatrixWorld]:
    """A database (per backend, per module) with one user of every role in each agency of
    :data:`POSITIONS`, and one case led by NP, shared with GMP to read and with CAFIU to
    contribute. Tests must not commit: they roll back whatever they do. (The per-test
    ``sessions`` fixture would migrate and seed 30 users for each of the matrix's 240
    cells.)"""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'counterflow.db'}"
    else:
        admin = request.getfixturevalue("pg_admin")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        schema = f"cf_test_{worker}_{uuid.uuid4().hex[:10]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
        url = url.render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        upgrade(engine)
        users = tuple(
            (f"{code.lower()}.{role.value}", role) for code in POSITIONS.values() for role in Role
        )
        world = build_world(session_factory(engine), users)
        with world.sessions.begin() as session:
            case = create_case(session, actor=world["np.supervisor"], data=case_in())
            for code, scope in (("GMP", ShareScope.READ), ("CAFIU", ShareScope.CONTRIBUTE)):
                share_case(
                    session,
                    actor=world["np.supervisor"],
                    case_id=case.id,
                    data=ShareIn(agency_code=code, scope=scope, legal_basis="MoU 2025 article 3"),
                )
            assert session.get(Agency, world.agencies["OVS"]) is not None
        yield MatrixWorld(world, case.id, case.reference)
    finally:
        engine.dispose()
        if schema is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
