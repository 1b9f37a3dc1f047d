"""Laying out report tables: header, change %, total row, notes, labels and public figures."""

from __future__ import annotations

from datetime import date

import pytest

from counterflow.stats.sheets import change_percent, default_label, public_sheet, sheet
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

Y2022 = Period(date(2022, 1, 1), date(2022, 9, 30))
Y2021 = Period(date(2021, 1, 1), date(2021, 9, 30))
Y2020 = Period(date(2020, 1, 1), date(2020, 9, 30))
L22, L21, L20 = Y2022.label, Y2021.label, Y2020.label


def victims_by_sex(**overrides: object) -> Table:
    """The joint report's example: 269 victims in 2021, 122 in 2022 (-54.6 %)."""
    fields: dict[str, object] = {
        "key": "victims_by_sex",
        "title": "Victims by sex",
        "population": "victims",
        "unit": Unit.PERSONS,
        "dimensions": ("sex",),
        "columns": (Column(Y2022), Column(Y2021)),
        "rows": (
            Row(("female",), (98, 201)),
            Row(("male",), (20, 61)),
            Row(("unknown",), (4, 7)),
        ),
        "totals": (122, 269),
        "person_attributes": ("sex",),
        "definition": "Victims identified in the period.",
    }
    fields.update(overrides)
    return Table(**fields)  # type: ignore[arg-type]


def test_the_joint_report_layout() -> None:
    s = sheet(victims_by_sex())
    assert s.key == "victims_by_sex"
    assert s.title == "Victims by sex"
    assert s.header == ("Sex", L22, L21, "Change %")
    assert s.rows == (
        ("Female", 98, 201, -51.2),
        ("Male", 20, 61, -67.2),
        ("Unknown", 4, 7, -42.9),
        ("Total", 122, 269, -54.6),
    )
    assert s.notes == (
        "Victims identified in the period.",
        f"Unknown: 4 of 122 — {L22}",
        f"Unknown: 7 of 269 — {L21}",
    )


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(269, 122, -54.6), (100, 100, 0.0), (3, 4, 33.3), (2, 5, 150.0), (0, 5, None), (0, 0, None)],
)
def test_change_percent(before: int, after: int, expected: float | None) -> None:
    assert change_percent(before, after) == expected


def test_change_runs_from_the_earlier_period_whatever_the_column_order() -> None:
    older_first = victims_by_sex(
        columns=(Column(Y2021), Column(Y2022)),
        rows=(Row(("female",), (201, 98)),),
        totals=(269, 122),
    )
    assert sheet(older_first).rows[-1] == ("Total", 269, 122, -54.6)
    assert sheet(victims_by_sex(), compare=(1, 0)).rows[-1] == ("Total", 122, 269, -54.6)


def test_no_percentage_from_zero_and_a_note_says_why() -> None:
    s = sheet(victims_by_sex(rows=(Row(("female",), (5, 0)),), totals=(5, 0)))
    assert s.rows == (("Female", 5, 0, None), ("Total", 5, 0, None))
    assert "Change % is left empty where the earlier figure is 0." in s.notes


def test_no_change_column_when_not_asked_or_not_possible() -> None:
    assert sheet(victims_by_sex(), compare=None).header == ("Sex", L22, L21)
    one_period = victims_by_sex(
        columns=(Column(Y2022),), rows=(Row(("female",), (98,)),), totals=(98,)
    )
    assert sheet(one_period).header == ("Sex", L22)


@pytest.mark.parametrize("compare", [(0, 0), (0, 2), (-1, 0)])
def test_compare_must_name_two_periods(compare: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="two different periods"):
        sheet(victims_by_sex(), compare=compare)


def test_three_periods_the_change_sits_after_the_compared_columns() -> None:
    t = victims_by_sex(
        columns=(Column(Y2022), Column(Y2021), Column(Y2020)),
        rows=(Row(("female",), (98, 201, 150)),),
        totals=(98, 201, 150),
    )
    assert sheet(t).header == ("Sex", L22, L21, "Change %", L20)
    assert sheet(t).rows[0] == ("Female", 98, 201, -51.2, 150)
    # 2020 → 2022, placed after the last compared column.
    assert sheet(t, compare=(0, 2)).rows[0] == ("Female", 98, 201, 150, -34.7)


def test_sources_stay_apart() -> None:
    t = victims_by_sex(
        columns=(
            Column(Y2022),
            Column(Y2022, "CTDC"),
            Column(Y2021),
            Column(Y2021, "CTDC"),
        ),
        rows=(Row(("female",), (98, 30, 201, 40)), Row(("unknown",), (4, 0, 7, 2))),
        totals=(102, 30, 208, 42),
    )
    s = sheet(t)
    assert s.header == (
        "Sex",
        f"{L22} (platform)",
        f"{L22} (CTDC)",
        f"{L21} (platform)",
        f"{L21} (CTDC)",
        "Change % (platform)",
        "Change % (CTDC)",
    )
    # No invented "all sources" column: every figure is one source's own.
    assert s.rows[-1] == ("Total", 102, 30, 208, 42, -51.0, -28.6)
    assert f"Unknown: 2 of 42 — {L21} (CTDC)" in s.notes


def test_a_table_of_imported_records_alone_names_its_source() -> None:
    t = victims_by_sex(columns=(Column(Y2022, "CTDC"), Column(Y2021, "CTDC")))
    assert sheet(t).header == ("Sex", f"{L22} (CTDC)", f"{L21} (CTDC)", "Change % (CTDC)")


def test_multi_select_total_is_the_population_and_the_rule_is_noted() -> None:
    rule = "A victim with several forms is counted once under each; shares are of all victims."
    t = Table(
        key="victims_by_form",
        title="Victims by form of exploitation",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("exploitation_form",),
        columns=(Column(Y2022), Column(Y2021)),
        rows=(
            Row(("sexual_exploitation",), (60, 100)),
            Row(("forced_labour",), (70, 190)),
            Row(("unknown",), (2, 3)),
        ),
        totals=(122, 269),
        multi_select=True,
        denominator_rule=rule,
    )
    s = sheet(t)
    assert s.rows[0][0] == "Sexual exploitation"
    assert s.rows[-1] == ("Total", 122, 269, -54.6)  # not 132 / 293, the sums of the rows
    assert s.notes[0] == rule
    assert f"Unknown: 2 of 122 — {L22}" in s.notes


def test_multi_select_without_a_rule_still_warns() -> None:
    s = sheet(victims_by_sex(multi_select=True))
    assert any("several rows" in note for note in s.notes)


def test_two_dimensions_are_two_leading_columns() -> None:
    t = Table(
        key="victims_by_sex_and_age",
        title="Victims by sex and age band",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex", "age_band"),
        columns=(Column(Y2022), Column(Y2021)),
        rows=(
            Row(("female", "under_18"), (40, 90)),
            Row(("female", "unknown"), (3, 4)),
            Row(("male", "18_and_over"), (20, 61)),
            Row(("unknown", "unknown"), (1, 2)),
        ),
        totals=(64, 157),
        person_attributes=("sex", "age_band"),
    )
    s = sheet(t)
    assert s.header == ("Sex", "Age band", L22, L21, "Change %")
    assert s.rows[0] == ("Female", "Under 18", 40, 90, -55.6)
    assert s.rows[1] == ("Female", "Unknown", 3, 4, -25.0)
    assert s.rows[-1] == ("Total", "", 64, 157, -59.2)
    # Units with either attribute unknown.
    assert f"Unknown: 4 of 64 — {L22}" in s.notes


def test_a_table_without_dimensions_is_its_total() -> None:
    t = Table(
        key="assets_frozen",
        title="Assets frozen (USD)",
        population="assets_frozen",
        unit=Unit.USD,
        dimensions=(),
        columns=(Column(Y2022), Column(Y2021)),
        rows=(Row((), (250_000, 100_000)),),
        totals=(250_000, 100_000),
    )
    s = sheet(t)
    assert s.header == ("Assets frozen", L22, L21, "Change %")
    assert s.rows == (("Total", 250_000, 100_000, 150.0),)
    assert not any(note.startswith("Unknown") for note in s.notes)


KM = {
    "Total": "សរុប",
    "Change %": "ការប្រែប្រួល %",
    "Unknown": "មិនដឹង",
    "Unknown: {unknown} of {total} — {column}": "មិនដឹង៖ {unknown} នៃ {total} — {column}",
    "Victims by sex": "ជនរងគ្រោះតាមភេទ",
}
KM_LABELS = {"sex": "ភេទ", "female": "ស្រី", "male": "ប្រុស"}


def test_labels_and_fixed_words_are_the_callers() -> None:
    s = sheet(
        victims_by_sex(),
        label=lambda v: KM_LABELS.get(v, v),
        gettext=lambda m: KM.get(m, m),
    )
    assert s.title == "ជនរងគ្រោះតាមភេទ"
    assert s.header == ("ភេទ", L22, L21, "ការប្រែប្រួល %")
    assert [r[0] for r in s.rows] == ["ស្រី", "ប្រុស", "មិនដឹង", "សរុប"]
    assert f"មិនដឹង៖ 4 នៃ 122 — {L22}" in s.notes


def test_default_label() -> None:
    assert default_label("sexual_exploitation") == "Sexual exploitation"
    assert default_label("MoSVY") == "Mosvy"  # a catalogue, not this default, spells names


def cell(shown: str) -> PublicCell:
    if shown == "<10":
        return PublicCell(shown, 1, 9)
    if shown == "x":
        return PublicCell(shown, 0, 269)
    n = int(shown)
    return PublicCell(shown, max(0, n - 2), n + 2)


def public_victims(min_percent_denominator: int = 50) -> PublicTable:
    return PublicTable(
        key="victims_by_sex",
        title="Victims by sex",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex",),
        columns=(Column(Y2022), Column(Y2021)),
        rows=(
            PublicRow(("female",), (cell("100"), cell("200"))),
            PublicRow(("male",), (cell("20"), cell("60"))),
            PublicRow(("other",), (cell("x"), cell("<10"))),
            PublicRow(("unknown",), (cell("<10"), cell("5"))),
        ),
        totals=(122, 269),
        rules_version="sdc-2024.1",
        min_percent_denominator=min_percent_denominator,
        definition="Victims identified in the period.",
    )


def test_public_sheet_shows_the_released_figures() -> None:
    s = public_sheet(public_victims())
    assert s.header == ("Sex", L22, L21, "Change %")
    assert s.rows == (
        ("Female", 100, 200, -50.0),
        ("Male", 20, 60, -66.7),
        ("Other", "x", "<10", None),  # no percentage of a hidden figure
        ("Unknown", "<10", 5, None),
        ("Total", 122, 269, -54.6),  # totals exact
    )


def test_public_percentages_need_a_base_of_the_minimum() -> None:
    s = public_sheet(public_victims(min_percent_denominator=61))
    assert s.rows[1] == ("Male", 20, 60, None)  # 60 < 61
    assert s.rows[0] == ("Female", 100, 200, -50.0)
    assert any("at least 61" in note for note in s.notes)
    tiny = public_sheet(public_victims(min_percent_denominator=300))
    assert tiny.rows[-1] == ("Total", 122, 269, None)  # the rule holds for totals too


def test_public_notes_carry_the_rules_and_the_symbols() -> None:
    notes = public_sheet(public_victims()).notes
    assert notes[0] == "Victims identified in the period."
    assert f"Unknown: <10 of 122 — {L22}" in notes
    assert f"Unknown: 5 of 269 — {L21}" in notes
    assert any("sdc-2024.1" in note for note in notes)
    assert any(note.startswith('"<10"') for note in notes)
    assert any(note.startswith('"x"') for note in notes)


def test_public_unknowns_of_two_dimensions_are_a_range() -> None:
    t = PublicTable(
        key="victims_by_sex_and_age",
        title="Victims by sex and age band",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex", "age_band"),
        columns=(Column(Y2022),),
        rows=(
            PublicRow(("female", "unknown"), (cell("15"),)),
            PublicRow(("unknown", "unknown"), (cell("<10"),)),
        ),
        totals=(122,),
        rules_version="sdc-2024.1",
        min_percent_denominator=50,
    )
    s = public_sheet(t)
    assert s.header == ("Sex", "Age band", L22)
    assert s.rows[-1] == ("Total", "", 122)
    # 15 stands for 13..17, <10 for 1..9: a reader can tell 14..26, no more.
    assert f"Unknown: 14–26 of 122 — {L22}" in s.notes


def test_a_source_missing_from_one_period_gets_no_change_but_keeps_its_name() -> None:
    t = victims_by_sex(
        columns=(Column(Y2022), Column(Y2022, "CTDC"), Column(Y2021)),
        rows=(Row(("female",), (98, 30, 201)),),
        totals=(98, 30, 201),
    )
    s = sheet(t)
    assert s.header == (
        "Sex",
        f"{L22} (platform)",
        f"{L22} (CTDC)",
        f"{L21} (platform)",
        "Change % (platform)",
    )
    assert s.rows[0] == ("Female", 98, 30, 201, -51.2)
