"""Lay out a report table as a :class:`~counterflow.stats.table.Sheet`: header, rows, notes.

A joint report compares a period with the same period a year before::

    Sex      2022-01-01 – 2022-09-30   2021-01-01 – 2021-09-30   Change %
    Female                        98                       201      -51.2
    Male                          20                        61      -67.2
    Unknown                        4                         7      -42.9
    Total                        122                       269      -54.6

:func:`sheet` lays out an exact :class:`~counterflow.stats.table.Table` (for the agencies);
:func:`public_sheet` lays out a :class:`~counterflow.stats.table.PublicTable` after
disclosure control (for the public page and releases). Both give the same shape, so every
exporter, page and chart takes either.

The layout keeps the table's promises visible:

* one value column per (period, source) column of the table; when a table has several
  sources the header names the source, and no "all sources" column is invented (sources
  count different things and are never added up silently);
* a "Total" row with the table's own totals: for a multi-select table (forms of
  exploitation ...) the rows add up to more than the total, so the total is never a sum
  of the rows;
* the change in % between two periods, per source: ``(after - before) / before * 100``,
  one decimal, empty where the earlier figure is 0 (a change from nothing has no
  percentage) and, in public sheets, wherever disclosure control hides percentages;
* notes: the definition, the denominator rule of multi-select tables and how many units
  were unknown in each column ("Every table states how many values were unknown",
  DOMAIN.md); public sheets add the disclosure rules version.

Words are the caller's: ``label`` turns code values (``sexual_exploitation``) into display
text, ``gettext`` translates the fixed words (Total, Change %, Unknown ...) and the table's
English texts, so the web layer passes its Khmer catalogue and nothing here knows a language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from counterflow.stats.table import (
    PLATFORM_SOURCE,
    UNKNOWN,
    Column,
    Period,
    PublicCell,
    PublicTable,
    Sheet,
    Table,
)

Cell = str | int | float | None
"""One cell of a sheet: a number, a text (a label, ``<10``, ``x``), or ``None`` (empty)."""

Label = Callable[[str], str]
"""Code value (``sexual_exploitation``) → display text."""
Gettext = Callable[[str], str]
"""English message → the reader's language."""

__all__ = [
    "Cell",
    "Compared",
    "Gettext",
    "Label",
    "change_percent",
    "compared",
    "default_label",
    "heading",
    "public_sheet",
    "same",
    "sheet",
    "source_name",
]


def default_label(value: str) -> str:
    """``sexual_exploitation`` → ``Sexual exploitation``: readable without a catalogue."""
    return value.replace("_", " ").capitalize()


def same(message: str) -> str:
    """The default ``gettext``: English as written."""
    return message


def change_percent(before: int, after: int) -> float | None:
    """The change from ``before`` to ``after`` in %, one decimal; ``None`` when ``before``
    is 0 (269 → 122 is -54.6; 0 → 5 has no percentage, it is not "infinitely more")."""
    if before == 0:
        return None
    return round((after - before) / before * 100, 1)


@dataclass(frozen=True, slots=True)
class Compared:
    """Two columns of one source to compare: from ``before`` to ``after`` (column indices,
    the earlier period first)."""

    before: int
    after: int
    source: str


def sheet(
    table: Table,
    *,
    compare: tuple[int, int] | None = (0, 1),
    label: Label = default_label,
    gettext: Gettext = same,
) -> Sheet:
    """The exact table laid out for the agencies (module docstring).

    ``compare`` names two of the table's *periods* by position (in the order the columns
    first show them; for a one-source table, simply the two column indices). The change
    always runs from the earlier period to the later, one change column per source that
    both periods have, placed right after the compared columns. ``None``, or a table with
    a single period, gives no change column.
    """
    comparisons = compared(table.columns, compare)
    # A table without dimensions is its total row alone.
    rows = [(r.key, tuple[Cell, ...](r.values)) for r in table.rows] if table.dimensions else []

    def exact_change(values: Sequence[Cell], c: Compared) -> float | None:
        before, after = values[c.before], values[c.after]
        assert isinstance(before, int) and isinstance(after, int)
        return change_percent(before, after)

    header, body, changes = _layout(
        table.dimensions or (table.population,),
        table.columns,
        rows,
        tuple(table.totals),
        comparisons,
        exact_change,
        label,
        gettext,
    )
    notes = _table_notes(table, gettext)
    if table.dimensions:
        notes += [
            _unknown_note(gettext, heading(column, table.columns, gettext), str(unknown), total)
            for column, unknown, total in zip(
                table.columns,
                (table.unknown(i) for i in range(len(table.columns))),
                table.totals,
                strict=True,
            )
        ]
    if any(row[i] is None for row in body for i in changes):
        notes.append(gettext("Change % is left empty where the earlier figure is 0."))
    return Sheet(
        key=table.key, title=gettext(table.title), header=header, rows=body, notes=tuple(notes)
    )


def public_sheet(
    table: PublicTable,
    *,
    compare: tuple[int, int] | None = (0, 1),
    label: Label = default_label,
    gettext: Gettext = same,
) -> Sheet:
    """The protected table laid out for the public, figures exactly as released.

    Cells are the released figures: a number (``15``, rounded; totals exact), ``<10`` or
    ``x`` (withheld so that another figure cannot be worked out). A change % is shown only
    where both figures are numbers and the earlier one is at least the table's
    ``min_percent_denominator``: a percentage of a small or rounded-away base would tell
    more than the rounding allows. ``compare``, ``label`` and ``gettext`` as in
    :func:`sheet`.
    """
    comparisons = compared(table.columns, compare)
    rows = (
        [(r.key, tuple(_released(c) for c in r.cells)) for r in table.rows]
        if table.dimensions
        else []
    )
    floor = table.min_percent_denominator

    def public_change(values: Sequence[Cell], c: Compared) -> float | None:
        before, after = values[c.before], values[c.after]
        if not isinstance(before, int) or not isinstance(after, int) or before < floor:
            return None
        return change_percent(before, after)

    header, body, _changes = _layout(
        table.dimensions or (table.population,),
        table.columns,
        rows,
        tuple(table.totals),
        comparisons,
        public_change,
        label,
        gettext,
    )
    notes = _table_notes(table, gettext)
    if table.dimensions:
        for i, column in enumerate(table.columns):
            unknown = [row.cells[i] for row in table.rows if UNKNOWN in row.key]
            notes.append(
                _unknown_note(
                    gettext,
                    heading(column, table.columns, gettext),
                    _public_unknown(unknown),
                    table.totals[i],
                )
            )
    shown = {cell.shown for row in table.rows for cell in row.cells}
    if "<10" in shown:
        notes.append(gettext('"<10": between 1 and 9.'))
    if "x" in shown:
        notes.append(gettext('"x": withheld so that another figure cannot be worked out.'))
    if comparisons:
        notes.append(
            gettext(
                "Change % is shown only where both figures are published numbers and the "
                "earlier one is at least {minimum}."
            ).format(minimum=floor)
        )
    notes.append(
        gettext("Totals are exact; other figures follow disclosure rules {version}.").format(
            version=table.rules_version
        )
    )
    return Sheet(
        key=table.key, title=gettext(table.title), header=header, rows=body, notes=tuple(notes)
    )


# --- shared layout --------------------------------------------------------------------


def compared(columns: Sequence[Column], compare: tuple[int, int] | None) -> tuple[Compared, ...]:
    """The column pairs ``compare`` names, one per source both periods have (see
    :func:`sheet`); empty for ``None`` or a table of one period."""
    periods = _periods(columns)
    if compare is None or len(periods) < 2:
        return ()
    first, second = compare
    if first == second or not all(0 <= i < len(periods) for i in compare):
        raise ValueError(
            f"compare={compare!r}: name two different periods out of {len(periods)} "
            f"({', '.join(p.label for p in periods)})"
        )
    earlier, later = sorted((periods[first], periods[second]))
    index = {(c.period, c.source): i for i, c in enumerate(columns)}
    return tuple(
        Compared(index[(earlier, source)], index[(later, source)], source)
        for source in _sources(columns)
        if (earlier, source) in index and (later, source) in index
    )


def _periods(columns: Sequence[Column]) -> list[Period]:
    return list(dict.fromkeys(c.period for c in columns))


def _sources(columns: Sequence[Column]) -> list[str]:
    return list(dict.fromkeys(c.source for c in columns))


def source_name(source: str, gettext: Gettext) -> str:
    """How a header names a source."""
    # Imported record sets keep their proper names (CTDC, HTCDS); only the platform's own
    # data has a word that a reader's language translates.
    return gettext(source) if source == PLATFORM_SOURCE else source


def heading(column: Column, columns: Sequence[Column], gettext: Gettext) -> str:
    """A column's period, and its source whenever the reader could not tell it otherwise
    (several sources in the table, or a table of imported records alone)."""
    sources = _sources(columns)
    if sources == [PLATFORM_SOURCE]:
        return column.period.label
    return f"{column.period.label} ({source_name(column.source, gettext)})"


def _layout(
    dimensions: Sequence[str],
    columns: Sequence[Column],
    rows: Sequence[tuple[tuple[str, ...], tuple[Cell, ...]]],
    totals: tuple[int, ...],
    comparisons: Sequence[Compared],
    change: Callable[[Sequence[Cell], Compared], float | None],
    label: Label,
    gettext: Gettext,
) -> tuple[tuple[str, ...], tuple[tuple[Cell, ...], ...], tuple[int, ...]]:
    """Header, body and the positions of the change columns: leading label columns, value
    columns with the change columns inserted right after the last compared column, and the
    total row last."""
    compared_periods = {columns[c.before].period for c in comparisons} | {
        columns[c.after].period for c in comparisons
    }
    insert_after = max(
        (i for i, c in enumerate(columns) if c.period in compared_periods), default=-1
    )
    # Named by source exactly when the value columns are (see heading()).
    by_source = _sources(columns) != [PLATFORM_SOURCE]

    def change_heading(c: Compared) -> str:
        word = gettext("Change %")
        return f"{word} ({source_name(c.source, gettext)})" if by_source else word

    def value_cells(values: tuple[Cell, ...]) -> tuple[Cell, ...]:
        out: list[Cell] = []
        for i, value in enumerate(values):
            out.append(value)
            if i == insert_after:
                out.extend(change(values, c) for c in comparisons)
        return tuple(out)

    value_header: list[str] = []
    for i, column in enumerate(columns):
        value_header.append(heading(column, columns, gettext))
        if i == insert_after:
            value_header.extend(change_heading(c) for c in comparisons)
    header = (*(label(d) for d in dimensions), *value_header)

    def shown(value: str) -> str:
        return gettext("Unknown") if value == UNKNOWN else label(value)

    body: list[tuple[Cell, ...]] = [
        (*(shown(v) for v in key), *value_cells(values)) for key, values in rows
    ]
    blanks = ("",) * (len(dimensions) - 1)
    body.append((gettext("Total"), *blanks, *value_cells(tuple[Cell, ...](totals))))
    first_change = len(dimensions) + insert_after + 1
    changes = tuple(range(first_change, first_change + len(comparisons)))
    return header, tuple(body), changes


def _table_notes(table: Table | PublicTable, gettext: Gettext) -> list[str]:
    """The definition and, for a multi-select table, what its figures are shares of."""
    notes = []
    if table.definition:
        notes.append(gettext(table.definition))
    if table.multi_select:
        notes.append(
            gettext(table.denominator_rule)
            if table.denominator_rule
            else gettext(
                "One unit may be counted in several rows: the rows add up to more than the "
                "total, and percentages are of the total."
            )
        )
    return notes


def _unknown_note(gettext: Gettext, column: str, unknown: str, total: int) -> str:
    return gettext("Unknown: {unknown} of {total} — {column}").format(
        column=column, unknown=unknown, total=total
    )


def _released(cell: PublicCell) -> Cell:
    """A released figure as a cell: a number where the release shows one (so spreadsheets
    can add it up), otherwise the shown text (``<10``, ``x``)."""
    number = cell.number
    return number if number is not None else cell.shown


def _public_unknown(cells: Sequence[PublicCell]) -> str:
    """How many were unknown, as far as the release lets a reader tell.

    One unknown row: its released figure. Several (a two-dimension table has an unknown
    row per value of the other dimension): the range the released figures allow, since a
    sum of rounded figures is not itself a rounded figure and would look more exact than
    it is.
    """
    if not cells:
        return "0"
    if len(cells) == 1:
        return cells[0].shown
    low, high = sum(c.low for c in cells), sum(c.high for c in cells)
    return str(low) if low == high else f"{low}–{high}"
