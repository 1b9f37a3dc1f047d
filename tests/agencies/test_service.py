"""Agencies: the national seed, look-ups, and who may add one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counterflow.agencies import (
    NATIONAL_AGENCIES,
    agency_by_code,
    agency_of_kind,
    create_agency,
    ensure_national_agencies,
    list_agencies,
)
from counterflow.audit import AuditEvent, verify
from counterflow.model.codes import AgencyKind, Role
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)
from counterflow.store import transaction


def test_national_agencies_are_seeded_once(sessions) -> None:
    with transaction(sessions) as session:
        seeded = ensure_national_agencies(session)
    assert [a.code for a in seeded] == ["CAFIU", "GMP", "NCCT", "NP", "OVS", "PROS"]
    kinds = {a.code: a.kind for a in seeded}
    assert kinds == {
        "NP": AgencyKind.POLICE,
        "GMP": AgencyKind.GENDARMERIE,
        "NCCT": AgencyKind.COORDINATION,
        "CAFIU": AgencyKind.FIU,
        "PROS": AgencyKind.PROSECUTION,
        "OVS": AgencyKind.OVERSIGHT,
    }
    assert all(a.name and a.name_km for a in seeded)
    with transaction(sessions) as session:
        again = ensure_national_agencies(session)
        assert [a.id for a in again] == [a.id for a in seeded]
        assert len(list_agencies(session)) == len(NATIONAL_AGENCIES)
    with sessions() as session:
        created = session.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "agency")
        ).all()
        assert len(created) == 6
        assert {e.actor_username for e in created} == {"installation"}
        assert verify(session).ok


def test_look_ups(sessions) -> None:
    with transaction(sessions) as session:
        ensure_national_agencies(session)
        assert agency_by_code(session, "np").code == "NP"
        prosecution = agency_of_kind(session, AgencyKind.PROSECUTION)
        assert prosecution is not None
        assert prosecution.code == "PROS"
        assert agency_of_kind(session, AgencyKind.SOCIAL) is None
        with pytest.raises(NotFoundError, match="XYZ"):
            agency_by_code(session, "XYZ")


def test_a_system_administrator_adds_an_agency(sessions, actor_with) -> None:
    admin = actor_with(Role.SYSTEM_ADMIN)
    with transaction(sessions) as session:
        agency = create_agency(
            session,
            actor=admin,
            code=" mosvy ",
            name=" Ministry of Social Affairs ",
            name_km="ក្រសួងសង្គមកិច្ច",
            kind=AgencyKind.SOCIAL,
            contact="+855 23 000 000",
        )
    assert (agency.code, agency.name, agency.contact) == (
        "MOSVY",
        "Ministry of Social Affairs",
        "+855 23 000 000",
    )
    with sessions() as session:
        event = session.scalars(select(AuditEvent)).one()
        assert (event.action, event.object_id, event.actor_username) == (
            "create",
            str(agency.id),
            "np.system_admin",
        )


def test_nobody_else_adds_an_agency(sessions, actor_with) -> None:
    with transaction(sessions) as session:
        for role in Role:
            if role is Role.SYSTEM_ADMIN:
                continue
            with pytest.raises(PermissionDeniedError):
                create_agency(
                    session,
                    actor=actor_with(role),
                    code="MOSVY",
                    name="Ministry",
                    name_km="",
                    kind=AgencyKind.SOCIAL,
                )
        assert list_agencies(session) == []


BAD_FIELDS = [
    ("X", "Name", {"code"}),
    ("1AB", "Name", {"code"}),
    ("AB-C", "Name", {"code"}),
    ("A" * 17, "Name", {"code"}),
    ("ABC", "  ", {"name"}),
    ("", "", {"code", "name"}),
]


def test_agency_fields_are_checked(sessions) -> None:
    with transaction(sessions) as session:
        for code, name, bad in BAD_FIELDS:
            with pytest.raises(InvalidFieldsError) as err:
                create_agency(
                    session, actor=None, code=code, name=name, name_km="", kind=AgencyKind.POLICE
                )
            assert set(err.value.errors) == bad, code
        assert list_agencies(session) == []


def test_agency_codes_are_unique(sessions) -> None:
    with transaction(sessions) as session:
        ensure_national_agencies(session)
        with pytest.raises(ConflictError, match="NP"):
            create_agency(
                session, actor=None, code="np", name="Again", name_km="", kind=AgencyKind.POLICE
            )
