"""A batch of transactions as parallel NumPy arrays: the simulator's working format.

Every generator (background activity or a planted pattern) returns a :class:`Batch`; the
world concatenates them once and converts codes to the canonical string columns at the very
end (:mod:`counterflow.simulate.frame`). Accounts are dense integer indices (real accounts
first, then one cash pseudo-account per bank), times are seconds since the window start,
amounts are in the transaction's own currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.simulate.codes import NO_PATTERN


@dataclass(slots=True)
class Batch:
    """Transactions ``src -> dst`` of ``amount`` (in ``currency``) at ``t``, with ground truth.

    ``pattern`` is a code from :data:`counterflow.simulate.codes.PATTERN_ORDER` or -1 for
    legitimate activity; ``pattern_id`` the planted instance or -1.
    """

    t: npt.NDArray[np.int64]
    src: npt.NDArray[np.int32]
    dst: npt.NDArray[np.int32]
    amount: npt.NDArray[np.float64]
    currency: npt.NDArray[np.int8]
    channel: npt.NDArray[np.int8]
    pattern: npt.NDArray[np.int8]
    pattern_id: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.t)

    @classmethod
    def make(
        cls,
        t: npt.ArrayLike,
        src: npt.ArrayLike,
        dst: npt.ArrayLike,
        amount: npt.ArrayLike,
        currency: npt.ArrayLike,
        channel: npt.ArrayLike,
        pattern: int = NO_PATTERN,
        pattern_id: int = -1,
    ) -> Batch:
        """Build a batch, broadcasting scalars (e.g. one currency for a whole instance)."""
        t_arr = np.asarray(t, dtype=np.int64).ravel()
        n = len(t_arr)

        def col(x: npt.ArrayLike, dtype: type[np.generic]) -> npt.NDArray[np.generic]:
            return np.ascontiguousarray(np.broadcast_to(np.asarray(x, dtype=dtype), (n,)))

        return cls(
            t=t_arr,
            src=col(src, np.int32).astype(np.int32),
            dst=col(dst, np.int32).astype(np.int32),
            amount=col(amount, np.float64).astype(np.float64),
            currency=col(currency, np.int8).astype(np.int8),
            channel=col(channel, np.int8).astype(np.int8),
            pattern=np.full(n, pattern, dtype=np.int8),
            pattern_id=np.full(n, pattern_id, dtype=np.int64),
        )

    @classmethod
    def empty(cls) -> Batch:
        return cls.make(np.empty(0, dtype=np.int64), 0, 0, 0.0, 0, 0)

    @classmethod
    def concat(cls, batches: Sequence[Batch]) -> Batch:
        """One batch holding all rows, in the given order."""
        if not batches:
            return cls.empty()
        return cls(
            t=np.concatenate([b.t for b in batches]),
            src=np.concatenate([b.src for b in batches]),
            dst=np.concatenate([b.dst for b in batches]),
            amount=np.concatenate([b.amount for b in batches]),
            currency=np.concatenate([b.currency for b in batches]),
            channel=np.concatenate([b.channel for b in batches]),
            pattern=np.concatenate([b.pattern for b in batches]),
            pattern_id=np.concatenate([b.pattern_id for b in batches]),
        )

    def take(self, index: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> Batch:
        """The rows selected by an index array or boolean mask."""
        return Batch(
            t=self.t[index],
            src=self.src[index],
            dst=self.dst[index],
            amount=self.amount[index],
            currency=self.currency[index],
            channel=self.channel[index],
            pattern=self.pattern[index],
            pattern_id=self.pattern_id[index],
        )
