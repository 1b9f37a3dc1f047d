"""Deconfliction: the same phone, document or account in cases of two agencies tells both
whom to call, and nothing about the other case."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from counterflow.cases import (
    AccountIn,
    DeconflictionNotice,
    Identifier,
    IdentifierIn,
    NoticeView,
    PersonIn,
    acknowledge,
    add_identifier,
    add_person,
    get_case,
    link_account,
    notices,
)
from counterflow.model.codes import IdentifierKind, PersonRole
from counterflow.model.errors import InvalidFieldsError, NotFoundError

NP_TITLE = "Scam compound in Bavet, recruiter's phone"
GMP_TITLE = "Trafficking of fishermen via Koh Kong"


def add(world, by: str, case_id: int, **fields):
    data = PersonIn(**({"role": PersonRole.SUSPECT, "name_latin": "Recruiter"} | fields))
    with world.sessions.begin() as session:
        return add_person(session, actor=world[by], case_id=case_id, data=data, screener=None)


def notices_of(world, by: str, **kw) -> list[NoticeView]:
    with world.sessions() as session:
        return notices(session, actor=world[by], **kw)


@pytest.fixture
def two_cases(world, new_case):
    """An NP case and a GMP case, with references."""
    np_id = new_case("np.investigator", title=NP_TITLE)
    gmp_id = new_case("gmp.investigator", title=GMP_TITLE)
    with world.sessions() as session:
        refs = {
            "NP": get_case(session, actor=world["np.investigator"], case_id=np_id)[0].reference,
            "GMP": get_case(session, actor=world["gmp.investigator"], case_id=gmp_id)[0].reference,
        }
    return np_id, gmp_id, refs


def assert_says_nothing_of(notice: NoticeView, *secrets: str) -> None:
    for f in dataclasses.fields(notice):
        assert "other_case" not in f.name
        value = str(getattr(notice, f.name))
        for secret in secrets:
            assert secret not in value, (f.name, value)


def test_the_same_phone_written_differently_raises_notices(world, two_cases) -> None:
    np_id, gmp_id, refs = two_cases
    add(world, "np.investigator", np_id, phones=["012 345 678"])
    assert notices_of(world, "np.supervisor") == []
    add(world, "gmp.investigator", gmp_id, phones=["+855 12 345 678"])

    with world.sessions() as session:
        values = {i.shown: i.value for i in session.scalars(select(Identifier))}
    assert values == {"012 345 678": "85512345678", "+855 12 345 678": "85512345678"}

    (to_np,) = notices_of(world, "np.investigator")
    assert (to_np.case_id, to_np.case_reference) == (np_id, refs["NP"])
    assert (to_np.kind, to_np.value) == (IdentifierKind.PHONE, "85512345678")
    assert to_np.other_agency == "GMP"
    assert to_np.other_agency_name.startswith("National Military Police")
    assert to_np.contact_name == world.names["gmp.supervisor"]
    assert to_np.contact_desk == "GMP anti-trafficking desk +855 23 111 222"
    assert not to_np.acknowledged
    assert_says_nothing_of(to_np, refs["GMP"], GMP_TITLE, "Koh Kong")

    (to_gmp,) = notices_of(world, "gmp.supervisor")
    assert (to_gmp.case_id, to_gmp.case_reference) == (gmp_id, refs["GMP"])
    assert to_gmp.other_agency == "NP"
    assert to_gmp.contact_name == world.names["np.supervisor"]
    assert to_gmp.contact_desk == "NP duty desk"
    assert_says_nothing_of(to_gmp, refs["NP"], NP_TITLE, "Bavet")

    # The notice opens no door: the other case stays out of reach.
    with world.sessions() as session, pytest.raises(NotFoundError):
        get_case(session, actor=world["np.supervisor"], case_id=gmp_id)
    created = world.events(object_type="deconfliction_notice")
    assert sorted(e.case_id for e in created) == sorted([np_id, gmp_id])


def test_notices_are_raised_once_and_only_across_agencies(world, two_cases, new_case) -> None:
    np_id, gmp_id, _ = two_cases
    np_other = new_case("np.analyst", title="Another NP case")
    add(world, "np.investigator", np_id, phones=["012 345 678"])
    add(world, "np.investigator", np_other, phones=["+85512345678"])
    assert world.count(DeconflictionNotice) == 0  # same agency: they talk already
    add(world, "gmp.investigator", gmp_id, phones=["00855 12 345 678"])
    add(world, "gmp.investigator", gmp_id, name_latin="Driver", phones=["012345678"])
    # GMP's case meets each NP case once, whatever the number of persons with the phone.
    assert world.count(DeconflictionNotice) == 4
    assert len(notices_of(world, "gmp.investigator")) == 2
    assert len(notices_of(world, "np.investigator", case_id=np_id)) == 1


def test_documents_accounts_and_emails_are_deconflicted_but_not_addresses(world, two_cases) -> None:
    np_id, gmp_id, _ = two_cases
    add(world, "np.investigator", np_id, documents=["N 0123-4567"])
    add(world, "gmp.investigator", gmp_id, documents=["n01234567"])
    with world.sessions.begin() as session:
        for kind, mine, theirs in (
            (IdentifierKind.EMAIL, "Boss@Example.com", "boss@example.com"),
            (IdentifierKind.ADDRESS, "12 Street 271, Phnom Penh", "12 street 271,  phnom penh"),
        ):
            add_identifier(
                session,
                actor=world["np.investigator"],
                case_id=np_id,
                data=IdentifierIn(kind=kind, value=mine),
            )
            add_identifier(
                session,
                actor=world["gmp.investigator"],
                case_id=gmp_id,
                data=IdentifierIn(kind=kind, value=theirs),
            )
        link_account(
            session,
            actor=world["np.investigator"],
            case_id=np_id,
            data=AccountIn(account="ACLEDA 0001-2345-6789"),
        )
        link_account(
            session,
            actor=world["gmp.investigator"],
            case_id=gmp_id,
            data=AccountIn(account="acleda000123456789"),
        )
    kinds = sorted(n.kind.value for n in notices_of(world, "np.supervisor"))
    assert kinds == ["account", "email", "id_document"]


def test_identifier_values_are_checked(world, two_cases) -> None:
    np_id, _, _ = two_cases
    with world.sessions() as session:
        for kind, value in ((IdentifierKind.EMAIL, "not-an-email"), (IdentifierKind.PHONE, "1")):
            with pytest.raises(InvalidFieldsError):
                add_identifier(
                    session,
                    actor=world["np.investigator"],
                    case_id=np_id,
                    data=IdentifierIn(kind=kind, value=value),
                )


def test_acknowledging_a_notice(world, two_cases) -> None:
    np_id, gmp_id, _ = two_cases
    add(world, "np.investigator", np_id, phones=["012 345 678"])
    add(world, "gmp.investigator", gmp_id, phones=["012 345 678"])
    (to_np,) = notices_of(world, "np.supervisor")
    for outsider in ("gmp.supervisor", "ovs.auditor", "np.agency_admin"):
        with world.sessions() as session, pytest.raises(NotFoundError):
            acknowledge(session, actor=world[outsider], notice_id=to_np.id)
    with world.sessions.begin() as session:
        acknowledge(session, actor=world["np.supervisor"], notice_id=to_np.id)
    assert notices_of(world, "np.supervisor")[0].acknowledged
    assert notices_of(world, "np.supervisor", open_only=True) == []
    assert len(notices_of(world, "gmp.supervisor", open_only=True)) == 1


def test_auditors_and_administrators_get_no_notices(world, two_cases) -> None:
    np_id, gmp_id, _ = two_cases
    add(world, "np.investigator", np_id, phones=["012 345 678"])
    add(world, "gmp.investigator", gmp_id, phones=["012 345 678"])
    for who in ("ovs.auditor", "np.agency_admin", "ovs.system_admin", "cafiu.analyst"):
        assert notices_of(world, who) == []
