"""What the charts draw, apart from how: a comparison of two periods, or monthly series.

:mod:`counterflow.stats.charts` turns these into Vega-Lite specs for the browser and
:mod:`counterflow.stats.svg` into SVG drawn on the server; both read the same figures, so
the interactive chart and its printed twin never disagree.

A public table's figure released as ``<10`` or ``x`` has no number: its bar is ``None``
with the released text to print in its place, and no change % is worked out from it (as
in :func:`counterflow.stats.sheets.public_sheet`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from counterflow.stats.sheets import (
    Compared,
    Gettext,
    Label,
    change_percent,
    compared,
    default_label,
    heading,
    same,
)
from counterflow.stats.table import UNKNOWN, PublicCell, PublicTable, Table

FONT_STACK = "'Noto Sans Khmer', 'Khmer OS', 'Khmer OS System', system-ui, sans-serif"
"""Khmer first: Latin text falls through to the next font, Khmer text needs one of these."""
BEFORE_COLOUR = "#9db6cc"
AFTER_COLOUR = "#1f4e79"
"""The earlier period pale, the period reported on dark: told apart without colour vision."""
SERIES_COLOURS = ("#1f4e79", "#c2571a", "#2e7d32", "#7b3fa0", "#8a6d00", "#00838f")

Series = Sequence[tuple[str, int]]
"""``(month, count)`` pairs in order, months as ``YYYY-MM``."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One category's pair of figures. ``before``/``after`` are ``None`` where a public
    release shows no number (``<10``, ``x``); ``*_shown`` is the text to print."""

    category: str
    before: int | None
    after: int | None
    before_shown: str
    after_shown: str
    change: float | None
    unknown: bool = False


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a comparison chart draws: categories with two periods' figures each."""

    key: str
    title: str
    dimension: str
    """What the categories are: ``Sex``, or ``Sex · Age band`` for two dimensions."""
    before: str
    """Name of the earlier period (legend text)."""
    after: str
    measure: str
    """What the figures count (axis title): ``Victims``, ``Cases`` ..."""
    change_title: str
    bars: tuple[Bar, ...]


def comparison(
    table: Table | PublicTable,
    *,
    compare: tuple[int, int] | None = (0, 1),
    source: str | None = None,
    label: Label = default_label,
    gettext: Gettext = same,
    sort: bool = True,
) -> Comparison:
    """The two periods of ``table`` that ``compare`` names, for one source.

    ``compare`` as in :func:`counterflow.stats.sheets.sheet`; ``source`` picks a source of a
    multi-source table (default: the first). Rows become bars, the total row does not (it
    would dwarf the categories). ``sort`` orders categories by the later figure, largest
    first, with unknowns last; pass ``False`` for ordered categories such as age bands.
    """
    pairs = compared(table.columns, compare)
    pick = _pick(pairs, source, table.key)
    if isinstance(table, Table):
        bars = [
            _exact_bar(row.key, row.values[pick.before], row.values[pick.after], label, gettext)
            for row in table.rows
        ]
    else:
        floor = table.min_percent_denominator
        bars = [
            _public_bar(
                row.key, row.cells[pick.before], row.cells[pick.after], floor, label, gettext
            )
            for row in table.rows
        ]
    if sort:
        bars.sort(key=lambda b: (b.unknown, -(b.after or 0), -(b.before or 0)))
    return Comparison(
        key=table.key,
        title=gettext(table.title),
        dimension=" · ".join(label(d) for d in table.dimensions) or label(table.population),
        before=heading(table.columns[pick.before], table.columns, gettext),
        after=heading(table.columns[pick.after], table.columns, gettext),
        measure=label(table.population),
        change_title=gettext("Change %"),
        bars=tuple(bars),
    )


def _pick(pairs: Sequence[Compared], source: str | None, key: str) -> Compared:
    if not pairs:
        raise ValueError(f"{key}: a comparison chart needs two periods of one source")
    for pair in pairs:
        if source is None or pair.source == source:
            return pair
    raise ValueError(f"{key}: no source {source!r} in both periods")


def _category(key: tuple[str, ...], label: Label, gettext: Gettext) -> str:
    # Two dimensions read as one category: "Female · 18-24".
    return " · ".join(gettext("Unknown") if v == UNKNOWN else label(v) for v in key)


def _exact_bar(
    key: tuple[str, ...], before: int, after: int, label: Label, gettext: Gettext
) -> Bar:
    return Bar(
        category=_category(key, label, gettext),
        before=before,
        after=after,
        before_shown=f"{before:,}",
        after_shown=f"{after:,}",
        change=change_percent(before, after),
        unknown=UNKNOWN in key,
    )


def _public_bar(
    key: tuple[str, ...],
    before: PublicCell,
    after: PublicCell,
    floor: int,
    label: Label,
    gettext: Gettext,
) -> Bar:
    # The same rule as public_sheet: a percentage only of a published base of ``floor``+.
    b, a = before.number, after.number
    change = change_percent(b, a) if b is not None and a is not None and b >= floor else None
    return Bar(
        category=_category(key, label, gettext),
        before=b,
        after=a,
        before_shown=f"{b:,}" if b is not None else before.shown,
        after_shown=f"{a:,}" if a is not None else after.shown,
        change=change,
        unknown=UNKNOWN in key,
    )


def change_text(change: float | None) -> str:
    """``-54.6``, ``+12.0``, or a dash where there is no percentage."""
    return "–" if change is None else f"{change:+.1f}"


def as_comparison(
    data: Table | PublicTable | Comparison,
    *,
    compare: tuple[int, int] | None = (0, 1),
    source: str | None = None,
    label: Label = default_label,
    gettext: Gettext = same,
    sort: bool = True,
) -> Comparison:
    """``data`` if it is a :class:`Comparison` already, else :func:`comparison` of it."""
    if isinstance(data, Comparison):
        return data
    return comparison(data, compare=compare, source=source, label=label, gettext=gettext, sort=sort)


def named_series(series: Series | Mapping[str, Series]) -> dict[str, Series]:
    """One unnamed series, or several by name, as a dict of series by name."""
    return dict(series) if isinstance(series, Mapping) else {"": series}


def month_axis(named: Mapping[str, Series]) -> list[str]:
    """The x axis: every month from the first to the last when labels are ``YYYY-MM`` (so a
    month without figures still takes its place in time), else the labels as given."""
    months = list(dict.fromkeys(m for points in named.values() for m, _ in points))
    if not is_monthly(months):
        return months
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:])
    every: list[str] = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        every.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return every


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def is_monthly(labels: Sequence[str]) -> bool:
    """Whether every label is a month written ``YYYY-MM``."""
    return bool(labels) and all(_MONTH.fullmatch(m) for m in labels)


def colours(n: int) -> tuple[str, ...]:
    """A colour for each of ``n`` series (repeating after six)."""
    return tuple(SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(n))
