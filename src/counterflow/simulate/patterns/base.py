"""What every planted pattern needs: participants, sizes, amounts, channels and times.

A :class:`Planter` draws the accounts of an instance from a pool of would-be launderers
(ordinary accounts that also do normal business, as in AMLworld), and gives each pattern
the same vocabulary: a degree between bounds, a base amount with per-transaction noise
("amounts often similar within an instance but not identical", Altman et al., NeurIPS 2023),
a main channel with occasional others, and times drawn from the same day/night and weekly
rhythm as legitimate activity, spread over hours to days.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from counterflow.simulate.codes import ACH, CARD, CHEQUE, MOBILE, WIRE, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.rhythm import DAY_S
from counterflow.simulate.scene import Scene

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

#: Payment formats of layering transfers: the formats of ordinary transfers (AMLworld's
#: laundering uses every format, with ACH and wires somewhat over-represented).
LAYERING_CHANNELS = np.array([WIRE, ACH, MOBILE, CHEQUE, CARD], dtype=np.int8)
LAYERING_CHANNEL_P = np.array([0.3, 0.28, 0.33, 0.06, 0.03])
HOUR_S = 3600


@dataclass(slots=True)
class Planter:
    """Shared helpers for planting one instance after another."""

    rng: np.random.Generator
    scene: Scene
    pool: I32
    members: list[I32] = field(default_factory=list)
    _taken: npt.NDArray[np.bool_] | None = None

    # participants ------------------------------------------------------------------------
    def pick(self, k: int, kinds: tuple[Kind, ...] | None = None) -> I32:
        """``k`` distinct launderers from the pool (fewer if the pool is smaller)."""
        pool = self.pool
        if kinds is not None:
            kind = self.scene.accounts.kind
            pool = pool[np.isin(kind[pool], np.array(kinds))]
            if len(pool) == 0:  # tiny pools: recruit from the whole population
                real = kind[: self.scene.accounts.n]
                pool = np.flatnonzero(np.isin(real, np.array(kinds))).astype(np.int32)
        chosen: I32 = self.rng.choice(pool, size=min(k, len(pool)), replace=False)
        self.members.append(chosen)
        return chosen

    def outsiders(self, k: int, candidates: I32) -> I32:
        """``k`` distinct accounts from ``candidates`` outside the launderer pool (victims)."""
        if self._taken is None:
            self._taken = np.zeros(self.scene.accounts.n, dtype=bool)
            self._taken[self.pool] = True
        free = candidates[~self._taken[candidates]]
        chosen: I32 = self.rng.choice(free, size=min(k, len(free)), replace=False)
        return chosen

    def size(self, lo: int, hi: int) -> int:
        """A degree in ``[lo, hi]``, small ones more common."""
        return lo + int((hi - lo + 1) * self.rng.random() ** 1.6)

    # amounts ------------------------------------------------------------------------------
    def base_usd(self, median: float = 1_800.0, sigma: float = 1.15) -> float:
        """The typical value moved per transaction in this instance."""
        return float(np.clip(self.rng.lognormal(np.log(median), sigma), 30.0, 400_000.0))

    def similar(self, base: float | F64, k: int, spread: float = 0.15) -> F64:
        """``k`` values around ``base``: alike but not identical."""
        return np.asarray(base * self.rng.uniform(1.0 - spread, 1.0 + spread, k), dtype=np.float64)

    def channels(self, k: int, main_p: float = 0.75) -> npt.NDArray[np.int8]:
        """One main channel for the instance, with some transactions by other channels."""
        rng = self.rng
        main = rng.choice(LAYERING_CHANNELS, p=LAYERING_CHANNEL_P)
        other = rng.choice(LAYERING_CHANNELS, p=LAYERING_CHANNEL_P, size=k)
        return np.where(rng.random(k) < main_p, main, other).astype(np.int8)

    def batch(
        self,
        t: I64,
        src: npt.ArrayLike,
        dst: npt.ArrayLike,
        usd: F64,
        channel: npt.ArrayLike,
        currency: int | None = None,
        round_p: float = 0.3,
    ) -> Batch:
        """Transactions of the instance in one currency (the first payer's habit)."""
        src_arr = np.broadcast_to(np.asarray(src, dtype=np.int32), t.shape)
        if currency is None:
            currency = int(self.scene.currency(self.rng, src_arr[:1], usd[:1])[0])
        cur = np.full(len(t), currency, dtype=np.int8)
        round_all = self.rng.random() < round_p
        amount = self.scene.native(usd, cur, t, np.full(len(t), round_all))
        return Batch.make(t, src_arr, dst, amount, cur, channel)

    # times --------------------------------------------------------------------------------
    def span(self, median_h: float = 20.0, lo_h: float = 1.0, hi_h: float = 120.0) -> int:
        """Duration of an instance in seconds: hours to days, never more than the window."""
        hours = np.clip(self.rng.lognormal(np.log(median_h), 0.8), lo_h, hi_h)
        return int(min(hours * HOUR_S, 0.9 * self.scene.clock.horizon))

    def start(self, span: int, profile: str = "business") -> int:
        """A start time such that ``start + span`` stays in the window."""
        clock = self.scene.clock
        hi = max(clock.horizon - span, 1)
        one = np.zeros(1, dtype=np.int64)
        return int(clock.between(self.rng, one, one + hi, profile)[0])

    def spread(self, t0: int, span: int, k: int, profile: str = "business") -> I64:
        """``k`` sorted times in ``[t0, t0 + span)`` following the rhythm."""
        lo = np.full(k, t0, dtype=np.int64)
        return np.sort(self.scene.clock.between(self.rng, lo, lo + max(span, 60), profile))

    def after(self, t: I64, median_h: float = 5.0, profile: str = "business") -> I64:
        """One later time per element: minutes to a day or two after each ``t``."""
        gap = np.clip(self.rng.lognormal(np.log(median_h), 0.9, len(t)), 0.2, 48.0)
        lo = t + 300
        return self.scene.clock.between(self.rng, lo, lo + (gap * HOUR_S).astype(np.int64), profile)

    def chain(self, k: int, median_h: float = 5.0, profile: str = "business") -> I64:
        """``k`` increasing times, each hop minutes to hours after the previous one."""
        t = np.empty(k, dtype=np.int64)
        t[0] = self.start(int(min(k * median_h * HOUR_S, 0.8 * self.scene.clock.horizon)), profile)
        for i in range(1, k):
            t[i] = self.after(t[i - 1 : i], median_h, profile)[0]
        return np.maximum.accumulate(t)

    def night(self, t: I64) -> I64:
        """The same local day as ``t`` but between 20:00 and 02:00 local time."""
        clock = self.scene.clock
        second = (20 * HOUR_S + self.rng.integers(0, 6 * HOUR_S, len(t))) % DAY_S
        moved = clock.at_local(clock.local_day(t), second)
        moved = np.where(moved < 0, moved + DAY_S, moved)  # no night before the window: next one
        moved = np.where(moved >= clock.horizon, moved - DAY_S, moved)
        return np.clip(moved, 0, clock.horizon - 1)
