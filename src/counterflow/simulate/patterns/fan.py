"""Fan-out and fan-in: one account paying many, or many paying one.

AMLworld (Altman et al., NeurIPS 2023, fig. 2) plants fan-outs (one source spreading funds to
several destinations, e.g. to move money below per-account limits or to many mules) and
fan-ins (several sources gathering into one account, e.g. mules paying a controller). The
degree varies (here 3 to 16), the transfers are spread over hours to days, and their amounts
are alike without being equal. Payroll and utility bills make the same shapes legitimately,
so shape is evidence, not proof.
"""

from __future__ import annotations

from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter


def fan_out(p: Planter) -> Batch:
    """One source -> k distinct destinations."""
    src, *dsts = p.pick(1 + p.size(3, 16))
    k = len(dsts)
    span = p.span()
    t = p.spread(p.start(span), span, k)
    return p.batch(t, src, dsts, p.similar(p.base_usd(), k), p.channels(k))


def fan_in(p: Planter) -> Batch:
    """k distinct sources -> one destination."""
    dst, *srcs = p.pick(1 + p.size(3, 16))
    k = len(srcs)
    span = p.span()
    t = p.spread(p.start(span), span, k)
    return p.batch(t, srcs, dst, p.similar(p.base_usd(), k), p.channels(k))
