"""The context kernel (through its driver) against a plain-Python restatement."""

from __future__ import annotations

import math

import numpy as np
import pytest
from edge_factory import random_edges

from counterflow.monitor.scoring.context import (
    SIDES,
    STATS,
    ContextConfig,
    Edges,
    context_features,
    context_names,
)


def _twin(
    src: list[int],
    dst: list[int],
    ts: list[int],
    scores: list[float],
    level: float,
    cfg: ContextConfig,
) -> list[list[float]]:
    """Per row and side: count, mean, max (capped scan, nearest first), count >= level."""
    n = len(src)
    # Entry e < n: row e seen from its payer; entry n + e: from its payee.
    entries = [(src[e], 0, ts[e], e) for e in range(n)]
    entries += [(dst[e], 1, ts[e], n + e) for e in range(n)]
    rows = []
    for i in range(n):
        row: list[float] = []
        for _, endpoint, direction in SIDES:
            account = src[i] if endpoint == 0 else dst[i]
            own = i + endpoint * n if direction == endpoint else -1
            seg = sorted((t, k) for a, d, t, k in entries if a == account and d == direction)
            window = [(t, k) for t, k in seg if ts[i] - cfg.back <= t <= ts[i] + cfg.ahead]
            others = [k for _, k in window if k != own]
            vals = [scores[k % n] for k in others]
            before = [k for t, k in reversed(window) if t <= ts[i]][: cfg.cap // 2]
            after = [k for t, k in window if t > ts[i]][: cfg.cap - len(before)]
            scanned = [scores[k % n] for k in before + after if k != own]
            row += [
                float(len(vals)),
                sum(vals) / len(vals) if vals else math.nan,
                max(scanned) if scanned else math.nan,
                float(sum(v >= level for v in vals)),
            ]
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("back", "ahead", "cap"), [(10, 0, 64), (25, 30, 4), (0, 7, 2)])
def test_context_matches_twin(seed: int, back: int, ahead: int, cap: int) -> None:
    src, dst, ts, _ = random_edges(seed, n=120, n_accounts=8)
    scores = np.round(np.random.default_rng(seed).random(src.size), 2)
    cfg = ContextConfig(back=back, ahead=ahead, cap=cap)
    got = context_features(Edges(src.astype(np.int64), dst.astype(np.int64), ts), scores, 0.5, cfg)
    want = np.array(
        _twin(src.tolist(), dst.tolist(), ts.tolist(), scores.tolist(), 0.5, cfg),
        dtype=np.float32,
    )
    assert got.shape == (src.size, len(SIDES) * len(STATS)) == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5, equal_nan=True)


def test_names_and_empty_batch() -> None:
    assert len(context_names()) == len(SIDES) * len(STATS)
    empty = np.zeros(0, dtype=np.int64)
    out = context_features(Edges(empty, empty, empty), np.zeros(0), 0.5, ContextConfig())
    assert out.shape == (0, len(context_names()))


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="window"):
        ContextConfig(back=0, ahead=0)
    with pytest.raises(ValueError, match="cap"):
        ContextConfig(cap=1)
