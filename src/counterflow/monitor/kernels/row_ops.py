"""Element-wise features, one pass over the rows of the feature matrix.

Each feature is an operation on columns already written by the other kernels, or on the
row's own amount and timestamp, declared as a row of an ops table (see
:mod:`counterflow.monitor.features.derived`). Doing them all in one parallel pass over rows
reads each row's cache lines once, where column-at-a-time NumPy would sweep the whole
matrix per operation.
"""

from __future__ import annotations

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import parallel_kernel

# ops[j] = (op, a, b, dst); params[j] = (p0, p1)
OP_MIN = 0  # min(out[a], out[b])
OP_RATIO = 1  # out[a] * p0 / out[b], NaN unless out[b] > 0
OP_MULTIPLE = 2  # 1 if the amount is a positive whole multiple of p0 (to half a cent)
OP_BAND = 3  # 1 if p0 <= amount < p1
OP_HOUR = 4  # hour of day, UTC
OP_WEEKDAY = 5  # day of week, UTC, Monday = 0


@parallel_kernel
def row_ops(
    out: NDArray[np.float32],
    ts: NDArray[np.int64],
    amount: NDArray[np.float64],
    ops: NDArray[np.int64],
    params: NDArray[np.float64],
) -> None:
    """Apply ``ops`` to every row of ``out`` (rows aligned with ``ts`` and ``amount``)."""
    for r in prange(out.shape[0]):
        for j in range(ops.shape[0]):
            op = ops[j, 0]
            a = ops[j, 1]
            b = ops[j, 2]
            p0 = params[j, 0]
            v = np.nan
            if op == OP_MIN:
                v = min(out[r, a], out[r, b])
            elif op == OP_RATIO:
                den = out[r, b]
                if den > 0:
                    v = out[r, a] * p0 / den
            elif op == OP_MULTIPLE:
                x = amount[r]
                v = 1.0 if x > 0 and abs(x - np.round(x / p0) * p0) < 0.005 else 0.0
            elif op == OP_BAND:
                x = amount[r]
                v = 1.0 if p0 <= x < params[j, 1] else 0.0
            elif op == OP_HOUR:
                v = (ts[r] // 3_600) % 24
            elif op == OP_WEEKDAY:
                v = (ts[r] // 86_400 + 3) % 7  # 1970-01-01 was a Thursday
            out[r, ops[j, 3]] = v
