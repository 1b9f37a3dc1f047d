import numpy as np
import pytest

from counterflow.monitor.scoring import best_f1_threshold, quality


def _f1_at(scores, labels, thr):
    return quality(scores >= thr, labels).f1


def test_quality_counts():
    q = quality(np.array([True, True, False, False]), np.array([1, 0, 1, 0]))
    assert (q.precision, q.recall, q.f1) == (0.5, 0.5, 0.5)
    assert (q.true_positives, q.predicted, q.actual) == (1, 2, 2)


def test_quality_with_nothing_predicted_is_zero_not_nan():
    q = quality(np.zeros(4, dtype=bool), np.array([1, 0, 0, 0]))
    assert q.precision == 0.0 and q.f1 == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_best_threshold_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    labels = (rng.random(300) < 0.2).astype(np.int8)
    scores = np.round(rng.random(300) * 0.6 + labels * 0.3, 2)  # ties on purpose
    thr = best_f1_threshold(scores, labels)
    brute = max(_f1_at(scores, labels, t) for t in np.unique(scores))
    assert _f1_at(scores, labels, thr) == pytest.approx(brute)


def test_separable_scores_give_perfect_f1():
    scores = np.array([0.1, 0.2, 0.8, 0.9])
    labels = np.array([0, 0, 1, 1])
    assert _f1_at(scores, labels, best_f1_threshold(scores, labels)) == 1.0
