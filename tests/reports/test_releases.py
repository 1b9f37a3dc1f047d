"""Releases: published by the NCCT, protected, frozen, hash-chained, corrected not edited."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text

from counterflow.audit import AuditEvent
from counterflow.model.errors import InvalidFieldsError, PermissionDeniedError
from counterflow.publish import ledger, publish, release_json, verify_ledger
from counterflow.publish.codec import sha256
from counterflow.stats.table import Period

P2022 = Period(date(2022, 1, 1), date(2022, 9, 30))
P2021 = Period(date(2021, 1, 1), date(2021, 9, 30))


def _cases(add_case: Callable[..., int]) -> None:
    for day in (date(2021, 2, 1), date(2021, 3, 1), date(2022, 4, 1)):
        add_case(
            "np.supervisor",
            reported=day,
            victims=[{"gender": "female", "nationality": "KHM", "estimated_age": 16}] * 3,
        )


def _publish(world, **kw):  # type: ignore[no-untyped-def]
    values = {"title": "January-September 2022", "period": P2022, "compare": P2021}
    values.update(kw)
    with world.sessions.begin() as session:
        return publish(session, actor=world["ncct.supervisor"], **values)


def test_a_release_freezes_protected_figures_with_exact_totals(world, add_case) -> None:
    _cases(add_case)
    release = _publish(world)
    assert release.seq == 1
    assert release.table("cases_total").totals == (1, 2)
    victims = release.table("victims_by_sex")
    assert victims.totals == (3, 6)  # national totals exact
    shown = {row.key: [c.shown for c in row.cells] for row in victims.rows}
    assert shown[("female",)][0] in ("<10", "x")  # 3 victims: never shown exactly
    assert "3" not in shown[("female",)]
    with world.sessions.begin() as session:
        content = release_json(session, 1)
        assert sha256(content) == release.content_hash
        assert json.loads(content)["tables"][0]["rules_version"] == release.rules_version
        assert verify_ledger(session) == []


def test_only_ncct_supervisors_publish(world) -> None:
    for username in ("np.supervisor", "ncct.analyst", "ovs.auditor"):
        with world.sessions.begin() as session, pytest.raises(PermissionDeniedError):
            publish(session, actor=world[username], title="x", period=P2022, compare=None)


def test_a_correction_is_a_new_release_that_says_why(world, add_case) -> None:
    _cases(add_case)
    first = _publish(world)
    with pytest.raises(InvalidFieldsError, match="note"):
        _publish(world, corrects_seq=1, note="")
    with pytest.raises(InvalidFieldsError, match="corrects_seq"):
        _publish(world, corrects_seq=7, note="a late case was entered")
    add_case("np.supervisor", reported=date(2022, 5, 5))
    second = _publish(world, corrects_seq=1, note="A case of May 2022 was entered late.")
    assert second.prev_hash == first.hash
    assert second.table("cases_total").totals[0] == 2
    with world.sessions.begin() as session:
        releases = ledger(session)
        assert [r.seq for r in releases] == [2, 1]
        assert releases[1].table("cases_total").totals[0] == 1  # the first stays as it was
        events = [
            e for e in session.query(AuditEvent).all() if e.object_type == "statistics_release"
        ]
    assert [e.reason for e in events] == ["", "A case of May 2022 was entered late."]


def test_the_database_refuses_to_edit_a_release(world, add_case) -> None:
    _publish(world)
    for statement in (
        "UPDATE statistics_release SET title = 'edited'",
        "DELETE FROM statistics_release",
    ):
        with world.sessions.begin() as session, pytest.raises(Exception, match="append-only"):
            session.execute(text(statement))


def test_verify_finds_an_altered_release(world, engine) -> None:
    _publish(world)
    _publish(world, title="Again")
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE statistics_release DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER statistics_release_no_update"))
        conn.execute(text("UPDATE statistics_release SET content = '{}' WHERE seq = 1"))
    with world.sessions.begin() as session:
        problems = verify_ledger(session)
    assert problems == ["release 1: content does not match its hash"]
