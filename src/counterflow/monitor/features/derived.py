"""The element-wise features, declared as an ops table for one pass over the rows.

- ``flag_round_100`` / ``flag_round_1000``: the USD amount is a whole multiple of 100 /
  1,000. Round figures are a standard red flag of transaction-monitoring rule sets: people
  buying goods rarely pay exact hundreds, launderers moving a sum and third parties making
  cash deposits for trafficking rings often do (DOMAIN.md, after FATF-APG 2018).
- ``flag_below_threshold``: ``fraction * threshold <= amount < threshold``. Structuring
  ("smurfing") splits cash to stay under the reporting threshold (USD 10,000 for a US
  currency transaction report, KHR 40 million in Cambodia); structuring to evade the report
  is an offence of its own in the US (31 U.S.C. 5324). Counted per endpoint by the window
  walk as ``struct_*``.
- ``pt_*_ratio``: money out over money in of an endpoint in the pass-through window. A
  pass-through (mule, funnel) account keeps almost nothing: what comes in goes out within
  hours, balance near zero, so the ratio sits near 1 while both sums are large. Ordinary
  accounts accumulate (ratio well below 1) or spend a salary over weeks. FATF-APG (2018)
  "Financial Flows from Human Trafficking" describes workers' wages emptied within hours
  to one third party; FinCEN's 2023 alert on scam compounds describes the same rapid
  movement through mule accounts. NaN when nothing came in.
- ``vel_src_burst``: the payer's transactions in the short window against its average rate
  over the long window (1 = steady; ``long/short`` = everything happened just now). A
  dormant account that suddenly fires is a classic sign of a mule being activated.
- ``gs_*``: gather-scatter shape of an endpoint, ``min(fan-in, fan-out)``: a centre that
  collects from k accounts and pays out to k others scores k (AMLworld "gather-scatter",
  Altman et al., NeurIPS 2023).
- ``time_hour`` / ``time_weekday`` (UTC, Monday = 0): laundering and scam-compound
  payments cluster at night and at weekends (DOMAIN.md red flags).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from counterflow.monitor.features.config import FeatureConfig
from counterflow.monitor.features.layout import window_label
from counterflow.monitor.kernels import row_ops as ro


def derived_ops(
    config: FeatureConfig, index: dict[str, int]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The ops table of :func:`~counterflow.monitor.kernels.row_ops.row_ops` for ``config``.

    ``index`` maps feature names to columns; every name used here is in the layout.
    """
    ops: list[tuple[int, int, int, int]] = []
    params: list[tuple[float, float]] = []

    def op(kind: int, dst: str, a: str = "", b: str = "", p0: float = 0.0, p1: float = 0.0) -> None:
        ops.append((kind, index[a] if a else -1, index[b] if b else -1, index[dst]))
        params.append((p0, p1))

    for w in config.windows:
        lab = window_label(w)
        op(ro.OP_MIN, f"gs_src_{lab}", f"fan_src_in_{lab}", f"fan_src_out_{lab}")
        op(ro.OP_MIN, f"gs_dst_{lab}", f"fan_dst_in_{lab}", f"fan_dst_out_{lab}")
    lab = window_label(config.pass_through_window)
    for end in ("src", "dst"):
        op(
            ro.OP_RATIO,
            f"pt_{end}_ratio_{lab}",
            f"amt_{end}_out_sum_{lab}",
            f"amt_{end}_in_sum_{lab}",
            1.0,
        )
    short, long_ = config.velocity_windows
    s_lab, l_lab = window_label(short), window_label(long_)
    op(
        ro.OP_RATIO,
        f"vel_src_burst_{s_lab}_{l_lab}",
        f"deg_src_out_{s_lab}",
        f"deg_src_out_{l_lab}",
        long_ / short,
    )
    op(ro.OP_MULTIPLE, "flag_round_100", p0=100.0)
    op(ro.OP_MULTIPLE, "flag_round_1000", p0=1000.0)
    threshold = config.reporting_threshold_usd
    op(ro.OP_BAND, "flag_below_threshold", p0=config.structuring_fraction * threshold, p1=threshold)
    op(ro.OP_HOUR, "time_hour")
    op(ro.OP_WEEKDAY, "time_weekday")
    return np.array(ops, dtype=np.int64), np.array(params, dtype=np.float64)


def below_threshold(amount: NDArray[np.float64], config: FeatureConfig) -> NDArray[np.uint8]:
    """1 where the amount is just below the reporting threshold (the kernels count these)."""
    t = config.reporting_threshold_usd
    return ((amount >= config.structuring_fraction * t) & (amount < t)).astype(np.uint8)
