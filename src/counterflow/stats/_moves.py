"""Cheap proofs that a hidden quantity is *not* pinned down: small moves between tables.

The intruder's integer program (:mod:`counterflow.stats._attack`) needs two solves per
target to prove that a hidden count can take two values. Most of the time a much cheaper
witness exists: take one table consistent with the figures and move one person from a
row to another (or add one, where rows need not add up), in every linked publication at
once so that nested periods stay nested, with the margins following along; for a
two-dimension table, a four-cell swap keeps both margins. If the moved table still fits
every published figure and the target changed, the target has two values and no solve is
needed. A move that fails proves nothing; the solver then decides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

from counterflow.stats._families import Family, Target

Vector = NDArray[np.float64]
Move = dict[int, int]
"""A change of some variables of the program, by variable index."""


class Mover:
    """The moves of one family's program and a fast check that a moved point fits."""

    def __init__(
        self,
        family: Family,
        offsets: Sequence[int],
        low: Vector,
        high: Vector,
        matrix: NDArray[np.float64],
        lb: Vector,
        ub: Vector,
    ) -> None:
        self.family, self.offsets = family, offsets
        self.low, self.high, self.matrix, self.lb, self.ub = low, high, matrix, lb, ub
        self.lifts: dict[int, list[int]] = {}
        """The margin cells each two-dimension cell adds to."""
        for m in family.margins:
            for row, members in m.groups:
                for r in members:
                    self.lifts.setdefault(self.var(m.full, r), []).append(self.var(m.margin, row))

    def var(self, pub: int, row: int) -> int:
        return self.offsets[pub] + row

    def free(
        self, target: Target, c: Vector, starts: Sequence[Vector], tries: int = 64
    ) -> Vector | None:
        """A point that fits and gives ``c`` (the target) another value than a start;
        ``None`` after ``tries`` moves that do not fit (most free targets need few)."""
        for move in self.moves(target):
            variables = np.fromiter(move, dtype=np.intp, count=len(move))
            deltas = np.fromiter(move.values(), dtype=np.float64, count=len(move))
            if float(c[variables] @ deltas) == 0:
                continue
            shift = self.matrix[:, variables] @ deltas
            for start in starts:
                tries -= 1
                if tries < 0:
                    return None
                moved = start[variables] + deltas
                if np.any(moved < self.low[variables]) or np.any(moved > self.high[variables]):
                    continue
                ax = self.matrix @ start + shift
                if np.all(ax >= self.lb - 1e-9) and np.all(ax <= self.ub + 1e-9):
                    point = start.copy()
                    point[variables] = moved
                    return point
        return None

    def _focus(self, target: Target) -> dict[int, set[int]]:
        """The rows, by publication, whose change changes the target."""
        focus: dict[int, set[int]] = {target.pub: {target.row}}
        if target.other is not None and target.other_row is not None:
            focus.setdefault(target.other, set()).add(target.other_row)
        for m in self.family.margins:
            if m.margin in focus:
                rows = focus[m.margin]
                members = {r for row, group in m.groups if row in rows for r in group}
                focus.setdefault(m.full, set()).update(members)
        return focus

    def moves(self, target: Target) -> Iterator[Move]:
        """One person moved (or added, or removed) at a focus row, alone or echoed in
        every linked publication; then the four-cell swaps of two-dimension tables."""
        focus = self._focus(target)
        for p, rows in sorted(focus.items()):
            twins = self._twins(p)
            n = len(self.family.pubs[p].rows)
            for a in sorted(rows):
                for b in (*range(n), -1):
                    if a == b:
                        continue
                    for sign in (1, -1):
                        move = {self.var(p, a): sign}
                        if b >= 0:
                            move[self.var(p, b)] = -sign
                        yield self._spread(move)
                        if twins:
                            yield self._spread(self._echo(move, p, twins))
        for p, rows in sorted(focus.items()):
            for move in self._cycles(p, rows):
                yield self._spread(move)

    def _spread(self, move: Move) -> Move:
        """Complete a move of two-dimension cells with what it does to their margins."""
        full = dict(move)
        for v, d in move.items():
            for w in self.lifts.get(v, ()):
                full[w] = full.get(w, 0) + d
        return full

    def _twins(self, pub: int) -> list[tuple[int, dict[int, int]]]:
        """The publications linked to ``pub``, with their row for each of ``pub``'s."""
        found = []
        for link in self.family.links:
            if pub in (link.earlier, link.later):
                mine = 0 if pub == link.earlier else 1
                rows = {pair[mine]: pair[1 - mine] for pair in link.rows}
                found.append((link.later if mine == 0 else link.earlier, rows))
        return found

    def _echo(self, move: Move, pub: int, twins: list[tuple[int, dict[int, int]]]) -> Move:
        """``move`` (on ``pub``) made in every linked publication too."""
        echoed = dict(move)
        base = self.offsets[pub]
        for other, rows in twins:
            for v, d in move.items():
                if v - base in rows:
                    w = self.var(other, rows[v - base])
                    echoed[w] = echoed.get(w, 0) + d
        return echoed

    def _cycles(self, pub: int, focus: set[int]) -> Iterator[Move]:
        """Four-cell moves of a two-dimension table through a focus cell: both margins
        keep their values."""
        rows = self.family.pubs[pub].rows
        if not rows or len(rows[0]) != 2:
            return
        index = {key: r for r, key in enumerate(rows)}
        firsts = sorted({k[0] for k in rows})
        seconds = sorted({k[1] for k in rows})
        for r in sorted(focus):
            a, b = rows[r]
            for a2 in firsts:
                for b2 in seconds:
                    keys = ((a2, b2), (a, b2), (a2, b))
                    if a2 == a or b2 == b or not all(k in index for k in keys):
                        continue
                    v = [self.var(pub, index[k]) for k in ((a, b), *keys)]
                    for sign in (1, -1):
                        yield {v[0]: sign, v[1]: sign, v[2]: -sign, v[3]: -sign}
