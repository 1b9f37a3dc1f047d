"""Structuring ("smurfing"): cash deposits kept just below the reporting threshold.

In Cambodia banks must report cash transactions of USD 10,000 or KHR 40 million and above
(DOMAIN.md). Structuring splits a larger sum into deposits just under that line, made over a
few days by one or several people, often at several branches or agents, into one account,
which may then move the total on (FATF, "Money Laundering Typologies: structuring").
Individual deposits near the threshold also occur legitimately (firms' takings), so the
signal is the repetition, not a single amount.
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.codes import CASH, KHR, USD, WIRE, Kind
from counterflow.simulate.currency import CASH_THRESHOLD
from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter

#: Rounding step of a structured deposit, per currency (rounded *down*, to stay below).
_STEP = {USD: 50.0, KHR: 100_000.0}


def structuring(p: Planter) -> Batch:
    """3-10 cash deposits of 80-99.5 % of the threshold into one account over 1-5 days."""
    rng, acc = p.rng, p.scene.accounts
    (target,) = p.pick(1, (Kind.INDIVIDUAL, Kind.MERCHANT, Kind.COMPANY))
    k = p.size(3, 10)
    currency = KHR if rng.random() < max(0.2, float(acc.khr_pref[target])) else USD
    threshold = CASH_THRESHOLD[currency]
    native = threshold * rng.uniform(0.8, 0.995, k)
    if rng.random() < 0.6:
        native = np.floor(native / _STEP[currency]) * _STEP[currency]
    native = np.floor(native / 100.0) * 100.0 if currency == KHR else np.round(native, 2)
    # one or several depositors: the own bank's branches, sometimes other banks' agents
    depositors = p.size(1, 3)
    home = int(acc.bank[target])
    places = np.where(
        rng.random(depositors) < 0.6, home, rng.integers(0, len(acc.bank_names), depositors)
    )
    bank = places[rng.integers(0, depositors, k)]
    span = p.span(median_h=60.0, lo_h=12.0, hi_h=120.0)
    t = p.spread(p.start(span, "cash"), span, k, "cash")
    rate = p.scene.rates[p.scene.clock.local_day(t)]
    usd = native / rate if currency == KHR else native
    deposits = p.batch(t, acc.cash_account(bank), target, usd, CASH, currency, round_p=0.0)
    deposits.amount[:] = native  # the exact ledger amounts chosen above
    if rng.random() < 0.5:
        return deposits
    (onward,) = p.pick(1)
    if onward == target:
        return deposits
    t_out = p.after(t[-1:], median_h=12.0)
    total = usd.sum() * rng.uniform(0.9, 1.0, 1)
    moved = p.batch(t_out, target, onward, total, WIRE, currency, round_p=0.5)
    return Batch.concat([deposits, moved])
