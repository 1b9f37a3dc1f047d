"""US dollars and Cambodian riel: the daily rate, conversion and realistic rounding.

Cambodia is heavily dollarised: most deposits and nearly all large payments are in USD,
while riel (KHR) dominates small everyday payments; the National Bank of Cambodia publishes
an official rate each day that moves in a narrow band around 4,100 KHR per USD. The
simulator gives every local day a rate from a mean-reverting walk around 4,100 and
denominates each transaction in one currency; ``amount_usd = amount / rate`` for riel.

Riel amounts are whole multiples of 100 (the smallest note in common use); dollar amounts
have cents. People often send "nice" round sums (USD 50, KHR 20,000): :func:`nice` rounds a
chosen share of amounts to two significant digits, for legitimate and laundering flows
alike, because round amounts are a weak red flag (FATF) and never a label by themselves.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.codes import KHR, USD

KHR_PER_USD = 4100.0
#: Cambodia's cash transaction reporting thresholds (DOMAIN.md): USD 10,000 / KHR 40 million.
CASH_THRESHOLD: dict[int, float] = {USD: 10_000.0, KHR: 40_000_000.0}

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]


def daily_rates(rng: np.random.Generator, n_days: int) -> F64:
    """KHR per USD for each local day: AR(1) around 4,100, daily steps of a few riel."""
    rates = np.empty(n_days, dtype=np.float64)
    x = rng.normal(0.0, 15.0)
    for i in range(n_days):
        rates[i] = KHR_PER_USD + x
        x = 0.97 * x + rng.normal(0.0, 4.0)
    return np.round(rates, 0)


def choose_currency(rng: np.random.Generator, khr_pref: F64, usd: F64) -> I8:
    """KHR with the payer's preference, less often for large sums (dollarisation)."""
    damp = np.where(usd < 200.0, 1.0, np.where(usd < 2_000.0, 0.6, 0.3))
    return np.where(rng.random(len(usd)) < khr_pref * damp, KHR, USD).astype(np.int8)


def nice(amount: F64, currency: I8) -> F64:
    """Round to two significant digits, and riel to at least KHR 1,000."""
    mag = np.floor(np.log10(np.maximum(amount, 1.0)))
    unit = 10.0 ** np.maximum(mag - 1.0, 0.0)
    unit = np.where(currency == KHR, np.maximum(unit, 1_000.0), unit)
    return np.maximum(np.round(amount / unit), 1.0) * unit


def to_native(
    usd: F64,
    currency: I8,
    day: I64,
    rates: F64,
    round_mask: npt.NDArray[np.bool_] | None = None,
) -> F64:
    """Amounts in each transaction's own currency, rounded like real ledgers.

    ``usd`` is the intended value; riel amounts use the rate of the local ``day``. Where
    ``round_mask`` is set the amount becomes a round figure in its own currency.
    """
    khr = currency == KHR
    native = np.where(khr, usd * rates[day], usd)
    if round_mask is not None:
        native = np.where(round_mask, nice(native, currency), native)
    native = np.where(khr, np.maximum(np.round(native / 100.0), 1.0) * 100.0, native)
    return np.maximum(np.round(native, 2), 0.01)


def to_usd(amount: F64, currency: I8, day: I64, rates: F64) -> F64:
    """USD equivalent: riel divided by the day's rate; dollars unchanged."""
    return np.where(currency == KHR, amount / rates[day], amount)
