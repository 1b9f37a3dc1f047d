"""The laundering scorer: LightGBM on the design matrix, saved and loaded as a folder.

LightGBM is the standard for tabular AML and the model behind AMLworld's graph-feature
baseline (F1 about 0.63 on HI-Small, Altman et al. 2023). Training keeps every laundering
row and a seeded sample of ordinary rows (laundering is about 0.1 % of traffic), weighting
the sampled rows back up, which makes training several times faster without biasing the
decision: the threshold is then chosen on an unsampled validation set.

A saved model is a folder: ``model.txt`` (LightGBM's own text format) and ``meta.json``
(feature names, category codes, threshold, feature-mining configuration, training report).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
from numpy.typing import NDArray

from counterflow.model import CounterflowError
from counterflow.monitor.scoring.design import DesignMatrix
from counterflow.monitor.scoring.threshold import best_f1_threshold

FORMAT_VERSION = 1

DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 255,
    "verbose": -1,
}


class ModelError(CounterflowError):
    """A model folder is missing, corrupt, or does not fit the data it is asked to score."""


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """How to train: boosting rounds, early stopping, negative sampling, seed, threads."""

    rounds: int = 300
    early_stopping: int = 30
    negative_rate: float = 0.2
    seed: int = 7
    threads: int = 0
    params: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_PARAMS))


@dataclass(slots=True)
class Scorer:
    """A trained booster with everything needed to score a new batch the same way."""

    booster: lgb.Booster
    names: tuple[str, ...]
    categories: dict[str, dict[str, int]]
    threshold: float
    meta: dict[str, Any]

    def predict(self, design: DesignMatrix, *, threads: int = 0) -> NDArray[np.float64]:
        """Laundering scores in [0, 1], one per row of ``design``."""
        if design.names != self.names:
            missing = sorted(set(self.names) - set(design.names))
            extra = sorted(set(design.names) - set(self.names))
            raise ModelError(
                f"design columns differ from the model's (missing {missing[:5]}, extra {extra[:5]})"
            )
        out = self.booster.predict(design.values, num_threads=threads)
        return np.asarray(out, dtype=np.float64)

    def save(self, path: Path) -> None:
        """Write the model folder atomically (a crash leaves the previous model intact)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
        self.booster.save_model(str(tmp / "model.txt"))
        meta = {
            **self.meta,
            "format": FORMAT_VERSION,
            "names": list(self.names),
            "categories": self.categories,
            "threshold": self.threshold,
        }
        (tmp / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True))
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            os.replace(path, old)
            os.replace(tmp, path)
            for f in old.iterdir():
                f.unlink()
            old.rmdir()
        else:
            os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Scorer:
        """Read a model folder written by :meth:`save`."""
        path = Path(path)
        try:
            meta = json.loads((path / "meta.json").read_text())
            booster = lgb.Booster(model_file=str(path / "model.txt"))
        except (OSError, ValueError, lgb.basic.LightGBMError) as exc:
            raise ModelError(f"cannot read model folder {path}: {exc}") from exc
        if meta.get("format") != FORMAT_VERSION:
            raise ModelError(f"model folder {path} has format {meta.get('format')!r}")
        return cls(
            booster=booster,
            names=tuple(meta["names"]),
            categories={k: dict(v) for k, v in meta["categories"].items()},
            threshold=float(meta["threshold"]),
            meta={k: v for k, v in meta.items() if k not in ("names", "categories")},
        )


def _sample_negatives(
    labels: NDArray[np.int8], rate: float, seed: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    rng = np.random.default_rng(seed)
    keep = (labels > 0) | (rng.random(labels.size) < rate)
    rows = np.flatnonzero(keep)
    weights = np.where(labels[rows] > 0, 1.0, 1.0 / rate)
    return rows, weights


def train_scorer(
    train: DesignMatrix,
    train_labels: NDArray[np.int8],
    valid: DesignMatrix,
    valid_labels: NDArray[np.int8],
    *,
    categories: dict[str, dict[str, int]],
    config: TrainConfig = TrainConfig(),
    meta: Mapping[str, Any] | None = None,
) -> Scorer:
    """Train on ``train``, stop early and choose the F1-best threshold on ``valid``."""
    if int(np.count_nonzero(train_labels)) == 0:
        raise ModelError("the training part has no laundering rows: nothing to learn from")
    rows, weights = _sample_negatives(train_labels, config.negative_rate, config.seed)
    params = {
        **config.params,
        "seed": config.seed,
        "num_threads": config.threads,
        "metric": "average_precision",
    }
    cats = [n for n in train.categorical if n in train.names]
    dtrain = lgb.Dataset(
        train.values[rows],
        label=train_labels[rows],
        weight=weights,
        feature_name=list(train.names),
        categorical_feature=cats,
        free_raw_data=True,
    )
    callbacks: list[Callable[..., Any]] = [lgb.log_evaluation(0)]
    valid_sets = []
    if int(np.count_nonzero(valid_labels)) > 0:
        dvalid = lgb.Dataset(valid.values, label=valid_labels, reference=dtrain)
        valid_sets.append(dvalid)
        callbacks.append(lgb.early_stopping(config.early_stopping, verbose=False))
    booster = lgb.train(
        params,
        dtrain,
        num_boost_round=config.rounds,
        valid_sets=valid_sets,
        callbacks=callbacks,
    )
    scorer = Scorer(
        booster=booster,
        names=train.names,
        categories=categories,
        threshold=0.5,
        meta=dict(meta or {}),
    )
    valid_scores = scorer.predict(valid, threads=config.threads)
    scorer.threshold = best_f1_threshold(valid_scores, valid_labels)
    scorer.meta["best_iteration"] = int(booster.best_iteration or config.rounds)
    return scorer
