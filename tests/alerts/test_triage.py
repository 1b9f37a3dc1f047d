"""Alert triage: import, queues, assignment, dismissal with four eyes, escalation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from counterflow.alerts import (
    HIGH_SCORE,
    AlertComment,
    TriageAlert,
    assign,
    comment,
    decide_dismissal,
    dismiss,
    escalate,
    get_alert,
    import_alerts,
    queue,
)
from counterflow.cases import (
    CaseAccount,
    CaseIn,
    CaseTransaction,
    ShareIn,
    create_case,
    get_case,
    share_case,
    transactions,
)
from counterflow.model.codes import AlertStatus, CaseCategory, ShareScope
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)


def linked_accounts(world, case_id: int) -> list[str]:
    with world.sessions() as session:
        rows = session.scalars(select(CaseAccount.account).where(CaseAccount.case_id == case_id))
        return sorted(rows)


REASON = "Payroll of a garment factory: senders are its workers"


def call(world, fn, who: str, /, **kw):
    """``fn`` as ``who`` in one committed transaction."""
    with world.sessions.begin() as session:
        return fn(session, actor=world[who], **kw)


def test_import_is_idempotent(world, make_alert) -> None:
    batch = [make_alert("eng-1", 0.9), make_alert("eng-2", 0.4), make_alert("eng-3", 0.6)]
    cafiu = world.agencies["CAFIU"]
    with world.sessions.begin() as session:
        assert import_alerts(session, alerts=batch, owner_agency_id=cafiu) == 3
    with world.sessions.begin() as session:
        assert import_alerts(session, alerts=batch, owner_agency_id=cafiu) == 0
        assert import_alerts(session, alerts=[], owner_agency_id=cafiu) == 0
        again = [batch[0], make_alert("eng-4"), make_alert("eng-4")]
        assert import_alerts(session, alerts=again, owner_agency_id=cafiu) == 1
    assert world.count(TriageAlert) == 4
    with world.sessions() as session:
        stored = session.scalars(select(TriageAlert).filter_by(engine_alert_id="eng-1")).one()
    assert (stored.status, stored.score, stored.owner_agency_id) == (AlertStatus.NEW, 0.9, cafiu)
    assert (stored.accounts, stored.txn_ids) == (["KH-ACC-1", "KH-ACC-2"], ["t1", "t2"])
    assert stored.thresholds == {"min_senders": 10.0, "window_hours": 48.0}
    assert stored.window_start.isoformat() == "2026-02-01T00:00:00+00:00"
    batches = world.events(object_type="alert_batch")
    assert [(e.actor_username, e.detail) for e in batches] == [
        ("monitor", '{"imported":3}'),
        ("monitor", '{"imported":0}'),
        ("monitor", '{"imported":0}'),
        ("monitor", '{"imported":1}'),
    ]


def test_each_agency_sees_its_own_queue(world, make_alert, imported) -> None:
    low, high = imported([make_alert("c-low", 0.3), make_alert("c-high", 0.95)])
    (np_alert,) = imported([make_alert("n-1", 0.7)], owner="NP")

    def ids(username: str, **kw) -> list[int]:
        return [a.id for a in call(world, queue, username, **kw)]

    assert ids("cafiu.analyst") == [high, low]  # highest score first
    assert ids("np.analyst") == [np_alert]
    assert ids("ovs.auditor") == [high, np_alert, low]
    assert ids("cafiu.agency_admin") == []
    with pytest.raises(NotFoundError):
        call(world, get_alert, "np.analyst", alert_id=high)
    with pytest.raises(NotFoundError):
        call(world, get_alert, "cafiu.agency_admin", alert_id=high)
    got, comments = call(world, get_alert, "ovs.auditor", alert_id=high)
    assert (got.id, comments) == (high, [])
    with pytest.raises(PermissionDeniedError):  # auditors read, they do not triage
        call(world, assign, "ovs.auditor", alert_id=high, username="cafiu.analyst")
    reads = world.events(object_type="alert_queue")
    assert [e.actor_username for e in reads] == [
        "cafiu.analyst",
        "np.analyst",
        "ovs.auditor",
    ]
    assert world.events(object_type="alert", action="read")[-1].actor_username == "ovs.auditor"


def test_queue_filters_by_status(world, make_alert, imported) -> None:
    a, b = imported([make_alert("a", 0.3), make_alert("b", 0.5)])
    call(world, dismiss, "cafiu.analyst", alert_id=a, reason=REASON)
    assert [x.id for x in call(world, queue, "cafiu.analyst")] == [b]
    assert [x.id for x in call(world, queue, "cafiu.analyst", open_only=False)] == [b, a]
    dismissed = call(world, queue, "cafiu.analyst", status=AlertStatus.DISMISSED)
    assert [x.id for x in dismissed] == [a]


def test_assignment_rules(world, make_alert, imported) -> None:
    (alert_id,) = imported([make_alert("a")])
    with pytest.raises(PermissionDeniedError):
        call(world, assign, "cafiu.analyst", alert_id=alert_id, username="cafiu.analyst2")
    took = call(world, assign, "cafiu.analyst", alert_id=alert_id, username="cafiu.analyst")
    assert (took.status, took.assignee_id) == (AlertStatus.ASSIGNED, world["cafiu.analyst"].user_id)
    moved = call(world, assign, "cafiu.supervisor", alert_id=alert_id, username="CAFIU.Analyst2")
    assert moved.assignee_id == world["cafiu.analyst2"].user_id
    for username in ("np.analyst", "cafiu.agency_admin", "nobody"):
        with pytest.raises(InvalidFieldsError):
            call(world, assign, "cafiu.supervisor", alert_id=alert_id, username=username)
    with pytest.raises(NotFoundError):
        call(world, assign, "np.supervisor", alert_id=alert_id, username="np.analyst")
    updates = world.events(object_type="alert", action="update")
    assert [e.detail for e in updates] == [
        '{"assignee":"cafiu.analyst"}',
        '{"assignee":"cafiu.analyst2"}',
    ]


def test_comments(world, make_alert, imported) -> None:
    (alert_id,) = imported([make_alert("a")])
    with pytest.raises(InvalidFieldsError):
        call(world, comment, "cafiu.analyst", alert_id=alert_id, text="   ")
    call(world, comment, "cafiu.analyst", alert_id=alert_id, text="  Collector is a KTV.  ")
    _, comments = call(world, get_alert, "cafiu.supervisor", alert_id=alert_id)
    assert [(c.text, user) for c, user in comments] == [("Collector is a KTV.", "cafiu.analyst")]
    assert world.count(AlertComment) == 1


def test_dismissing_a_low_score_alert(world, make_alert, imported) -> None:
    (alert_id,) = imported([make_alert("a", HIGH_SCORE - 0.01)])
    with pytest.raises(InvalidFieldsError) as err:
        call(world, dismiss, "cafiu.analyst", alert_id=alert_id, reason="benign")
    assert set(err.value.errors) == {"reason"}
    done = call(world, dismiss, "cafiu.analyst", alert_id=alert_id, reason=f"  {REASON}  ")
    assert (done.status, done.dismissal_reason) == (AlertStatus.DISMISSED, REASON)
    assert done.dismissal_requested_by == world["cafiu.analyst"].user_id
    with pytest.raises(ConflictError):
        call(world, dismiss, "cafiu.analyst", alert_id=alert_id, reason=REASON)
    event = world.events(object_type="alert", action="decide")[-1]
    assert event.reason == REASON
    assert '"four_eyes":false' in event.detail


def test_a_high_score_dismissal_needs_another_supervisor(world, make_alert, imported) -> None:
    (alert_id,) = imported([make_alert("a", HIGH_SCORE)])  # the threshold itself is high
    pending = call(world, dismiss, "cafiu.supervisor", alert_id=alert_id, reason=REASON)
    assert pending.status is AlertStatus.DISMISSAL_PENDING
    assert '"four_eyes":true' in world.events(action="decide")[-1].detail
    with pytest.raises(PermissionDeniedError, match="four eyes"):
        call(world, decide_dismissal, "cafiu.supervisor", alert_id=alert_id, approve=True)
    for username in ("cafiu.analyst", "cafiu.investigator"):
        with pytest.raises(PermissionDeniedError, match="only a supervisor"):
            call(world, decide_dismissal, username, alert_id=alert_id, approve=True)
    with pytest.raises(NotFoundError):
        call(world, decide_dismissal, "np.supervisor", alert_id=alert_id, approve=True)
    assert world.alert(alert_id).status is AlertStatus.DISMISSAL_PENDING
    approved = call(
        world, decide_dismissal, "cafiu.supervisor2", alert_id=alert_id, approve=True, note="ok"
    )
    assert approved.status is AlertStatus.DISMISSED
    assert approved.dismissal_approved_by == world["cafiu.supervisor2"].user_id
    assert world.events(action="decide")[-1].detail == '{"dismissal":"approved"}'
    with pytest.raises(ConflictError):
        call(world, decide_dismissal, "cafiu.supervisor2", alert_id=alert_id, approve=True)


def test_a_rejected_dismissal_goes_back_to_triage(world, make_alert, imported) -> None:
    (alert_id,) = imported([make_alert("a", 0.9)])
    call(world, assign, "cafiu.analyst", alert_id=alert_id, username="cafiu.analyst")
    call(world, dismiss, "cafiu.analyst", alert_id=alert_id, reason=REASON)
    back = call(world, decide_dismissal, "cafiu.supervisor", alert_id=alert_id, approve=False)
    assert (back.status, back.dismissal_reason, back.dismissal_requested_by) == (
        AlertStatus.ASSIGNED,
        "",
        None,
    )
    assert back.dismissal_approved_by is None


def test_escalating_into_a_new_case(world, make_alert, imported, lookup) -> None:
    (alert_id,) = imported([make_alert("eng-7", 0.9, txn_ids=("t1", "t2", "t3"))])
    new_case = CaseIn(title="Fan-in to KH-COLLECTOR", category=CaseCategory.MONEY_LAUNDERING)
    case = call(
        world, escalate, "cafiu.analyst", alert_id=alert_id, lookup=lookup, new_case=new_case
    )
    assert lookup.asked == [["t1", "t2", "t3"]]
    assert case.reference.startswith("CAFIU-")
    assert case.lead_agency_id == world.agencies["CAFIU"]
    alert = world.alert(alert_id)
    assert (alert.status, alert.case_id) == (AlertStatus.ESCALATED, case.id)

    with world.sessions.begin() as session:
        rows = {
            t.txn_id: t
            for t in transactions(session, actor=world["cafiu.supervisor"], case_id=case.id)
        }
    assert sorted(rows) == ["t1", "t2", "t3"]
    assert rows["t1"].amount == Decimal("1234567.89")
    assert isinstance(rows["t1"].amount, Decimal)
    assert (rows["t1"].currency, rows["t1"].amount_usd) == ("KHR", Decimal("301.12"))
    assert rows["t2"].amount == Decimal("0.10")
    assert rows["t3"].amount is None  # not in the store: linked by id alone
    assert linked_accounts(world, case.id) == ["KH-ACC-1", "KH-ACC-2", "KH-COLLECTOR"]
    event = world.events(object_type="alert", action="decide")[-1]
    assert event.case_id == case.id
    assert event.detail == (
        f'{{"escalated_to":"{case.reference}","transactions":3,"with_details":2}}'
    )
    with pytest.raises(ConflictError):
        call(world, escalate, "cafiu.analyst", alert_id=alert_id, lookup=lookup, new_case=new_case)


def test_escalating_into_an_existing_case(world, make_alert, imported, lookup) -> None:
    first, second = imported([make_alert("a", accounts=("KH-ACC-9",)), make_alert("b")])
    with world.sessions.begin() as session:
        np_case = create_case(
            session,
            actor=world["np.supervisor"],
            data=CaseIn(title="Scam proceeds", category=CaseCategory.MONEY_LAUNDERING),
        )
        case_id = np_case.id
    # Not shared with CAFIU: the case cannot be named.
    with pytest.raises(InvalidFieldsError) as err:
        call(world, escalate, "cafiu.analyst", alert_id=first, lookup=lookup, case_id=case_id)
    assert set(err.value.errors) == {"case_id"}
    with world.sessions.begin() as session:
        share_case(
            session,
            actor=world["np.supervisor"],
            case_id=case_id,
            data=ShareIn(
                agency_code="CAFIU",
                scope=ShareScope.READ,
                legal_basis="AML/CFT Law 2020, Art. 22",
            ),
        )
    with pytest.raises(InvalidFieldsError):  # reading is not enough to add to it
        call(world, escalate, "cafiu.analyst", alert_id=first, lookup=lookup, case_id=case_id)
    with world.sessions.begin() as session:
        share_case(
            session,
            actor=world["np.supervisor"],
            case_id=case_id,
            data=ShareIn(
                agency_code="CAFIU",
                scope=ShareScope.CONTRIBUTE,
                legal_basis="AML/CFT Law 2020, Art. 22",
            ),
        )
    for alert_id in (first, second):
        case = call(
            world, escalate, "cafiu.analyst", alert_id=alert_id, lookup=lookup, case_id=case_id
        )
        assert case.id == case_id
    # Both alerts name t1 and t2: linked once each.
    assert world.count(CaseTransaction, CaseTransaction.case_id == case_id) == 2
    assert linked_accounts(world, case_id) == ["KH-ACC-1", "KH-ACC-2", "KH-ACC-9", "KH-COLLECTOR"]
    with world.sessions() as session:
        case, _ = get_case(session, actor=world["np.analyst"], case_id=case_id)
        assert case.lead_agency_id == world.agencies["NP"]  # the lead does not change
    assert {world.alert(a).case_id for a in (first, second)} == {case_id}


def test_escalation_needs_exactly_one_target(world, make_alert, imported, lookup) -> None:
    (alert_id,) = imported([make_alert("a")])
    new_case = CaseIn(title="Something", category=CaseCategory.MONEY_LAUNDERING)
    for kw in ({}, {"case_id": 1, "new_case": new_case}):
        with pytest.raises(InvalidFieldsError):
            call(world, escalate, "cafiu.analyst", alert_id=alert_id, lookup=lookup, **kw)
    with pytest.raises(PermissionDeniedError):
        call(world, escalate, "ovs.auditor", alert_id=alert_id, lookup=lookup, new_case=new_case)
    assert world.alert(alert_id).status is AlertStatus.NEW
