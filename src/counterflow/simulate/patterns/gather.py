"""Gather-scatter and scatter-gather: two-stage funnels through an intermediary layer.

*Gather-scatter* (AMLworld): several sources pay one middle account, which then pays several
destinations, i.e. a fan-in followed by a fan-out through the same account, the outflow
nearly equal to the inflow. *Scatter-gather*: one source spreads money over several
intermediaries (mules), each of whom forwards it, minus a small cut, to a single
destination, a classic layering step (Altman et al., NeurIPS 2023; FATF money-mule typologies).
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter


def gather_scatter(p: Planter) -> Batch:
    """k_in sources -> hub -> k_out destinations; the scatter starts after the gather."""
    k_in, k_out = p.size(3, 10), p.size(3, 10)
    hub, *rest = p.pick(1 + k_in + k_out)
    k_in = min(k_in, len(rest) // 2)
    srcs, dsts = rest[:k_in], rest[k_in:]
    k_out = len(dsts)
    span = p.span(median_h=12.0)
    t_in = p.spread(p.start(2 * span), span, k_in)
    usd_in = p.similar(p.base_usd(), k_in)
    share = p.rng.dirichlet(np.full(k_out, 8.0))
    usd_out = usd_in.sum() * p.rng.uniform(0.95, 0.995) * share
    t_out = p.spread(int(t_in[-1]) + 600, span, k_out)
    channel = p.channels(k_in + k_out)
    first = p.batch(t_in, srcs, hub, usd_in, channel[:k_in])
    cur = int(first.currency[0])
    second = p.batch(t_out, hub, dsts, usd_out, channel[k_in:], currency=cur)
    return Batch.concat([first, second])


def scatter_gather(p: Planter) -> Batch:
    """source -> k intermediaries -> sink; each intermediary forwards what it got, less a cut."""
    src, sink, *mids = p.pick(2 + p.size(3, 12))
    k = len(mids)
    span = p.span(median_h=12.0)
    t_out = p.spread(p.start(2 * span), span, k)
    usd_out = p.similar(p.base_usd(), k)
    t_back = p.after(t_out, median_h=6.0)
    usd_back = usd_out * p.rng.uniform(0.93, 0.995, k)
    channel = p.channels(2 * k)
    first = p.batch(t_out, src, mids, usd_out, channel[:k])
    cur = int(first.currency[0])
    second = p.batch(t_back, mids, sink, usd_back, channel[k:], currency=cur)
    return Batch.concat([first, second])
