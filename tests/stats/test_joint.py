"""The joint report's figures against counts worked out by hand on small fixtures."""

from __future__ import annotations

from datetime import date

import pytest

from counterflow.stats.facts import CaseFact, PersonFact, RecordFact, placement
from counterflow.stats.joint import SPECS, change_percent, joint_report
from counterflow.stats.table import UNKNOWN, Period

NINE_MONTHS_2022 = Period(date(2022, 1, 1), date(2022, 9, 30))
NINE_MONTHS_2021 = Period(date(2021, 1, 1), date(2021, 9, 30))


def _case(day: date, category: str = "trafficking", **kw: object) -> CaseFact:
    base: dict[str, object] = {
        "reported_on": day,
        "category": category,
        "lead_agency": "NP",
        "province": "Phnom Penh",
        "forms": ("sexual_exploitation",),
        "cross_border": False,
        "status": "investigating",
        "foreign_suspect": False,
        "same_foreign_nationality": False,
        "financial_link": False,
    }
    base.update(kw)
    return CaseFact(**base)  # type: ignore[arg-type]


def test_269_cases_then_122_is_a_fall_of_54_6_percent() -> None:
    # The joint report of January 2023: 122 human trafficking and sexual exploitation cases
    # in the first nine months of 2022 against 269 in the same period of 2021.
    cases = [_case(date(2021, 1 + i % 9, 1 + i % 28)) for i in range(200)]
    cases += [_case(date(2021, 3, 3), "sexual_exploitation") for _ in range(69)]
    cases += [_case(date(2022, 1 + i % 9, 1 + i % 28)) for i in range(100)]
    cases += [_case(date(2022, 5, 5), "sexual_exploitation") for _ in range(22)]
    # Outside both periods, and a laundering case: neither belongs to the headline series.
    cases += [_case(date(2021, 10, 1)), _case(date(2022, 2, 2), "money_laundering")]
    report = joint_report(cases=cases, persons=[], periods=[NINE_MONTHS_2022, NINE_MONTHS_2021])
    headline = report.table("cases_total")
    assert headline.totals == (122, 269)
    assert change_percent(headline.totals[1], headline.totals[0]) == -54.6
    by_category = report.table("cases_by_category").column(0)
    assert by_category[("trafficking",)] == 100
    assert by_category[("sexual_exploitation",)] == 22
    assert by_category[("money_laundering",)] == 1


def test_victim_tables_count_unknowns_and_keep_sources_apart() -> None:
    day = date(2022, 4, 1)
    persons = [
        PersonFact("victim", day, sex="female", age=14, nationality="KHM", rescued=True),
        PersonFact("victim", day, sex="female", age=16, nationality="VNM"),
        PersonFact("victim", day, sex="male", age=None, nationality=None),
        PersonFact("victim", day, sex="unknown", age=30, nationality="CHN", handed_to="ngo"),
        PersonFact("suspect", day, sex="male", nationality="CHN", arrested=True),
        PersonFact("victim", None, year=2022, sex="female", minor=True, source="ctdc"),
        PersonFact("victim", None, year=2021, sex="male", minor=False, source="ctdc"),
    ]
    whole_2022 = Period(date(2022, 1, 1), date(2022, 12, 31))
    report = joint_report(cases=[], persons=persons, periods=[whole_2022, NINE_MONTHS_2021])
    sex = report.table("victims_by_sex")
    assert [(c.source, c.period) for c in sex.columns] == [
        ("platform", whole_2022),
        ("ctdc", whole_2022),
        ("platform", NINE_MONTHS_2021),
        ("ctdc", NINE_MONTHS_2021),
    ]
    assert sex.totals == (4, 1, 0, 0)
    assert sex.column(0) == {("female",): 2, ("male",): 1, ("other",): 0, ("unknown",): 1}
    assert sex.unknown(0) == 1
    ages = report.table("victims_by_age").column(0)
    assert ages == {("<15",): 1, ("15-17",): 1, ("<18",): 0, ("18+",): 1, (UNKNOWN,): 1}
    assert report.table("victims_by_age").column(1)[("<18",)] == 1
    nat = report.table("victims_by_nationality").column(0)
    assert nat[("cambodian",)] == 1 and nat[("vietnamese",)] == 1 and nat[("chinese",)] == 1
    assert nat[(UNKNOWN,)] == 1
    rescued = report.table("victims_rescued").column(0)
    assert rescued == {("yes",): 1, ("no",): 0, (UNKNOWN,): 3}
    # The 2021 CTDC record has only a year, which January-September 2021 covers in part.
    assert [(u.source, u.period, u.count) for u in report.unplaced] == [
        ("ctdc", NINE_MONTHS_2021, 1)
    ]
    two_d = report.table("victims_by_sex_age")
    assert two_d.column(0)[("female", "<15")] == 1
    assert sum(two_d.column(0).values()) == 4


def test_multi_select_rows_exceed_the_total_and_empty_counts_unknown() -> None:
    day = date(2022, 6, 1)
    cases = [
        _case(day, forms=("forced_labour", "forced_criminality")),
        _case(day, forms=("forced_criminality",)),
        _case(day, forms=()),
    ]
    table = joint_report(cases=cases, persons=[], periods=[NINE_MONTHS_2022]).table("cases_by_form")
    assert table.multi_select and "counted once under each" in table.denominator_rule
    col = table.column(0)
    assert col[("forced_criminality",)] == 2
    assert col[("forced_labour",)] == 1
    assert col[(UNKNOWN,)] == 1
    assert table.totals == (3,)
    assert sum(col.values()) == 4


def test_suspects_and_the_justice_pipeline() -> None:
    day = date(2022, 2, 1)
    persons = [
        PersonFact(
            "suspect",
            day,
            sex="male",
            nationality="CHN",
            arrested=True,
            charged=True,
            sent_to_court=True,
            convicted=True,
            public_official=False,
        ),
        PersonFact(
            "suspect", day, sex="female", nationality="KHM", arrested=True, public_official=True
        ),
        PersonFact("suspect", day, sex="male", nationality=None),
        PersonFact("suspect", day, sex="male", arrested=True, tip_case=False),
    ]
    report = joint_report(cases=[], persons=persons, periods=[NINE_MONTHS_2022])
    assert report.table("suspects_arrested_by_sex").column(0)[("male",)] == 1
    assert report.table("suspects_arrested_by_origin").column(0) == {
        ("cambodian",): 1,
        ("foreign",): 1,
        (UNKNOWN,): 0,
    }
    assert report.table("suspects_arrested_officials").column(0)[("yes",)] == 1
    assert report.table("suspects_to_court_by_sex").totals == (1,)
    pipeline = report.table("suspects_pipeline")
    assert pipeline.totals == (3,)
    assert pipeline.column(0) == {
        ("arrested",): 2,
        ("charged",): 1,
        ("sent_to_court",): 1,
        ("convicted",): 1,
        ("none_recorded",): 1,
    }


def test_financial_side() -> None:
    records = [
        RecordFact("report", date(2022, 1, 31), "str", count=40),
        RecordFact("report", date(2022, 2, 28), "ctr", count=1200),
        RecordFact("alert", date(2022, 3, 3), "fan_in"),
        RecordFact("alert", date(2022, 3, 4), "fan_in"),
        RecordFact("freeze", date(2022, 3, 5), "trafficking", amount_usd=125_000),
        RecordFact("freeze", date(2021, 3, 5), "trafficking", amount_usd=1),
    ]
    cases = [_case(date(2022, 1, 1), financial_link=True), _case(date(2022, 1, 2))]
    report = joint_report(
        cases=cases, persons=[], records=records, periods=[NINE_MONTHS_2022, NINE_MONTHS_2021]
    )
    assert report.table("reports_received").column(0) == {
        ("str",): 40,
        ("ctr",): 1200,
        ("other",): 0,
    }
    assert report.table("alerts_by_typology").column(0) == {("fan_in",): 2}
    assert report.table("assets_frozen").totals == (125_000, 1)
    assert report.table("cases_financial_link").column(0) == {("yes",): 1, ("no",): 1}


def test_every_table_counts_unknowns_where_values_can_be_missing() -> None:
    report = joint_report(
        cases=[_case(date(2022, 1, 1), province=None, cross_border=None)],
        persons=[
            PersonFact("victim", date(2022, 1, 1)),
            PersonFact("suspect", date(2022, 1, 1), arrested=True),
        ],
        periods=[NINE_MONTHS_2022],
    )
    for key in (
        "cases_by_province",
        "cases_by_border",
        "victims_by_sex",
        "victims_by_age",
        "victims_by_nationality",
        "victims_by_handed_to",
        "suspects_arrested_by_sex",
    ):
        assert report.table(key).unknown(0) == 1, key


def test_at_most_two_person_attributes_and_unique_keys() -> None:
    assert len({s.key for s in SPECS}) == len(SPECS)
    assert all(len(s.person_attributes) <= 2 for s in SPECS)


@pytest.mark.parametrize(
    ("when", "year", "expected"),
    [
        (date(2022, 3, 1), None, True),
        (date(2022, 10, 1), None, False),
        (None, 2022, None),
        (None, 2020, False),
        (None, None, None),
    ],
)
def test_placement(when: date | None, year: int | None, expected: bool | None) -> None:
    assert placement(when, year, NINE_MONTHS_2022) is expected


def test_a_whole_year_places_year_only_records() -> None:
    assert placement(None, 2022, Period(date(2021, 7, 1), date(2023, 6, 30))) is True


def test_comparison_periods() -> None:
    from counterflow.stats.periods import comparison, previous_period, previous_year

    assert previous_year(NINE_MONTHS_2022) == NINE_MONTHS_2021
    leap = Period(date(2024, 2, 1), date(2024, 2, 29))
    assert previous_year(leap) == Period(date(2023, 2, 1), date(2023, 2, 28))
    q2 = Period(date(2022, 4, 1), date(2022, 6, 30))
    assert previous_period(q2) == Period(date(2022, 1, 1), date(2022, 3, 31))
    ten_days = Period(date(2022, 4, 11), date(2022, 4, 20))
    assert previous_period(ten_days) == Period(date(2022, 4, 1), date(2022, 4, 10))
    assert comparison(q2, "none") is None
    assert comparison(q2, "2020-01-01:2020-03-31") == Period(date(2020, 1, 1), date(2020, 3, 31))
    with pytest.raises(ValueError, match="--compare"):
        comparison(q2, "last-week")


def test_monthly_trend_aligns_each_period_on_the_first() -> None:
    cases = [
        _case(date(2022, 1, 5)),
        _case(date(2022, 1, 20)),
        _case(date(2022, 3, 1)),
        _case(date(2021, 3, 9)),
        _case(date(2021, 9, 30)),
    ]
    persons = [PersonFact("victim", date(2022, 3, 1)), PersonFact("victim", None, year=2022)]
    report = joint_report(
        cases=cases, persons=persons, periods=[NINE_MONTHS_2022, NINE_MONTHS_2021]
    )
    months = report.table("cases_by_month")
    assert [r.key[0] for r in months.rows][:3] == ["2022-01", "2022-02", "2022-03"]
    assert len(months.rows) == 9
    assert months.column(0)[("2022-01",)] == 2
    assert months.column(1)[("2022-03",)] == 1  # March 2021 beside March 2022
    assert months.column(1)[("2022-09",)] == 1
    assert months.totals == (3, 2)
    assert report.table("victims_by_month").totals == (1, 0)
