"""The intruder: an integer program that tries to recover hidden counts exactly.

This is the audit step of secondary cell suppression as statistical offices run it (the
"attacker" or "intruder" check of Eurostat's handbook on statistical disclosure control,
and of tau-ARGUS): write down everything a reader knows from the published figures, then
compute for each hidden quantity the smallest and the largest value consistent with it.
A quantity whose minimum equals its maximum is known exactly.

For one :class:`~counterflow.stats._families.Family` the unknowns are the true counts of
every row of every publication, integers, and the reader knows:

- each cell lies in its shown range: ``0`` is 0, ``<10`` is 1..9, ``15`` is 13..17,
  ``10`` is 10..12, ``x`` is 0..total; no row exceeds its publication's exact total;
- a partition publication (not multi-select) adds up to its exact total;
- a margin row equals the sum of its two-dimension cells;
- over nested periods a row of the longer period is at least the shorter one's (the
  newly counted people are added, none removed); a correction of the same period gives
  no sign (people may have been added or removed), only the difference as a quantity to
  protect. A release since superseded by a correction is not linked to longer periods
  (:mod:`counterflow.stats._families`).

If the published figures contradict these assumptions (a correction removed people, a
table that is not a true partition) no table fits them all. A period pair whose figures
visibly shrink (``10`` then ``<10``) is not assumed to grow; if the program is still
infeasible the reader drops the weakest assumptions first (period signs, then margins,
then sums), and so does the program, so it never reports a value from an impossible
model. More assumptions only pin more, so the strictest feasible program is also the
most cautious one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

from counterflow.stats._families import Cells, Family, Link, Target
from counterflow.stats._moves import Mover

Vector = NDArray[np.float64]


class Program:
    """The integer program of one family at one relaxation ``level`` (module docstring):
    0 every assumption, 1 without period signs, 2 also without margins, 3 bounds only."""

    def __init__(self, family: Family, cells: Cells, level: int = 0) -> None:
        self.family, self.level = family, level
        self.offsets: list[int] = []
        low: list[float] = []
        high: list[float] = []
        for p, pub in enumerate(family.pubs):
            self.offsets.append(len(low))
            for cell in cells[p]:
                lo, hi = max(cell.low, 0), min(cell.high, pub.total)
                if lo > hi:  # a figure above its own total: keep what it says
                    lo, hi = cell.low, cell.high
                low.append(lo)
                high.append(hi)
        self.size = len(low)
        self.low, self.high = np.array(low), np.array(high)
        rows: list[tuple[dict[int, float], float, float]] = []
        self.exact: set[int] = set()
        """The publications whose rows add up to their total in this program."""
        if level < 3:
            for p, pub in enumerate(family.pubs):
                span = range(self.offsets[p], self.offsets[p] + len(pub.rows))
                if pub.multi_select or not (
                    sum(low[v] for v in span) <= pub.total <= sum(high[v] for v in span)
                ):
                    continue
                rows.append((dict.fromkeys(span, 1.0), pub.total, pub.total))
                self.exact.add(p)
        if level < 2:
            for m in family.margins:
                for row, members in m.groups:
                    coeffs = {self.var(m.full, r): 1.0 for r in members}
                    coeffs[self.var(m.margin, row)] = -1.0
                    rows.append((coeffs, 0.0, 0.0))
        self.grows: set[tuple[int, int]] = set()
        """The links (earlier, later) whose rows are taken to only grow in this program."""
        for link in family.links:
            if not self.signed(link):
                continue
            pairs = [(self.var(link.earlier, e), self.var(link.later, r)) for e, r in link.rows]
            if any(high[later] < low[earlier] for earlier, later in pairs):
                continue  # the figures show this history did not only grow
            self.grows.add((link.earlier, link.later))
            for r_earlier, r_later in link.rows:
                coeffs = {self.var(link.later, r_later): 1.0}
                coeffs[self.var(link.earlier, r_earlier)] = -1.0
                rows.append((coeffs, 0.0, np.inf))
        self.matrix = np.zeros((len(rows), self.size))
        for i, (coeffs, _, _) in enumerate(rows):
            for v, a in coeffs.items():
                self.matrix[i, v] = a
        self.lb = np.array([r[1] for r in rows])
        self.ub = np.array([r[2] for r in rows])

    def var(self, pub: int, row: int) -> int:
        return self.offsets[pub] + row

    def signed(self, link: Link) -> bool:
        """Whether the rows of ``link``'s later publication are taken to hold at least
        those of the earlier one: over nested periods, at level 0."""
        return link.strict and self.level < 1

    def objective(self, target: Target) -> Vector:
        c = np.zeros(self.size)
        c[self.var(target.pub, target.row)] += 1.0
        if target.other is not None and target.other_row is not None:
            c[self.var(target.other, target.other_row)] -= 1.0
        return c

    def fits(self, point: Vector) -> bool:
        if point.shape != (self.size,):
            return False
        if np.any(point < self.low) or np.any(point > self.high):
            return False
        ax = self.matrix @ point
        return bool(np.all(ax >= self.lb - 1e-9) and np.all(ax <= self.ub + 1e-9))

    def solve(self, c: Vector) -> Vector | None:
        """An integer point minimising ``c``, or ``None`` if the program is infeasible."""
        if self.size == 0:
            return np.zeros(0)
        result: Any = milp(
            c,
            integrality=np.ones(self.size),
            bounds=Bounds(self.low, self.high),
            constraints=[LinearConstraint(self.matrix, self.lb, self.ub)] if len(self.lb) else [],
        )
        if result.status != 0 or result.x is None:
            return None
        return np.rint(np.asarray(result.x, dtype=np.float64))

    def span(self, target: Target, c: Vector) -> tuple[int, int]:
        """Bounds on the target without solving: from the variables' ranges, and for a
        difference of rows that only grow, 0 to the difference of the exact totals (the
        rows of the later publication gain what its total gains, none loses)."""
        low = round(float(np.where(c > 0, c * self.low, c * self.high).sum()))
        high = round(float(np.where(c > 0, c * self.high, c * self.low).sum()))
        if target.other is None:
            return low, high
        later, earlier = self.family.pubs[target.pub], self.family.pubs[target.other]
        link = next(
            (x for x in self.family.links if (x.later, x.earlier) == (target.pub, target.other)),
            None,
        )
        if (
            link is not None
            and (link.earlier, link.later) in self.grows
            and {target.pub, target.other} <= self.exact
            and len(link.rows) == len(earlier.rows)
        ):
            return max(low, 0), min(high, later.total - earlier.total)
        return low, high


def program(family: Family, cells: Cells, hint: Vector | None = None) -> tuple[Program, Vector]:
    """The strictest feasible program of ``family`` and one point of it (``hint`` if it
    fits: a point of a program before some figure was widened)."""
    for level in range(4):
        prog = Program(family, cells, level)
        if hint is not None and prog.fits(hint):
            return prog, hint
        point = prog.solve(np.zeros(prog.size))
        if point is not None:
            return prog, point
    raise AssertionError("bounds alone are always feasible")  # pragma: no cover


def disclosed(value: int, small_max: int) -> bool:
    """A pinned quantity discloses when it is a small count (or a small difference)."""
    return 1 <= abs(value) <= small_max


def _can_disclose(low: int, high: int, small_max: int) -> bool:
    return low <= small_max and high >= -small_max and not (low >= 0 and high <= 0)


@dataclass(frozen=True, slots=True)
class Attack:
    found: list[tuple[Target, int]]
    """The targets pinned to a small value, with that value."""
    point: Vector
    """A point of the program (a hint for the next attack on a widened family)."""


def attack(
    family: Family,
    cells: Cells,
    targets: Sequence[Target],
    small_max: int,
    hint: Vector | None = None,
) -> Attack:
    """The targets the intruder pins down to a small value, with that value.

    Each target needs a minimum and a maximum. Cheap proofs come first: a target whose
    bounds cannot reach a small value is skipped; one that a small move from a known
    point changes has two values (:mod:`counterflow.stats._moves`). Every solution found
    is remembered, and a target already seen at two values is free; only the rest cost
    two solves.
    """
    prog, point = program(family, cells, hint)
    if not targets:
        return Attack([], point)
    objectives = np.array([prog.objective(t) for t in targets])
    mover = Mover(family, prog.offsets, prog.low, prog.high, prog.matrix, prog.lb, prog.ub)
    seen: list[set[int]] = [set() for _ in targets]

    def remember(x: Vector) -> None:
        for i, value in enumerate(np.rint(objectives @ x)):
            seen[i].add(int(value))

    remember(point)
    starts = [point]
    found: list[tuple[Target, int]] = []
    for i, target in enumerate(targets):
        c = objectives[i]
        if len(seen[i]) > 1 or not _can_disclose(*prog.span(target, c), small_max):
            continue
        moved = mover.free(target, c, starts[-4:])
        if moved is not None:
            remember(moved)
            continue
        for sign in (1.0, -1.0):
            if len(seen[i]) > 1:
                break
            x = prog.solve(sign * c)
            if x is not None:
                remember(x)
                starts.append(x)
        if len(seen[i]) == 1:
            (value,) = seen[i]
            if disclosed(value, small_max):
                found.append((target, value))
    return Attack(found, point)
