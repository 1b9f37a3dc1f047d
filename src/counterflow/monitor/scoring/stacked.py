"""Two-stage scoring: a transaction model, then a model that also sees account context.

Stage one is the ordinary scorer (:func:`~counterflow.monitor.scoring.model.train_scorer`).
Stage two gets every row's design plus its stage-one score and the
:mod:`~counterflow.monitor.scoring.context` of its two accounts (the stage-one scores of
their other transactions in a window), and is what the saved model's threshold applies to.

The trap in stacking is leakage: stage-one scores of training rows come from a model that
was fitted on those very rows, so they are far more confident than the scores stage two
will meet on new data, and stage two learns to trust them blindly. The standard remedy
(Wolpert, "Stacked generalization", Neural Networks 1992) is out-of-fold predictions: the
training part is cut into ``folds`` consecutive time blocks and each block is scored by a
model trained on the other blocks only. Validation and test rows (and any batch scored
later) get the scores of the stage-one model trained on the whole training part, exactly
what :meth:`Scorer.predict` computes at monitoring time. Labels of the validation part are
used only as in the single-stage model: early stopping and the threshold.

The same care applies when the trained model is *evaluated* on the ledger it was trained
on: the context of a test transaction reaches back into the training part, where the
full first-stage model has memorised the labels. :func:`train_two_stage` therefore also
returns the second stage's scores computed with out-of-fold first-stage scores on the
training rows, which is what the evaluation must use (otherwise a test row would learn
its account's training labels through the context).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from counterflow.monitor.scoring.context import ContextConfig, Edges
from counterflow.monitor.scoring.design import DesignMatrix
from counterflow.monitor.scoring.model import (
    ModelError,
    Scorer,
    SecondStage,
    TrainConfig,
    fit_booster,
    stage_two_design,
    train_scorer,
)
from counterflow.monitor.split import TimeSplit


def out_of_fold(
    design: DesignMatrix,
    labels: NDArray[np.int8],
    rows: NDArray[np.int64],
    *,
    rounds: int,
    config: TrainConfig,
) -> NDArray[np.float64]:
    """Scores of ``rows``, each time block scored by a model fitted on the other blocks.

    A block whose complement holds no laundering row keeps NaN scores (LightGBM then treats
    the stage-one score as missing for it, as it would any missing value).
    """
    scores = np.full(rows.size, np.nan)
    blocks = np.array_split(np.arange(rows.size), max(2, config.folds))
    for k, block in enumerate(blocks):
        rest = rows[np.concatenate([b for j, b in enumerate(blocks) if j != k])]
        if not labels[rest].any():
            continue
        booster = fit_booster(
            design.take(rest), labels[rest], None, None, rounds=rounds, config=config, salt=k
        )
        scores[block] = booster.predict(design.values[rows[block]], num_threads=config.threads)
    return scores


def train_two_stage(
    design: DesignMatrix,
    labels: NDArray[np.int8],
    split: TimeSplit,
    edges: Edges,
    *,
    categories: dict[str, dict[str, int]],
    context: ContextConfig,
    config: TrainConfig,
    meta: dict[str, object] | None = None,
) -> tuple[Scorer, NDArray[np.float64]]:
    """Train stage one, its out-of-fold scores, then stage two; threshold on validation.

    Returns the scorer and the final score of every row of ``design``, computed from
    out-of-fold first-stage scores on the training rows (the honest scores to evaluate).
    """
    train, valid = split.train, split.valid
    if int(np.count_nonzero(labels[train])) == 0:
        raise ModelError("the training part has no laundering rows: nothing to learn from")
    first = train_scorer(
        design.take(train),
        labels[train],
        design.take(valid),
        labels[valid],
        categories=categories,
        config=config,
        meta=meta,
    )
    scores = first.predict_first(design, threads=config.threads)
    scores[train] = out_of_fold(
        design, labels, train, rounds=int(first.meta["best_iteration"]), config=config
    )
    wide = stage_two_design(design, scores, edges, first.threshold, context)
    second = train_scorer(
        wide.take(train),
        labels[train],
        wide.take(valid),
        labels[valid],
        categories=categories,
        config=replace(config, seed=config.seed + 101),
    )
    first.second = SecondStage(booster=second.booster, level=first.threshold, context=context)
    first.threshold = second.threshold
    first.meta["first_stage_threshold"] = first.second.level
    first.meta["second_best_iteration"] = second.meta["best_iteration"]
    return first, second.predict_first(wide, threads=config.threads)
