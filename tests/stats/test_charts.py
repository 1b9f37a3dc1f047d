"""Charts: Vega-Lite specs with honest axes, and server-side SVGs that are safe XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest

from counterflow.stats.charts import (
    VEGA_LITE_SCHEMA,
    comparison,
    comparison_bars,
    embed_json,
    svg_bars,
    svg_trend,
    trend_line,
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

Y2022 = Period(date(2022, 1, 1), date(2022, 9, 30))
Y2021 = Period(date(2021, 1, 1), date(2021, 9, 30))
SVG = "{http://www.w3.org/2000/svg}"

TABLE = Table(
    key="victims_by_province",
    title="Victims by province",
    population="victims",
    unit=Unit.PERSONS,
    dimensions=("province",),
    columns=(Column(Y2022), Column(Y2021)),
    rows=(
        Row(("unknown",), (30, 7)),
        Row(("kandal",), (20, 61)),
        Row(("phnom_penh",), (68, 150)),
        Row(("<script>alert(1)</script>",), (4, 51)),
    ),
    totals=(122, 269),
)


def layer(spec: dict[str, Any], mark: str) -> dict[str, Any]:
    (found,) = [part for part in spec["layer"] if part["mark"]["type"] == mark]
    return found


def test_comparison_bars_structure() -> None:
    spec = comparison_bars(TABLE)
    assert spec["$schema"] == VEGA_LITE_SCHEMA
    assert "/vega-lite/v5" in spec["$schema"]
    json.dumps(spec)  # plain data
    # Two values per category: one per period; the total row is not a bar.
    assert len(spec["data"]["values"]) == 2 * len(TABLE.rows)
    bar = layer(spec, "bar")
    x = bar["encoding"]["x"]
    assert x["type"] == "quantitative" and x["scale"]["zero"] is True
    assert spec["encoding"]["y"]["type"] == "nominal"
    assert spec["encoding"]["yOffset"]["field"] == "period"
    assert bar["encoding"]["color"]["scale"]["domain"] == [Y2021.label, Y2022.label]
    assert layer(spec, "text")["encoding"]["text"]["field"] == "shown"
    tooltip = {t["title"] for t in spec["encoding"]["tooltip"]}
    assert "Change %" in tooltip and "Province" in tooltip
    assert spec["title"]["text"] == "Victims by province"


def test_bars_are_sorted_largest_first_unknown_last() -> None:
    spec = comparison_bars(TABLE)
    assert spec["encoding"]["y"]["sort"] == [
        "Phnom penh",
        "Kandal",
        "<script>alert(1)</script>",
        "Unknown",
    ]
    kept = comparison(TABLE, sort=False)
    assert [b.category for b in kept.bars][:2] == ["Unknown", "Kandal"]


def test_change_in_the_tooltip_data() -> None:
    values = comparison_bars(TABLE)["data"]["values"]
    penh = [v for v in values if v["category"] == "Phnom penh"]
    assert {v["period"]: v["count"] for v in penh} == {Y2022.label: 68, Y2021.label: 150}
    assert {v["change"] for v in penh} == {"-54.7"}
    unknown = [v for v in values if v["category"] == "Unknown"]
    assert {v["change"] for v in unknown} == {"+328.6"}


def test_labels_are_the_callers() -> None:
    km = {"phnom_penh": "ភ្នំពេញ", "province": "ខេត្ត", "victims": "ជនរងគ្រោះ"}
    c = comparison(TABLE, label=lambda v: km.get(v, v), gettext=lambda m: m.upper())
    assert c.bars[0].category == "ភ្នំពេញ"
    assert c.dimension == "ខេត្ត" and c.measure == "ជនរងគ្រោះ"
    assert c.change_title == "CHANGE %" and c.title == "VICTIMS BY PROVINCE"
    assert c.bars[-1].category == "UNKNOWN"


def test_one_source_per_chart() -> None:
    t = Table(
        key="k",
        title="T",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex",),
        columns=(Column(Y2022), Column(Y2022, "CTDC"), Column(Y2021), Column(Y2021, "CTDC")),
        rows=(Row(("female",), (98, 30, 201, 40)),),
        totals=(98, 30, 201, 40),
    )
    assert comparison(t).bars[0].after == 98
    ctdc = comparison(t, source="CTDC")
    assert (ctdc.bars[0].before, ctdc.bars[0].after) == (40, 30)
    assert ctdc.after == f"{Y2022.label} (CTDC)"
    with pytest.raises(ValueError, match="no source 'HTCDS'"):
        comparison(t, source="HTCDS")


def test_a_single_period_cannot_be_compared() -> None:
    t = Table(
        key="k",
        title="T",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex",),
        columns=(Column(Y2022),),
        rows=(Row(("female",), (98,)),),
        totals=(98,),
    )
    with pytest.raises(ValueError, match="two periods"):
        comparison_bars(t)


def public_table() -> PublicTable:
    return PublicTable(
        key="victims_by_sex",
        title="Victims by sex",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex",),
        columns=(Column(Y2022), Column(Y2021)),
        rows=(
            PublicRow(("female",), (PublicCell("100", 98, 102), PublicCell("200", 198, 202))),
            PublicRow(("male",), (PublicCell("<10", 1, 9), PublicCell("40", 38, 42))),
        ),
        totals=(105, 240),
        rules_version="sdc-2024.1",
        min_percent_denominator=50,
    )


def test_public_figures_without_a_number_get_no_bar() -> None:
    c = comparison(public_table())
    female, male = c.bars
    assert (female.after, female.change) == (100, -50.0)
    assert (male.after, male.after_shown, male.change) == (None, "<10", None)
    values = comparison_bars(public_table())["data"]["values"]
    hidden = [v for v in values if v["shown"] == "<10"]
    assert hidden == [
        {
            "category": "Male",
            "period": Y2022.label,
            "count": None,
            "at": 0,
            "shown": "<10",
            "change": "–",
        }
    ]
    root = ET.fromstring(str(svg_bars(public_table())))
    assert len(root.findall(f"{SVG}rect")) == 3 + 2  # three bars and two legend swatches
    assert "<10" in [t.text for t in root.iter(f"{SVG}text")]


def test_percent_hidden_below_the_minimum_base() -> None:
    male = comparison(public_table()).bars[1]
    assert male.before == 40 and male.change is None


MONTHS = [(f"2022-{m:02d}", m * 2) for m in range(1, 10)]


def test_trend_line_one_series() -> None:
    spec = trend_line(MONTHS, title="Victims per month", measure="Victims")
    json.dumps(spec)
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"] is True
    assert len(spec["data"]["values"]) == 9
    assert spec["data"]["format"]["parse"] == {"month": "utc:'%Y-%m'"}
    x, y = spec["encoding"]["x"], spec["encoding"]["y"]
    assert x["type"] == "temporal" and x["timeUnit"] == "utcyearmonth"
    assert y["type"] == "quantitative" and y["scale"]["zero"] is True
    assert "color" not in spec["encoding"]


def test_trend_line_several_series() -> None:
    spec = trend_line(
        {"Platform": MONTHS, "CTDC": MONTHS[:3]}, title="Victims per month", measure="Victims"
    )
    assert len(spec["data"]["values"]) == 12
    colour = spec["encoding"]["color"]
    assert colour["field"] == "series" and colour["scale"]["domain"] == ["Platform", "CTDC"]
    assert spec["encoding"]["tooltip"][0]["field"] == "series"


def test_trend_line_other_labels_keep_their_order() -> None:
    spec = trend_line([("Q2", 3), ("Q1", 5)], title="Quarters")
    assert spec["encoding"]["x"]["type"] == "ordinal"
    assert spec["encoding"]["x"]["sort"] == ["Q2", "Q1"]
    assert "format" not in spec["data"]


def test_embed_json_cannot_close_its_script_block() -> None:
    spec = comparison_bars(TABLE)
    text = embed_json(spec)
    assert "</script" not in text and "<" not in text
    assert json.loads(text) == spec


def test_svg_bars_is_well_formed_and_escapes_text() -> None:
    markup = str(svg_bars(TABLE))
    assert "<script" not in markup
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>alert(1)</script>" in texts  # shown as text, never run
    assert "-54.7 %" in texts
    # A bar per category and period, and the two legend swatches.
    assert len(root.findall(f"{SVG}rect")) == 2 * len(TABLE.rows) + 2


def test_svg_bars_start_at_zero() -> None:
    root = ET.fromstring(str(svg_bars(TABLE)))
    bars = [r for r in root.findall(f"{SVG}rect") if r.get("height") == "11.0"]
    starts = {r.get("x") for r in bars}
    assert len(starts) == 1  # every bar starts at the same x: the zero line
    widths = {float(r.get("width", 0)) for r in bars}
    assert max(widths) / min(widths) == pytest.approx(150 / 4, rel=0.01)


def test_svg_text_drops_characters_xml_forbids() -> None:
    t = Table(
        key="k",
        title="bell\x07 & <b>",
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("sex",),
        columns=(Column(Y2022), Column(Y2021)),
        rows=(Row(("a\x00b",), (1, 2)),),
        totals=(1, 2),
    )
    root = ET.fromstring(str(svg_bars(t)))
    assert root.find(f"{SVG}title").text.startswith("bell & <b>")  # type: ignore[union-attr]


def test_svg_trend_is_well_formed() -> None:
    markup = str(
        svg_trend(
            {"Platform <script>": MONTHS, "CTDC": [("2022-03", 4), ("2022-06", 1)]},
            title="Victims & suspects",
            measure="Victims",
        )
    )
    assert "<script" not in markup
    root = ET.fromstring(markup)
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert len(root.findall(f"{SVG}circle")) == 9 + 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Platform <script>" in texts and "0" in texts
    assert root.find(f"{SVG}title").text == "Victims & suspects"  # type: ignore[union-attr]


def test_svg_trend_keeps_empty_months_in_time() -> None:
    root = ET.fromstring(str(svg_trend([("2022-01", 3), ("2022-12", 5)], title="t", width=900)))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("2022-")]
    assert labels[0] == "2022-01" and labels[-1] == "2022-12" and len(labels) > 2


def test_svg_trend_without_data() -> None:
    root = ET.fromstring(str(svg_trend([], title="Nothing yet")))
    assert "No data" in [t.text for t in root.iter(f"{SVG}text")]
