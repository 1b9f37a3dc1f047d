"""Every read and write of case data is on the audit trail with its case; a failed request
leaves nothing behind; hostile text is stored as text."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from counterflow.audit import AuditEvent, verify
from counterflow.cases import (
    AccountIn,
    Case,
    CaseIn,
    Identifier,
    IdentifierIn,
    NoteIn,
    Person,
    PersonIn,
    ShareIn,
    TimelineEntry,
    TransactionIn,
    VictimIn,
    accounts,
    add_evidence,
    add_identifier,
    add_note,
    add_person,
    assign_user,
    change_status,
    create_case,
    custody,
    download,
    evidence_list,
    get_case,
    link_account,
    link_transactions,
    list_cases,
    persons,
    set_victim_context,
    share_case,
    timeline,
    transactions,
    update_case,
)
from counterflow.model.codes import CaseCategory, CaseStatus, PersonRole
from counterflow.model.errors import InvalidFieldsError
from counterflow.store import transaction

PDF = b"%PDF-1.4\n%%EOF\n"


def test_every_read_and_write_is_audited_with_its_case(world, new_case, storage) -> None:
    case_id = new_case("np.investigator")
    inv, ana, sup = world["np.investigator"], world["np.analyst"], world["np.supervisor"]
    ids: dict[str, int] = {}

    def remember(key: str, obj: Any) -> Any:
        ids[key] = obj.id
        return obj

    steps: list[tuple[str, str, Callable[[Session], Any]]] = [
        ("read", "case", lambda s: get_case(s, actor=ana, case_id=case_id, reason="review")),
        (
            "update",
            "case",
            lambda s: update_case(
                s,
                actor=inv,
                case_id=case_id,
                data=CaseIn(title="Renamed case", category=CaseCategory.TRAFFICKING),
            ),
        ),
        (
            "create",
            "note",
            lambda s: add_note(s, actor=ana, case_id=case_id, data=NoteIn(text="n")),
        ),
        ("read", "timeline", lambda s: timeline(s, actor=ana, case_id=case_id)),
        (
            "create",
            "person",
            lambda s: remember(
                "person",
                add_person(
                    s,
                    actor=inv,
                    case_id=case_id,
                    data=PersonIn(role=PersonRole.VICTIM, name_latin="Srey Mom"),
                    screener=None,
                ),
            ),
        ),
        (
            "update",
            "person",
            lambda s: set_victim_context(
                s,
                actor=inv,
                case_id=case_id,
                person_id=ids["person"],
                data=VictimIn(rescued=True),
            ),
        ),
        ("read", "person", lambda s: persons(s, actor=ana, case_id=case_id)),
        (
            "create",
            "identifier",
            lambda s: add_identifier(
                s,
                actor=inv,
                case_id=case_id,
                data=IdentifierIn(kind="phone", value="097 111 2222"),
            ),
        ),
        (
            "create",
            "case_account",
            lambda s: link_account(
                s, actor=ana, case_id=case_id, data=AccountIn(account="ABA 000 111 222")
            ),
        ),
        ("read", "case_account", lambda s: accounts(s, actor=ana, case_id=case_id)),
        (
            "create",
            "case_transaction",
            lambda s: link_transactions(
                s,
                actor=ana,
                case_id=case_id,
                rows=[TransactionIn(txn_id="t1", amount=Decimal("10.50"), currency="usd")],
            ),
        ),
        ("read", "case_transaction", lambda s: transactions(s, actor=ana, case_id=case_id)),
        (
            "create",
            "evidence",
            lambda s: remember(
                "evidence",
                add_evidence(
                    s,
                    actor=inv,
                    case_id=case_id,
                    filename="a.pdf",
                    content=PDF,
                    description="",
                    storage=storage,
                ),
            ),
        ),
        ("read", "evidence", lambda s: evidence_list(s, actor=ana, case_id=case_id)),
        (
            "download",
            "evidence",
            lambda s: download(
                s, actor=ana, case_id=case_id, evidence_id=ids["evidence"], storage=storage
            ),
        ),
        (
            "read",
            "custody",
            lambda s: custody(s, actor=ana, case_id=case_id, evidence_id=ids["evidence"]),
        ),
        (
            "share",
            "case",
            lambda s: share_case(
                s,
                actor=sup,
                case_id=case_id,
                data=ShareIn(agency_code="GMP", legal_basis="Prakas 2024 on data sharing"),
            ),
        ),
        (
            "update",
            "case",
            lambda s: assign_user(s, actor=sup, case_id=case_id, username="np.analyst"),
        ),
        (
            "update",
            "case",
            lambda s: change_status(s, actor=inv, case_id=case_id, to=CaseStatus.INVESTIGATING),
        ),
    ]
    for action, object_type, call in steps:
        before = world.events()[-1].seq
        with world.sessions.begin() as session:
            call(session)
        new = [e for e in world.events() if e.seq > before]
        assert (action, object_type, case_id) in {
            (e.action, e.object_type, e.case_id) for e in new
        }, (action, object_type, [(e.action, e.object_type, e.case_id) for e in new])
        assert all(e.case_id == case_id for e in new if e.object_type != "case_list")
    with world.sessions() as session:
        assert verify(session).ok


def test_the_case_list_is_audited_with_the_cases_shown(world, new_case) -> None:
    a, b = new_case("np.investigator"), new_case("np.investigator")
    with world.sessions.begin() as session:
        list_cases(session, actor=world["np.analyst"], text="scam")
    event = world.events(object_type="case_list")[-1]
    assert (event.action, event.actor_username) == ("read", "np.analyst")
    assert event.detail == f'{{"case_ids":[{b},{a}],"filters":{{"text":"scam"}}}}'


def counts(world) -> dict[str, int]:
    with world.sessions() as session:
        return {
            m.__name__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in (Case, Person, Identifier, TimelineEntry, AuditEvent)
        }


def test_a_failed_request_leaves_nothing_written(world, make_case_in) -> None:
    before = counts(world)

    def request() -> None:
        with transaction(world.sessions) as session:
            case = create_case(session, actor=world["np.investigator"], data=make_case_in())
            add_person(
                session,
                actor=world["np.investigator"],
                case_id=case.id,
                data=PersonIn(role=PersonRole.SUSPECT, name_latin="Ok", phones=["012 345 678"]),
                screener=None,
            )
            add_person(  # refused: the whole request goes
                session,
                actor=world["np.investigator"],
                case_id=case.id,
                data=PersonIn(role=PersonRole.SUSPECT, name_latin="Bad", phones=["12"]),
                screener=None,
            )

    with pytest.raises(InvalidFieldsError):
        request()
    assert counts(world) == before


def test_a_screener_crash_after_writes_leaves_nothing(world, new_case) -> None:
    case_id = new_case("np.investigator")
    before = counts(world)

    class Crashing:
        def screen(self, query):
            raise RuntimeError("matcher crashed")

    def request() -> None:
        with transaction(world.sessions) as session:
            add_person(
                session,
                actor=world["np.investigator"],
                case_id=case_id,
                data=PersonIn(role=PersonRole.SUSPECT, name_latin="Chen Wei", phones=["012345678"]),
                screener=Crashing(),
            )

    with pytest.raises(RuntimeError):
        request()
    assert counts(world) == before
    with world.sessions() as session:
        assert verify(session).ok


HOSTILE = [
    "Robert'); DROP TABLE case_file;--",
    "' OR '1'='1",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "%_\\ percent, underscore, backslash, \t tabs and\nnew lines",
    "ក្រុមហ៊ុន 'ស្រមោល' \"quoted\" & ; --",
]


def test_hostile_text_is_stored_exactly(world, make_case_in) -> None:
    stored: list[tuple[int, str, str]] = []
    with world.sessions.begin() as session:
        for hostile in HOSTILE:
            title = ("Case " + hostile)[:200].strip()
            case = create_case(
                session,
                actor=world["np.investigator"],
                data=make_case_in(title=title, summary=hostile),
            )
            add_person(
                session,
                actor=world["np.investigator"],
                case_id=case.id,
                data=PersonIn(role=PersonRole.SUSPECT, name_latin="X " + hostile, notes=hostile),
                screener=None,
            )
            note = NoteIn(text=hostile)
            add_note(session, actor=world["np.investigator"], case_id=case.id, data=note)
            stored.append((case.id, title, hostile))
    with world.sessions() as session:
        analyst = world["np.analyst"]
        for case_id, title, hostile in stored:
            case, _ = get_case(session, actor=analyst, case_id=case_id)
            assert (case.title, case.summary) == (title, hostile)
            (view,) = persons(session, actor=analyst, case_id=case_id)
            assert view.person.notes == hostile
            assert view.person.name_latin == ("X " + hostile).strip()
            notes = [e.text for e, _ in timeline(session, actor=analyst, case_id=case_id)]
            assert hostile.strip() in notes
            found = list_cases(session, actor=analyst, text=hostile.strip()[:20])
            assert [s.case.id for s in found] == [case_id]
        # The tables are all still there.
        assert session.execute(text("SELECT count(*) FROM case_file")).scalar() == len(HOSTILE)


def test_search_text_is_matched_literally(world, new_case) -> None:
    percent = new_case("np.investigator", title="Fees of 30% taken from wages")
    under = new_case("np.investigator", title="Account ref A_17 at the casino")
    path = new_case("np.investigator", title="Files found in C:\\Users\\boss")
    new_case("np.investigator", title="Plain title")

    def found(q: str) -> list[int]:
        with world.sessions() as session:
            return sorted(s.case.id for s in list_cases(session, actor=world["np.analyst"], text=q))

    assert found("%") == [percent]
    assert found("A_1") == [under]
    assert found("_") == [under]
    assert found("C:\\") == [path]
    assert found("\\") == [path]
