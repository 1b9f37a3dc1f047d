"""The leg index: every transaction seen from each account it touches, grouped by account.

A transaction ``a -> b`` at position ``p`` of the (time-sorted) batch is two *legs*: an
outgoing leg of ``a`` and an incoming leg of ``b``. The index lists all legs grouped by
account and, within an account, in time order, built in O(n) by a counting sort (a CSR of
the incidence lists, no comparison sort). Every windowed detector takes a subset of it
(an account's payments, its receipts, or both), already in the ``(account, time)`` order
:mod:`counterflow.monitor.typologies._sliding` needs; forwarding hops look up "the next
payment after this receipt" in it. It is built once per batch and shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.monitor.typologies._frame import Frame
from counterflow.monitor.typologies._sliding import _kernel

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
F64 = npt.NDArray[np.float64]
BOOL = npt.NDArray[np.bool_]


@_kernel
def _incidence(
    src: I32, dst: I32, t: I64, usd: F64, n_accounts: int
) -> tuple[I64, I64, I64, BOOL, I64, F64]:
    """Per account, its legs in position order (CSR): ``(ptr, pos, cp, inflow, t, usd)``."""
    ptr = np.zeros(n_accounts + 1, dtype=np.int64)
    for e in range(src.size):
        ptr[src[e] + 1] += 1
        ptr[dst[e] + 1] += 1
    for a in range(n_accounts):
        ptr[a + 1] += ptr[a]
    fill = ptr[:-1].copy()
    n = 2 * src.size
    pos = np.empty(n, dtype=np.int64)
    cp = np.empty(n, dtype=np.int64)
    inflow = np.empty(n, dtype=np.bool_)
    tt = np.empty(n, dtype=np.int64)
    uu = np.empty(n, dtype=np.float64)
    for e in range(src.size):
        for leg in range(2):
            acct, other = (src[e], dst[e]) if leg == 0 else (dst[e], src[e])
            k = fill[acct]
            fill[acct] += 1
            pos[k] = e
            cp[k] = other
            inflow[k] = leg == 1
            tt[k] = t[e]
            uu[k] = usd[e]
    return ptr, pos, cp, inflow, tt, uu


def incidence_reference(src: npt.ArrayLike, dst: npt.ArrayLike) -> tuple[I64, I64, BOOL]:
    """``(acct, pos, inflow)`` of every leg, by a plain sort (for tests)."""
    s = np.asarray(src, dtype=np.int64)
    d = np.asarray(dst, dtype=np.int64)
    pos = np.arange(s.size, dtype=np.int64)
    acct = np.concatenate([s, d])
    ent = np.concatenate([2 * pos, 2 * pos + 1])
    order = np.lexsort((ent, acct))
    return acct[order], ent[order] >> 1, cast(BOOL, (ent[order] & 1).astype(np.bool_))


@dataclass(frozen=True, slots=True)
class Legs:
    """Parallel arrays, one element per leg, grouped by ``acct`` then in time order.

    ``row_of`` is shared, not per leg: the caller's row index of each position.
    """

    acct: I64
    cp: I64
    inflow: BOOL
    pos: I64
    t: I64
    usd: F64
    row_of: I64

    def __len__(self) -> int:
        return int(self.acct.size)

    def take(self, index: npt.NDArray[Any]) -> Legs:
        """The legs at ``index`` (a boolean mask or increasing positions keep the order)."""
        return Legs(
            self.acct[index],
            self.cp[index],
            self.inflow[index],
            self.pos[index],
            self.t[index],
            self.usd[index],
            self.row_of,
        )

    def members(self, inst: I64, **extra: npt.NDArray[Any]) -> pl.DataFrame:
        """``inst, _row, acct, cp, inflow, _t, usd`` (+ ``extra``) of legs with ``inst >= 0``."""
        m = inst >= 0
        columns = {
            "inst": inst[m],
            "_row": self.row_of[self.pos[m]],
            "acct": self.acct[m],
            "cp": self.cp[m],
            "inflow": self.inflow[m],
            "_t": self.t[m],
            "usd": self.usd[m],
        }
        return pl.DataFrame(columns | {k: v[m] for k, v in extra.items()})


def _build(frame: Frame) -> Legs:
    ptr, pos, cp, inflow, t, usd = _incidence(
        frame.column("src_id").astype(np.int32),
        frame.column("dst_id").astype(np.int32),
        frame.column("_t").astype(np.int64),
        frame.column("amount_usd").astype(np.float64),
        frame.n_accounts,
    )
    acct = np.repeat(np.arange(frame.n_accounts, dtype=np.int64), np.diff(ptr))
    return Legs(acct, cp, inflow, pos, t, usd, frame.column("_row").astype(np.int64))


def legs(frame: Frame) -> Legs:
    """All legs of the batch (built once per frame)."""
    return frame.cached("legs", lambda: _build(frame))


def payments(frame: Frame) -> Legs:
    """Outgoing legs only: each account's payments in time order."""
    return frame.cached("payments", lambda: legs(frame).take(~legs(frame).inflow))


def receipts(frame: Frame) -> Legs:
    """Incoming legs only: each account's receipts in time order."""
    return frame.cached("receipts", lambda: legs(frame).take(legs(frame).inflow))


def bank_codes(frame: Frame, of: Legs) -> I64:
    """Per leg, a code for the counterparty's bank (payer's bank for receipts)."""

    def build() -> tuple[I64, I64]:
        # dense codes 0..k-1 of this batch's banks (not the process-wide categorical cache)
        df = frame.df
        names = pl.concat([df.get_column("src_bank"), df.get_column("dst_bank")]).unique()
        bank = pl.Enum(names.drop_nulls().sort())
        codes = df.select(
            s=pl.col("src_bank").cast(bank).to_physical().cast(pl.Int64).fill_null(-1),
            d=pl.col("dst_bank").cast(bank).to_physical().cast(pl.Int64).fill_null(-1),
        )
        return (
            codes.get_column("s").to_numpy().astype(np.int64),
            codes.get_column("d").to_numpy().astype(np.int64),
        )

    src_code, dst_code = frame.cached("banks", build)
    return np.where(of.inflow, src_code[of.pos], dst_code[of.pos])


@dataclass(frozen=True, slots=True)
class NextPayment:
    """For hop look-ups: per leg, the first payment leg at or after it (``len`` if none),
    and the payment legs in order with each one's rank among them."""

    first: I64
    rank: I64
    order: I64


def next_payment(frame: Frame) -> NextPayment:
    """The "next payment of the same account" look-up over :func:`legs` (built once)."""

    def build() -> NextPayment:
        every = legs(frame)
        n = len(every)
        is_pay = ~every.inflow
        idx = np.where(is_pay, np.arange(n, dtype=np.int64), n)
        first = np.minimum.accumulate(idx[::-1])[::-1]
        return NextPayment(first, np.cumsum(is_pay) - 1, np.flatnonzero(is_pay))

    return frame.cached("next_payment", build)


def by_position(frame: Frame, expr: pl.Expr) -> npt.NDArray[Any]:
    """A per-transaction expression over ``frame.df``, as an array indexed by position."""
    return frame.df.select(expr.alias("x")).get_column("x").to_numpy()
