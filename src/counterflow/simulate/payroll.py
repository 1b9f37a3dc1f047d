"""Salaries: employers paying many employees on a schedule.

Payroll is the textbook *legitimate* fan-out: one employer account pays tens to thousands of
accounts within seconds of each other, usually by ACH batch in the morning of payday. A
detector that flags every fan-out would drown in payrolls, which is exactly why they are
here. Cambodian Labour Law (art. 113) requires workers to be paid at least twice a month, so
employers pay monthly, semi-monthly (day d and d+15) or fortnightly; a payday falling on a
Sunday moves to Monday.

Payroll matters doubly for trafficking finance: FATF-APG (2018) lists "a business with
turnover but no payroll" and "wages emptied within hours to one third party" as red flags,
so the simulator must produce normal payrolls for those planted flows to stand against.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.accounts import FORTNIGHTLY, MONTHLY, SEMIMONTHLY
from counterflow.simulate.codes import ACH, CHEQUE, MOBILE, WIRE
from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene

# share of a monthly wage paid per payday, indexed by pay plan
_PERIOD_SHARE = np.zeros(4)
_PERIOD_SHARE[[MONTHLY, SEMIMONTHLY, FORTNIGHTLY]] = [1.0, 0.5, 12.0 / 26.0]


def _paying(scene: Scene, day: int) -> npt.NDArray[np.bool_]:
    """Which accounts' pay schedule falls on local ``day`` (before the Sunday shift)."""
    acc, clock = scene.accounts, scene.clock
    dom = clock.day_of_month(day)
    fortnight = clock.absolute_day(day) % 14
    plan, pay_day = acc.pay_plan, acc.pay_day
    paying: npt.NDArray[np.bool_] = (
        ((plan == MONTHLY) & (pay_day == dom))
        | ((plan == SEMIMONTHLY) & ((pay_day == dom) | (pay_day + 15 == dom)))
        | ((plan == FORTNIGHTLY) & (pay_day == fortnight))
    )
    return paying


def salaries(rng: np.random.Generator, scene: Scene) -> Batch:
    """Every salary credit of the window (employer -> employee)."""
    acc, clock = scene.accounts, scene.clock
    employees = np.flatnonzero(acc.employer >= 0).astype(np.int32)
    if len(employees) == 0:
        return Batch.empty()
    er_of = acc.employer[employees]
    # fixed per employer: channel, currency habit and the morning batch time
    er_channel = rng.choice(
        np.array([ACH, WIRE, MOBILE, CHEQUE], dtype=np.int8),
        p=[0.62, 0.12, 0.22, 0.04],
        size=acc.n,
    )
    er_khr = rng.random(acc.n) < acc.khr_pref * 0.8
    batch_second = 6 * 3600 + rng.integers(0, 5 * 3600, size=acc.n)
    out: list[Batch] = []
    for day in range(clock.n_local_days):
        weekday = (clock.first_local_date.weekday() + day) % 7
        if weekday == 6:
            continue
        pays = _paying(scene, day)
        if weekday == 0:
            pays |= _paying(scene, day - 1)
        sel = employees[pays[er_of]]
        if len(sel) == 0:
            continue
        er = acc.employer[sel]
        t = clock.at_local(np.full(len(sel), day), batch_second[er])
        t = t + rng.integers(0, 90, size=len(sel))
        keep = (t >= 0) & (t < clock.horizon)
        sel, er, t = sel[keep], er[keep], t[keep]
        share = _PERIOD_SHARE[acc.pay_plan[er]]
        overtime = np.where(rng.random(len(sel)) < 0.4, rng.uniform(1.0, 1.2, len(sel)), 1)
        usd = acc.wage[sel] * share * overtime
        cur = er_khr[er].astype(np.int8)
        amount = scene.native(usd, cur, t, round_mask=rng.random(len(sel)) < 0.3)
        out.append(Batch.make(t, er, sel, amount, cur, er_channel[er]))
    return Batch.concat(out)
