"""Disclosure control by hand: rounding, refused tables, percentages, and the intruder's
classic attacks (a total that gives a hidden cell away, a margin, a difference between
releases) each met by a complementary suppression."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from counterflow.model.errors import CounterflowError
from counterflow.stats.disclosure import (
    RULES_VERSION,
    DisclosureError,
    Finding,
    Rules,
    audit,
    change,
    check_table,
    figure,
    protect,
    share,
)
from counterflow.stats.table import (
    Column,
    Period,
    PublicCell,
    PublicRow,
    PublicTable,
    Row,
    Table,
    Unit,
)

JAN_SEP = Period(date(2024, 1, 1), date(2024, 9, 30))
JAN_OCT = Period(date(2024, 1, 1), date(2024, 10, 31))
YEAR_BEFORE = Period(date(2023, 1, 1), date(2023, 9, 30))
SEXES = ("female", "male", "unknown")


def table(
    *columns: Sequence[int],
    key: str = "victims_by_sex",
    dimension: str = "sex",
    categories: Sequence[str] = SEXES,
    periods: Sequence[Period] = (JAN_SEP,),
    unit: Unit = Unit.PERSONS,
    multi_select: bool = False,
    totals: Sequence[int] | None = None,
) -> Table:
    """A one-dimension table: one count per category in each of ``columns`` (one per period)."""
    return Table(
        key=key,
        title=key,
        population="victims",
        unit=unit,
        dimensions=(dimension,),
        columns=tuple(Column(p) for p in periods),
        rows=tuple(
            Row((c,), tuple(column[i] for column in columns)) for i, c in enumerate(categories)
        ),
        totals=tuple(totals) if totals else tuple(sum(c) for c in columns),
        person_attributes=(dimension,) if unit is Unit.PERSONS else (),
        multi_select=multi_select,
    )


def shown(t: PublicTable, column: int = 0) -> list[str]:
    return [row.cells[column].shown for row in t.rows]


def primary_only(t: Table) -> PublicTable:
    """Rule 3 alone, without secondary protection (what a naive release would show)."""
    return PublicTable(
        key=t.key,
        title=t.title,
        population=t.population,
        unit=t.unit,
        dimensions=t.dimensions,
        columns=t.columns,
        rows=tuple(PublicRow(r.key, tuple(figure(v) for v in r.values)) for r in t.rows),
        totals=t.totals,
        rules_version=RULES_VERSION,
        min_percent_denominator=50,
        multi_select=t.multi_select,
    )


# --- rule 3: figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "low", "high"),
    [
        (0, "0", 0, 0),
        (1, "<10", 1, 9),
        (9, "<10", 1, 9),
        (10, "10", 10, 12),
        (12, "10", 10, 12),
        (13, "15", 13, 17),
        (17, "15", 13, 17),
        (18, "20", 18, 22),
        (22, "20", 18, 22),
        (23, "25", 23, 27),
        (100, "100", 98, 102),
        (269, "270", 268, 272),
    ],
)
def test_rounding_table(value: int, expected: str, low: int, high: int) -> None:
    assert figure(value) == PublicCell(expected, low, high)
    assert figure(value) == figure(value)  # deterministic: repeated releases agree


def test_every_figure_range_holds_its_value_and_only_the_values_that_show_it() -> None:
    for value in range(200):
        cell = figure(value)
        assert cell.low <= value <= cell.high
        assert all(figure(v).shown == cell.shown for v in range(cell.low, cell.high + 1))
        assert figure(cell.low - 1).shown != cell.shown if cell.low else True
        assert figure(cell.high + 1).shown != cell.shown


@pytest.mark.parametrize("kwargs", [{"rounding_base": 4}, {"small_max": -1}, {"rounding_base": 0}])
def test_inconsistent_rules_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must"):
        Rules(**kwargs)


def test_totals_exact_and_tables_in_input_order_with_rules_version() -> None:
    cases = table([3, 1, 0], key="cases_by_border", unit=Unit.CASES)
    victims = table([98, 20, 4], [201, 61, 7], periods=(JAN_SEP, YEAR_BEFORE))
    out = protect([victims, cases])
    assert [t.key for t in out] == ["victims_by_sex", "cases_by_border"]
    assert out[0].totals == (122, 269)
    assert shown(out[0], 0) == ["100", "20", "<10"]
    assert shown(out[0], 1) == ["200", "60", "<10"]
    assert out[1].rows == tuple(
        PublicRow(r.key, tuple(PublicCell(str(v), v, v) for v in r.values)) for r in cases.rows
    )
    assert all(t.rules_version == RULES_VERSION == "cf-sdc-1" for t in out)
    assert all(t.min_percent_denominator == 50 for t in out)
    assert audit(out) == []


# --- rule 4: tables never published ---------------------------------------------------


def test_more_than_two_person_attributes_are_refused_naming_the_table() -> None:
    t = Table(
        key="victims_by_sex_age_nationality",
        title="t",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex", "age_band", "nationality"),
        columns=(Column(JAN_SEP),),
        rows=(Row(("female", "18-24", "khmer"), (3,)),),
        totals=(3,),
        person_attributes=("sex", "age_band", "nationality"),
    )
    with pytest.raises(DisclosureError, match="victims_by_sex_age_nationality"):
        protect([t])
    assert issubclass(DisclosureError, CounterflowError)


@pytest.mark.parametrize(
    "dimension", ["district", "Commune", "village", "district_code", "gps", "home_address"]
)
def test_dimensions_below_province_are_refused(dimension: str) -> None:
    t = table([4, 5, 0], key="cases_by_place", dimension=dimension, unit=Unit.CASES)
    with pytest.raises(DisclosureError, match=r"cases_by_place.*province"):
        protect([t])


@pytest.mark.parametrize("dimension", ["province", "sex", "age_band", "nationality"])
def test_province_and_person_attributes_are_allowed(dimension: str) -> None:
    check_table(table([4, 5, 0], dimension=dimension))


# --- rule 5: percentages ------------------------------------------------------------------


@pytest.mark.parametrize(("total", "expected"), [(49, None), (50, 20.0), (60, 16.7)])
def test_share_needs_a_denominator_of_50(total: int, expected: float | None) -> None:
    (out,) = protect([table([10, total - 10, 0])])
    assert share(out, 0, 0) == expected


def test_share_is_hidden_for_figures_that_are_not_numbers() -> None:
    (out,) = protect([table([5, 95, 0])])
    assert shown(out) == ["<10", "95", "0"]
    assert share(out, 0, 0) is None
    assert share(out, 1, 0) == 95.0
    assert share(out, 2, 0) == 0.0


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (269, 122, -54.6),
        (49, 60, None),
        (50, 60, 20.0),
        (None, 60, None),
        (60, None, None),
        (0, 5, None),
    ],
)
def test_change_needs_a_denominator_of_50(
    before: int | None, after: int | None, expected: float | None
) -> None:
    assert change(before, after) == expected


# --- rule 6: secondary protection -----------------------------------------------------------


def test_the_total_gives_away_the_only_nonzero_cell_until_a_zero_is_withheld() -> None:
    t = table([7, 0, 0])
    assert audit([primary_only(t)]) == [
        Finding("victims_by_sex", ("female",), 0, "cell", 7),
    ]
    (out,) = protect([t])
    assert shown(out).count("x") == 1
    assert shown(out)[0] == "<10"
    assert out.totals == (7,)
    assert audit([out]) == []


def test_two_small_cells_that_must_be_ones_are_widened() -> None:
    t = table([1, 1, 0])
    (out,) = protect([t])
    assert audit([out]) == []
    assert "x" in shown(out)


def test_a_margin_gives_away_a_two_dimension_cell() -> None:
    """Alone the two-dimension table hides its small cells (male children and male adults
    add up to 2..4). But the age margin shows adult 13 as "15" (13..17) out of 14 victims:
    exactly one child, and the only child cell not shown "0" is the male one."""
    full = Table(
        key="victims_by_sex_age",
        title="t",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex", "age_band"),
        columns=(Column(JAN_SEP),),
        rows=(
            Row(("female", "child"), (0,)),
            Row(("female", "adult"), (12,)),
            Row(("male", "child"), (1,)),
            Row(("male", "adult"), (1,)),
        ),
        totals=(14,),
        person_attributes=("sex", "age_band"),
    )
    by_sex = table([12, 2], categories=("female", "male"))
    by_age = table(
        [1, 13], key="victims_by_age", dimension="age_band", categories=("child", "adult")
    )
    assert audit([primary_only(full)]) == []
    found = audit([primary_only(t) for t in (full, by_sex, by_age)])
    assert Finding("victims_by_sex_age", ("male", "child"), 0, "cell", 1) in found
    out = protect([full, by_sex, by_age])
    assert audit(list(out)) == []
    assert [t.totals for t in out] == [(14,), (14,), (14,)]
    assert "x" in [c for t in out for c in shown(t)]


def test_differencing_two_releases_reveals_the_new_victims_sex() -> None:
    (old,) = protect([table([12, 20, 0])])
    assert shown(old) == ["10", "20", "0"]
    new = table([13, 20, 0], periods=(JAN_OCT,))
    (naive,) = protect([new])
    assert shown(naive) == ["15", "20", "0"]
    assert audit([naive], earlier=[[old]]) == [
        Finding("victims_by_sex", ("female",), 0, "difference", 1, None, (0, 0))
    ]
    (out,) = protect([new], earlier=[[old]])
    assert audit([out], earlier=[[old]]) == []
    assert out.totals == (33,)
    assert "x" in shown(out)


def test_a_new_release_can_give_away_an_earlier_releases_hidden_figures() -> None:
    (old,) = protect([table([3, 9, 0])])
    assert shown(old) == ["<10", "<10", "0"]
    assert audit([old]) == []
    new = table([3, 10, 0], periods=(JAN_OCT,))
    (naive,) = protect([new])
    found = audit([naive], earlier=[[old]])
    assert Finding("victims_by_sex", ("male",), 0, "cell", 9, 0) in found
    (out,) = protect([new], earlier=[[old]])
    assert audit([out], earlier=[[old]]) == []


def test_a_correction_of_the_same_period_is_differenced_too() -> None:
    """A correction gives no sign to the difference, but when every victim is female the
    exact totals 12 then 13 say the victim the correction added is female."""
    (old,) = protect([table([12, 0, 0])])
    assert shown(old) == ["10", "0", "0"]
    corrected = table([13, 0, 0])
    (naive,) = protect([corrected])
    assert audit([naive], earlier=[[old]]) == [
        Finding("victims_by_sex", ("female",), 0, "difference", 1, None, (0, 0))
    ]
    (out,) = protect([corrected], earlier=[[old]])
    assert audit([out], earlier=[[old]]) == []
    assert out.totals == (13,)


def test_a_correction_shown_with_the_same_figures_discloses_nothing() -> None:
    (old,) = protect([table([12, 20, 0])])
    (out,) = protect([table([13, 20, 0])], earlier=[[old]])
    assert shown(out) == ["15", "20", "0"]  # female +1..+7, male -4..+4: nothing pinned
    assert audit([out], earlier=[[old]]) == []


def test_a_release_superseded_by_a_correction_is_not_linked_to_longer_periods() -> None:
    """January-September said 10 female victims; its correction said 9 (one record was
    wrong); January-October has 10 again (a new victim in October). Were the withdrawn
    figures still read as lying inside January-October, its exact total 10 would make it
    equal to them, and the correction would have no room for anyone but 9 females - a
    disclosure no figure of the new release could undo. Only the correction is linked."""
    (first,) = protect([table([10, 0, 0])])
    (corrected,) = protect([table([9, 0, 0])], earlier=[[first]])
    earlier = [[first], [corrected]]
    (out,) = protect([table([10, 0, 0], periods=(JAN_OCT,))], earlier=earlier)
    assert audit([out], earlier=earlier) == []
    assert audit([corrected], earlier=[[first]]) == []


def test_a_correction_that_visibly_removes_people_is_read_with_any_sign() -> None:
    (old,) = protect([table([12, 20, 0])])
    (out,) = protect([table([9, 24, 0])], earlier=[[old]])
    assert shown(out) == ["<10", "25", "0"]  # female 10..12 then 1..9: not only added
    assert audit([out], earlier=[[old]]) == []


def test_multi_select_cells_are_bounded_by_the_total_only() -> None:
    t = table([1, 1, 0], key="victims_by_form", multi_select=True, totals=[1])
    naive = primary_only(t)
    assert {f.value for f in audit([naive])} == {1}
    (out,) = protect([t])
    assert audit([out]) == []
    big = table([8, 30, 12], key="victims_by_form", multi_select=True, totals=[40])
    (out,) = protect([big])
    assert shown(out) == ["<10", "30", "10"]


def test_periods_a_year_apart_are_not_differenced() -> None:
    t = table([12, 20, 0], [13, 20, 0], periods=(YEAR_BEFORE, JAN_SEP))
    (out,) = protect([t])
    assert shown(out, 0) == ["10", "20", "0"]
    assert shown(out, 1) == ["15", "20", "0"]
    assert audit([out]) == []


def test_nested_columns_of_one_release_are_differenced() -> None:
    t = table([12, 20, 0], [13, 20, 0], periods=(JAN_SEP, JAN_OCT))
    assert audit([primary_only(t)]) != []
    (out,) = protect([t])
    assert audit([out]) == []


def test_non_person_tables_are_never_withheld() -> None:
    cases = table([7, 0, 0], key="cases_by_border", unit=Unit.CASES)
    (out,) = protect([cases])
    assert shown(out) == ["7", "0", "0"]
    assert audit([out]) == []


def test_a_history_that_breaks_the_intruders_assumptions_is_still_protected() -> None:
    """A later period with fewer female victims than the earlier one (records moved to
    another case): no table fits "rows only grow", so the intruder drops that assumption
    rather than report values from an impossible model."""
    (old,) = protect([table([12, 20, 0])])
    (out,) = protect([table([3, 30, 0], periods=(JAN_OCT,))], earlier=[[old]])
    assert shown(old)[0] == "10"
    assert shown(out)[0] == "<10"  # 10..12 then 1..9: the rows did not only grow
    assert out.totals == (33,)
    assert audit([out], earlier=[[old]]) == []


def test_an_earlier_disclosure_is_reported_but_not_chased() -> None:
    """An old release made without secondary protection gave away 7 female victims. The
    new release cannot undo that; protecting it must not withhold everything in vain."""
    old = primary_only(table([7, 0, 0]))
    (out,) = protect([table([8, 10, 0], periods=(JAN_OCT,))], earlier=[[old]])
    assert shown(out) == ["<10", "10", "0"]
    assert audit([out], earlier=[[old]]) == [
        Finding("victims_by_sex", ("female",), 0, "cell", 7, release=0)
    ]


@pytest.mark.parametrize(
    ("value", "expected"), [(0, "0"), (3, "<5"), (4, "<5"), (5, "5"), (7, "5"), (8, "10")]
)
def test_rules_are_parameters(value: int, expected: str) -> None:
    rules = Rules(small_max=4, version="test-1")
    assert figure(value, rules).shown == expected
    (out,) = protect([table([value, 50, 0])], rules=rules)
    assert out.rules_version == "test-1"
    assert audit([out], rules=rules) == []
