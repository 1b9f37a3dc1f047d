"""One direction of the store: which end of a payment is the tail, which way time runs.

A forward trace walks payments payer -> payee with time running forward; a backward trace
walks them payee -> payer with time running backward. Rather than two copies of every
kernel, each trace builds a :class:`View` (no arrays are copied: the backward view only
swaps which arrays play which role) and the kernels walk a key, ``p`` forward and
``n - 1 - p`` backward, over adjacency lists sorted by that key.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.trace.index import FlowIndex
from counterflow.trace.query import Direction

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class View:
    """The index seen from one direction (``tail`` sends, ``head`` receives)."""

    reverse: bool
    tail_of: I32  # by position
    head_of: I32
    ptr_tail: I64  # edges leaving each tail, ascending key
    adj_tail: I64
    far: I32  # the head, amount, head's bank and cash flag of each edge of adj_tail
    far_usd: F64
    far_bank: I32
    far_cash: B
    ptr_head: I64  # edges arriving at each head
    adj_head: I64
    near_usd: F64  # the amount of each edge of adj_head
    head_bank: I32  # by position
    cash: B  # by position: the payment ends in cash at its head (backward: starts in cash)

    def keys(self, lo: int, hi: int, n: int) -> tuple[int, int]:
        """The real position window ``[lo, hi)`` as a key window."""
        return (n - hi, n - lo) if self.reverse else (lo, hi)


def view(index: FlowIndex, direction: Direction) -> View:
    ix = index
    if direction is Direction.FORWARD:
        return View(
            False, ix.src, ix.dst, ix.out_ptr, ix.out_txn, ix.out_dst, ix.out_usd, ix.out_bank,
            ix.out_cash, ix.in_ptr, ix.in_txn, ix.in_usd, ix.dst_bank, ix.cash_out,
        )  # fmt: skip
    return View(
        True, ix.dst, ix.src, ix.in_ptr, ix.in_txn, ix.in_src, ix.in_usd, ix.in_bank,
        ix.in_cash, ix.out_ptr, ix.out_txn, ix.out_usd, ix.src_bank, ix.cash_in,
    )  # fmt: skip
