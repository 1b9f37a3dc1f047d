"""Opening, editing, listing and sharing cases, and the justice-pipeline workflow."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from counterflow.cases import (
    Case,
    CaseAssignment,
    CaseIn,
    CaseShare,
    NoteIn,
    ShareIn,
    add_note,
    allowed_transitions,
    assign_user,
    assignees,
    change_status,
    create_case,
    get_case,
    list_cases,
    parse,
    revoke_share,
    share_case,
    shares,
    timeline,
    update_case,
)
from counterflow.model.codes import CaseCategory, CaseStatus, Role, ShareScope
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)

S = CaseStatus


def test_references_count_per_agency_and_year(world, new_case) -> None:
    first = new_case("np.investigator")
    second = new_case("np.supervisor")
    gmp = new_case("gmp.investigator")
    older = new_case("np.investigator", reported_on=datetime(2025, 12, 31, 23, 0, tzinfo=UTC))
    with world.sessions() as session:
        refs = {c.id: c.reference for c in session.scalars(select(Case))}
    assert refs[first] == "NP-2026-00001"
    assert refs[second] == "NP-2026-00002"
    assert refs[gmp] == "GMP-2026-00001"
    assert refs[older] == "NP-2025-00001"
    assert all(re.fullmatch(r"[A-Z]+-\d{4}-\d{5}", r) for r in refs.values())


def test_a_new_case_is_led_by_the_opener_who_is_assigned(world, new_case) -> None:
    case_id = new_case("np.analyst")
    with world.sessions.begin() as session:
        case, _ = get_case(session, actor=world["np.analyst"], case_id=case_id)
        assert case.status is S.REPORTED
        assert case.lead_agency_id == world.agencies["NP"]
        assert case.exploitation_forms == ["forced_criminality"]
        assert (case.foreign_suspect, case.same_foreign_nationality) == (False, False)
        assert [u.username for u in assignees(session, case=case)] == ["np.analyst"]
    created = world.events(action="create", object_type="case")
    assert [(e.case_id, e.actor_username) for e in created] == [(case_id, "np.analyst")]


def test_only_case_workers_open_cases(world, make_case_in) -> None:
    for opener in ("np.agency_admin", "ovs.auditor", "ovs.system_admin"):
        with world.sessions() as session, pytest.raises(PermissionDeniedError):
            create_case(session, actor=world[opener], data=make_case_in())
    assert world.count(Case) == 0


def test_case_fields_are_checked(world, make_case_in) -> None:
    with world.sessions() as session:
        with pytest.raises(InvalidFieldsError) as err:
            create_case(
                session,
                actor=world["np.investigator"],
                data=make_case_in(reported_on=datetime(2026, 1, 1)),  # naive: no zone
            )
        assert set(err.value.errors) == {"reported_on"}
        with pytest.raises(InvalidFieldsError) as err:
            create_case(
                session,
                actor=world["np.investigator"],
                data=make_case_in(category=CaseCategory.MONEY_LAUNDERING),
            )
        assert set(err.value.errors) == {"exploitation_forms"}
    with pytest.raises(InvalidFieldsError) as err:
        parse(CaseIn, {"title": "ab", "category": "trafficking", "province": "Atlantis"})
    assert set(err.value.errors) == {"title", "province"}
    with pytest.raises(InvalidFieldsError) as err:
        parse(CaseIn, {"title": "A title", "category": "piracy", "unexpected": 1})
    assert set(err.value.errors) == {"category", "unexpected"}


def test_update_records_old_and_new_values(world, new_case, make_case_in) -> None:
    case_id = new_case("np.investigator")
    with world.sessions.begin() as session:
        update_case(
            session,
            actor=world["np.investigator"],
            case_id=case_id,
            data=make_case_in(title="KTV in Phnom Penh", venue="karaoke_ktv"),
        )
    event = world.events(action="update", object_type="case")[-1]
    assert event.case_id == case_id
    assert '"title":["Online scam compound, Sihanoukville","KTV in Phnom Penh"]' in event.detail
    assert '"venue":["online_scam_compound","karaoke_ktv"]' in event.detail
    assert "province" not in event.detail  # unchanged fields are not listed


# -- the workflow ----------------------------------------------------------------------------


def move(world, username: str, case_id: int, to: CaseStatus, reason: str = "") -> Case:
    with world.sessions.begin() as session:
        return change_status(session, actor=world[username], case_id=case_id, to=to, reason=reason)


def transitions(world, username: str, case_id: int) -> set[CaseStatus]:
    with world.sessions() as session:
        case = session.get(Case, case_id)
        return set(allowed_transitions(session, actor=world[username], case=case))


def test_the_workflow_through_prosecution_to_court(world, new_case) -> None:
    case_id = new_case("np.investigator")
    assert transitions(world, "np.investigator", case_id) == {S.INVESTIGATING}
    assert transitions(world, "np.supervisor", case_id) == {S.INVESTIGATING, S.CLOSED}
    assert transitions(world, "np.analyst", case_id) == set()
    with pytest.raises(PermissionDeniedError):
        move(world, "np.analyst", case_id, S.INVESTIGATING)
    with pytest.raises(ConflictError):
        move(world, "np.supervisor", case_id, S.IN_COURT)  # no jumping ahead
    move(world, "np.investigator", case_id, S.INVESTIGATING)

    # Only a lead supervisor sends a case to the prosecutor.
    with pytest.raises(PermissionDeniedError):
        move(world, "np.investigator", case_id, S.SENT_TO_PROSECUTION)
    with pytest.raises(NotFoundError):  # the prosecutor cannot see it yet
        move(world, "pros.investigator", case_id, S.SENT_TO_PROSECUTION)
    move(world, "np.supervisor", case_id, S.SENT_TO_PROSECUTION)

    # Sending shares the case with the prosecution office to contribute, on a legal basis.
    with world.sessions() as session:
        case = session.get(Case, case_id)
        active = shares(session, case=case)
        assert [(code, s.scope) for s, code in active] == [("PROS", ShareScope.CONTRIBUTE)]
        assert "Code of Criminal Procedure" in active[0][0].legal_basis

    # Now it is the prosecutor's move, not the police's.
    assert transitions(world, "np.supervisor", case_id) == set()
    assert transitions(world, "pros.investigator", case_id) == {S.IN_COURT}
    assert transitions(world, "pros.supervisor", case_id) == {S.IN_COURT, S.INVESTIGATING}
    with pytest.raises(PermissionDeniedError):
        move(world, "np.supervisor", case_id, S.IN_COURT)
    move(world, "pros.investigator", case_id, S.IN_COURT)

    # Closing after the verdict needs a reason.
    with pytest.raises(InvalidFieldsError) as err:
        move(world, "pros.supervisor", case_id, S.CLOSED, reason="  ")
    assert set(err.value.errors) == {"reason"}
    with pytest.raises(PermissionDeniedError):
        move(world, "pros.investigator", case_id, S.CLOSED, reason="verdict of 2026-11-02")
    closed = move(world, "pros.supervisor", case_id, S.CLOSED, reason="verdict of 2026-11-02")
    assert closed.status is S.CLOSED
    assert transitions(world, "pros.supervisor", case_id) == set()

    steps = [e.detail for e in world.events(action="update", object_type="case", case_id=case_id)]
    assert steps == [
        '{"status":["reported","investigating"]}',
        '{"status":["investigating","sent_to_prosecution"]}',
        '{"status":["sent_to_prosecution","in_court"]}',
        '{"status":["in_court","closed"]}',
    ]
    assert world.events(action="update", object_type="case")[-1].reason == "verdict of 2026-11-02"
    with world.sessions() as session:
        texts = [e.text for e, _ in timeline(session, actor=world["np.analyst"], case_id=case_id)]
    assert "in_court → closed: verdict of 2026-11-02" in texts


def test_the_prosecutor_can_send_a_case_back(world, new_case) -> None:
    case_id = new_case("np.investigator")
    move(world, "np.supervisor", case_id, S.INVESTIGATING)
    move(world, "np.supervisor", case_id, S.SENT_TO_PROSECUTION)
    with pytest.raises(PermissionDeniedError):
        move(world, "pros.investigator", case_id, S.INVESTIGATING)
    move(world, "pros.supervisor", case_id, S.INVESTIGATING, reason="more evidence needed")
    move(world, "np.supervisor", case_id, S.SENT_TO_PROSECUTION)
    # Sent twice: still one active sharing with the prosecutor, the first one revoked.
    pros = world.agencies["PROS"]
    assert world.count(CaseShare, CaseShare.agency_id == pros) == 2
    assert world.count(CaseShare, CaseShare.agency_id == pros, CaseShare.revoked_at.is_(None)) == 1


def test_a_shared_police_agency_cannot_move_a_case_to_court(world, new_case, share) -> None:
    case_id = new_case("np.investigator")
    share(case_id, "GMP", "contribute")
    move(world, "np.supervisor", case_id, S.INVESTIGATING)
    move(world, "np.supervisor", case_id, S.SENT_TO_PROSECUTION)
    assert transitions(world, "gmp.supervisor", case_id) == set()
    with pytest.raises(PermissionDeniedError):
        move(world, "gmp.supervisor", case_id, S.IN_COURT)


def test_closing_early_needs_a_lead_supervisor_and_a_reason(world, new_case) -> None:
    case_id = new_case("np.investigator")
    with pytest.raises(InvalidFieldsError):
        move(world, "np.supervisor", case_id, S.CLOSED)
    with pytest.raises(PermissionDeniedError):
        move(world, "np.investigator", case_id, S.CLOSED, reason="no offence found")
    assert move(world, "np.supervisor", case_id, S.CLOSED, reason="no offence").status is S.CLOSED
    with pytest.raises(ConflictError):
        move(world, "np.supervisor", case_id, S.INVESTIGATING)


# -- sharing ---------------------------------------------------------------------------------


def test_sharing_needs_a_legal_basis() -> None:
    with pytest.raises(InvalidFieldsError) as err:
        parse(ShareIn, {"agency_code": "GMP", "scope": "read", "legal_basis": "because"})
    assert set(err.value.errors) == {"legal_basis"}
    with pytest.raises(InvalidFieldsError) as err:
        parse(ShareIn, {"agency_code": "GMP"})
    assert set(err.value.errors) == {"legal_basis"}
    with pytest.raises(ValidationError):
        ShareIn(agency_code="GMP", legal_basis="   short   ")  # stripped: 5 characters
    assert ShareIn(agency_code="GMP", legal_basis="MoU 2025 3").scope is ShareScope.READ


def test_sharing_grants_and_revoking_removes_access(world, new_case) -> None:
    case_id = new_case("np.investigator")
    with world.sessions() as session, pytest.raises(NotFoundError):
        get_case(session, actor=world["gmp.investigator"], case_id=case_id)
    basis = "Joint investigation agreement NP-GMP 2026/4"
    with world.sessions.begin() as session:
        granted = share_case(
            session,
            actor=world["np.supervisor"],
            case_id=case_id,
            data=ShareIn(agency_code="gmp", scope=ShareScope.READ, legal_basis=basis),
        )
        share_id = granted.id
    event = world.events(action="share")[-1]
    assert (event.case_id, event.reason, event.detail) == (
        case_id,
        basis,
        '{"agency":"GMP","scope":"read"}',
    )
    with world.sessions.begin() as session:
        _, rel = get_case(session, actor=world["gmp.investigator"], case_id=case_id)
        assert rel.value == "read"
        with pytest.raises(PermissionDeniedError):
            add_note(
                session, actor=world["gmp.investigator"], case_id=case_id, data=NoteIn(text="x")
            )
    with world.sessions.begin() as session:
        revoke_share(
            session,
            actor=world["np.supervisor"],
            case_id=case_id,
            share_id=share_id,
            reason="joint work finished",
        )
    with world.sessions() as session, pytest.raises(NotFoundError):
        get_case(session, actor=world["gmp.investigator"], case_id=case_id)
    with world.sessions() as session, pytest.raises(NotFoundError):
        revoke_share(
            session, actor=world["np.supervisor"], case_id=case_id, share_id=share_id, reason="x"
        )


def test_sharing_with_the_wrong_agency_is_refused(world, new_case) -> None:
    case_id = new_case("np.investigator")
    for code, why in (("NP", "lead agency"), ("OVS", "oversight body"), ("NOPE", "no such")):
        with world.sessions() as session, pytest.raises(InvalidFieldsError, match=why):
            share_case(
                session,
                actor=world["np.supervisor"],
                case_id=case_id,
                data=ShareIn(agency_code=code, legal_basis="Some law, article 1"),
            )


def test_assigning_users(world, new_case, share) -> None:
    case_id = new_case("np.investigator")
    with world.sessions.begin() as session:
        assign_user(session, actor=world["np.supervisor"], case_id=case_id, username="NP.Analyst")
        again = assign_user(
            session, actor=world["np.supervisor"], case_id=case_id, username="np.analyst"
        )
        assert again.user_id == world["np.analyst"].user_id
        for username, why in (
            ("gmp.investigator", "share it first"),
            ("np.agency_admin", "not assigned to cases"),
            ("nobody", "no such user"),
        ):
            with pytest.raises(InvalidFieldsError, match=why):
                assign_user(
                    session, actor=world["np.supervisor"], case_id=case_id, username=username
                )
        with pytest.raises(PermissionDeniedError):
            assign_user(
                session, actor=world["np.investigator"], case_id=case_id, username="np.analyst"
            )
    share(case_id, "GMP")
    with world.sessions.begin() as session:
        assign_user(
            session, actor=world["np.supervisor"], case_id=case_id, username="gmp.investigator"
        )
    assert world.count(CaseAssignment, CaseAssignment.case_id == case_id) == 3


# -- the case list ---------------------------------------------------------------------------


def listed(world, username: str, **filters) -> list[int]:
    with world.sessions.begin() as session:
        return [s.case.id for s in list_cases(session, actor=world[username], **filters)]


def test_list_cases_shows_only_visible_cases(world, new_case, share) -> None:
    np_case = new_case("np.investigator", title="NP own case")
    np_shared = new_case("np.investigator", title="NP shared with GMP")
    gmp_case = new_case("gmp.investigator", title="GMP own case")
    share(np_shared, "GMP")
    assert sorted(listed(world, "np.analyst")) == [np_case, np_shared]
    assert sorted(listed(world, "gmp.investigator")) == [np_shared, gmp_case]
    assert listed(world, "cafiu.analyst") == []
    assert listed(world, "np.agency_admin") == []
    assert listed(world, "ovs.system_admin") == []
    assert sorted(listed(world, "ovs.auditor")) == [np_case, np_shared, gmp_case]
    with world.sessions() as session:
        rows = list_cases(session, actor=world["gmp.investigator"])
        relations = {s.case.id: (s.lead_agency, s.relation.value) for s in rows}
    assert relations == {np_shared: ("NP", "read"), gmp_case: ("GMP", "lead")}
    # The list itself is audited with the ids it showed.
    event = world.events(object_type="case_list", actor_username="gmp.investigator")[-1]
    assert event.action == "read"
    assert f'"case_ids":[{gmp_case},{np_shared}]' in event.detail  # newest first


def test_list_cases_filters(world, new_case) -> None:
    a = new_case("np.investigator", title="Brick kiln debt bondage")
    b = new_case(
        "np.investigator",
        title="Laundering via casino",
        category="money_laundering",
        exploitation_forms=[],
        venue="casino",
    )
    move(world, "np.investigator", a, S.INVESTIGATING)
    assert listed(world, "np.analyst", status=S.INVESTIGATING) == [a]
    assert listed(world, "np.analyst", category=CaseCategory.MONEY_LAUNDERING) == [b]
    assert listed(world, "np.analyst", text="KILN") == [a]
    assert listed(world, "np.analyst", text="NP-2026-00002") == [b]
    assert listed(world, "np.analyst", text="nothing like this") == []


def test_roles_outside_the_matrix_cannot_use_the_workflow(world, new_case) -> None:
    case_id = new_case("np.investigator")
    with pytest.raises(NotFoundError):
        move(world, "np.agency_admin", case_id, S.INVESTIGATING)
    with pytest.raises(PermissionDeniedError):
        move(world, "ovs.auditor", case_id, S.INVESTIGATING)
    assert world["ovs.auditor"].role is Role.AUDITOR
