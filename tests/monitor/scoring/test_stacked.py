"""Two-stage scoring: out-of-fold first stage, context second stage, save and load."""

import numpy as np
import pytest

from counterflow.monitor.scoring import (
    ContextConfig,
    DesignMatrix,
    Edges,
    ModelError,
    Scorer,
    TrainConfig,
    train_two_stage,
)
from counterflow.monitor.scoring.stacked import out_of_fold
from counterflow.monitor.split import time_split

CFG = TrainConfig(rounds=40, early_stopping=10, threads=1, folds=3)


def _world(n=9000, seed=0):
    """Rows of accounts; a bad account's rows are all positive but only half look it.

    The per-row signal ``x0`` is strong on half of a bad account's rows and absent on the
    other half, so only the account context can recover the quiet half.
    """
    rng = np.random.default_rng(seed)
    n_acc = 600
    src = rng.integers(0, n_acc, n)
    dst = rng.integers(0, n_acc, n)
    bad = rng.random(n_acc) < 0.03
    y = bad[src].astype(np.int8)
    loud = rng.random(n) < 0.5
    x0 = rng.normal(size=n) + 4.0 * (y == 1) * loud
    x1 = rng.normal(size=n)
    ts = np.sort(rng.integers(0, 30 * 86_400, n))
    values = np.column_stack([x0, x1]).astype(np.float32)
    design = DesignMatrix(values, ("x0", "x1"), ())
    return design, y, Edges(src.astype(np.int64), dst.astype(np.int64), ts.astype(np.int64))


@pytest.fixture(scope="module")
def two_stage():
    design, y, edges = _world()
    split = time_split(y.size)
    scorer, honest = train_two_stage(
        design,
        y,
        split,
        edges,
        categories={},
        context=ContextConfig(back=30 * 86_400, ahead=30 * 86_400),
        config=CFG,
    )
    assert honest.shape == y.shape
    return scorer, design, y, edges, split


def test_context_recovers_rows_the_first_stage_cannot_see(two_stage):
    scorer, design, y, edges, split = two_stage
    test = split.test
    first = scorer.predict_first(design)[test] >= scorer.meta["first_stage_threshold"]
    final = scorer.predict(design, edges=edges)[test] >= scorer.threshold
    truth = y[test] == 1
    assert final[truth].mean() > first[truth].mean() + 0.2


def test_two_stage_model_round_trips(two_stage, tmp_path):
    scorer, design, _, edges, _ = two_stage
    scorer.save(tmp_path / "m")
    assert (tmp_path / "m" / "stage2.txt").exists()
    loaded = Scorer.load(tmp_path / "m")
    assert loaded.second is not None and loaded.second.context == scorer.second.context
    assert loaded.threshold == scorer.threshold
    np.testing.assert_allclose(
        loaded.predict(design, edges=edges), scorer.predict(design, edges=edges)
    )


def test_two_stage_model_needs_the_edges(two_stage):
    scorer, design, _, _, _ = two_stage
    with pytest.raises(ModelError, match="edges"):
        scorer.predict(design)


def test_out_of_fold_scores_every_row_from_other_blocks():
    design, y, _ = _world(3000, 1)
    rows = np.arange(2000, dtype=np.int64)
    scores = out_of_fold(design, y, rows, rounds=10, config=CFG)
    assert scores.shape == (2000,)
    assert np.isfinite(scores).all() and ((scores >= 0) & (scores <= 1)).all()


def test_the_cascade_changes_no_decision(two_stage, monkeypatch):
    """Rows the second stage skips keep their (tiny) first score and stay unflagged."""
    from counterflow.monitor.scoring import model as scoring_model

    scorer, design, _, edges, _ = two_stage
    cascaded = scorer.predict(design, edges=edges)
    monkeypatch.setattr(scoring_model, "CASCADE_FLOOR", -1.0)  # re-score every row
    full = scorer.predict(design, edges=edges)
    skipped = cascaded != full
    assert np.all(cascaded[skipped] < scoring_model.CASCADE_FLOOR)
    np.testing.assert_array_equal(cascaded >= scorer.threshold, full >= scorer.threshold)
