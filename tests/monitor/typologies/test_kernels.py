"""The detectors' NumPy/Numba building blocks against slow, obviously-correct twins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from counterflow.monitor.typologies._components import components
from counterflow.monitor.typologies._frame import Frame
from counterflow.monitor.typologies._hops import forward_hops
from counterflow.monitor.typologies._index import _incidence, incidence_reference, legs
from counterflow.monitor.typologies._sliding import (
    around,
    concentration,
    forward,
    instances,
    instances_reference,
    prune,
    runs,
    sliding,
    sliding_reference,
)

SEEDS = range(8)


def _sorted_keys(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    key = np.sort(rng.integers(0, 6, n))
    t = np.zeros(n, dtype=np.int64)
    for k in np.unique(key):  # times ascending within each key, with ties
        m = key == k
        t[m] = np.sort(rng.integers(0, 40, m.sum()))
    return key, t


@pytest.mark.parametrize("seed", SEEDS)
def test_sliding_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 120))
    key, t = _sorted_keys(rng, n)
    channels = [rng.integers(-1, 5, n), rng.integers(-1, 30, n)]
    weights = [rng.random(n), rng.integers(0, 2, n).astype(float)]
    window = int(rng.integers(0, 15))
    got = sliding(key, t, window, channels, weights)
    left, distinct, sums = sliding_reference(
        key.tolist(),
        t.tolist(),
        window,
        [c.tolist() for c in channels],
        [w.tolist() for w in weights],
    )
    assert got.start.tolist() == left
    assert got.end.tolist() == list(range(n))
    assert got.count.tolist() == [i - j + 1 for i, j in enumerate(left)]
    assert got.distinct.tolist() == distinct
    np.testing.assert_allclose(got.sums, np.array(sums), atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_forward_windows_match_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 120))
    key, t = _sorted_keys(rng, n)
    chan = rng.integers(-1, 6, n)
    weight = rng.random(n)
    window = int(rng.integers(0, 15))
    got = forward(key, t, window, [chan], [weight])
    for i in range(n):
        ahead = [j for j in range(n) if key[j] == key[i] and t[i] <= t[j] <= t[i] + window]
        ahead = [j for j in ahead if j >= i]  # ties: the elements after i in order
        assert got.start[i] == i
        assert got.end[i] == max(ahead)
        assert got.distinct[i, 0] == len({chan[j] for j in ahead if chan[j] >= 0})
        assert got.sums[i, 0] == pytest.approx(weight[ahead].sum())


@pytest.mark.parametrize("seed", SEEDS)
def test_instances_match_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 120))
    key, t = _sorted_keys(rng, n)
    window = int(rng.integers(0, 10))
    windows = sliding(key, t, window) if seed % 2 else forward(key, t, window)
    ok = rng.random(n) < 0.2
    got = instances(key, t, windows, ok, window)
    want = instances_reference(
        key.tolist(), t.tolist(), windows.start.tolist(), windows.end.tolist(), ok.tolist(), window
    )
    assert got.tolist() == want
    r = runs(got)
    for i, (first, last, size) in enumerate(zip(r.first, r.last, r.size, strict=True)):
        assert np.flatnonzero(got == i).tolist() == list(range(first, last + 1))
        assert size == last - first + 1


H = 3_600_000_000  # one hour in microseconds


def test_prune_drops_small_or_long_instances() -> None:
    # account 5: a 3-element burst among 4 elements; 6: lasts 100 h; 7: 3 among 23 elements
    acct = np.array([5, 5, 5, 5, 6, 6] + [7] * 23)
    t = np.array([0, 1, 2, 3, 0, 100, *range(23)]) * H
    inst = np.array([0, 0, 0, -1, 1, 1, 2, 2, 2] + [-1] * 20)
    kept = prune(inst, acct, t, min_share=0.5, baseline=30 * 24 * H, max_span=10 * H)
    assert kept.tolist() == [0, 0, 0] + [-1] * 26
    ids, share = concentration(inst, acct, t, 30 * 24 * H)
    assert ids.tolist() == [0, 1, 2]
    assert share.tolist() == pytest.approx([3 / 4, 2 / 2, 3 / 23])


@pytest.mark.parametrize("seed", SEEDS)
def test_around_counts_neighbours_of_the_same_key(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 150))
    key, t = _sorted_keys(rng, n)
    t = t * H
    at = np.flatnonzero(rng.random(n) < 0.3)
    half = int(rng.integers(0, 12)) * H
    got = around(key, t, at, half)
    want = [int(((key == key[i]) & (np.abs(t - t[i]) <= half)).sum()) for i in at]
    assert got.tolist() == want


@pytest.mark.parametrize("seed", SEEDS)
def test_incidence_matches_a_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 200))
    src = rng.integers(0, 15, n).astype(np.int32)
    dst = rng.integers(0, 15, n).astype(np.int32)
    t = np.sort(rng.integers(0, 1000, n)).astype(np.int64)
    usd = rng.random(n)
    ptr, pos, cp, inflow, tt, uu = _incidence(src, dst, t, usd, 15)
    acct, want_pos, want_inflow = incidence_reference(src, dst)
    assert np.repeat(np.arange(15), np.diff(ptr)).tolist() == acct.tolist()
    assert pos.tolist() == want_pos.tolist()
    assert inflow.tolist() == want_inflow.tolist()
    assert cp.tolist() == np.where(inflow, src[pos], dst[pos]).tolist()
    assert tt.tolist() == t[pos].tolist()
    assert uu.tolist() == usd[pos].tolist()


@pytest.mark.parametrize("seed", SEEDS)
def test_components_match_a_graph_search(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 60))
    u = rng.integers(0, 50, m) * 7
    v = rng.integers(0, 50, m) * 7
    nodes, labels = components(u, v)
    adjacency: dict[int, set[int]] = {}
    for a, b in zip(u.tolist(), v.tolist(), strict=True):
        adjacency.setdefault(a, set()).add(b)
        adjacency.setdefault(b, set()).add(a)
    label_of = dict(zip(nodes.tolist(), labels.tolist(), strict=True))
    for start in adjacency:
        seen, todo = {start}, [start]
        while todo:
            for nxt in adjacency[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        assert {x for x in label_of if label_of[x] == label_of[start]} == seen


@pytest.mark.parametrize("seed", SEEDS)
def test_hops_match_brute_force(seed: int, ledger: Callable[[], Any]) -> None:
    rng = np.random.default_rng(seed)
    led = ledger()
    for _ in range(150):
        a, b = rng.choice(8, 2, replace=False)
        led.add(
            f"a{a}",
            f"a{b}",
            float(rng.choice([100, 95, 90, 60, 100.5])),
            float(rng.integers(0, 60)),
        )
    df = led.frame()
    frame = Frame.of(df)
    hops = forward_hops(
        frame,
        max_delay_us=10 * 3_600_000_000,
        min_ratio=0.8,
        max_ratio=1.0,
        hub_txns_per_day=1e9,
        successors=2,
    )
    got = set(zip(hops["in_row"].to_list(), hops["out_row"].to_list(), strict=True))
    src, dst = df["src_id"].to_list(), df["dst_id"].to_list()
    t = df["ts"].dt.epoch("us").to_list()
    usd = df["amount_usd"].to_list()
    want = set()
    for i in range(df.height):
        later = [j for j in range(i + 1, df.height) if src[j] == dst[i]][:2]
        for j in later:
            if t[j] - t[i] <= 10 * 3_600_000_000 and 0.8 <= usd[j] / usd[i] <= 1.0:
                want.add((i, j))
    assert got == want
    assert len(legs(frame)) == 2 * df.height
