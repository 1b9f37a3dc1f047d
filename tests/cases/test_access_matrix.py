"""Need-to-know, cell by cell: every role, in every position relative to a case, trying
every kind of action through the real services.

The expectation is written out by hand below (it is not read from ``access.RULES``), so a
change to the rules that nobody meant shows up here as a failing cell.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from counterflow.cases import (
    CaseAction,
    CaseIn,
    NoteIn,
    Relation,
    ShareIn,
    add_note,
    get_case,
    list_cases,
    share_case,
    update_case,
)
from counterflow.model.actor import Actor
from counterflow.model.codes import CaseCategory, Role
from counterflow.model.errors import NotFoundError, PermissionDeniedError

OK = "ok"
DENIED = "denied"  # PermissionDeniedError: the case is visible, this action is not allowed
HIDDEN = "hidden"  # NotFoundError: as if the case did not exist

INV, ANA, SUP = Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR
ADM, AUD, SYS = Role.AGENCY_ADMIN, Role.AUDITOR, Role.SYSTEM_ADMIN
ACTIONS = (CaseAction.VIEW, CaseAction.CONTRIBUTE, CaseAction.EDIT, CaseAction.MANAGE)
H4 = (HIDDEN, HIDDEN, HIDDEN, HIDDEN)
AUDITOR = (OK, DENIED, DENIED, DENIED)  # oversight reads everything, changes nothing

#                                     view  contribute  edit    manage
EXPECTED: dict[tuple[str, Role], tuple[str, str, str, str]] = {
    ("lead", INV): (OK, OK, OK, DENIED),
    ("lead", ANA): (OK, OK, DENIED, DENIED),
    ("lead", SUP): (OK, OK, OK, OK),
    ("lead", ADM): H4,  # administrators manage people, never read cases
    ("lead", AUD): AUDITOR,
    ("lead", SYS): H4,
    ("shared_contribute", INV): (OK, OK, DENIED, DENIED),
    ("shared_contribute", ANA): (OK, OK, DENIED, DENIED),
    ("shared_contribute", SUP): (OK, OK, DENIED, DENIED),
    ("shared_contribute", ADM): H4,
    ("shared_contribute", AUD): AUDITOR,
    ("shared_contribute", SYS): H4,
    ("shared_read", INV): (OK, DENIED, DENIED, DENIED),
    ("shared_read", ANA): (OK, DENIED, DENIED, DENIED),
    ("shared_read", SUP): (OK, DENIED, DENIED, DENIED),
    ("shared_read", ADM): H4,
    ("shared_read", AUD): AUDITOR,
    ("shared_read", SYS): H4,
    ("oversight", INV): H4,  # sitting in the oversight body is not the auditor's role
    ("oversight", ANA): H4,
    ("oversight", SUP): H4,
    ("oversight", ADM): H4,
    ("oversight", AUD): AUDITOR,
    ("oversight", SYS): H4,
    ("none", INV): H4,
    ("none", ANA): H4,
    ("none", SUP): H4,
    ("none", ADM): H4,
    ("none", AUD): AUDITOR,
    ("none", SYS): H4,
}

RELATION_SEEN = {
    "lead": Relation.LEAD,
    "shared_contribute": Relation.CONTRIBUTE,
    "shared_read": Relation.READ,
}
"""What :func:`get_case` reports to a worker who may view; auditors always see oversight."""

POSITIONS = ("lead", "shared_contribute", "shared_read", "oversight", "none")


def test_the_table_covers_every_role_and_position() -> None:
    assert set(EXPECTED) == {(p, r) for p in POSITIONS for r in Role}


def _view(session: Session, actor: Actor, case_id: int) -> object:
    return get_case(session, actor=actor, case_id=case_id)


def _contribute(session: Session, actor: Actor, case_id: int) -> object:
    return add_note(session, actor=actor, case_id=case_id, data=NoteIn(text="called the hotline"))


def _edit(session: Session, actor: Actor, case_id: int) -> object:
    data = CaseIn(title="Renamed by the matrix", category=CaseCategory.SEXUAL_EXPLOITATION)
    return update_case(session, actor=actor, case_id=case_id, data=data)


def _manage(session: Session, actor: Actor, case_id: int) -> object:
    data = ShareIn(agency_code="PROS", legal_basis="Code of Criminal Procedure, Art. 44")
    return share_case(session, actor=actor, case_id=case_id, data=data)


CALLS: dict[CaseAction, Callable[[Session, Actor, int], object]] = {
    CaseAction.VIEW: _view,
    CaseAction.CONTRIBUTE: _contribute,
    CaseAction.EDIT: _edit,
    CaseAction.MANAGE: _manage,
}


@pytest.mark.parametrize("action", ACTIONS, ids=[a.value for a in ACTIONS])
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("position", POSITIONS)
def test_access_matrix(matrix_world, position: str, role: Role, action: CaseAction) -> None:
    actor = matrix_world.actor(position, role)
    expected = EXPECTED[(position, role)][ACTIONS.index(action)]
    case_id = matrix_world.case_id
    with matrix_world.world.sessions() as session:
        try:
            if expected == HIDDEN:
                with pytest.raises(NotFoundError):
                    CALLS[action](session, actor, case_id)
            elif expected == DENIED:
                with pytest.raises(PermissionDeniedError):
                    CALLS[action](session, actor, case_id)
            else:
                result = CALLS[action](session, actor, case_id)
                if action is CaseAction.VIEW:
                    case, rel = result  # type: ignore[misc]
                    assert case.reference == matrix_world.reference
                    want = Relation.OVERSIGHT if role is AUD else RELATION_SEEN[position]
                    assert rel is want
                elif action is CaseAction.EDIT:
                    assert result.title == "Renamed by the matrix"  # type: ignore[attr-defined]
        finally:
            session.rollback()  # the module's world stays as it was for the next cell


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("position", POSITIONS)
def test_the_case_list_shows_exactly_the_visible_cases(
    matrix_world, position: str, role: Role
) -> None:
    actor = matrix_world.actor(position, role)
    with matrix_world.world.sessions() as session:
        try:
            listed = [s.case.id for s in list_cases(session, actor=actor)]
        finally:
            session.rollback()
    visible = EXPECTED[(position, role)][0] == OK
    assert listed == ([matrix_world.case_id] if visible else [])
