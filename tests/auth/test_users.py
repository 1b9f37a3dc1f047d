"""Creating users: who may grant which role where, and the password and name rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counterflow.audit import AuditEvent
from counterflow.auth import User, create_user
from counterflow.model.codes import Role
from counterflow.model.errors import ConflictError, InvalidFieldsError, PermissionDeniedError
from counterflow.store import transaction

ALL = frozenset(Role)
MANAGED = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR, Role.AGENCY_ADMIN})

# Written out by hand (not read from the service): who may create which roles in their own
# agency (NP for the NP actors, OVS for the OVS ones) and in another agency (GMP).
GRANTS: dict[str, tuple[frozenset[Role], frozenset[Role]]] = {
    "ovs.sysadmin": (ALL, ALL),
    "np.admin": (MANAGED, frozenset()),
    "np.supervisor": (frozenset(), frozenset()),
    "np.analyst": (frozenset(), frozenset()),
    "ovs.auditor": (frozenset(), frozenset()),
}


def test_who_may_create_whom(world, password) -> None:
    expected_total = 0
    for creator, (own, other) in GRANTS.items():
        actor = world.actor(creator)
        for where, allowed in ((actor.agency_code, own), ("GMP", other)):
            for role in Role:
                kw = {
                    "actor": actor,
                    "username": f"new.{creator}.{where.lower()}.{role.value}",
                    "display_name": "New User",
                    "agency_id": world.agency(where),
                    "role": role,
                    "password": password,
                }
                with transaction(world.sessions) as session:
                    if role in allowed:
                        user = create_user(session, **kw)
                        assert (user.role, user.agency_id) == (role, world.agency(where))
                    else:
                        with pytest.raises(PermissionDeniedError):
                            create_user(session, **kw)
            expected_total += len(allowed)
    with world.sessions() as session:
        made = session.scalars(select(User.username).where(User.username.like("new.%"))).all()
    assert len(made) == expected_total == 2 * len(Role) + len(MANAGED)


def test_an_agency_admin_cannot_appoint_an_overseer(world, password) -> None:
    with world.sessions() as session:
        for role in (Role.AUDITOR, Role.SYSTEM_ADMIN):
            with pytest.raises(PermissionDeniedError, match=role.value):
                create_user(
                    session,
                    actor=world.actor("np.admin"),
                    username="np.boss",
                    display_name="Boss",
                    agency_id=world.agency("NP"),
                    role=role,
                    password=password,
                )


def test_the_installation_creates_anyone(world, password) -> None:
    with transaction(world.sessions) as session:
        user = create_user(
            session,
            actor=None,
            username="  First.Auditor ",
            display_name=" First Auditor ",
            agency_id=world.agency("OVS"),
            role=Role.AUDITOR,
            password=password,
            language="km",
        )
    assert (user.username, user.display_name, user.language) == (
        "first.auditor",
        "First Auditor",
        "km",
    )
    assert user.password_hash.startswith("$argon2id$")
    assert password not in user.password_hash
    with world.sessions() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None
    assert (event.action, event.object_type, event.object_id) == ("create", "user", str(user.id))
    assert event.actor_username == "installation"
    assert password not in event.detail


def test_password_policy(world) -> None:
    ok = "x" * 12
    cases = [
        ("x" * 11, "at least 12 characters"),
        ("x" * 257, "at most 256 characters"),
        ("my name is np.newcomer ok", "must not contain the user name"),
        ("NP.NEWCOMER and more", "must not contain the user name"),
    ]
    with transaction(world.sessions) as session:
        for password, why in cases:
            with pytest.raises(InvalidFieldsError) as err:
                create_user(
                    session,
                    actor=None,
                    username="np.newcomer",
                    display_name="Newcomer",
                    agency_id=world.agency("NP"),
                    role=Role.ANALYST,
                    password=password,
                )
            assert err.value.errors == {"password": why}
        user = create_user(
            session,
            actor=None,
            username="np.newcomer",
            display_name="Newcomer",
            agency_id=world.agency("NP"),
            role=Role.ANALYST,
            password=ok,
        )
        assert user.id is not None


def test_user_fields_are_checked(world, password) -> None:
    cases = [
        ({"username": "ab"}, {"username"}),
        ({"username": "two words"}, {"username"}),
        ({"username": "x" * 65}, {"username"}),
        ({"username": "semi;colon"}, {"username"}),
        ({"display_name": "   "}, {"display_name"}),
        ({"agency_id": 9999}, {"agency_id"}),
        ({"username": "x!", "display_name": ""}, {"username", "display_name"}),
    ]
    base = {
        "username": "np.fresh",
        "display_name": "Fresh",
        "agency_id": world.agency("NP"),
        "role": Role.ANALYST,
        "password": password,
    }
    with transaction(world.sessions) as session:
        for change, bad in cases:
            with pytest.raises(InvalidFieldsError) as err:
                create_user(session, actor=None, **(base | change))
            assert set(err.value.errors) == bad, change
        with pytest.raises(ConflictError, match=r"np\.analyst"):
            create_user(session, actor=None, **(base | {"username": "NP.Analyst"}))
