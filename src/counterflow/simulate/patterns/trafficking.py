"""Financial flows of human trafficking and scam compounds.

FATF-APG (2018) "Financial Flows from Human Trafficking" and FinCEN's 2023 alert on
scam compounds in South-East Asia (FIN-2023-Alert005) describe how exploitation shows up in
bank data; DOMAIN.md turns them into rules. Three flows are planted here:

* **wage_sweep**: a front employer credits wages to many workers' accounts and each account
  is emptied within hours to one controller (traffickers hold the cards or phones and "take
  earnings", an HTCDS control method).
* **third_party_cash**: many small, round cash deposits by different people at different
  branches or agents into one account, often at night (sexual exploitation and begging
  revenue banked by runners), which is then moved on.
* **no_payroll**: a business with large turnover and no salary payments (scam-compound
  fronts: victims' payments flow in, large transfers to exchangers or OTC desks flow out).

Workers and scam victims are ordinary account holders outside the launderer pool; their
transactions in the planted flow are labelled, their other activity is not.
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.accounts import NO_PAYROLL
from counterflow.simulate.codes import ACH, CASH, KHR, MOBILE, USD, WIRE, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import HOUR_S, Planter


def wage_sweep(p: Planter) -> Batch:
    """employer -> 5-30 workers (one payroll run), each worker -> one controller within hours."""
    rng, scene = p.rng, p.scene
    (employer,) = p.pick(1, (Kind.COMPANY, Kind.MERCHANT))
    (controller,) = p.pick(1, (Kind.INDIVIDUAL,))
    workers = p.outsiders(p.size(5, 30), scene.accounts.unemployed())
    k = len(workers)
    wage = rng.lognormal(np.log(260.0), 0.25) * rng.uniform(0.97, 1.03, k)
    clock = scene.clock
    day = rng.integers(1, clock.n_local_days - 1) if clock.n_local_days > 2 else 0
    t_pay = clock.at_local(np.array([day]), np.array([6 * HOUR_S + rng.integers(0, 5 * HOUR_S)]))
    t_pay = np.clip(t_pay + rng.integers(0, 90, k), 0, clock.horizon - 1)
    pay_channel = rng.choice(np.array([ACH, MOBILE, WIRE], dtype=np.int8), p=[0.6, 0.3, 0.1])
    currency = KHR if rng.random() < 0.2 else USD
    wages = p.batch(t_pay, employer, workers, wage, pay_channel, currency, round_p=0.5)
    lag = (rng.uniform(0.3, 8.0, k) * HOUR_S).astype(np.int64)
    t_sweep = clock.between(rng, t_pay + 300, t_pay + lag, "transfer")
    taken = wage * rng.uniform(0.85, 1.0, k)
    channel = np.where(rng.random(k) < 0.8, MOBILE, WIRE).astype(np.int8)
    sweeps = p.batch(t_sweep, workers, controller, taken, channel, currency, round_p=0.6)
    return Batch.concat([wages, sweeps])


def third_party_cash(p: Planter) -> Batch:
    """6-25 small round cash deposits at many banks into one account, many at night."""
    rng, acc = p.rng, p.scene.accounts
    (holder,) = p.pick(1, (Kind.INDIVIDUAL, Kind.MERCHANT))
    k = p.size(6, 25)
    currency = KHR if rng.random() < 0.35 else USD
    usd = rng.lognormal(np.log(150.0), 0.7, k)
    step = 100_000.0 if currency == KHR else (50.0 if rng.random() < 0.5 else 10.0)
    span = p.span(median_h=72.0, lo_h=24.0, hi_h=168.0)
    t = p.spread(p.start(span, "cash"), span, k, "cash")
    at_night = rng.random(k) < rng.uniform(0.3, 0.7)
    t[at_night] = p.night(t[at_night])
    t = np.sort(t)
    rate = p.scene.rates[p.scene.clock.local_day(t)]
    native = usd * rate if currency == KHR else usd
    native = np.maximum(np.round(native / step), 1.0) * step
    bank = rng.integers(0, len(acc.bank_names), k)
    deposits = p.batch(t, acc.cash_account(bank), holder, usd, CASH, currency, round_p=0.0)
    deposits.amount[:] = native
    if rng.random() < 0.3:
        return deposits
    (controller,) = p.pick(1)
    if controller == holder:
        return deposits
    total = native.sum() / (rate.mean() if currency == KHR else 1.0)
    t_out = p.after(t[-1:], median_h=10.0, profile="transfer")
    moved = p.batch(
        t_out, holder, controller, np.array([total * rng.uniform(0.9, 1.0)]), MOBILE, currency
    )
    return Batch.concat([deposits, moved])


def no_payroll(p: Planter) -> Batch:
    """A business without payroll: 10-40 payers in, 2-4 large transfers out."""
    rng, acc = p.rng, p.scene.accounts
    companies = acc.of_kind(Kind.COMPANY)
    fronts = p.pool[np.isin(p.pool, companies[acc.pay_plan[companies] == NO_PAYROLL])]
    if len(fronts) == 0:
        fronts = companies[acc.pay_plan[companies] == NO_PAYROLL]
    business = np.int32(rng.choice(fronts))
    p.members.append(np.array([business], dtype=np.int32))
    payers = p.outsiders(p.size(10, 40), acc.of_kind(Kind.INDIVIDUAL))
    k = len(payers)
    span = p.span(median_h=96.0, lo_h=24.0, hi_h=240.0)
    t0 = p.start(span)
    t_in = p.spread(t0, span, k, "transfer")
    usd_in = rng.lognormal(np.log(2_500.0), 0.9, k)
    channel_in = rng.choice(
        np.array([WIRE, MOBILE, ACH], dtype=np.int8), p=[0.5, 0.35, 0.15], size=k
    )
    inflow = p.batch(t_in, payers, business, usd_in, channel_in, USD, round_p=0.4)
    takers = p.pick(p.size(2, 4))
    takers = takers[takers != business]
    m = len(takers)
    t_out = p.spread(t0 + span // 3, span - span // 3, m)
    usd_out = usd_in.sum() * rng.uniform(0.8, 0.97) * rng.dirichlet(np.full(m, 4.0))
    outflow = p.batch(t_out, business, takers, usd_out, WIRE, USD, round_p=0.5)
    return Batch.concat([inflow, outflow])
