"""Where traced money stops being followed: per account and per bank flags for one trace.

Traced money is not followed past a payment that takes it out of the domestic bank data:

* **cash out**: a payment on channel ``cash`` to a bank's cash pseudo-account (the store
  names it ``CASH@<bank>``; the simulator and AMLworld-style stores write withdrawals so);
  backward, a cash deposit (``cash`` *from* ``CASH@<bank>``): the trail starts in cash;
* **exchange**: to an account the caller lists as an exchange, OTC desk or virtual-asset
  provider, or held at a bank whose directory kind is ``exchange``;
* **cross-border**: to an account at a bank whose country is not the home country;
* **the seeds themselves**: money that comes back to a seed is money the trace already
  follows from there (every payment out of a seed is traced in full), so following it again
  would count it twice; it is reported as *returned*.

Accounts already named in other cases are flagged, not stopped: the money goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.trace.banks import BankKind
from counterflow.trace.context import TraceContext
from counterflow.trace.index import FlowIndex

B = npt.NDArray[np.bool_]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Stops:
    """Flags of one trace: by account id (``seed``, ``exchange``) and by bank code."""

    seed: B
    exchange: B
    exchange_bank: B
    foreign_bank: B
    countries: tuple[str, ...]  # by bank code

    @property
    def account(self) -> B:
        return self.seed | self.exchange

    @property
    def bank(self) -> B:
        return self.exchange_bank | self.foreign_bank


def stops_for(index: FlowIndex, context: TraceContext, seeds: I64) -> Stops:
    seed = np.zeros(index.n_accounts, dtype=np.bool_)
    seed[seeds] = True
    exchange = np.zeros(index.n_accounts, dtype=np.bool_)
    if context.exchanges:
        ids = index.ids(sorted(context.exchanges))
        exchange[ids[ids >= 0]] = True
    home = context.home_country.upper()
    countries = tuple(context.banks.country(b, home) for b in index.bank_names)
    foreign = np.array([c != home for c in countries], dtype=np.bool_)
    exchange_bank = np.array(
        [context.banks.kind(b) is BankKind.EXCHANGE for b in index.bank_names], dtype=np.bool_
    )
    return Stops(seed, exchange, exchange_bank, foreign, countries)
