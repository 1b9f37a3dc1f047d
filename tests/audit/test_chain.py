"""The audit trail's hash chain: appended in order, verified, and tampering detected, on
SQLite and PostgreSQL. The database itself refuses UPDATE and DELETE (triggers); the tamper
tests switch those off first, as a database owner could."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from counterflow.audit import GENESIS_HASH, AuditAction, AuditEvent, event_hash, record, verify
from counterflow.audit.chain import HASHED_FIELDS
from counterflow.store import transaction


def verify_now(sessions: sessionmaker[Session], batch: int = 5000):
    with sessions() as session:
        return verify(session, batch=batch)


def fields_of(event: AuditEvent) -> dict:
    return {name: getattr(event, name) for name in HASHED_FIELDS}


def test_record_appends_a_chain(append, all_events) -> None:
    append(4)
    events = all_events()
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    # Read back from the database, every hash is still the hash of the stored fields: the
    # canonical form survives either backend's round trip (times, JSON, Khmer text).
    for e in events:
        assert e.hash == event_hash(fields_of(e))
        assert len(e.hash) == 64
    assert len({e.hash for e in events}) == 4


def test_record_stores_who_what_and_why(sessions, investigator, all_events) -> None:
    with transaction(sessions) as session:
        record(
            session,
            actor=investigator,
            action=AuditAction.UPDATE,
            object_type="case",
            object_id=7,
            case_id=7,
            reason="court order 12/2026",
            detail={"title": ["old", "new"]},
        )
        record(
            session,
            actor=None,
            username="somebody",
            action=AuditAction.LOGIN_FAILED,
            object_type="user",
            object_id="somebody",
        )
    first, second = all_events()
    assert (first.actor_user_id, first.actor_username, first.actor_agency) == (
        2,
        "np.investigator",
        "NP",
    )
    assert (first.actor_role, first.action, first.object_id, first.case_id) == (
        "investigator",
        "update",
        "7",
        7,
    )
    assert first.request_id == "req-np.investigator"
    assert first.reason == "court order 12/2026"
    assert first.detail == '{"title":["old","new"]}'
    assert first.at.tzinfo is not None
    assert (second.actor_user_id, second.actor_username, second.actor_agency) == (
        None,
        "somebody",
        "",
    )


def test_a_rolled_back_event_leaves_no_gap(sessions, investigator, append, all_events) -> None:
    append(1)

    def failing_request() -> None:
        with transaction(sessions) as session:
            record(session, actor=investigator, action="read", object_type="case", object_id=1)
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        failing_request()
    append(1)
    assert [e.seq for e in all_events()] == [1, 2]
    assert verify_now(sessions).ok


def test_verify_an_intact_chain(sessions, append, all_events) -> None:
    assert verify_now(sessions).ok
    assert verify_now(sessions).events == 0
    append(5)
    report = verify_now(sessions, batch=2)  # batches of 2: the walk crosses batch boundaries
    assert report.ok, report.problems
    assert report.events == 5
    assert report.head_seq == 5
    assert report.head_hash == all_events()[-1].hash


# -- the database refuses to rewrite history ----------------------------------------------


REWRITES = [
    "UPDATE audit_event SET reason = 'nothing happened' WHERE seq = 1",
    "UPDATE audit_event SET actor_username = 'someone.else'",
    "DELETE FROM audit_event WHERE seq = 2",
    "DELETE FROM audit_event",
]


def test_the_database_refuses_update_and_delete(sessions, append, all_events) -> None:
    before = [(e.seq, e.reason, e.actor_username, e.hash) for e in append(2)]
    for sql in REWRITES:
        with sessions() as session, pytest.raises(DBAPIError, match="append-only"):
            session.execute(text(sql))
    assert [(e.seq, e.reason, e.actor_username, e.hash) for e in all_events()] == before
    assert verify_now(sessions).ok


def test_the_orm_cannot_update_or_delete_an_event_either(sessions, append, all_events) -> None:
    append(2)
    with sessions() as session:
        event = session.get(AuditEvent, 1)
        assert event is not None
        event.reason = "rewritten"
        with pytest.raises(DBAPIError, match="append-only"):
            session.flush()
    with sessions() as session:
        event = session.get(AuditEvent, 2)
        session.delete(event)
        with pytest.raises(DBAPIError, match="append-only"):
            session.flush()
    assert [e.reason for e in all_events()] == ["", ""]


def test_postgresql_refuses_truncate(sessions, append) -> None:
    append(1)
    with sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("TRUNCATE is a PostgreSQL statement")
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(text("TRUNCATE audit_event"))
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1


# -- and the chain catches whoever gets around that ----------------------------------------


def test_an_altered_field_is_detected(sessions, append, tamper) -> None:
    append(3)
    tamper("UPDATE audit_event SET reason = 'nothing to see' WHERE seq = 2")
    report = verify_now(sessions)
    assert not report.ok
    assert report.problems == ["event 2: content does not match its hash (altered)"]


def test_any_altered_field_is_detected(sessions, append, tamper) -> None:
    append(5)
    tamper(
        "UPDATE audit_event SET actor_username = 'np.analyst' WHERE seq = 1",
        "UPDATE audit_event SET case_id = 999 WHERE seq = 2",
        "UPDATE audit_event SET detail = '{}' WHERE seq = 3",
        "UPDATE audit_event SET action = 'update' WHERE seq = 4",
    )
    assert verify_now(sessions).problems == [
        f"event {seq}: content does not match its hash (altered)" for seq in (1, 2, 3, 4)
    ]


def test_an_altered_event_with_a_recomputed_hash_breaks_the_next_link(
    sessions, append, tamper, all_events
) -> None:
    append(3)
    forged = fields_of(all_events()[1])
    forged["reason"] = "forged"
    tamper(f"UPDATE audit_event SET reason = 'forged', hash = '{event_hash(forged)}' WHERE seq = 2")
    problems = verify_now(sessions).problems
    assert len(problems) == 1
    assert problems[0].startswith("event 3: link to the previous event is broken")


def test_a_deleted_event_is_detected(sessions, append, tamper) -> None:
    append(4)
    tamper("DELETE FROM audit_event WHERE seq = 2")
    report = verify_now(sessions, batch=2)
    assert not report.ok
    assert report.events == 3
    assert [p.split(" (")[0] for p in report.problems] == [
        "event 3: expected sequence number 2",
        "event 3: link to the previous event is broken",
    ]


def test_deleting_the_newest_events_is_caught_by_the_head_kept_elsewhere(
    sessions, append, tamper
) -> None:
    append(3)
    kept = verify_now(sessions)
    tamper("DELETE FROM audit_event WHERE seq = 3")
    report = verify_now(sessions)
    assert report.ok  # a shorter chain is a valid chain, but not the one whose head we kept
    assert (report.head_seq, report.head_hash) != (kept.head_seq, kept.head_hash)


def test_swapped_events_are_detected(sessions, append, tamper) -> None:
    append(4)
    tamper(
        "UPDATE audit_event SET seq = -1 WHERE seq = 2",
        "UPDATE audit_event SET seq = 2 WHERE seq = 3",
        "UPDATE audit_event SET seq = 3 WHERE seq = -1",
    )
    report = verify_now(sessions)
    assert not report.ok
    flagged = {p.split(":")[0] for p in report.problems}
    assert flagged == {"event 2", "event 3", "event 4"}
    assert "event 2: content does not match its hash (altered)" in report.problems


def test_a_forged_event_with_a_wrong_link_is_detected(sessions, append, all_events) -> None:
    # Inserting is what the triggers allow (the trail is append-only, not read-only): an
    # event written past the service, with a made-up link, shows up as a broken chain.
    append(2)
    forged = fields_of(all_events()[-1]) | {"seq": 3, "prev_hash": "f" * 64, "reason": "x"}
    with transaction(sessions) as session:
        session.add(AuditEvent(**forged, hash=event_hash(forged)))
    problems = verify_now(sessions).problems
    assert problems == [
        "event 3: link to the previous event is broken "
        "(an event before it was deleted, inserted or altered)"
    ]
