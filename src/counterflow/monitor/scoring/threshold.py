"""Choosing the alert threshold and measuring precision, recall and F1.

The threshold is the score above which a transaction is flagged. It is chosen on the
validation part of a time-ordered split (never on the test part) as the one that maximises
the F1 of the laundering class, the figure AMLworld's baselines report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class Quality:
    """Minority-class quality of binary decisions against labels."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    actual: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "actual": self.actual,
        }


def quality(predicted: NDArray[np.bool_], labels: NDArray[np.integer]) -> Quality:
    """Precision, recall and F1 of ``predicted`` for the positive class of ``labels``."""
    truth = labels.astype(bool)
    tp = int(np.count_nonzero(predicted & truth))
    n_pred = int(np.count_nonzero(predicted))
    n_true = int(np.count_nonzero(truth))
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Quality(p, r, f1, tp, n_pred, n_true)


def best_f1_threshold(scores: NDArray[np.floating], labels: NDArray[np.integer]) -> float:
    """The score threshold maximising F1 on (validation) ``scores`` and ``labels``.

    Sorts once and sweeps every distinct score, so it is exact and O(n log n).
    """
    if scores.shape != labels.shape:
        raise ValueError("scores and labels differ in length")
    n_true = int(np.count_nonzero(labels))
    if n_true == 0 or scores.size == 0:
        return 0.5
    order = np.argsort(-scores, kind="stable")
    s = scores[order]
    tp = np.cumsum(labels[order].astype(bool))
    k = np.arange(1, s.size + 1)
    # Only cut where the score changes: equal scores share one decision.
    last_of_run = np.r_[s[1:] != s[:-1], True]
    f1 = np.where(last_of_run, 2 * tp / (k + n_true), -1.0)
    best = int(np.argmax(f1))
    return float(s[best])
