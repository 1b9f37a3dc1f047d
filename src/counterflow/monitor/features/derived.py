"""Features that are cheap element-wise arithmetic: NumPy, no kernel needed.

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

from counterflow.monitor.features.config import DAY, HOUR, FeatureConfig
from counterflow.monitor.features.layout import Layout, window_label


def _ratio(num: NDArray[np.float32], den: NDArray[np.float32]) -> NDArray[np.float32]:
    out = np.full(num.shape, np.nan, dtype=np.float32)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _round_multiple(amount: NDArray[np.float64], unit: float) -> NDArray[np.bool_]:
    # Amounts are in USD with cents; half a cent absorbs float noise of currency conversion.
    return (amount > 0) & (np.abs(amount - np.round(amount / unit) * unit) < 0.005)


def fill_derived(
    out: NDArray[np.float32],
    layout: Layout,
    config: FeatureConfig,
    ts: NDArray[np.int64],
    amount: NDArray[np.float64],
) -> None:
    """Write the element-wise columns of ``out`` (rows aligned with ``ts`` and ``amount``)."""
    col = layout.index

    def get(name: str) -> NDArray[np.float32]:
        return out[:, col[name]]

    def put(name: str, values: NDArray[np.generic]) -> None:
        out[:, col[name]] = values

    for w in config.windows:
        lab = window_label(w)
        put(f"gs_src_{lab}", np.minimum(get(f"fan_src_in_{lab}"), get(f"fan_src_out_{lab}")))
        put(f"gs_dst_{lab}", np.minimum(get(f"fan_dst_in_{lab}"), get(f"fan_dst_out_{lab}")))
    lab = window_label(config.pass_through_window)
    put(f"pt_src_ratio_{lab}", _ratio(get(f"amt_src_out_sum_{lab}"), get(f"amt_src_in_sum_{lab}")))
    put(f"pt_dst_ratio_{lab}", _ratio(get(f"amt_dst_out_sum_{lab}"), get(f"amt_dst_in_sum_{lab}")))
    threshold = config.reporting_threshold_usd
    put("flag_round_100", _round_multiple(amount, 100.0))
    put("flag_round_1000", _round_multiple(amount, 1000.0))
    put(
        "flag_below_threshold",
        (amount >= config.structuring_fraction * threshold) & (amount < threshold),
    )
    short, long_ = config.velocity_windows
    s_lab, l_lab = window_label(short), window_label(long_)
    recent = get(f"deg_src_out_{s_lab}") * np.float32(long_ / short)
    put(f"vel_src_burst_{s_lab}_{l_lab}", _ratio(recent, get(f"deg_src_out_{l_lab}")))
    put("time_hour", (ts // HOUR) % 24)
    put("time_weekday", (ts // DAY + 3) % 7)  # 1970-01-01 was a Thursday


def below_threshold(amount: NDArray[np.float64], config: FeatureConfig) -> NDArray[np.uint8]:
    """1 where the amount is just below the reporting threshold (the kernels count these)."""
    t = config.reporting_threshold_usd
    return ((amount >= config.structuring_fraction * t) & (amount < t)).astype(np.uint8)
