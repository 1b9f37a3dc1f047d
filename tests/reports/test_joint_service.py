"""The joint report read from the platform's tables: figures, access, audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from counterflow.audit import AuditEvent
from counterflow.cases import AssetFreezeIn, record_asset_freeze
from counterflow.model.errors import InvalidFieldsError, PermissionDeniedError
from counterflow.reports import joint, record_tally
from counterflow.stats.table import Period

P2022 = Period(date(2022, 1, 1), date(2022, 9, 30))
P2021 = Period(date(2021, 1, 1), date(2021, 9, 30))


def _fill(add_case: Callable[..., int]) -> int:
    scam = add_case(
        "np.supervisor",
        reported=date(2022, 3, 1),
        victims=[
            {
                "gender": "male",
                "nationality": "CHN",
                "estimated_age": 24,
                "context": {
                    "handed_to": "repatriated",
                    "rescued": True,
                    "control_methods": ["debt_bondage", "confiscation_of_documents"],
                },
            },
            {"gender": "female", "nationality": "VNM", "date_of_birth": "2006"},
        ],
        suspects=[
            {
                "gender": "male",
                "nationality": "CHN",
                "context": {"arrested": True, "charged": True, "sent_to_court": True},
            },
            {
                "gender": "male",
                "nationality": "KHM",
                "context": {"arrested": True, "public_official": True},
            },
        ],
        cross_border=True,
    )
    add_case(
        "gmp.supervisor",
        reported=date(2021, 5, 5),
        category="sexual_exploitation",
        exploitation_forms=["sexual_exploitation"],
        province="Phnom Penh",
        victims=[{"gender": "female", "nationality": "KHM", "estimated_age": 14}],
    )
    add_case(
        "np.supervisor",
        reported=date(2022, 4, 4),
        category="money_laundering",
        exploitation_forms=[],
        province=None,
    )
    return scam


def test_the_report_counts_what_the_cases_record(world, add_case) -> None:
    scam = _fill(add_case)
    with world.sessions.begin() as session:
        record_asset_freeze(
            session,
            actor=world["np.supervisor"],
            case_id=scam,
            data=AssetFreezeIn(
                ordered_on=datetime(2022, 5, 1, tzinfo=UTC),
                amount=Decimal("400000000"),
                currency="KHR",
                amount_usd=Decimal("98765.43"),
            ),
        )
        record_tally(
            session,
            actor=world["cafiu.analyst"],
            month=date(2022, 2, 14),
            report_type="str",
            count=37,
        )
    with world.sessions.begin() as session:
        report = joint(session, actor=world["np.investigator"], periods=[P2022, P2021])
    assert report.table("cases_total").totals == (1, 1)
    assert report.table("cases_by_category").column(0) == {
        ("trafficking",): 1,
        ("sexual_exploitation",): 0,
        ("money_laundering",): 1,
    }
    assert report.table("cases_by_agency").column(1) == {("GMP",): 1, ("NP",): 0}
    # A Chinese suspect holding a Chinese victim: foreigners exploiting their own nationals.
    own = report.table("cases_foreign_own_nationals").column(0)
    assert own[("same_foreign_nationality",)] == 1
    victims = report.table("victims_by_sex_age")
    assert victims.column(0)[("male", "18+")] == 1
    assert victims.column(0)[("female", "15-17")] == 1  # born 2006, reported 2022
    assert victims.column(1)[("female", "<15")] == 1
    assert report.table("victims_by_control").column(0)[("debt_bondage",)] == 1
    assert report.table("victims_by_control").column(0)[("unknown",)] == 1
    assert report.table("victims_by_handed_to").column(0)[("repatriated",)] == 1
    assert report.table("suspects_arrested_by_origin").column(0) == {
        ("cambodian",): 1,
        ("foreign",): 1,
        ("unknown",): 0,
    }
    assert report.table("suspects_arrested_officials").column(0)[("yes",)] == 1
    assert report.table("suspects_pipeline").column(0)[("charged",)] == 1
    assert report.table("assets_frozen").totals == (98765, 0)
    assert report.table("reports_received").column(0)[("str",)] == 37
    assert report.table("cases_by_border").column(0)[("cross_border",)] == 1


def test_same_nationality_cases_are_found(world, add_case) -> None:
    add_case(
        "np.supervisor",
        reported=date(2022, 6, 1),
        victims=[{"gender": "male", "nationality": "CHN"}],
        suspects=[{"gender": "male", "nationality": "CHN", "context": {"arrested": True}}],
    )
    with world.sessions.begin() as session:
        report = joint(session, actor=world["ovs.auditor"], periods=[P2022])
    assert report.table("cases_foreign_own_nationals").column(0)[("same_foreign_nationality",)] == 1
    assert report.table("victims_own_nationals").column(0)[("yes", "chinese")] == 1


def test_reading_a_report_is_audited_and_admins_are_refused(world, add_case) -> None:
    with world.sessions.begin() as session:
        joint(session, actor=world["np.investigator"], periods=[P2022, P2021])
    with world.sessions.begin() as session:
        events = list(
            session.scalars(select(AuditEvent).where(AuditEvent.object_type == "joint_report"))
        )
    assert len(events) == 1 and events[0].actor_username == "np.investigator"
    assert json.loads(events[0].detail)["periods"] == [P2022.label, P2021.label]
    with world.sessions.begin() as session, pytest.raises(PermissionDeniedError):
        joint(session, actor=world["np.agency_admin"], periods=[P2022])


def test_tallies_are_for_the_fiu_and_replace_the_month(world) -> None:
    with world.sessions.begin() as session, pytest.raises(PermissionDeniedError):
        record_tally(
            session,
            actor=world["np.supervisor"],
            month=date(2022, 1, 1),
            report_type="str",
            count=1,
        )
    with world.sessions.begin() as session, pytest.raises(InvalidFieldsError):
        record_tally(
            session,
            actor=world["cafiu.analyst"],
            month=date(2022, 1, 1),
            report_type="sar",
            count=1,
        )
    for count in (10, 12):
        with world.sessions.begin() as session:
            record_tally(
                session,
                actor=world["cafiu.analyst"],
                month=date(2022, 1, 20),
                report_type="ctr",
                count=count,
            )
    with world.sessions.begin() as session:
        report = joint(session, actor=world["cafiu.analyst"], periods=[P2022])
        assert report.table("reports_received").column(0)[("ctr",)] == 12
        events = list(
            session.scalars(select(AuditEvent).where(AuditEvent.object_type == "report_tally"))
        )
    assert [json.loads(e.detail)["count"] for e in events] == [[None, 10], [10, 12]]


def test_a_freeze_in_riel_needs_its_dollar_value(world, add_case) -> None:
    case = add_case("np.supervisor", reported=date(2022, 1, 1))
    with world.sessions.begin() as session, pytest.raises(InvalidFieldsError, match="amount_usd"):
        record_asset_freeze(
            session,
            actor=world["np.supervisor"],
            case_id=case,
            data=AssetFreezeIn(
                ordered_on=datetime(2022, 5, 1, tzinfo=UTC),
                amount=Decimal("4000000"),
                currency="KHR",
            ),
        )
