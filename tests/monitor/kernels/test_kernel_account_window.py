"""The per-account window walk against its brute-force twin."""

from __future__ import annotations

import math

import numpy as np
import pytest
from edge_factory import random_edges
from twins import IN, OUT, EdgeList, account_window_twin, seconds_since_twin

from counterflow.monitor.kernels import account_window as aw
from counterflow.monitor.kernels.graph import incidence, pair_chains

WINDOWS = (1, 25, 90)
HORIZON = 90
STATS = {
    aw.ST_COUNT: "count",
    aw.ST_FAN: "fan",
    aw.ST_SUM: "total",
    aw.ST_MEAN: "mean",
    aw.ST_STD: "std",
    aw.ST_MIN: "low",
    aw.ST_MAX: "high",
    aw.ST_BELOW: "below",
    aw.ST_RATIO: "ratio",
    aw.ST_Z: "z",
}


def _run_kernel(
    src: np.ndarray,
    dst: np.ndarray,
    ts: np.ndarray,
    amount: np.ndarray,
    below: np.ndarray,
    n_accounts: int,
    emit_from: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    nw = len(WINDOWS)
    colmap = np.arange(2 * nw * 2 * aw.N_STATS, dtype=np.int64).reshape(2, nw, 2, aw.N_STATS)
    colrole = colmap.size + np.arange(4, dtype=np.int64).reshape(2, 2)
    out = np.full((src.size - emit_from, colmap.size + 4), np.nan, dtype=np.float32)
    pair_prev, pair_next, *_ = pair_chains(src, dst, n_accounts)
    ptr, ent = incidence(src, dst, n_accounts)
    entries = aw.gather_entries(ent, ts, amount, below, pair_prev, pair_next)
    aw.account_windows(
        ptr,
        entries,
        np.array(WINDOWS, np.int64),
        np.ones(nw, np.bool_),
        colmap,
        colrole,
        np.int64(HORIZON),
        np.int64(emit_from),
        out,
        np.array([0, n_accounts // 3, n_accounts], np.int64),
    )
    return out, colmap, colrole


def _close(got: float, want: float) -> bool:
    if math.isnan(want):
        return math.isnan(got)
    return math.isclose(got, want, rel_tol=1e-4, abs_tol=2e-3)


@pytest.mark.parametrize("seed", range(6))
def test_window_walk_matches_twin(seed: int) -> None:
    n_accounts = 8 if seed % 2 else 30
    src, dst, ts, amount = random_edges(seed, n=220, n_accounts=n_accounts)
    below = ((amount >= 80.0) & (amount < 100.0)).astype(np.uint8)
    out, colmap, colrole = _run_kernel(src, dst, ts, amount, below, n_accounts)
    el = EdgeList.of(src, dst, ts, amount)
    for i in range(src.size):
        for role in (0, 1):
            for w, window in enumerate(WINDOWS):
                out_s, in_s = account_window_twin(el, below.tolist(), i, role, window)
                for d, want in ((OUT, out_s), (IN, in_s)):
                    for stat, attr in STATS.items():
                        if stat in (aw.ST_RATIO, aw.ST_Z) and d != role:
                            continue
                        got = float(out[i, colmap[role, w, d, stat]])
                        assert _close(got, getattr(want, attr)), (i, role, window, d, attr)
            prev, credit = seconds_since_twin(el, i, role, HORIZON)
            assert _close(float(out[i, colrole[role, aw.RS_SECS_PREV]]), prev)
            assert _close(float(out[i, colrole[role, aw.RS_SECS_CREDIT]]), credit)


def test_warm_up_rows_update_state_but_are_not_emitted() -> None:
    src, dst, ts, amount = random_edges(11, n=150, n_accounts=9)
    below = np.zeros(src.size, np.uint8)
    full, _, _ = _run_kernel(src, dst, ts, amount, below, 9)
    part, _, _ = _run_kernel(src, dst, ts, amount, below, 9, emit_from=70)
    np.testing.assert_array_equal(part, full[70:])


def test_a_hub_with_many_edges_is_linear() -> None:
    # 20,000 payments into one account: the walk must finish instantly and stay exact.
    n = 20_000
    src = (np.arange(n) % 500).astype(np.int32) + 1
    dst = np.zeros(n, np.int32)
    ts = np.arange(n, dtype=np.int64)
    amount = np.full(n, 10.0)
    out, colmap, _ = _run_kernel(src, dst, ts, amount, np.zeros(n, np.uint8), 501)
    w = WINDOWS.index(90)
    assert out[-1, colmap[1, w, IN, aw.ST_COUNT]] == 90
    assert out[-1, colmap[1, w, IN, aw.ST_FAN]] == 90
    assert out[-1, colmap[1, w, IN, aw.ST_SUM]] == 900.0
    assert out[-1, colmap[1, w, IN, aw.ST_STD]] == 0.0
