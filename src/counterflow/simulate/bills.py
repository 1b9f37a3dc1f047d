"""Recurring bills: electricity, water, telecoms and rent, paid monthly.

Utilities are the background's biggest *legitimate* fan-ins: a handful of biller accounts
(in Cambodia: Électricité du Cambodge, municipal water, mobile operators) receive from a large
share of the population every month. Rent goes to landlords, who are ordinary individuals.
Each household keeps its own billing day and a stable amount (rent is the same every month,
utilities vary with use), paid by direct debit (ACH), mobile app or card.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.accounts import draw
from counterflow.simulate.codes import ACH, CARD, MOBILE, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene

# (probability a household has the bill, median USD, lognormal sigma, payee is a utility)
_BILLS: tuple[tuple[float, float, float, bool], ...] = (
    (0.7, 28.0, 0.6, True),  # electricity
    (0.4, 9.0, 0.5, True),  # water
    (0.6, 12.0, 0.5, True),  # phone and internet
    (0.25, 180.0, 0.55, False),  # rent to a landlord
)
_CHANNELS = np.array([MOBILE, ACH, CARD], dtype=np.int8)


def bills(rng: np.random.Generator, scene: Scene) -> Batch:
    """Every bill payment of the window (household -> biller or landlord)."""
    acc, clock = scene.accounts, scene.clock
    households = acc.of_kind(Kind.INDIVIDUAL)
    payers: list[npt.NDArray[np.int32]] = []
    payees: list[npt.NDArray[np.int32]] = []
    bases: list[npt.NDArray[np.float64]] = []
    rounds: list[npt.NDArray[np.bool_]] = []
    for share, median, sigma, utility in _BILLS:
        who = households[rng.random(len(households)) < share]
        if utility:
            to = draw(rng, acc.utilities, acc.popularity, len(who))
        else:
            to = draw(rng, households, acc.popularity, len(who))
            to = np.where(to == who, households[0], to).astype(np.int32)
        payers.append(who)
        payees.append(to)
        bases.append(rng.lognormal(np.log(median), sigma, len(who)))
        rounds.append(np.full(len(who), not utility))
    payer, payee = np.concatenate(payers), np.concatenate(payees)
    base, fixed = np.concatenate(bases), np.concatenate(rounds)
    due = rng.integers(1, 29, size=len(payer))
    channel = rng.choice(_CHANNELS, p=[0.55, 0.33, 0.12], size=len(payer))
    khr = rng.random(len(payer)) < acc.khr_pref[payer]
    out: list[Batch] = []
    for day in range(clock.n_local_days):
        sel = np.flatnonzero(due == clock.day_of_month(day))
        if len(sel) == 0:
            continue
        # a direct debit runs in the morning batch, an app or card payment when people are up
        ach = channel[sel] == ACH
        second = np.where(
            ach,
            5 * 3600 + rng.integers(0, 3 * 3600, len(sel)),
            clock.seconds_of_day(rng, len(sel), "retail"),
        )
        t = clock.at_local(np.full(len(sel), day), second)
        keep = (t >= 0) & (t < clock.horizon)
        sel, t = sel[keep], t[keep]
        varies = np.where(fixed[sel], 1.0, rng.uniform(0.75, 1.3, len(sel)))
        cur = khr[sel].astype(np.int8)
        amount = scene.native(base[sel] * varies, cur, t, round_mask=fixed[sel])
        out.append(Batch.make(t, payer[sel], payee[sel], amount, cur, channel[sel]))
    return Batch.concat(out)
