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


@dataclass(frozen=True, slots=True)
class View:
    """The index seen from one direction (``tail`` sends, ``head`` receives)."""

    reverse: bool
    tail_of: I32
    head_of: I32
    ptr_tail: I64  # edges leaving each tail, ascending key
    adj_tail: I64
    ptr_head: I64  # edges arriving at each head
    adj_head: I64
    head_bank: I32
    cash: B  # the payment ends in cash at its head (withdrawal; backward: deposit)

    def keys(self, lo: int, hi: int, n: int) -> tuple[int, int]:
        """The real position window ``[lo, hi)`` as a key window."""
        return (n - hi, n - lo) if self.reverse else (lo, hi)


def view(index: FlowIndex, direction: Direction) -> View:
    if direction is Direction.FORWARD:
        return View(
            False,
            index.src,
            index.dst,
            index.out_ptr,
            index.out_txn,
            index.in_ptr,
            index.in_txn,
            index.dst_bank,
            index.cash_out,
        )
    return View(
        True,
        index.dst,
        index.src,
        index.in_ptr,
        index.in_txn,
        index.out_ptr,
        index.out_txn,
        index.src_bank,
        index.cash_in,
    )
