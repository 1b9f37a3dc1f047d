"""The oversight report: reads of case records by users not assigned to the case."""

from __future__ import annotations

import pytest

from counterflow.cases import assign_user, get_case, persons, timeline, unassigned_reads
from counterflow.model.errors import PermissionDeniedError


def read(world, username: str, case_id: int, times: int = 1) -> None:
    for _ in range(times):
        with world.sessions.begin() as session:
            get_case(session, actor=world[username], case_id=case_id)


def report(world, username: str = "ovs.auditor"):
    with world.sessions.begin() as session:
        return unassigned_reads(session, actor=world[username])


def test_an_unassigned_supervisor_reading_a_case_is_reported(world, new_case) -> None:
    case_id = new_case("np.investigator")  # the opener is assigned
    read(world, "np.investigator", case_id, times=3)
    read(world, "np.supervisor", case_id, times=2)
    with world.sessions.begin() as session:
        persons(session, actor=world["np.supervisor"], case_id=case_id)
        timeline(session, actor=world["np.investigator"], case_id=case_id)
    read(world, "ovs.auditor", case_id)  # oversight's own reads are not the question
    rows = report(world)
    assert [(r.username, r.agency, r.case_id, r.object_type, r.reads) for r in rows] == [
        ("np.supervisor", "NP", case_id, "case", 2),
        ("np.supervisor", "NP", case_id, "person", 1),
    ]
    assert rows[0].case_reference == "NP-2026-00001"
    assert rows[0].first <= rows[0].last
    last = world.events()[-1]
    assert (last.object_type, last.actor_username) == ("oversight_report", "ovs.auditor")


def test_once_assigned_the_reads_are_no_longer_reported(world, new_case) -> None:
    case_id = new_case("np.investigator")
    read(world, "np.analyst", case_id)
    assert [r.username for r in report(world)] == ["np.analyst"]
    with world.sessions.begin() as session:
        assign_user(session, actor=world["np.supervisor"], case_id=case_id, username="np.analyst")
    assert report(world) == []


def test_only_auditors_run_the_report(world) -> None:
    for username in ("np.supervisor", "np.agency_admin", "ovs.system_admin"):
        with pytest.raises(PermissionDeniedError):
            report(world, username)
