"""Fixtures for joint reports and releases: agencies, users, and a case factory.

def test_x(world, add_case):
    add_case("np.supervisor", reported=date(2022, 3, 1), victims=[{"gender": "female"}])
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy.orm import Session, sessionmaker

from counterflow.agencies import ensure_national_agencies
from counterflow.auth import actor_of, create_user, passwords
from counterflow.cases import (
    CaseIn,
    PersonIn,
    SuspectIn,
    VictimIn,
    add_person,
    create_case,
    set_suspect_context,
    set_victim_context,
)
from counterflow.model.actor import Actor
from counterflow.model.codes import PersonRole, Role

USERS: tuple[tuple[str, Role], ...] = (
    ("np.investigator", Role.INVESTIGATOR),
    ("np.supervisor", Role.SUPERVISOR),
    ("np.agency_admin", Role.AGENCY_ADMIN),
    ("gmp.supervisor", Role.SUPERVISOR),
    ("cafiu.analyst", Role.ANALYST),
    ("ncct.analyst", Role.ANALYST),
    ("ncct.supervisor", Role.SUPERVISOR),
    ("ovs.auditor", Role.AUDITOR),
)


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class World:
    sessions: sessionmaker[Session]
    actors: dict[str, Actor] = field(default_factory=dict)

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    w = World(sessions)
    with sessions.begin() as session:
        agencies = {a.code: a.id for a in ensure_national_agencies(session)}
        for username, role in USERS:
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=username,
                agency_id=agencies[username.split(".")[0].upper()],
                role=role,
                password="a long enough passphrase",
            )
            w.actors[username] = actor_of(session, user)
    return w


@pytest.fixture
def add_case(world: World) -> Callable[..., int]:
    """``add_case(username, reported=..., victims=[{...}], suspects=[{...}], **case_fields)``:
    each person dict holds PersonIn fields plus ``victim`` / ``suspect`` context fields."""

    def _add(
        username: str,
        *,
        reported: date,
        victims: list[dict[str, Any]] = (),  # type: ignore[assignment]
        suspects: list[dict[str, Any]] = (),  # type: ignore[assignment]
        **fields: Any,
    ) -> int:
        actor = world[username]
        data: dict[str, Any] = {
            "title": "Case",
            "category": "trafficking",
            "exploitation_forms": ["forced_criminality"],
            "province": "Preah Sihanouk",
            "reported_on": datetime(reported.year, reported.month, reported.day, 9, tzinfo=UTC),
        }
        data.update(fields)
        with world.sessions.begin() as session:
            case = create_case(session, actor=actor, data=CaseIn(**data))
            for role, people in ((PersonRole.VICTIM, victims), (PersonRole.SUSPECT, suspects)):
                for i, person in enumerate(people):
                    context = dict(person.pop("context", {}))
                    p = add_person(
                        session,
                        actor=actor,
                        case_id=case.id,
                        data=PersonIn(role=role, name_latin=f"{role.value} {i}", **person),
                        screener=None,
                    )
                    if role is PersonRole.VICTIM and context:
                        set_victim_context(
                            session,
                            actor=actor,
                            case_id=case.id,
                            person_id=p.id,
                            data=VictimIn(**context),
                        )
                    if role is PersonRole.SUSPECT and context:
                        set_suspect_context(
                            session,
                            actor=actor,
                            case_id=case.id,
                            person_id=p.id,
                            data=SuspectIn(**context),
                        )
            return case.id

    return _add
