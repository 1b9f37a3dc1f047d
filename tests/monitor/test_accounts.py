from datetime import UTC, datetime

import numpy as np
import polars as pl

from counterflow.monitor.accounts import account_design, first_seen_order
from counterflow.monitor.scoring import DesignMatrix


def _txns(src, dst, ts):
    return pl.DataFrame(
        {
            "src_id": pl.Series(src, dtype=pl.Int32),
            "dst_id": pl.Series(dst, dtype=pl.Int32),
            "ts": [datetime.fromtimestamp(t, UTC) for t in ts],
        }
    )


def test_account_rows_aggregate_their_out_and_in_transactions():
    txns = _txns([0, 0, 1], [1, 2, 2], [10, 20, 30])
    design = DesignMatrix(
        np.array([[1.0, 0], [3.0, 1], [5.0, 2]], np.float32), ("x", "raw_channel"), ("raw_channel",)
    )
    acc = account_design(txns, design, n_accounts=4)
    col = {n: i for i, n in enumerate(acc.names)}
    assert "out_mean_raw_channel" not in col  # categories are not averaged
    assert acc.values[0, col["out_count"]] == 2
    assert acc.values[0, col["out_mean_x"]] == 2.0
    assert acc.values[0, col["out_max_x"]] == 3.0
    assert acc.values[2, col["in_count"]] == 2
    assert acc.values[2, col["in_max_x"]] == 5.0
    assert np.isnan(acc.values[3, col["in_count"]])  # account 3 never appears


def test_first_seen_order_sorts_by_first_activity_then_id():
    txns = _txns([2, 0], [3, 1], [5, 9])
    assert first_seen_order(txns, 5).tolist() == [2, 3, 0, 1, 4]
