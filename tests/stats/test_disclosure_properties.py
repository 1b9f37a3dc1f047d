"""Disclosure control on random tables, checked by an independent intruder.

The intruder here shares no code with :mod:`counterflow.stats.disclosure`: it writes down
what the published figures say (each cell in its shown range, partitions adding up to
their exact totals, margins adding up, rows of a longer period at least those of a nested
shorter one, a correction of the same period with any sign; a release superseded by a
correction is linked to the correction only) and searches *every* integer table
consistent with them, depth first with interval propagation - feasible because the
totals are small. Every count of people whose true value is 1-9, and every difference of
1-9 between linked publications, must have at least two consistent values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterflow.stats.disclosure import audit, protect
from counterflow.stats.table import Column, Period, PublicTable, Row, Table, Unit

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
START = date(2024, 1, 1)


def period(month: int) -> Period:
    return Period(START, date(2024, month, 28))


# --- the independent intruder: bounded integer search ------------------------------------

INF = 10**6
Constraint = tuple[tuple[int, ...], tuple[int, ...], int, int]
"""Variables, coefficients (+1 or -1), lower and upper bound of the sum."""


def _propagate(lo: list[int], hi: list[int], constraints: Sequence[Constraint]) -> bool:
    """Tighten every variable's range from every constraint until nothing changes."""
    changed = True
    while changed:
        changed = False
        for variables, coeffs, c_lo, c_hi in constraints:
            terms = list(zip(variables, coeffs, strict=True))
            low = sum(lo[v] if c > 0 else -hi[v] for v, c in terms)
            high = sum(hi[v] if c > 0 else -lo[v] for v, c in terms)
            if low > c_hi or high < c_lo:
                return False
            for v, c in terms:
                if c > 0:
                    new_lo = max(lo[v], c_lo - (high - hi[v]))
                    new_hi = min(hi[v], c_hi - (low - lo[v]))
                else:
                    new_lo = max(lo[v], low + hi[v] - c_hi)
                    new_hi = min(hi[v], high + lo[v] - c_lo)
                if new_lo > new_hi:
                    return False
                if (new_lo, new_hi) != (lo[v], hi[v]):
                    lo[v], hi[v] = new_lo, new_hi
                    low = sum(lo[u] if d > 0 else -hi[u] for u, d in terms)
                    high = sum(hi[u] if d > 0 else -lo[u] for u, d in terms)
                    changed = True
    return True


def search(lo: list[int], hi: list[int], constraints: Sequence[Constraint]) -> Iterator[bool]:
    """Depth-first search of every integer point within ``lo``..``hi`` satisfying the
    constraints: yields ``False`` at each node visited and ``True`` at a solution, so that
    two searches can be run side by side (:func:`either`)."""
    stack = [(list(lo), list(hi))]
    while stack:
        lo, hi = stack.pop()
        yield False
        if not _propagate(lo, hi, constraints):
            continue
        free = [v for v in range(len(lo)) if lo[v] < hi[v]]
        if not free:
            yield True
            return
        v = min(free, key=lambda v: hi[v] - lo[v])
        for value in range(hi[v], lo[v] - 1, -1):
            lo2, hi2 = list(lo), list(hi)
            lo2[v] = hi2[v] = value
            stack.append((lo2, hi2))


def either(*searches: Iterator[bool]) -> bool:
    """Whether any of the searches finds a solution, stepping them in turn: a search
    that must exhaust a large space to fail costs no more than the one that succeeds."""
    running = list(searches)
    while running:
        for s in list(running):
            step = next(s, None)
            if step is None:
                running.remove(s)
            elif step:
                return True
    return False


@dataclass
class Knowledge:
    """Everything published, as integer variables and linear constraints."""

    lo: list[int] = field(default_factory=list)
    hi: list[int] = field(default_factory=list)
    truth: list[int] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    cells: dict[tuple[int, str, int, tuple[str, ...]], int] = field(default_factory=dict)
    """(release, table key, column, row key) -> variable."""

    def add_release(
        self, release: int, public: Sequence[PublicTable], exact: Sequence[Table]
    ) -> None:
        for pt, t in zip(public, exact, strict=True):
            if pt.unit is not Unit.PERSONS:
                continue
            for c, total in enumerate(pt.totals):
                variables = []
                for row, true_row in zip(pt.rows, t.rows, strict=True):
                    cell = row.cells[c]
                    self.cells[(release, pt.key, c, row.key)] = len(self.lo)
                    variables.append(len(self.lo))
                    self.lo.append(max(cell.low, 0))
                    self.hi.append(min(cell.high, total))
                    self.truth.append(true_row.values[c])
                if not pt.multi_select:
                    self.constraints.append((tuple(variables), (1,) * len(variables), total, total))
        by_column = defaultdict(list)
        for pt in public:
            if pt.unit is Unit.PERSONS and not pt.multi_select:
                for c in range(len(pt.columns)):
                    by_column[(pt.population, pt.columns[c])].append((pt, c))
        for group in by_column.values():
            for full, c in group:
                for margin, m in group:
                    if len(full.dimensions) != 2 or len(margin.dimensions) != 1:
                        continue
                    if margin.dimensions[0] not in full.dimensions:
                        continue
                    axis = full.dimensions.index(margin.dimensions[0])
                    for row in margin.rows:
                        members = [
                            self.cells[(release, full.key, c, r.key)]
                            for r in full.rows
                            if r.key[axis] == row.key[0]
                        ]
                        own = self.cells[(release, margin.key, m, row.key)]
                        coeffs = (1,) * len(members) + (-1,)
                        self.constraints.append(((*members, own), coeffs, 0, 0))

    def differences(
        self, periods: dict[tuple[int, str, int], Period]
    ) -> list[tuple[int, int, bool]]:
        """(earlier variable, later variable, strict) for linked cells of two releases."""
        pairs: list[tuple[int, int, bool]] = []
        stale = {  # corrected since: linked to the correction only, not to other periods
            (r, key, c)
            for (r, key, c), p in periods.items()
            for (r2, key2, c2), p2 in periods.items()
            if key2 == key and p2 == p and r2 > r
        }
        for (ra, key, ca, row), va in self.cells.items():
            for (rb, key_b, cb, row_b), vb in self.cells.items():
                if key_b != key or row_b != row or (ra, ca) == (rb, cb):
                    continue
                pa, pb = periods[(ra, key, ca)], periods[(rb, key, cb)]
                if pa == pb and ra < rb:
                    pairs.append((va, vb, False))
                elif pa != pb and pb.covers(pa) and not stale & {(ra, key, ca), (rb, key, cb)}:
                    pairs.append((va, vb, True))
        return pairs

    def consistent(self) -> bool:
        return either(search(self.truth, self.truth, self.constraints))

    def free(self, variables: tuple[int, ...], coeffs: tuple[int, ...]) -> bool:
        """Whether the quantity takes a value other than its true one."""
        value = sum(c * self.truth[v] for v, c in zip(variables, coeffs, strict=True))
        below = (variables, coeffs, -INF, value - 1)
        above = (variables, coeffs, value + 1, INF)
        return either(
            search(self.lo, self.hi, [*self.constraints, below]),
            search(self.lo, self.hi, [*self.constraints, above]),
        )


def check_release_sequence(
    releases: Sequence[tuple[Sequence[Table], Sequence[PublicTable]]],
) -> None:
    """Totals exact, figures true, non-person tables exact, and nothing small pinned."""
    known = Knowledge()
    periods: dict[tuple[int, str, int], Period] = {}
    for k, (exact, public) in enumerate(releases):
        for t, pt in zip(exact, public, strict=True):
            assert pt.totals == t.totals
            assert pt.key == t.key
            for row, true_row in zip(pt.rows, t.rows, strict=True):
                assert row.key == true_row.key
                for cell, value in zip(row.cells, true_row.values, strict=True):
                    assert cell.low <= value <= cell.high
                    if t.unit is not Unit.PERSONS:
                        assert cell.shown == str(value)
            for c, column in enumerate(pt.columns):
                periods[(k, pt.key, c)] = column.period
        known.add_release(k, public, exact)
    for variables, coeffs, _, _ in known.constraints:
        assert len(variables) == len(coeffs)
    links = known.differences(periods)
    for earlier, later, strict in links:
        if strict:
            known.constraints.append(((later, earlier), (1, -1), 0, INF))
    assert known.consistent()
    for v, value in enumerate(known.truth):
        if 1 <= value <= 9:
            assert known.free((v,), (1,)), f"cell {v} = {value} is pinned"
    for earlier, later, _ in links:
        d = known.truth[later] - known.truth[earlier]
        if 1 <= abs(d) <= 9:
            assert known.free((later, earlier), (1, -1)), f"difference {d} is pinned"
    *before, (_, last) = releases
    assert audit(last, earlier=[public for _, public in before]) == []


# --- random tables -----------------------------------------------------------------------


def one_dimension(
    key: str, counts: Sequence[int], when: Period, *, multi_select: bool = False, total: int = -1
) -> Table:
    return Table(
        key=key,
        title=key,
        population="victims",
        unit=Unit.PERSONS,
        dimensions=("group",),
        columns=(Column(when),),
        rows=tuple(Row((f"g{i}",), (v,)) for i, v in enumerate(counts)),
        totals=(sum(counts) if total < 0 else total,),
        person_attributes=("group",),
        multi_select=multi_select,
    )


def with_margins(cells: Sequence[Sequence[int]], when: Period) -> list[Table]:
    """A two-dimension table (sex x age band) and both its one-dimension margins."""
    total = sum(map(sum, cells))
    column = (Column(when),)

    def make(key: str, dims: tuple[str, ...], rows: list[tuple[tuple[str, ...], int]]) -> Table:
        return Table(
            key=key,
            title=key,
            population="victims",
            unit=Unit.PERSONS,
            dimensions=dims,
            columns=column,
            rows=tuple(Row(k, (v,)) for k, v in rows),
            totals=(total,),
            person_attributes=dims,
        )

    full = make(
        "victims_by_sex_age",
        ("sex", "age"),
        [((f"s{i}", f"a{j}"), v) for i, row in enumerate(cells) for j, v in enumerate(row)],
    )
    by_sex = make("victims_by_sex", ("sex",), [((f"s{i}",), sum(r)) for i, r in enumerate(cells)])
    by_age = make(
        "victims_by_age",
        ("age",),
        [((f"a{j}",), sum(r[j] for r in cells)) for j in range(len(cells[0]))],
    )
    return [full, by_sex, by_age]


counts = st.lists(st.one_of(st.integers(0, 9), st.integers(0, 20)), min_size=2, max_size=6).filter(
    lambda c: sum(c) <= 40
)


@SETTINGS
@given(values=counts, multi_select=st.booleans(), data=st.data())
def test_one_table_keeps_its_small_counts_hidden(
    values: list[int], multi_select: bool, data: st.DataObject
) -> None:
    total = sum(values)
    if multi_select and values:
        total = data.draw(st.integers(max(values), max(max(values), min(sum(values), 40))))
    victims = one_dimension(
        "victims_by_group", values, period(9), multi_select=multi_select, total=total
    )
    cases = Table(
        key="cases_by_group",
        title="cases",
        population="tip_cases",
        unit=Unit.CASES,
        dimensions=("group",),
        columns=(Column(period(9)),),
        rows=tuple(Row((f"g{i}",), (v,)) for i, v in enumerate(values)),
        totals=(sum(values),),
    )
    public = protect([victims, cases])
    check_release_sequence([([victims, cases], public)])


cells_2d = (
    st.integers(2, 3)
    .flatmap(
        lambda rows: st.integers(2, 3).flatmap(
            lambda cols: st.lists(
                st.lists(
                    st.one_of(st.integers(0, 4), st.integers(0, 12)), min_size=cols, max_size=cols
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    )
    .filter(lambda cells: sum(map(sum, cells)) <= 40)
)


@SETTINGS
@given(cells=cells_2d)
def test_a_two_dimension_table_with_its_margins(cells: list[list[int]]) -> None:
    tables = with_margins(cells, period(9))
    check_release_sequence([(tables, protect(tables))])


EDGES = st.sampled_from([0, 1, 2, 5, 8, 9, 10, 11, 12, 13, 15, 17])
"""Counts near the edges of the shown ranges, where one more person changes the figure."""


@st.composite
def histories(
    draw: st.DrawFn, base: st.SearchStrategy[list[int]], steps: tuple[int, int] = (1, 2)
) -> list[tuple[int, list[int]]]:
    """Releases of one table: (last month of the period, true counts). A later period
    adds people (counts only grow); the same period again is a correction (any sign), and
    a period still holds at least what any shorter period inside it held."""
    history = [(9, draw(base))]
    for _ in range(draw(st.integers(*steps))):
        month, last = history[-1]
        new = list(last)
        if draw(st.booleans()):
            for _ in range(draw(st.integers(0, 4))):  # a month adds a few people
                new[draw(st.integers(0, len(new) - 1))] += 1
            month += 1
        else:
            for _ in range(draw(st.integers(1, 3))):  # a correction moves a few people
                i = draw(st.integers(0, len(new) - 1))
                new[i] = max(0, new[i] + draw(st.sampled_from([-1, 1])))
        for m, old in dict(history).items():  # the latest figures of each shorter period
            if m < month:
                new = [max(a, b) for a, b in zip(new, old, strict=True)]
        history.append((month, new))
    return history


@SETTINGS
@given(history=histories(st.lists(st.one_of(EDGES, st.integers(0, 12)), min_size=2, max_size=5)))
def test_releases_cannot_be_differenced(history: list[tuple[int, list[int]]]) -> None:
    released: list[tuple[Sequence[Table], Sequence[PublicTable]]] = []
    for month, values in history:
        t = one_dimension("victims_by_group", values, period(month))
        public = protect([t], earlier=[p for _, p in released])
        assert protect([t], earlier=[p for _, p in released]) == public  # deterministic
        released.append(([t], public))
    check_release_sequence(released)


@SETTINGS
@given(cells=cells_2d, growth=st.lists(st.sampled_from([0, 0, 0, 1, 2]), min_size=9, max_size=9))
def test_two_dimension_releases_cannot_be_differenced(
    cells: list[list[int]], growth: list[int]
) -> None:
    later = [[v + growth[i * 3 + j] for j, v in enumerate(row)] for i, row in enumerate(cells)]
    first = with_margins(cells, period(9))
    first_public = protect(first)
    second = with_margins(later, period(10))
    second_public = protect(second, earlier=[first_public])
    check_release_sequence([(first, first_public), (second, second_public)])


@pytest.mark.slow
@settings(SETTINGS, max_examples=200)
@given(shape=st.tuples(st.integers(2, 3), st.integers(2, 3)), data=st.data())
def test_two_dimension_histories_with_corrections(
    shape: tuple[int, int], data: st.DataObject
) -> None:
    rows, cols = shape
    flat = st.lists(st.one_of(EDGES, st.integers(0, 4)), min_size=rows * cols, max_size=rows * cols)
    history = data.draw(histories(flat.filter(lambda v: sum(v) <= 35), steps=(1, 2)))
    released: list[tuple[Sequence[Table], Sequence[PublicTable]]] = []
    for month, values in history:
        cells = [values[i * cols : (i + 1) * cols] for i in range(rows)]
        tables = with_margins(cells, period(month))
        released.append((tables, protect(tables, earlier=[p for _, p in released])))
    check_release_sequence(released)
