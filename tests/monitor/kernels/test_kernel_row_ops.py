"""The element-wise pass against its row-by-row twin."""

from __future__ import annotations

import math

import numpy as np
import pytest
from twins import derived_twin

from counterflow.monitor.features import FeatureConfig
from counterflow.monitor.features.derived import derived_ops
from counterflow.monitor.features.layout import build_layout, window_label
from counterflow.monitor.kernels.row_ops import row_ops


@pytest.mark.parametrize("seed", range(3))
def test_row_ops_match_twin(seed: int) -> None:
    config = FeatureConfig()
    layout = build_layout(config)
    rng = np.random.default_rng(seed)
    n = 500
    out = rng.integers(0, 4, size=(n, len(layout.names))).astype(np.float32)  # zeros: NaN ratios
    out[:, : len(layout.names) // 2] *= rng.random((n, len(layout.names) // 2)).astype(np.float32)
    ts = rng.integers(-86_400 * 30, 2_000_000_000, size=n).astype(np.int64)
    amount = np.round(rng.lognormal(5, 2, size=n), 2)
    amount[rng.random(n) < 0.2] = rng.integers(0, 30, size=1)[0] * 100.0
    amount[rng.random(n) < 0.1] = 9_999.99
    amount[rng.random(n) < 0.05] = 8_000.0
    amount[rng.random(n) < 0.05] = 0.0
    inputs = {name: out[:, c].copy() for name, c in layout.index.items()}
    row_ops(out, ts, amount, *derived_ops(config, layout.index))
    labels = {w: window_label(w) for w in (*config.windows, *config.velocity_windows)}
    want = derived_twin(
        inputs,
        config.windows,
        config.velocity_windows,
        config.reporting_threshold_usd,
        config.structuring_fraction,
        ts,
        amount,
        labels,
    )
    for name, column in want.items():
        got = out[:, layout.index[name]]
        for r in range(n):
            w = column[r]
            assert (math.isnan(w) and math.isnan(got[r])) or math.isclose(
                got[r], w, rel_tol=1e-6
            ), (name, r)
