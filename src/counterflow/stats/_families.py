"""What an intruder can put side by side: publications, their links, and families.

Secondary disclosure control (:mod:`counterflow.stats.disclosure`, rule 6) asks whether a
reader who holds every public figure can work out a count that primary protection hid.
The reader combines figures that count the *same people*:

- a **publication** is one column (a period and a source) of one person table in one
  release: its rows' shown figures and its exact total;
- a **margin**: in one release and column, a one-dimension table of the same population
  is the sum of a two-dimension table over the other dimension (victims by sex is victims
  by sex and age band, added up over age bands), so its figures bound sums of cells;
- a **link**: the same table and source published over nested periods (January-September,
  then January-October) or over the same period (a correction). Assuming the overlapping
  data unchanged, each row of the longer period holds at least the count of the shorter
  one, and the difference of the two is the count of the newly added people. A release
  that a correction has since superseded is linked to its correction only: its figures
  are known to be wrong, so nothing says they lie inside a longer period (its people are
  reached through the correction instead).

A **family** is a set of publications joined by margins and links (a two-dimension table
with its margins, in every release that published them). Families never share a figure,
so each gets its own small integer program instead of one program for a whole release
(the practice statistical offices follow when they protect a table with its margins as
one "linked table set").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from counterflow.stats.table import Period, PublicCell, PublicTable, Unit

NEW = None
"""The ``release`` of the tables being released now (earlier ones are numbered 0, 1 ...)."""

Cells = list[list[PublicCell]]
"""The shown figures of a family, one list of row cells per publication."""


@dataclass(frozen=True, slots=True)
class Pub:
    """One column of one person table in one release (module docstring)."""

    release: int | None
    table: int
    column: int
    key: str
    population: str
    dimensions: tuple[str, ...]
    period: Period
    source: str
    rows: tuple[tuple[str, ...], ...]
    total: int
    multi_select: bool

    @property
    def new(self) -> bool:
        return self.release is NEW

    @property
    def rank(self) -> int:
        """Release order: earlier releases by index, the new one last."""
        return 1 << 30 if self.release is None else self.release

    @property
    def trivial(self) -> bool:
        """A one-row partition: its cell *is* the exact total (rule 2), nothing to hide."""
        return len(self.rows) < 2 and not self.multi_select


@dataclass(frozen=True, slots=True)
class Link:
    """The same table and source over nested (``strict``) or equal periods.

    ``later`` is the publication of the longer period, or of the later release when the
    periods are equal; ``rows`` pairs the row indices of common keys (earlier, later).
    """

    earlier: int
    later: int
    strict: bool
    rows: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Margin:
    """``margin``'s row ``m`` is the sum of ``full``'s rows ``groups[m]``."""

    full: int
    margin: int
    groups: tuple[tuple[int, tuple[int, ...]], ...]


@dataclass(frozen=True, slots=True)
class Family:
    pubs: tuple[Pub, ...]
    links: tuple[Link, ...]
    margins: tuple[Margin, ...]


@dataclass(frozen=True, slots=True)
class Target:
    """A quantity the intruder must not pin down to a small value.

    A ``cell`` target is the true count of a figure shown as ``<10`` or ``x``; a
    ``difference`` target is the count of a row in the later publication of a link minus
    the count of the same row in the earlier one (``other``, ``other_row``).
    """

    kind: str
    pub: int
    row: int
    other: int | None = None
    other_row: int | None = None


def publications(tables: Sequence[PublicTable], release: int | None) -> list[Pub]:
    """The publications of the person tables of one release (rule 1: only those)."""
    return [
        Pub(
            release=release,
            table=t,
            column=c,
            key=table.key,
            population=table.population,
            dimensions=table.dimensions,
            period=column.period,
            source=column.source,
            rows=tuple(row.key for row in table.rows),
            total=table.totals[c],
            multi_select=table.multi_select,
        )
        for t, table in enumerate(tables)
        if table.unit is Unit.PERSONS
        for c, column in enumerate(table.columns)
    ]


def _link(pubs: Sequence[Pub], i: int, j: int) -> Link | None:
    a, b = pubs[i], pubs[j]
    if a.period == b.period:
        if a.rank == b.rank:
            return None
        strict, (earlier, later) = False, ((i, j) if a.rank < b.rank else (j, i))
    elif b.period.covers(a.period):
        strict, earlier, later = True, i, j
    elif a.period.covers(b.period):
        strict, earlier, later = True, j, i
    else:
        return None  # overlapping periods say nothing without further assumptions
    rows_e = {key: r for r, key in enumerate(pubs[earlier].rows)}
    common = tuple((rows_e[key], r) for r, key in enumerate(pubs[later].rows) if key in rows_e)
    return Link(earlier, later, strict, common)


def _supersedes(later: Pub, earlier: Pub) -> bool:
    """Whether ``later`` corrects ``earlier``: the same period in a later release."""
    return later.period == earlier.period and later.rank > earlier.rank


def _margin(full: Pub, margin: Pub) -> tuple[tuple[int, tuple[int, ...]], ...] | None:
    if full.multi_select or margin.multi_select or full.total != margin.total:
        return None
    if not set(margin.dimensions) < set(full.dimensions):
        return None
    where = [full.dimensions.index(d) for d in margin.dimensions]
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for r, key in enumerate(full.rows):
        groups[tuple(key[p] for p in where)].append(r)
    if set(groups) != set(margin.rows):
        return None  # the two tables do not classify the same values: no safe equation
    return tuple((m, tuple(groups[key])) for m, key in enumerate(margin.rows))


def families(pubs: Sequence[Pub]) -> list[Family]:
    """Group ``pubs`` into families (module docstring) that hold a new publication."""
    parent = list(range(len(pubs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[Link] = []
    margins: list[Margin] = []
    by_table: dict[tuple[str, str, tuple[str, ...]], list[int]] = defaultdict(list)
    by_column: dict[tuple[int | None, Period, str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(pubs):
        by_table[(p.key, p.source, p.dimensions)].append(i)
        by_column[(p.release, p.period, p.source, p.population)].append(i)
    for members in by_table.values():
        stale = {i for i in members for j in members if _supersedes(pubs[j], pubs[i])}
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                link = _link(pubs, i, j)
                if link is not None and not (link.strict and {i, j} & stale):
                    links.append(link)
    for members in by_column.values():
        for i in members:
            for j in members:
                groups = _margin(pubs[i], pubs[j]) if i != j else None
                if groups is not None:
                    margins.append(Margin(i, j, groups))
    for a, b in [(x.earlier, x.later) for x in links] + [(m.full, m.margin) for m in margins]:
        parent[find(a)] = find(b)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(pubs)):
        members_of[find(i)].append(i)
    found = []
    for members in members_of.values():
        if not any(pubs[i].new for i in members):
            continue
        local = {g: n for n, g in enumerate(members)}
        found.append(
            Family(
                pubs=tuple(pubs[g] for g in members),
                links=tuple(
                    Link(local[x.earlier], local[x.later], x.strict, x.rows)
                    for x in links
                    if x.earlier in local
                ),
                margins=tuple(
                    Margin(local[m.full], local[m.margin], m.groups)
                    for m in margins
                    if m.full in local
                ),
            )
        )
    return found


def targets(family: Family, cells: Cells) -> list[Target]:
    """Every hidden cell (``<10`` or ``x``) and every linked row difference of ``family``.

    Cells of earlier releases count too: a new release can pin down a figure an earlier
    one hid. One-row partitions are left out: their cell is the exact total.
    """
    found = [
        Target("cell", p, r)
        for p, pub in enumerate(family.pubs)
        if not pub.trivial
        for r, cell in enumerate(cells[p])
        if cell.number is None
    ]
    for link in family.links:
        if family.pubs[link.earlier].trivial and family.pubs[link.later].trivial:
            continue
        found += [
            Target("difference", link.later, r_later, link.earlier, r_earlier)
            for r_earlier, r_later in link.rows
        ]
    return found
