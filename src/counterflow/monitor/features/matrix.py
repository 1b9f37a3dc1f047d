"""The miner's output: one float32 row per transaction, one named column per feature."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class FeatureMatrix:
    """``values[r, c]`` is feature ``names[c]`` of the ``r``-th emitted transaction.

    NaN means "undefined" (a mean over no edges, no earlier credit within the horizon);
    LightGBM treats it as missing, which is what it is.
    """

    values: NDArray[np.float32]
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.values.ndim != 2 or self.values.shape[1] != len(self.names):
            raise ValueError(
                f"values has shape {self.values.shape}, expected (rows, {len(self.names)})"
            )

    def column(self, name: str) -> NDArray[np.float32]:
        """The values of feature ``name`` (a view)."""
        try:
            return self.values[:, self.names.index(name)]
        except ValueError:
            raise KeyError(f"no feature named {name!r}") from None
