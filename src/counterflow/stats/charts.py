"""Charts of report tables: Vega-Lite v5 specs for the pages, small SVGs for print and phones.

The two charts a minister's office puts on a slide:

* :func:`comparison_bars`: for each category (sex, province ...), a bar for the period
  reported on and one for the same period a year before, the change in % in the tooltip;
* :func:`trend_line`: monthly counts, one line per series.

Both are plain JSON-serialisable dicts in the Vega-Lite v5 grammar; the page embeds them as
data (``<script type="application/json">``) and ``static/charts.js`` draws them without
``eval``, so the strict Content-Security-Policy holds. :func:`svg_bars` and
:func:`svg_trend` (:mod:`counterflow.stats.svg`, re-exported here) draw the same charts on
the server as SVG markup: no JavaScript, for the PDF and for the public page on slow
phones. Both read their figures from :mod:`counterflow.stats.chartdata`.

Honest by construction: quantitative axes start at zero (a bar's length is its count, so a
fall from 269 to 122 looks like a fall to less than half, not to nothing); in public
charts a figure released as ``<10`` or ``x`` gets no bar, only its released text, because
a bar would claim a value the release does not give; and, as in
:mod:`counterflow.stats.sheets`, one chart shows one source.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from counterflow.stats.chartdata import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    FONT_STACK,
    Bar,
    Comparison,
    Series,
    as_comparison,
    change_text,
    colours,
    comparison,
    is_monthly,
    month_axis,
    named_series,
)
from counterflow.stats.sheets import Gettext, Label, default_label, same
from counterflow.stats.svg import Svg, svg_bars, svg_trend
from counterflow.stats.table import PublicTable, Table

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"

__all__ = [
    "FONT_STACK",
    "VEGA_LITE_SCHEMA",
    "Bar",
    "Comparison",
    "Series",
    "Svg",
    "comparison",
    "comparison_bars",
    "embed_json",
    "svg_bars",
    "svg_trend",
    "trend_line",
]

# --- Vega-Lite ------------------------------------------------------------------------

_UNSAFE_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def embed_json(spec: Mapping[str, Any]) -> str:
    """A spec as the text of a ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so a label such as
    ``</script><script>...`` can neither end the block nor start markup, and the JSON
    still reads back identically (``static/charts.js`` parses it with ``JSON.parse``).
    """
    return json.dumps(spec, ensure_ascii=False, allow_nan=False).translate(_UNSAFE_IN_SCRIPT)


def comparison_bars(
    data: Table | PublicTable | Comparison,
    *,
    width: int = 520,
    compare: tuple[int, int] | None = (0, 1),
    source: str | None = None,
    label: Label = default_label,
    gettext: Gettext = same,
    sort: bool = True,
) -> dict[str, Any]:
    """Horizontal grouped bars, two per category (earlier pale, later dark), each labelled
    with its figure; the tooltip adds the change in %. Options as in :func:`comparison`
    (ignored when ``data`` is a :class:`Comparison` already)."""
    c = as_comparison(data, compare=compare, source=source, label=label, gettext=gettext, sort=sort)
    periods = [c.before, c.after]
    values = [
        {
            "category": bar.category,
            "period": period,
            "count": figure,
            # Released texts such as "<10" have no bar; their label sits at zero.
            "at": figure or 0,
            "shown": shown,
            "change": change_text(bar.change),
        }
        for bar in c.bars
        for period, figure, shown in (
            (c.before, bar.before, bar.before_shown),
            (c.after, bar.after, bar.after_shown),
        )
    ]
    x_axis = {"format": ",d", "tickMinStep": 1, "grid": True}
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": {"text": c.title, "subtitle": f"{c.before} → {c.after}", "anchor": "start"},
        "description": f"{c.title}: {c.before}, {c.after}",
        "width": width,
        "height": {"step": 14},
        "data": {"values": values},
        "encoding": {
            "y": {
                "field": "category",
                "type": "nominal",
                "sort": [bar.category for bar in c.bars],
                "title": None,
                "axis": {"labelLimit": 240, "labelPadding": 6, "ticks": False},
            },
            "yOffset": {"field": "period", "type": "nominal", "sort": periods},
            "tooltip": [
                {"field": "category", "type": "nominal", "title": c.dimension},
                {"field": "period", "type": "nominal", "title": gettext("Period")},
                {"field": "shown", "type": "nominal", "title": gettext("Count")},
                {"field": "change", "type": "nominal", "title": c.change_title},
            ],
        },
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadiusEnd": 2},
                "encoding": {
                    "x": {
                        "field": "count",
                        "type": "quantitative",
                        "title": c.measure,
                        "scale": {"zero": True},
                        "axis": x_axis,
                    },
                    "color": {
                        "field": "period",
                        "type": "nominal",
                        "scale": {"domain": periods, "range": [BEFORE_COLOUR, AFTER_COLOUR]},
                        "legend": {"orient": "top", "title": None},
                    },
                },
            },
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 3},
                "encoding": {
                    "x": {"field": "at", "type": "quantitative", "title": c.measure},
                    "text": {"field": "shown", "type": "nominal"},
                },
            },
        ],
        "config": _CONFIG,
    }


_CONFIG: dict[str, Any] = {
    "font": FONT_STACK,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFontSize": 12, "labelLimit": 320},
    "title": {"fontSize": 16, "subtitleFontSize": 12},
}


def trend_line(
    series: Series | Mapping[str, Series],
    *,
    title: str,
    measure: str = "",
    width: int = 560,
    height: int = 260,
    gettext: Gettext = same,
) -> dict[str, Any]:
    """Monthly counts as a line with points: one series, or several by name (one colour
    each). Months written ``YYYY-MM`` make a time axis (gaps show as gaps in time); any
    other labels are shown in the order given."""
    named = named_series(series)
    months = month_axis(named)
    temporal = is_monthly(months)
    values = [
        {"series": name, "month": month, "count": count}
        for name, points in named.items()
        for month, count in points
    ]
    x: dict[str, Any] = (
        {
            "field": "month",
            "type": "temporal",
            "timeUnit": "utcyearmonth",
            "title": None,
            "axis": {"format": "%Y-%m", "labelAngle": -40},
        }
        if temporal
        else {"field": "month", "type": "ordinal", "sort": months, "title": None}
    )
    tooltip: list[dict[str, Any]] = [
        {**x, "title": gettext("Month"), "axis": None},
        {"field": "count", "type": "quantitative", "title": measure or gettext("Count")},
    ]
    encoding: dict[str, Any] = {
        "x": x,
        "y": {
            "field": "count",
            "type": "quantitative",
            "title": measure,
            "scale": {"zero": True},
            "axis": {"format": ",d", "tickMinStep": 1},
        },
        "tooltip": tooltip,
    }
    if len(named) > 1:
        names = list(named)
        encoding["color"] = {
            "field": "series",
            "type": "nominal",
            "sort": names,
            "scale": {"domain": names, "range": list(colours(len(names)))},
            "legend": {"orient": "top", "title": None},
        }
        tooltip.insert(0, {"field": "series", "type": "nominal", "title": gettext("Series")})
    data: dict[str, Any] = {"values": values}
    if temporal:
        data["format"] = {"parse": {"month": "utc:'%Y-%m'"}}
    for field in tooltip:
        field.pop("axis", None)
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": {"text": title, "anchor": "start"},
        "description": title,
        "width": width,
        "height": height,
        "data": data,
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": encoding,
        "config": _CONFIG,
    }
