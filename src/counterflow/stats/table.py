"""The tables of a joint report: what every statistic, export, chart and release shares.

A :class:`Table` counts the units of one *population* (cases, victims, suspects, alerts ...)
by zero, one or two *dimensions* (sex, age band, province ...), in several *columns*: one
per (period, source) pair. The period is a closed date range; the source is ``platform``
for the platform's own case data or the name of an imported set of historical records
(CTDC, HTCDS), so that every table keeps each source apart (DOMAIN.md: a joint report
"states how many values were unknown" and never mixes sources silently).

Rows carry exact counts. Unknown values are a row of their own (value ``unknown``), so a
table always says how many units lacked the attribute. Multi-select dimensions (forms of
exploitation, methods of control) put one unit in several rows: their rows do not add up to
the total, and the table's ``denominator_rule`` says what the percentages are of.

Disclosure control (:mod:`counterflow.stats.disclosure`) turns these exact tables into the
figures a public release may show; exporters and charts render either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

UNKNOWN = "unknown"
"""The row value of units whose attribute was not recorded."""

PLATFORM_SOURCE = "platform"
"""The source name of the platform's own case data."""


class Unit(StrEnum):
    """What a table counts (decides which disclosure rules apply to it)."""

    CASES = "cases"
    PERSONS = "persons"
    """Victims or suspects: counts about people are protected in public releases."""
    RECORDS = "records"
    """Financial reports, alerts, tips: counts of documents, not people."""
    USD = "usd"
    """Sums of money in whole US dollars (assets frozen)."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed range of days, ``start`` to ``end`` inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def covers(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Column:
    """One column of counts: a period and a source."""

    period: Period
    source: str = PLATFORM_SOURCE


@dataclass(frozen=True, slots=True)
class Row:
    """The counts of one combination of dimension values, one per column."""

    key: tuple[str, ...]
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A statistic of a joint report (module docstring).

    ``totals[i]`` is the number of units of the population in column ``i`` (the
    denominator of shares); for a partition table (not ``multi_select``) the rows of a
    column add up to it, unknowns included.
    """

    key: str
    """Stable identifier, e.g. ``victims_by_sex``."""
    title: str
    """English title; the web layer translates it."""
    population: str
    """``cases``, ``victims``, ``suspects`` ... Tables of one population and column count
    the same units, so a one-dimension table is a margin of a two-dimension one."""
    unit: Unit
    dimensions: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    totals: tuple[int, ...]
    person_attributes: tuple[str, ...] = ()
    """The dimensions that describe a person (sex, age band, nationality ...): a public
    table may have at most two."""
    multi_select: bool = False
    denominator_rule: str = ""
    definition: str = ""

    def __post_init__(self) -> None:
        width = len(self.columns)
        if len(self.totals) != width:
            raise ValueError(f"{self.key}: {len(self.totals)} totals for {width} columns")
        for row in self.rows:
            if len(row.key) != len(self.dimensions) or len(row.values) != width:
                raise ValueError(f"{self.key}: row {row.key} does not fit the table's shape")
        if not set(self.person_attributes) <= set(self.dimensions):
            raise ValueError(f"{self.key}: person attributes must be dimensions")

    def column(self, index: int) -> dict[tuple[str, ...], int]:
        """Counts of column ``index`` by row key."""
        return {row.key: row.values[index] for row in self.rows}

    def unknown(self, index: int) -> int:
        """Units in column ``index`` with some dimension unknown."""
        return sum(row.values[index] for row in self.rows if UNKNOWN in row.key)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A table ready to show or export: plain header and cells, plus its notes.

    Produced from a :class:`Table` (exact, for the agencies) or from a protected release
    table (for the public); exporters and pages need nothing else. A cell is a number, a
    text such as ``<10``, or ``None`` for a figure withheld (shown as an empty cell).
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str | int | float | None, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicCell:
    """A figure as a public release shows it, and what a reader can infer from it alone.

    ``shown`` is ``"0"``, an exact or rounded number (``"15"``), ``"<10"`` for 1-9, or
    ``"x"`` for a figure withheld to protect another; ``low``..``high`` is the range of
    true values consistent with ``shown`` (``"15"`` rounded to 5 means 13..17).
    """

    shown: str
    low: int
    high: int

    @property
    def number(self) -> int | None:
        """The shown figure as a number, ``None`` for ``<10`` and ``x``."""
        return int(self.shown) if self.shown.isdigit() else None


@dataclass(frozen=True, slots=True)
class PublicRow:
    key: tuple[str, ...]
    cells: tuple[PublicCell, ...]


@dataclass(frozen=True, slots=True)
class PublicTable:
    """A :class:`Table` after disclosure control (:mod:`counterflow.stats.disclosure`).

    ``totals`` stay exact (national totals are published exactly); percentages are only
    shown where their denominator is at least ``min_percent_denominator``.
    """

    key: str
    title: str
    population: str
    unit: Unit
    dimensions: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[PublicRow, ...]
    totals: tuple[int, ...]
    rules_version: str
    min_percent_denominator: int
    multi_select: bool = False
    denominator_rule: str = ""
    definition: str = ""
