"""Pass-through and funnel accounts: money in, money out, nothing stays.

A *pass-through* (rapid movement of funds) account receives money and sends nearly all of it
on within hours, its balance returning to about zero; a *funnel* account receives many
deposits or transfers from many places (branches, cities, banks) and is emptied in one or
two large transfers. Both are FATF red flags and central to FinCEN's 2014 funnel-account
advisory and to scam-compound flows (FinCEN 2023 alert FIN-2023-Alert005).
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.codes import CASH, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter


def pass_through(p: Planter) -> Batch:
    """1-4 credits into an account, then 1-3 debits of 97-99.9 % of them within hours."""
    rng = p.rng
    k_in, k_out = p.size(1, 4), p.size(1, 3)
    nodes = p.pick(1 + k_in + k_out)
    hub, srcs, dsts = nodes[0], nodes[1 : 1 + k_in], nodes[1 + k_in :]
    if len(dsts) == 0:
        srcs, dsts = srcs[:-1], srcs[-1:]
    span = int(rng.uniform(0.5, 6.0) * 3600)
    t_in = p.spread(p.start(span + 86_400), span, len(srcs), "transfer")
    usd_in = p.similar(p.base_usd(), len(srcs), spread=0.5)
    share = rng.dirichlet(np.full(len(dsts), 6.0))
    usd_out = usd_in.sum() * rng.uniform(0.97, 0.999) * share
    t_out = np.sort(p.after(np.full(len(dsts), t_in[-1]), median_h=3.0, profile="transfer"))
    channel = p.channels(len(srcs) + len(dsts))
    first = p.batch(t_in, srcs, hub, usd_in, channel[: len(srcs)])
    cur = int(first.currency[0])
    second = p.batch(t_out, hub, dsts, usd_out, channel[len(srcs) :], currency=cur)
    return Batch.concat([first, second])


def funnel(p: Planter) -> Batch:
    """5-20 deposits and transfers from many places into one account, then 1-2 sweeps out."""
    rng, acc = p.rng, p.scene.accounts
    k = p.size(5, 20)
    hub, dst = p.pick(2, (Kind.INDIVIDUAL, Kind.COMPANY, Kind.MERCHANT))
    n_cash = int(rng.binomial(k, 0.4))
    senders = p.pick(k - n_cash)
    senders = senders[(senders != hub) & (senders != dst)]
    tills = acc.cash_account(rng.integers(0, len(acc.bank_names), n_cash))
    src = rng.permutation(np.concatenate([tills, senders])).astype(np.int32)
    k = len(src)
    by_cash = src >= acc.n
    span = p.span(median_h=48.0, lo_h=6.0, hi_h=120.0)
    t = p.spread(p.start(span), span, k, "transfer")
    usd = p.similar(p.base_usd(median=900.0, sigma=0.8), k, spread=0.4)
    channel = np.where(by_cash, CASH, p.channels(k)).astype(np.int8)
    inflow = p.batch(t, src, hub, usd, channel)
    cur = int(inflow.currency[0])
    n_out = 1 + int(rng.random() < 0.4)
    t_out = np.sort(p.after(np.full(n_out, t[-1]), median_h=4.0))
    usd_out = usd.sum() * rng.uniform(0.95, 0.995) * rng.dirichlet(np.full(n_out, 5.0))
    outflow = p.batch(t_out, hub, dst, usd_out, p.channels(n_out), currency=cur)
    return Batch.concat([inflow, outflow])
