"""Bipartite and stack: layers of accounts paying the next layer.

A *bipartite* pattern (AMLworld) is a set of sources each paying several of a set of
destinations, as when a group of mule accounts is emptied into a group of collection
accounts. A *stack* is two bipartite layers in a row (sources -> intermediaries -> sinks),
the intermediaries paying on after they have been paid (Altman et al., NeurIPS 2023).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter


def _edges(
    p: Planter, n_src: int, n_dst: int, density: float
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Random edges covering every node on both sides, at least three in all."""
    while True:
        mask: npt.NDArray[np.bool_] = p.rng.random((n_src, n_dst)) < density
        if mask.any(axis=1).all() and mask.any(axis=0).all() and mask.sum() >= 3:
            i, j = np.nonzero(mask)
            return i, j


def bipartite(p: Planter) -> Batch:
    """2-6 sources -> 2-6 destinations, dense random edges."""
    n_src, n_dst = p.size(2, 6), p.size(2, 6)
    nodes = p.pick(n_src + n_dst)
    srcs, dsts = nodes[:n_src], nodes[n_src:]
    i, j = _edges(p, n_src, len(dsts), 0.6)
    span = p.span()
    t = p.spread(p.start(span), span, len(i))
    return p.batch(t, srcs[i], dsts[j], p.similar(p.base_usd(), len(i)), p.channels(len(i)))


def stack(p: Planter) -> Batch:
    """Two bipartite layers: 2-5 sources -> 2-5 intermediaries -> 2-5 sinks."""
    sizes = [p.size(2, 5) for _ in range(3)]
    nodes = p.pick(sum(sizes))
    a, b, c = np.split(nodes, [sizes[0], sizes[0] + sizes[1]])
    i1, j1 = _edges(p, len(a), len(b), 0.7)
    i2, j2 = _edges(p, len(b), len(c), 0.7)
    span = p.span(median_h=10.0)
    t1 = p.spread(p.start(2 * span), span, len(i1))
    t2 = p.spread(int(t1[-1]) + 600, span, len(i2))
    base = p.base_usd()
    channel = p.channels(len(i1) + len(i2))
    first = p.batch(t1, a[i1], b[j1], p.similar(base, len(i1)), channel[: len(i1)])
    second = p.batch(
        t2,
        b[i2],
        c[j2],
        p.similar(base * len(i1) / len(i2) * 0.97, len(i2)),
        channel[len(i1) :],
        currency=int(first.currency[0]),
    )
    return Batch.concat([first, second])
