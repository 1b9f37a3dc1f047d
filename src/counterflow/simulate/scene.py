"""The fixed stage every generator plays on: accounts, calendar and exchange rates.

A :class:`Scene` bundles what background activity and planted patterns share, plus the two
helpers they all need: choosing a transaction's currency from the payer's habits and turning
an intended USD value into a ledger amount in that currency on that day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.simulate.accounts import Accounts
from counterflow.simulate.currency import choose_currency, to_native
from counterflow.simulate.rhythm import Clock


@dataclass(slots=True)
class Scene:
    """Accounts, clock and the KHR-per-USD rate of every local day."""

    accounts: Accounts
    clock: Clock
    rates: npt.NDArray[np.float64]

    def currency(
        self, rng: np.random.Generator, payer: npt.NDArray[np.int32], usd: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.int8]:
        """Currency of each transaction from the payer's riel preference and the size."""
        pref = self.accounts.khr_pref[np.minimum(payer, self.accounts.n - 1)]
        return choose_currency(rng, pref, usd)

    def native(
        self,
        usd: npt.NDArray[np.float64],
        currency: npt.NDArray[np.int8],
        t: npt.NDArray[np.int64],
        round_mask: npt.NDArray[np.bool_] | None = None,
    ) -> npt.NDArray[np.float64]:
        """Ledger amounts in each transaction's currency at the rate of its local day."""
        return to_native(usd, currency, self.clock.local_day(t), self.rates, round_mask)
