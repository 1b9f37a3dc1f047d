"""Statistical disclosure control: from exact report tables to figures the public may see.

The joint report counts victims and suspects. Published as they are, small counts identify
people: "one female victim aged 14 from Koh Kong" names a child in a province where every
neighbour knows. DOMAIN.md ("Statistics a joint report produces") sets the rules, version
:data:`RULES_VERSION`:

1. Only counts of *people* (:attr:`Unit.PERSONS`) are protected cell by cell. Cases,
   documents (financial reports, alerts) and sums of money are aggregates of cases and
   records and are shown exactly (rules 4 and 5 still apply).
2. National totals are exact: a public table's ``totals`` are the report's, always.
3. Any other count of people is shown ``0`` when 0, ``<10`` when 1-9, and otherwise
   rounded to the nearest multiple of 5 (12 shows ``10``, 13 shows ``15``), the practice
   of the UK Office for National Statistics for small-area and administrative counts.
   Rounding is deterministic (the same true value always shows the same figure), so a
   series of releases cannot be averaged to undo it, as random rounding could.
4. A table describes people by at most two attributes (sex and age band, say: three would
   single people out), and never below province level (:data:`FORBIDDEN_DIMENSIONS`).
5. A percentage is shown only when its denominator is at least 50 (:func:`share`,
   :func:`change`): a share of a small or rounded base says more than the rounding allows.
6. No hidden count may be recoverable. Totals are exact and tables add up, so
   ``female <10, male 0, unknown 0, total 7`` reveals seven female victims; margins of a
   two-dimension table add equations; and an earlier release of a shorter period (January
   to September, then January to October) reveals by difference who was added: female
   ``10`` (10-12) then ``15`` (13-17) with totals one apart says the one new victim is
   female. :func:`protect` therefore runs an intruder (``_attack``: an integer program
   over everything published, min and max of each hidden quantity) and withholds
   complementary figures, shown ``x``, until nothing small is pinned down (``_secondary``)
   - the secondary cell suppression of Eurostat's and the ONS's practice. :func:`audit`
   runs the same intruder on finished tables, so a release can show "0 findings".

A public table carries the rules version and the percentage threshold it was made with.

What the intruder may combine is stated in :mod:`counterflow.stats._families` (margins;
the same table over nested or equal periods; a release superseded by a correction is
linked to its correction only). Two limits: a figure an earlier release already gave away
cannot be taken back, and neither can one that exact totals alone give away; protection
sets such figures aside instead of withholding everything in vain, and :func:`audit`
still reports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from counterflow.model.errors import CounterflowError
from counterflow.stats._attack import attack
from counterflow.stats._families import NEW, Cells, Pub, families, publications, targets
from counterflow.stats._secondary import secure
from counterflow.stats.table import PublicCell, PublicRow, PublicTable, Table, Unit

RULES_VERSION = "cf-sdc-1"
"""The version of the rules below; every public table and release names it."""

_BELOW_PROVINCE = (
    "district commune village address street house gps coordinates latitude longitude lat "
    "lon geo location postcode zip "
    # Cambodia's names below the province: khan and srok are districts, sangkat and khum
    # communes, phum villages.
    "khan srok sangkat khum phum"
)
FORBIDDEN_DIMENSIONS = frozenset(_BELOW_PROVINCE.split())
"""Dimension names (or parts of names, such as ``district_code``) finer than a province."""


class DisclosureError(CounterflowError):
    """A table that may not be published in any form (rule 4); names the table."""


@dataclass(frozen=True, slots=True)
class Rules:
    """The parameters of the disclosure rules (module docstring)."""

    small_max: int = 9
    """Counts 1..small_max are shown as ``<{small_max + 1}``."""
    rounding_base: int = 5
    min_percent_denominator: int = 50
    max_person_attributes: int = 2
    version: str = RULES_VERSION

    def __post_init__(self) -> None:
        if self.small_max < 0 or self.rounding_base < 1:
            raise ValueError("small_max must be >= 0 and rounding_base >= 1")
        if (self.small_max + 1) % self.rounding_base:
            # then every count above small_max rounds to a figure above small_max too
            raise ValueError("rounding_base must divide small_max + 1")

    @property
    def small(self) -> str:
        return f"<{self.small_max + 1}"


DEFAULT_RULES = Rules()


@dataclass(frozen=True, slots=True)
class Finding:
    """A hidden quantity the intruder recovers exactly (:func:`audit`).

    ``kind`` is ``cell`` (the true count of a ``<10`` or ``x`` figure) or ``difference``
    (the count of row ``row`` in this publication minus the same row in the publication
    ``against``: ``(release, column)``, the longer period or the later release being this
    one). ``release`` is ``None`` for the tables audited, ``i`` for ``earlier[i]``.
    """

    key: str
    row: tuple[str, ...]
    column: int
    kind: Literal["cell", "difference"]
    value: int
    release: int | None = None
    against: tuple[int | None, int] | None = None


def figure(value: int, rules: Rules = DEFAULT_RULES) -> PublicCell:
    """Rule 3 for one count of people, with the range a reader infers from the figure.

    >>> [figure(v).shown for v in (0, 1, 9, 10, 12, 13, 17, 18)]
    ['0', '<10', '<10', '10', '10', '15', '15', '20']
    """
    if value < 0:
        raise ValueError(f"a count cannot be negative: {value}")
    if value == 0:
        return PublicCell("0", 0, 0)
    if value <= rules.small_max:
        return PublicCell(rules.small, 1, rules.small_max)
    base = rules.rounding_base
    shown = (value + base // 2) // base * base  # half up: deterministic
    low = max(shown - base // 2, rules.small_max + 1)
    return PublicCell(str(shown), low, shown + (base - 1) // 2)


def check_table(table: Table | PublicTable, rules: Rules = DEFAULT_RULES) -> None:
    """Rule 4: raise :class:`DisclosureError` for a table that may never be published."""
    if isinstance(table, Table) and len(table.person_attributes) > rules.max_person_attributes:
        raise DisclosureError(
            f"table {table.key!r} describes people by {len(table.person_attributes)} "
            f"attributes ({', '.join(table.person_attributes)}); a public table may use "
            f"at most {rules.max_person_attributes}"
        )
    for dimension in table.dimensions:
        words = {dimension.lower(), *re.split(r"[^a-z0-9]+", dimension.lower())}
        if words & FORBIDDEN_DIMENSIONS:
            raise DisclosureError(
                f"table {table.key!r} has dimension {dimension!r}, finer than a province; "
                "nothing below province level is published"
            )


def _exact(value: int) -> PublicCell:
    return PublicCell(str(value), value, value)


def _public(table: Table, grid: Cells, rules: Rules) -> PublicTable:
    return PublicTable(
        key=table.key,
        title=table.title,
        population=table.population,
        unit=table.unit,
        dimensions=table.dimensions,
        columns=table.columns,
        rows=tuple(
            PublicRow(row.key, tuple(column[r] for column in grid))
            for r, row in enumerate(table.rows)
        ),
        totals=table.totals,
        rules_version=rules.version,
        min_percent_denominator=rules.min_percent_denominator,
        multi_select=table.multi_select,
        denominator_rule=table.denominator_rule,
        definition=table.definition,
    )


def _cells(tables: Sequence[PublicTable], pub: Pub) -> list[PublicCell]:
    return [row.cells[pub.column] for row in tables[pub.table].rows]


def protect(
    tables: Sequence[Table],
    *,
    earlier: Sequence[Sequence[PublicTable]] = (),
    rules: Rules = DEFAULT_RULES,
) -> tuple[PublicTable, ...]:
    """The public form of ``tables``, safe on its own and against ``earlier`` releases.

    Rules 1-4 give each figure (:func:`figure`; totals and non-person tables exact), then
    each family of person tables (a table with its margins and its earlier releases of
    nested or equal periods) is secured against the intruder (rule 6). ``earlier`` lists
    the releases already published, oldest first. Tables come back in input order.
    """
    for table in tables:
        check_table(table, rules)
    grids: list[Cells] = [
        [
            [
                figure(row.values[c], rules)
                if table.unit is Unit.PERSONS
                else _exact(row.values[c])
                for row in table.rows
            ]
            for c in range(len(table.columns))
        ]
        for table in tables
    ]
    first = [_public(t, grid, rules) for t, grid in zip(tables, grids, strict=True)]
    pubs = publications(first, NEW)
    for i, release in enumerate(earlier):
        pubs += publications(release, i)
    for family in families(pubs):
        cells: Cells = [
            grids[p.table][p.column] if p.release is None else _cells(earlier[p.release], p)
            for p in family.pubs
        ]
        truth = {
            n: tuple(row.values[p.column] for row in tables[p.table].rows)
            for n, p in enumerate(family.pubs)
            if p.release is None
        }
        secure(family, cells, truth, rules.small_max)
    return tuple(_public(t, grid, rules) for t, grid in zip(tables, grids, strict=True))


def audit(
    tables: Sequence[PublicTable],
    *,
    earlier: Sequence[Sequence[PublicTable]] = (),
    rules: Rules = DEFAULT_RULES,
) -> list[Finding]:
    """What an intruder recovers exactly from ``tables`` with the ``earlier`` releases:
    every hidden count pinned to 1-9 and every difference pinned to a value of 1-9 in
    absolute value (rule 6). An empty list is a release that keeps its promises."""
    pubs = publications(tables, NEW)
    for i, release in enumerate(earlier):
        pubs += publications(release, i)
    found: list[Finding] = []
    for family in families(pubs):
        cells: Cells = [
            _cells(tables if p.release is None else earlier[p.release], p) for p in family.pubs
        ]
        for target, value in attack(family, cells, targets(family, cells), rules.small_max).found:
            pub = family.pubs[target.pub]
            other = None if target.other is None else family.pubs[target.other]
            found.append(
                Finding(
                    key=pub.key,
                    row=pub.rows[target.row],
                    column=pub.column,
                    kind="cell" if other is None else "difference",
                    value=value,
                    release=pub.release,
                    against=None if other is None else (other.release, other.column),
                )
            )
    return sorted(
        found, key=lambda f: (f.release is not None, f.release or 0, f.key, f.column, f.row, f.kind)
    )


def share(table: PublicTable, row_index: int, column_index: int) -> float | None:
    """A row's share of its column total in %, one decimal, from the published figures
    (rule 5): ``None`` when the figure is not a plain number (``<10``, ``x``) or the total
    is below the table's ``min_percent_denominator``."""
    number = table.rows[row_index].cells[column_index].number
    total = table.totals[column_index]
    if number is None or total < table.min_percent_denominator or total <= 0:
        return None
    return round(number * 100 / total, 1)


def change(
    before: int | None,
    after: int | None,
    *,
    minimum: int = DEFAULT_RULES.min_percent_denominator,
) -> float | None:
    """The change from ``before`` to ``after`` in %, one decimal (rule 5): national totals
    269 -> 122 give -54.6. ``None`` when a figure is not a number or ``before`` (the
    denominator) is below ``minimum``."""
    if before is None or after is None or before < minimum or before <= 0:
        return None
    return round((after - before) * 100 / before, 1)
