"""Random transaction graphs for the feature-miner benchmarks (not a simulator).

``make_edges`` draws a time-sorted edge list over ``days`` days. A share ``hub_share`` of the
edges has its destination drawn from 100 hub accounts with Zipf weights 1/rank (a payment
processor, an exchange, a mule collector), and half that share has a hub *source* (payroll,
a merchant paying out): on a 1M-edge graph with ``hub_share=0.5`` the top hub receives about
10% of all edges, which is the adversarial case for any per-edge neighbour scan.

Amounts are log-normal around USD 300 with a few round and just-below-threshold figures, so
every feature family has something to count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DAY = 86_400
START = 1_704_067_200  # 2024-01-01T00:00:00Z


@dataclass(frozen=True)
class Edges:
    """A time-sorted edge list in the shape ``mine_features`` takes."""

    src: np.ndarray
    dst: np.ndarray
    ts: np.ndarray
    amount: np.ndarray
    n_accounts: int


def _hub_ids(rng: np.random.Generator, n: int, n_accounts: int, n_hubs: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, n_hubs + 1)
    weights /= weights.sum()
    return rng.choice(n_hubs, size=n, p=weights).astype(np.int32)


def make_edges(
    n_edges: int,
    n_accounts: int,
    *,
    hub_share: float = 0.0,
    seed: int = 0,
    days: int = 30,
    n_hubs: int = 100,
) -> Edges:
    """Draw ``n_edges`` transactions among ``n_accounts`` accounts, sorted by time."""
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n_accounts, size=n_edges, dtype=np.int32)
    dst = rng.integers(0, n_accounts, size=n_edges, dtype=np.int32)
    if hub_share > 0.0:
        hubs = min(n_hubs, n_accounts)
        to_hub = rng.random(n_edges) < hub_share
        dst[to_hub] = _hub_ids(rng, int(to_hub.sum()), n_accounts, hubs)
        from_hub = rng.random(n_edges) < hub_share / 2
        src[from_hub] = _hub_ids(rng, int(from_hub.sum()), n_accounts, hubs)
    ts = np.sort(START + rng.integers(0, days * DAY, size=n_edges, dtype=np.int64))
    amount = np.round(rng.lognormal(mean=np.log(300.0), sigma=1.2, size=n_edges), 2)
    round_ = rng.random(n_edges) < 0.05
    amount[round_] = np.round(amount[round_], -2)
    structured = rng.random(n_edges) < 0.01
    amount[structured] = rng.uniform(8_000.0, 9_999.0, size=int(structured.sum()))
    return Edges(src=src, dst=dst, ts=ts, amount=amount, n_accounts=n_accounts)
