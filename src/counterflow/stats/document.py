"""A joint report or a public release as one document: sheets, charts, words around them.

The CLI, the report page's downloads and the public page's downloads all go through here,
so the same report gives the same figures in every format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from counterflow.stats.charts import Svg, svg_bars, svg_trend
from counterflow.stats.export import export
from counterflow.stats.joint import JointReport, Unplaced
from counterflow.stats.sheets import Gettext, Label, default_label, public_sheet, same, sheet
from counterflow.stats.table import Period, PublicTable, Sheet, Table

TREND_KEYS = ("cases_by_month", "victims_by_month")
"""Tables drawn as trend lines rather than bars."""
_NO_CHART = frozenset({"cases_total", "cases_by_province", "victims_own_nationals"})
"""Too many rows (provinces) or nothing to compare within (a single total) for a bar chart."""


def _compare(periods: Sequence[Period]) -> tuple[int, int] | None:
    return (0, 1) if len(periods) > 1 else None


def trend_series(
    table: Table | PublicTable, gettext: Gettext = same
) -> dict[str, list[tuple[str, int]]]:
    """One line per period of a monthly table (public cells without a number are gaps)."""
    series: dict[str, list[tuple[str, int]]] = {}
    for i, column in enumerate(table.columns):
        points: list[tuple[str, int]] = []
        if isinstance(table, Table):
            points = [(row.key[0], row.values[i]) for row in table.rows]
        else:
            for public in table.rows:
                value = public.cells[i].number
                if value is not None:
                    points.append((public.key[0], value))
        series[column.period.label] = points
    return series


def charts(
    tables: Sequence[Table | PublicTable],
    *,
    compare: tuple[int, int] | None,
    label: Label = default_label,
    gettext: Gettext = same,
) -> dict[str, Svg]:
    """Server-drawn charts of the tables worth a chart, by table key."""
    out: dict[str, Svg] = {}
    for t in tables:
        if t.key in TREND_KEYS:
            out[t.key] = svg_trend(
                trend_series(t, gettext),
                title=gettext(t.title),
                measure=label(t.population),
                gettext=gettext,
            )
        elif t.key not in _NO_CHART and len(t.dimensions) == 1 and compare is not None:
            ordered = t.dimensions[0] in ("age_band", "stage", "status")
            out[t.key] = svg_bars(
                t, compare=compare, label=label, gettext=gettext, sort=not ordered
            )
    return out


def unplaced_notes(unplaced: Sequence[Unplaced], gettext: Gettext = same) -> list[str]:
    return [
        gettext(
            "{count} records of source {source} give only a year, which {period} covers "
            "in part: they are not counted in that period."
        ).format(count=u.count, source=u.source, period=u.period.label)
        for u in unplaced
    ]


def joint_document(
    report: JointReport,
    *,
    fmt: str,
    lang: str = "en",
    label: Label = default_label,
    gettext: Gettext = same,
    title: str | None = None,
) -> bytes:
    """The agencies' exact joint report in format ``fmt``."""
    compare = _compare(report.periods)
    sheets = [sheet(t, compare=compare, label=label, gettext=gettext) for t in report.tables]
    pictures = charts(report.tables, compare=compare, label=label, gettext=gettext)
    return export(
        sheets,
        fmt,
        title=title or gettext("Joint report on human trafficking and sexual exploitation"),
        subtitle=_subtitle(report.periods, unplaced_notes(report.unplaced, gettext), gettext),
        lang=lang,
        charts=pictures if fmt in ("html", "pdf") else None,
    )


def release_sheets(
    tables: Sequence[PublicTable],
    periods: Sequence[Period],
    *,
    label: Label = default_label,
    gettext: Gettext = same,
) -> list[Sheet]:
    compare = _compare(periods)
    return [public_sheet(t, compare=compare, label=label, gettext=gettext) for t in tables]


def release_document(
    tables: Sequence[PublicTable],
    periods: Sequence[Period],
    *,
    fmt: str,
    title: str,
    notes: Sequence[str] = (),
    lang: str = "en",
    label: Label = default_label,
    gettext: Gettext = same,
) -> bytes:
    """A published release in format ``fmt``: the released figures only."""
    compare = _compare(periods)
    sheets = release_sheets(tables, periods, label=label, gettext=gettext)
    pictures: Mapping[str, Svg] = (
        charts(tables, compare=compare, label=label, gettext=gettext)
        if fmt in ("html", "pdf")
        else {}
    )
    return export(
        sheets,
        fmt,
        title=title,
        subtitle=_subtitle(periods, list(notes), gettext),
        lang=lang,
        charts=pictures,
    )


def _subtitle(periods: Sequence[Period], notes: Sequence[str], gettext: Gettext) -> str:
    head = gettext("Period {period}").format(period=periods[0].label)
    if len(periods) > 1:
        head += " · " + gettext("compared with {period}").format(period=periods[1].label)
    return " ".join([head, *notes])
