"""Shopping and payment processors: card and KHQR purchases, wallet top-ups, settlements.

Most retail value in Cambodia now moves by card or by scanning a KHQR code (the Bakong
standard) from a bank or wallet app. Each person shops mostly at a few favourite merchants
(preferential attachment), at amounts around the merchant's typical ticket.

Payment processors and wallet operators are the network's hubs: they receive top-ups from
a large share of individuals and pay merchants a daily settlement. A processor's morning
settlement run is a huge legitimate fan-out, and its top-ups a huge legitimate fan-in, so
graph shape alone never proves laundering (AMLworld: Altman et al., NeurIPS 2023).
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.accounts import N_FAVOURITES, draw
from counterflow.simulate.codes import ACH, CARD, MOBILE, WIRE, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene


def purchases(rng: np.random.Generator, scene: Scene, n: int) -> Batch:
    """``n`` purchases, individual -> merchant."""
    acc = scene.accounts
    payer = draw(rng, acc.of_kind(Kind.INDIVIDUAL), acc.activity, n)
    shop = acc.favourites[payer, rng.integers(0, N_FAVOURITES, n)]
    elsewhere = rng.random(n) < 0.12
    shop[elsewhere] = draw(rng, acc.of_kind(Kind.MERCHANT), acc.popularity, int(elsewhere.sum()))
    usd = acc.ticket[shop] * rng.lognormal(0.0, 0.6, n)
    t = scene.clock.sample(rng, n, "retail")
    channel = np.where(rng.random(n) < 0.45, CARD, MOBILE).astype(np.int8)
    cur = scene.currency(rng, payer, usd)
    amount = scene.native(usd, cur, t, round_mask=(channel == MOBILE) & (rng.random(n) < 0.3))
    return Batch.make(t, payer, shop, amount, cur, channel)


def wallet_flows(rng: np.random.Generator, scene: Scene, n: int) -> Batch:
    """``n`` wallet top-ups (individual -> hub) and cash-outs (hub -> individual)."""
    acc = scene.accounts
    person = draw(rng, acc.of_kind(Kind.INDIVIDUAL), acc.activity, n)
    hub = draw(rng, acc.of_kind(Kind.HUB), acc.popularity, n)
    topup = rng.random(n) < 0.75
    src, dst = np.where(topup, person, hub), np.where(topup, hub, person)
    usd = rng.lognormal(np.log(25.0), 0.9, n)
    t = scene.clock.sample(rng, n, "transfer")
    channel = np.where(topup & (rng.random(n) < 0.3), CARD, MOBILE).astype(np.int8)
    cur = scene.currency(rng, person, usd)
    amount = scene.native(usd, cur, t, round_mask=rng.random(n) < 0.8)
    return Batch.make(t, src, dst, amount, cur, channel)


def settlements(rng: np.random.Generator, scene: Scene) -> Batch:
    """Daily settlement of card/QR takings, processor -> merchant, Monday to Saturday."""
    acc, clock = scene.accounts, scene.clock
    merchants = np.flatnonzero(acc.processor >= 0).astype(np.int32)
    if len(merchants) == 0:
        return Batch.empty()
    run_second = 4 * 3600 + rng.integers(0, 4 * 3600, size=acc.n)  # per processor
    channel_of = np.where(rng.random(acc.n) < 0.8, ACH, WIRE).astype(np.int8)
    volume = acc.ticket[merchants] * rng.lognormal(np.log(25.0), 0.9, len(merchants))
    out: list[Batch] = []
    for day in range(clock.n_local_days):
        if (clock.first_local_date.weekday() + day) % 7 == 6:
            continue
        sel = merchants[rng.random(len(merchants)) < 0.85]  # no takings some days
        hub = acc.processor[sel]
        t = clock.at_local(np.full(len(sel), day), run_second[hub])
        t = t + rng.integers(0, 1200, len(sel))
        keep = (t >= 0) & (t < clock.horizon)
        sel, hub, t = sel[keep], hub[keep], t[keep]
        position = np.searchsorted(merchants, sel)
        usd = volume[position] * rng.lognormal(0.0, 0.5, len(sel))
        cur = (rng.random(len(sel)) < 0.15).astype(np.int8)
        amount = scene.native(usd, cur, t)
        out.append(Batch.make(t, hub, sel, amount, cur, channel_of[hub]))
    return Batch.concat(out)
