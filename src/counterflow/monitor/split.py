"""Time-ordered train / validation / test split.

Laundering detection is judged the way it is used: a model trained on the past scores the
future. AMLworld's published baselines (Altman et al., NeurIPS 2023, section 5) split the
transactions by time 60 / 20 / 20: the first 60 % train the model, the next 20 % choose the
threshold and stop boosting, the last 20 % are the test set nobody looks at while tuning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class TimeSplit:
    """Row positions of each part; rows are assumed sorted by time."""

    train: NDArray[np.int64]
    valid: NDArray[np.int64]
    test: NDArray[np.int64]


def time_split(n_rows: int, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2)) -> TimeSplit:
    """Split ``n_rows`` time-sorted rows into consecutive train / valid / test blocks."""
    if n_rows < 3:
        raise ValueError(f"need at least 3 rows to split, got {n_rows}")
    if abs(sum(fractions) - 1.0) > 1e-9 or min(fractions) <= 0:
        raise ValueError(f"fractions must be positive and sum to 1, got {fractions}")
    a = min(n_rows - 2, max(1, round(n_rows * fractions[0])))
    b = min(n_rows - 1, max(a + 1, round(n_rows * (fractions[0] + fractions[1]))))
    rows = np.arange(n_rows, dtype=np.int64)
    return TimeSplit(train=rows[:a], valid=rows[a:b], test=rows[b:])
