"""Account-to-account transfers: person-to-person and business-to-business.

P2P transfers (family support, splitting bills, paying a tutor) are mostly mobile
(Bakong / bank apps), small and often round, and go overwhelmingly to a person's fixed circle
of contacts. B2B transfers (suppliers, invoices) are larger, go by wire, ACH or cheque, and
follow office hours. Both are the cover that layering hides in: AMLworld's laundering
transfers use the same formats, amounts and hours as these (Altman et al., NeurIPS 2023).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.accounts import N_CONTACTS, Accounts, draw
from counterflow.simulate.codes import ACH, CARD, CHEQUE, MOBILE, WIRE, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene

_CH = np.array([MOBILE, WIRE, ACH, CHEQUE, CARD], dtype=np.int8)
P2P_CHANNEL_P = np.array([0.72, 0.11, 0.1, 0.02, 0.05])
B2B_CHANNEL_P = np.array([0.08, 0.45, 0.33, 0.14, 0.0])


def transfer_channels(rng: np.random.Generator, n: int, business: float) -> npt.NDArray[np.int8]:
    """Channels of ``n`` transfers, a ``business`` share of them paid like firms pay."""
    biz = rng.random(n) < business
    out = rng.choice(_CH, p=P2P_CHANNEL_P, size=n)
    out[biz] = rng.choice(_CH, p=B2B_CHANNEL_P, size=int(biz.sum()))
    return out


def counterparties(
    rng: np.random.Generator, acc: Accounts, src: npt.NDArray[np.int32], fresh: float
) -> npt.NDArray[np.int32]:
    """A payee per payer: usually one of the payer's contacts, sometimes someone new."""
    dst = acc.contacts[src, rng.integers(0, N_CONTACTS, len(src))]
    new = rng.random(len(src)) < fresh
    dst[new] = draw(rng, acc.of_kind(Kind.INDIVIDUAL), acc.popularity, int(new.sum()))
    clash = dst == src
    dst[clash] = acc.contacts[src[clash], 0]
    return np.where(dst == src, (src + 1) % acc.n, dst).astype(np.int32)


def p2p(rng: np.random.Generator, scene: Scene, n: int) -> Batch:
    """``n`` person-to-person transfers."""
    acc = scene.accounts
    src = draw(rng, acc.of_kind(Kind.INDIVIDUAL), acc.activity, n)
    dst = counterparties(rng, acc, src, fresh=0.1)
    usd = rng.lognormal(np.log(30.0), 1.3, n)
    t = scene.clock.sample(rng, n, "transfer")
    cur = scene.currency(rng, src, usd)
    amount = scene.native(usd, cur, t, round_mask=rng.random(n) < 0.45)
    return Batch.make(t, src, dst, amount, cur, transfer_channels(rng, n, business=0.0))


def b2b(rng: np.random.Generator, scene: Scene, n: int) -> Batch:
    """``n`` business-to-business payments (suppliers, invoices, services)."""
    acc = scene.accounts
    firms = np.concatenate([acc.of_kind(Kind.COMPANY), acc.of_kind(Kind.MERCHANT)])
    src = draw(rng, firms, acc.activity, n)
    dst = acc.contacts[src, rng.integers(0, N_CONTACTS, n)]
    new = rng.random(n) < 0.1
    dst[new] = draw(rng, firms, acc.popularity, int(new.sum()))
    dst = np.where(dst == src, acc.contacts[src, 0], dst)
    dst = np.where(dst == src, (src + 1) % acc.n, dst).astype(np.int32)
    usd = rng.lognormal(np.log(1_200.0), 1.4, n)
    t = scene.clock.sample(rng, n, "business")
    cur = scene.currency(rng, src, usd)
    amount = scene.native(usd, cur, t, round_mask=rng.random(n) < 0.25)
    return Batch.make(t, src, dst, amount, cur, transfer_channels(rng, n, business=1.0))
