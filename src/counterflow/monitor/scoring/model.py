"""The laundering scorer: LightGBM on the design matrix, saved and loaded as a folder.

LightGBM is the standard for tabular AML and the model behind AMLworld's graph-feature
baseline (F1 about 0.63 on HI-Small, Altman et al. 2023). Training keeps every laundering
row and a seeded sample of ordinary rows (laundering is about 0.1 % of traffic), weighting
the sampled rows back up, which makes training several times faster without biasing the
decision: the threshold is then chosen on an unsampled validation set.

A saved model is a folder: ``model.txt`` (LightGBM's own text format) and ``meta.json``
(feature names, category codes, threshold, feature-mining configuration, training report).
A two-stage model (:mod:`counterflow.monitor.scoring.stacked`) adds ``stage2.txt`` and the
context settings under ``meta.json``'s ``second`` key; its threshold applies to the second
stage's score.
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
from counterflow.monitor.scoring.context import (
    ContextConfig,
    Edges,
    context_features,
    context_names,
)
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
    """How to train: boosting rounds, early stopping, negative sampling, seed, threads.

    ``context`` asks :func:`counterflow.monitor.pipeline.train` for a second stage that sees
    the first stage's scores of each account's other transactions (``None``: one stage),
    trained on ``folds`` time-ordered out-of-fold first-stage scores.
    """

    rounds: int = 300
    early_stopping: int = 30
    negative_rate: float = 0.2
    seed: int = 7
    threads: int = 0
    params: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_PARAMS))
    context: ContextConfig | None = field(default_factory=ContextConfig)
    folds: int = 4


CASCADE_FLOOR = 0.01
"""First-stage score below which a row, with no suspicious neighbour either, is not
re-scored by the second stage (see :meth:`Scorer.predict`)."""


@dataclass(slots=True)
class SecondStage:
    """The context stage of a two-stage scorer: a booster over design + score + context."""

    booster: lgb.Booster
    level: float
    context: ContextConfig

    def inputs(
        self, design: DesignMatrix, first: NDArray[np.float64], edges: Edges
    ) -> DesignMatrix:
        """The second stage's input: the design, the first score, the account context."""
        return stage_two_design(design, first, edges, self.level, self.context)


def stage_two_design(
    design: DesignMatrix,
    first: NDArray[np.float64],
    edges: Edges,
    level: float,
    context: ContextConfig,
) -> DesignMatrix:
    """``design`` widened by the column ``s1_score`` and the ``ctx_*`` columns."""
    ctx = context_features(edges, first, level, context)
    return DesignMatrix(
        _stage_two_values(design.values, first, ctx),
        (*design.names, "s1_score", *context_names()),
        design.categorical,
    )


def _stage_two_values(
    values: NDArray[np.float32], first: NDArray[np.float64], ctx: NDArray[np.float32]
) -> NDArray[np.float32]:
    """The second stage's input columns: the design, the first score, the context."""
    stacked = np.hstack([values, first[:, None].astype(np.float32), ctx])
    return np.ascontiguousarray(stacked, dtype=np.float32)


@dataclass(slots=True)
class Scorer:
    """A trained booster with everything needed to score a new batch the same way."""

    booster: lgb.Booster
    names: tuple[str, ...]
    categories: dict[str, dict[str, int]]
    threshold: float
    meta: dict[str, Any]
    second: SecondStage | None = None

    def predict(
        self, design: DesignMatrix, *, threads: int = 0, edges: Edges | None = None
    ) -> NDArray[np.float64]:
        """Laundering scores in [0, 1], one per row of ``design``.

        A two-stage model also needs the rows' ``edges`` (accounts and times), since its
        second stage looks at each account's other rows in the same batch.
        """
        first = self.predict_first(design, threads=threads)
        if self.second is None:
            return first
        if edges is None:
            raise ModelError("this two-stage model needs the batch's edges (accounts, times)")
        second = self.second
        ctx = context_features(edges, first, second.level, second.context)
        # Cascade: the second stage re-scores only rows with a trace of suspicion, their own
        # or their accounts'. A row whose first score and every context maximum stay below
        # CASCADE_FLOOR keeps its first score, far below any threshold; on a 5-million-row
        # batch this skips most rows and most of the second booster's cost.
        maxima = ctx[:, [i for i, n in enumerate(context_names()) if n.endswith("_max")]]
        live = np.flatnonzero((first >= CASCADE_FLOOR) | (maxima.max(axis=1) >= CASCADE_FLOOR))
        out = first.copy()
        if live.size:
            values = _stage_two_values(design.values[live], first[live], ctx[live])
            out[live] = second.booster.predict(values, num_threads=threads)
        return out

    def predict_first(self, design: DesignMatrix, *, threads: int = 0) -> NDArray[np.float64]:
        """The first stage's scores alone (the model's scores when it has one stage)."""
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
        second = self.second
        stage2: dict[str, Any] = {}
        if second is not None:
            second.booster.save_model(str(tmp / "stage2.txt"))
            stage2["second"] = {
                "level": second.level,
                "back": second.context.back,
                "ahead": second.context.ahead,
                "cap": second.context.cap,
            }
        meta = {
            **{k: v for k, v in self.meta.items() if k != "second"},
            **stage2,
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
            spec = meta.get("second")
            second = None
            if spec is not None:
                second = SecondStage(
                    booster=lgb.Booster(model_file=str(path / "stage2.txt")),
                    level=float(spec["level"]),
                    context=ContextConfig(
                        back=int(spec["back"]), ahead=int(spec["ahead"]), cap=int(spec["cap"])
                    ),
                )
        except (OSError, ValueError, lgb.basic.LightGBMError) as exc:
            raise ModelError(f"cannot read model folder {path}: {exc}") from exc
        if meta.get("format") != FORMAT_VERSION:
            raise ModelError(f"model folder {path} has format {meta.get('format')!r}")
        return cls(
            booster=booster,
            names=tuple(meta["names"]),
            categories={k: dict(v) for k, v in meta["categories"].items()},
            threshold=float(meta["threshold"]),
            meta={k: v for k, v in meta.items() if k not in ("names", "categories", "second")},
            second=second,
        )


def _sample_negatives(
    labels: NDArray[np.int8], rate: float, seed: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    rng = np.random.default_rng(seed)
    keep = (labels > 0) | (rng.random(labels.size) < rate)
    rows = np.flatnonzero(keep)
    weights = np.where(labels[rows] > 0, 1.0, 1.0 / rate)
    return rows, weights


def fit_booster(
    train: DesignMatrix,
    train_labels: NDArray[np.int8],
    valid: DesignMatrix | None,
    valid_labels: NDArray[np.int8] | None,
    *,
    rounds: int,
    config: TrainConfig,
    salt: int = 0,
) -> lgb.Booster:
    """Boost up to ``rounds`` trees on sampled ``train``; stop early on ``valid`` if given.

    ``salt`` varies the negative sample and the seed (the out-of-fold models use it).
    """
    rows, weights = _sample_negatives(train_labels, config.negative_rate, config.seed + salt)
    params = {
        **config.params,
        "seed": config.seed + salt,
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
    if valid is not None and valid_labels is not None and int(np.count_nonzero(valid_labels)):
        dvalid = lgb.Dataset(valid.values, label=valid_labels, reference=dtrain)
        valid_sets.append(dvalid)
        callbacks.append(lgb.early_stopping(config.early_stopping, verbose=False))
    return lgb.train(
        params, dtrain, num_boost_round=rounds, valid_sets=valid_sets, callbacks=callbacks
    )


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
    booster = fit_booster(
        train, train_labels, valid, valid_labels, rounds=config.rounds, config=config
    )
    scorer = Scorer(
        booster=booster,
        names=train.names,
        categories=categories,
        threshold=0.5,
        meta=dict(meta or {}),
    )
    valid_scores = scorer.predict_first(valid, threads=config.threads)
    scorer.threshold = best_f1_threshold(valid_scores, valid_labels)
    scorer.meta["best_iteration"] = int(booster.best_iteration or config.rounds)
    return scorer
