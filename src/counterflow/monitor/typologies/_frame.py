"""The detectors' view of a transaction batch: canonical columns only, plus account counts.

Every detector starts from :meth:`Frame.of`, which selects the canonical columns by name.
Ground-truth columns (``label``, ``pattern``, ``pattern_id``) are therefore never visible to
a detector, whatever the input frame carries.

Two cheap account statistics are computed once per batch with ``np.bincount``: how many
transactions each account sent and received. They serve as the *hub* test shared by the
detectors: payment processors, large merchants, payroll bureaus and banks' cash
pseudo-accounts make fan-ins and fan-outs every day as ordinary business, so an account
whose average rate over the batch exceeds a number of transactions per day is treated as
a hub and does not anchor an instance (FATF 2018, Professional Money Laundering, describes
mule and front accounts as low-activity accounts used for bursts of flows, which is what
the detectors look for instead).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.model import ACCOUNT_ID_COLUMNS, InputError, required_columns

US_PER_HOUR = 3_600_000_000
US_PER_DAY = 24 * US_PER_HOUR

#: The only columns a detector can see (canonical contract + dense account ids).
VISIBLE_COLUMNS: tuple[str, ...] = required_columns() + tuple(c.name for c in ACCOUNT_ID_COLUMNS)

I64 = npt.NDArray[np.int64]
BOOL = npt.NDArray[np.bool_]
T = TypeVar("T")


def hours(h: float) -> int:
    """A duration in hours as integer microseconds (the unit of ``Frame.df['_t']``)."""
    return int(h * US_PER_HOUR)


@dataclass(frozen=True, slots=True)
class Frame:
    """A batch prepared for detection.

    ``df`` holds the visible columns plus ``_row`` (the row's position in the caller's frame,
    which indexes the hit arrays) and ``_t`` (``ts`` as integer microseconds), sorted by time.
    Derived structures (the leg index, bank codes, shared cores) are built on first use and
    kept in ``memo``, so detectors run together share them.
    """

    df: pl.DataFrame
    n_rows: int
    out_count: I64
    in_count: I64
    days: float
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, txns: pl.DataFrame) -> Frame:
        """Select the visible columns of ``txns``; raise :class:`InputError` if any is missing."""
        missing = [c for c in VISIBLE_COLUMNS if c not in txns.columns]
        if missing:
            raise InputError(
                f"transactions lack column(s) {', '.join(missing)}; detectors expect the "
                f"canonical columns plus dense ids: {', '.join(VISIBLE_COLUMNS)}",
                field=missing[0],
            )
        df = (
            txns.select(VISIBLE_COLUMNS)
            .with_row_index("_row")
            .with_columns(
                pl.col("_row").cast(pl.Int64),
                pl.col("src_id").cast(pl.Int32),
                pl.col("dst_id").cast(pl.Int32),
                _t=pl.col("ts").dt.epoch("us"),
            )
        )
        if not df.get_column("_t").is_sorted():
            df = df.sort("_t", maintain_order=True)
        n = df.height
        if n == 0:
            empty = np.zeros(0, dtype=np.int64)
            return cls(df, 0, empty, empty, 1.0)
        src = df.get_column("src_id").to_numpy()
        dst = df.get_column("dst_id").to_numpy()
        n_acc = int(max(src.max(), dst.max())) + 1
        t = df.get_column("_t")
        span = (int(t[-1]) - int(t[0])) / US_PER_DAY
        return cls(
            df,
            n,
            np.bincount(src, minlength=n_acc).astype(np.int64),
            np.bincount(dst, minlength=n_acc).astype(np.int64),
            max(1.0, span),
        )

    def cached(self, key: Any, build: Callable[[], T]) -> T:
        """``build()``, computed once per frame and ``key``."""
        if key not in self.memo:
            self.memo[key] = build()
        result: T = self.memo[key]
        return result

    def column(self, name: str) -> npt.NDArray[Any]:
        """A column of ``df`` as a NumPy array (cached)."""
        return self.cached(("column", name), lambda: self.df.get_column(name).to_numpy())

    @property
    def n_accounts(self) -> int:
        """Number of dense account ids (``max id + 1``)."""
        return int(self.out_count.shape[0])

    def hubs(self, txns_per_day: float) -> BOOL:
        """Accounts whose average activity exceeds ``txns_per_day`` over the batch."""
        return (self.out_count + self.in_count) > txns_per_day * self.days

    def account_names(self, ids: npt.ArrayLike) -> Mapping[int, str]:
        """The account string of each dense id in ``ids``."""
        want = pl.Series("id", np.unique(np.asarray(ids, dtype=np.int32)), dtype=pl.Int32)
        pairs = pl.concat(
            [
                self.df.select(id="src_id", name="src_account"),
                self.df.select(id="dst_id", name="dst_account"),
            ]
        ).filter(pl.col("id").is_in(want.implode()))
        names = pairs.unique("id")
        return dict(zip(names["id"].to_list(), names["name"].to_list(), strict=True))
