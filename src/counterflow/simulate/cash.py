"""Cash: withdrawals, deposits by individuals, and the takings of shops and firms.

Cash is the placement stage of laundering and the medium of much trafficking revenue, but
it is above all ordinary: people withdraw round sums at ATMs, market traders and firms bank
their takings. A cash movement is recorded against the bank's cash pseudo-account
``CASH@<bank>``; most happen at the customer's own bank, some at another bank's branch or
agent (Cambodia's agent networks take deposits for many banks). Some firms legitimately
deposit sums close to the USD 10,000 reporting threshold, so "just below the threshold" is
a pattern over several deposits, not a property of one (FATF, structuring).
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.accounts import draw
from counterflow.simulate.codes import CASH, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene

# (share, holder kind, is a deposit, median USD, lognormal sigma, share of round amounts)
_FLOWS: tuple[tuple[float, Kind, bool, float, float, float], ...] = (
    (0.50, Kind.INDIVIDUAL, False, 80.0, 0.9, 0.95),  # ATM and counter withdrawals
    (0.20, Kind.INDIVIDUAL, True, 150.0, 1.1, 0.6),  # savings, remittances received in cash
    (0.20, Kind.MERCHANT, True, 450.0, 1.0, 0.15),  # a shop banks its takings
    (0.05, Kind.COMPANY, True, 2_500.0, 1.0, 0.5),  # firm's cash receipts
    (0.05, Kind.COMPANY, False, 2_000.0, 1.0, 0.7),  # petty cash, cash payroll
)


def cash(rng: np.random.Generator, scene: Scene, n: int) -> Batch:
    """``n`` cash deposits and withdrawals."""
    acc = scene.accounts
    shares = np.array([f[0] for f in _FLOWS])
    counts = rng.multinomial(n, shares / shares.sum())
    out: list[Batch] = []
    for count, (_, kind, deposit, median, sigma, round_share) in zip(counts, _FLOWS, strict=True):
        holders = acc.of_kind(kind)
        if count == 0 or len(holders) == 0:
            continue
        holder = draw(rng, holders, acc.activity, int(count))
        bank = acc.bank[holder].astype(np.int64)
        away = rng.random(count) < 0.12
        bank[away] = rng.integers(0, len(acc.bank_names), int(away.sum()))
        till = acc.cash_account(bank)
        usd = rng.lognormal(np.log(median), sigma, count)
        t = scene.clock.sample(rng, int(count), "cash")
        cur = scene.currency(rng, holder, usd)
        amount = scene.native(usd, cur, t, round_mask=rng.random(count) < round_share)
        src, dst = (till, holder) if deposit else (holder, till)
        out.append(Batch.make(t, src, dst, amount, cur, CASH))
    return Batch.concat(out)
