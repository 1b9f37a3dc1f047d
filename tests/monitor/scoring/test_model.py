import numpy as np
import pytest

from counterflow.monitor.scoring import DesignMatrix, ModelError, Scorer, TrainConfig, train_scorer


def _design(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype(np.float32)
    logit = 3 * x[:, 0] - 2 * x[:, 1] - 6
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.int8)
    cat = rng.integers(0, 3, n).astype(np.float32)
    values = np.column_stack([x, cat]).astype(np.float32)
    return DesignMatrix(values, ("a", "b", "c", "d", "raw_channel"), ("raw_channel",)), y


@pytest.fixture(scope="module")
def trained():
    train, ytr = _design(6000, 1)
    valid, yva = _design(2000, 2)
    cfg = TrainConfig(rounds=60, early_stopping=10, threads=1)
    return train_scorer(train, ytr, valid, yva, categories={"channel": {"a": 0}}, config=cfg)


def test_learns_a_signal_better_than_chance(trained):
    test, yte = _design(3000, 3)
    scores = trained.predict(test)
    pos, neg = scores[yte == 1], scores[yte == 0]
    # AUC by rank comparison of every positive with every negative.
    auc = (pos[:, None] > neg[None, :]).mean()
    assert auc > 0.85
    assert 0.0 < trained.threshold < 1.0


def test_save_load_round_trip_scores_identically(trained, tmp_path):
    test, _ = _design(500, 4)
    trained.save(tmp_path / "m")
    loaded = Scorer.load(tmp_path / "m")
    assert loaded.threshold == trained.threshold
    assert loaded.categories == {"channel": {"a": 0}}
    np.testing.assert_allclose(loaded.predict(test), trained.predict(test))


def test_save_over_an_existing_model_replaces_it(trained, tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "junk").write_text("x")
    trained.save(tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["meta.json", "model.txt"]


def test_scoring_a_design_with_other_columns_is_refused(trained):
    other = DesignMatrix(np.zeros((2, 2), np.float32), ("x", "y"), ())
    with pytest.raises(ModelError, match="differ"):
        trained.predict(other)


def test_loading_a_missing_folder_says_which(tmp_path):
    with pytest.raises(ModelError, match="cannot read model folder"):
        Scorer.load(tmp_path / "nope")


def test_training_without_positives_is_refused():
    d, _ = _design(100, 5)
    with pytest.raises(ModelError, match="no laundering rows"):
        train_scorer(d, np.zeros(100, np.int8), d, np.zeros(100, np.int8), categories={})
