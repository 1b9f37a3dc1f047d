"""The cycle kernel (temporal and length-constrained) against its twin."""

from __future__ import annotations

import numpy as np
import pytest
from edge_factory import random_edges
from twins import EdgeList, cycles_twin

from counterflow.monitor.features.miner import _window_starts
from counterflow.monitor.kernels.cycles import cycles
from counterflow.monitor.kernels.graph import build_graph
from counterflow.monitor.kernels.neighbours import LOCAL


def _run(
    src: np.ndarray,
    dst: np.ndarray,
    ts: np.ndarray,
    n_accounts: int,
    window: int,
    max_len: int,
    budget: int,
    temporal: bool,
) -> np.ndarray:
    cols = np.arange(max_len + 1, dtype=np.int64)
    out = np.full((src.size, max_len + 1), -1.0, dtype=np.float32)
    cycles(
        build_graph(src, dst, n_accounts),
        _window_starts(ts, window),
        np.int64(max_len),
        np.int64(budget),
        temporal,
        np.int64(0),
        np.int64(5),
        cols,
        out,
    )
    return out


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("temporal", [True, False])
@pytest.mark.parametrize(("max_len", "budget"), [(5, 100_000), (6, 25), (3, 4)])
def test_cycles_match_twin(seed: int, temporal: bool, max_len: int, budget: int) -> None:
    n_accounts = 6 if seed % 2 else 14
    src, dst, ts, amount = random_edges(seed, n=150, n_accounts=n_accounts)
    out = _run(src, dst, ts, n_accounts, 80, max_len, budget, temporal)
    el = EdgeList.of(src, dst, ts, amount)
    for i in range(src.size):
        counts, capped = cycles_twin(el, i, 80, max_len, budget, temporal)
        assert out[i, 2:].tolist() == counts[2:], i
        assert out[i, 0] == sum(counts), i
        assert out[i, 1] == capped, i
    assert out[:, 0].sum() > 0, "these graphs should have cycles"


def test_temporal_order_matters() -> None:
    # 1 -> 2 happens *before* 0 -> 1, so 2 -> 0 closes a simple cycle but not a temporal one.
    src = np.array([1, 0, 2], np.int32)
    dst = np.array([2, 1, 0], np.int32)
    ts = np.array([1, 2, 3], np.int64)
    assert _run(src, dst, ts, 3, 100, 5, 100, True)[2, 0] == 0
    assert _run(src, dst, ts, 3, 100, 5, 100, False)[2, 3] == 1
    src2 = np.array([0, 1, 2], np.int32)
    dst2 = np.array([1, 2, 0], np.int32)
    assert _run(src2, dst2, ts, 3, 100, 5, 100, True)[2, 3] == 1


def test_window_excludes_old_legs() -> None:
    src = np.array([0, 1, 2], np.int32)
    dst = np.array([1, 2, 0], np.int32)
    ts = np.array([0, 50, 100], np.int64)
    assert _run(src, dst, ts, 3, 100, 5, 100, True)[2, 0] == 0  # ts 0 is not > 100 - 100
    assert _run(src, dst, ts, 3, 101, 5, 100, True)[2, 0] == 1


@pytest.mark.parametrize("temporal", [True, False])
def test_cycles_through_hubs_use_the_hash_oracle_and_match_twin(temporal: bool) -> None:
    # One window holds everything: hub 1 pays > LOCAL times, so closing edges out of it are
    # checked by the pair hash table rather than the local neighbour list.
    src, dst, ts, amount = random_edges(7, n=400, n_accounts=9, hub_share=0.6)
    assert max(int((src[: i + 1] == 1).sum()) for i in range(400)) > LOCAL
    out = _run(src, dst, ts, 9, 100_000, 4, 60, temporal)
    el = EdgeList.of(src, dst, ts, amount)
    for i in range(src.size):
        counts, capped = cycles_twin(el, i, 100_000, 4, 60, temporal)
        assert out[i, 2:].tolist() == counts[2:], i
        assert out[i, 1] == capped, i
