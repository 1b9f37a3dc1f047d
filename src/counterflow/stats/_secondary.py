"""Complementary suppression: withhold more figures until the intruder learns nothing small.

Primary protection (rule 3) hides each count of 1-9 behind ``<10`` and rounds the rest,
but the exact totals, the margins and earlier releases still constrain the hidden counts
(DOMAIN.md, "Statistics a joint report produces"; rule 6 of
:mod:`counterflow.stats.disclosure`). Like the secondary cell suppression of statistical
offices (ONS, Eurostat), this module withholds further *complementary* figures, shown
``x``, until no hidden count and no small difference between releases is pinned down.

The choice is greedy and deterministic, one family at a time:

1. run the intruder (:func:`~counterflow.stats._attack.attack`); stop if nothing is found;
2. take the first target found and the cells of the new release that could blur it: its
   own publication first (or the new publications linked to it), then its margins, then
   the rest of the family; within each, figures withheld by an earlier release of the same
   period first (a correction then hides the same cells again, so that the two releases
   cannot be combined), then published numbers before ``<10`` figures, smallest true count
   first (the least information lost);
3. withhold the first of the first few of those that frees the target on its own; if none
   does, withhold the target's cluster (its own cells in the new release with their
   non-zero partners in the margins: one added person shows in a cell and in its margin
   at once, and only hiding both hides them), or else the first cell; go back to 1.

Withholding widens ranges, so a freed target normally stays free (the intruder is run
again after each round all the same), and every round withholds one more cell: the loop
ends, at worst with every cell of the new publications of the family withheld.
A target still pinned in that worst case is not the new release's doing (an earlier
release disclosed it already, or it is a cell that equals an exact total); such targets
are set aside at the start rather than withholding everything for nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from counterflow.stats._attack import Vector, attack
from counterflow.stats._families import Cells, Family, Target, targets
from counterflow.stats.table import PublicCell

WITHHELD = "x"

Candidate = tuple[int, int]
"""A cell of the family: (publication, row)."""

TRIES = 16
"""Single cells tried per round before withholding a target's cluster (:func:`_cluster`)."""


def withheld(total: int) -> PublicCell:
    """A figure withheld to protect another: any value from 0 to the exact total."""
    return PublicCell(WITHHELD, 0, total)


def _everything_withheld(family: Family, cells: Cells) -> Cells:
    return [
        [withheld(pub.total) for _ in row] if pub.new else row
        for pub, row in zip(family.pubs, cells, strict=True)
    ]


def _preferred(family: Family, cells: Cells) -> set[Candidate]:
    """Cells of new publications that an earlier release of the same period withheld."""
    found: set[Candidate] = set()
    for link in family.links:
        later, earlier = family.pubs[link.later], family.pubs[link.earlier]
        if link.strict or not later.new or earlier.new:
            continue
        for r_earlier, r_later in link.rows:
            if cells[link.earlier][r_earlier].shown == WITHHELD:
                found.add((link.later, r_later))
    return found


def _candidates(
    family: Family, cells: Cells, truth: Mapping[int, tuple[int, ...]], target: Target
) -> list[Candidate]:
    new = [p for p, pub in enumerate(family.pubs) if pub.new]
    ends = {target.pub} if target.other is None else {target.pub, target.other}
    home = [p for p in new if p in ends]
    if not home:  # a figure of an earlier release: blur it through the new ones linked
        home = [
            p
            for p in new
            if any({x.earlier, x.later} & ends and p in (x.earlier, x.later) for x in family.links)
        ]
    near = [
        p
        for p in new
        if p not in home
        and any(
            (m.full == p and m.margin in home) or (m.margin == p and m.full in home)
            for m in family.margins
        )
    ]
    rest = [p for p in new if p not in home and p not in near]
    preferred = _preferred(family, cells)
    itself = (target.pub, target.row) if target.kind == "cell" else None
    order: list[Candidate] = []
    for group in (home, near, rest):
        cands = [
            (p, r)
            for p in group
            for r, cell in enumerate(cells[p])
            if cell.shown != WITHHELD and (p, r) != itself
        ]
        cands.sort(
            key=lambda c: (
                c not in preferred,
                cells[c[0]][c[1]].number is None,
                truth[c[0]][c[1]],
                c,
            )
        )
        order += cands
    if (
        itself is not None
        and family.pubs[itself[0]].new
        and cells[itself[0]][itself[1]].shown != WITHHELD
    ):
        order.append(itself)
    return order


def _cluster(
    family: Family, cells: Cells, truth: Mapping[int, tuple[int, ...]], target: Target
) -> list[Candidate]:
    """The target's own cells in the new release with their non-zero partners in the
    margins (the two-dimension cells adding up to a margin cell, or the margin cells a
    two-dimension cell adds to): withheld together when no single cell frees the target,
    as when one added person shows in a cell and in its margin at once."""
    ends = [(target.pub, target.row)]
    if target.other is not None and target.other_row is not None:
        ends.append((target.other, target.other_row))
    seeds = [(p, r) for p, r in ends if family.pubs[p].new]
    for link in family.links:  # a figure of an earlier release: its twins in the new one
        for p, r in ends:
            if link.earlier == p and family.pubs[link.later].new:
                seeds += [(link.later, rl) for re, rl in link.rows if re == r]
    found = list(seeds)
    for p, r in seeds:
        for m in family.margins:
            if m.margin == p:
                found += [(m.full, x) for row, members in m.groups if row == r for x in members]
            elif m.full == p:
                found += [(m.margin, row) for row, members in m.groups if r in members]
    return [
        c
        for c in dict.fromkeys(found)
        if cells[c[0]][c[1]].shown != WITHHELD and (c in seeds or truth[c[0]][c[1]] > 0)
    ]


def _frees(
    family: Family,
    cells: Cells,
    candidate: Candidate,
    target: Target,
    small_max: int,
    hint: Vector,
) -> bool:
    p, r = candidate
    trial = [list(row) for row in cells]
    trial[p][r] = withheld(family.pubs[p].total)
    return not attack(family, trial, [target], small_max, hint).found


def secure(
    family: Family, cells: Cells, truth: Mapping[int, tuple[int, ...]], small_max: int
) -> None:
    """Withhold cells of the new publications of ``family`` (in ``cells``, in place) until
    no target is disclosed (module docstring). ``truth`` holds the exact counts of the new
    publications, by publication index, to choose the cheapest cells."""
    result = attack(family, cells, targets(family, cells), small_max)
    if not result.found:
        return
    worst = _everything_withheld(family, cells)
    hopeless = {t for t, _ in attack(family, worst, targets(family, worst), small_max).found}
    while True:
        live = [t for t, _ in result.found if t not in hopeless]
        if not live:
            return
        target = live[0]
        options = _candidates(family, cells, truth, target)
        if not options:
            return
        hint = result.point
        single = next(
            (c for c in options[:TRIES] if _frees(family, cells, c, target, small_max, hint)),
            None,
        )
        chosen = [single] if single else _cluster(family, cells, truth, target) or options[:1]
        for p, r in chosen:
            cells[p][r] = withheld(family.pubs[p].total)
        result = attack(family, cells, targets(family, cells), small_max, hint)
