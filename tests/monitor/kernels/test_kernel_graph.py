"""The adjacency builders and the pair oracle against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from edge_factory import random_edges

from counterflow.monitor.kernels.graph import build_graph, group_by, pair_edge_at_or_after


@pytest.mark.parametrize("seed", range(4))
def test_group_by_is_a_stable_sort(seed: int) -> None:
    keys = np.random.default_rng(seed).integers(0, 7, size=200).astype(np.int32)
    ptr, order = group_by(keys, 9)
    assert order.tolist() == np.argsort(keys, kind="stable").tolist()
    assert np.diff(ptr).tolist() == np.bincount(keys, minlength=9).tolist()


@pytest.mark.parametrize("seed", range(4))
def test_pair_chains_and_oracle_match_brute_force(seed: int) -> None:
    src, dst, _, _ = random_edges(seed, n=150, n_accounts=6)
    n = src.size
    g = build_graph(src, dst, 6)
    for i in range(n):
        same = [j for j in range(n) if src[j] == src[i] and dst[j] == dst[i]]
        earlier = [j for j in same if j < i]
        later = [j for j in same if j > i]
        assert g.pair_prev[i] == (earlier[-1] if earlier else -1)
        assert g.pair_next[i] == (later[0] if later else n)
    rng = np.random.default_rng(seed)
    for _ in range(300):
        a, b = (int(x) for x in rng.integers(0, 6, size=2))
        x = int(rng.integers(0, n + 1))
        hits = [j for j in range(x, n) if src[j] == a and dst[j] == b]
        assert pair_edge_at_or_after(g, a, b, x) == (hits[0] if hits else n)


def test_oracle_on_pairs_that_never_occur() -> None:
    g = build_graph(np.array([0, 1], np.int32), np.array([1, 2], np.int32), 5)
    assert pair_edge_at_or_after(g, 4, 3, 0) == 2
    assert pair_edge_at_or_after(g, 0, 1, 1) == 2
    assert pair_edge_at_or_after(g, 1, 2, 0) == 1


@pytest.mark.parametrize("seed", range(4))
def test_per_edge_positions_match_binary_search(seed: int) -> None:
    src, dst, _, _ = random_edges(seed, n=200, n_accounts=7)
    g = build_graph(src, dst, 7)
    in_ids = [[int(e) for e in g.in_adj[g.in_ptr[a] : g.in_ptr[a + 1], 0]] for a in range(7)]
    out_ids = [[int(e) for e in g.out_adj[g.out_ptr[a] : g.out_ptr[a + 1], 0]] for a in range(7)]
    for e in range(src.size):
        y, x = int(src[e]), int(dst[e])
        assert g.edge_pos[e, 0] == g.in_ptr[y]
        assert g.edge_pos[e, 1] == g.in_ptr[y] + sum(f < e for f in in_ids[y])
        assert g.edge_pos[e, 2] == g.in_ptr[x]
        assert g.edge_pos[e, 3] == g.in_ptr[x] + in_ids[x].index(e)
        assert g.edge_pos[e, 4] == g.out_ptr[x]
        assert g.edge_pos[e, 5] == g.out_ptr[x] + sum(f < e for f in out_ids[x])
    for q, row in enumerate(g.in_adj):
        e, y = int(row[0]), int(row[1])
        assert row[2] == g.pair_next[e]
        assert tuple(row[3:6]) == (g.in_ptr[y], g.edge_pos[e, 1], g.in_ptr[y + 1])
        assert tuple(row[6:9]) == (
            g.out_ptr[y],
            g.out_ptr[y] + out_ids[y].index(e),
            g.out_ptr[y + 1],
        )
        assert q >= g.in_ptr[int(dst[e])]
