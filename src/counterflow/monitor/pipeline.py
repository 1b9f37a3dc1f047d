"""The monitoring pipeline: ledger -> graph features + detector hits -> score -> alerts.

Entry points share one extraction step, so a model always scores a batch prepared exactly
as its training data was:

- :func:`train` mines features over a labelled ledger, splits it by time (60/20/20), trains
  LightGBM on the first part and picks the threshold on the second (by default in two
  stages, the second seeing each account's other scores: :mod:`.scoring.stacked`);
- :func:`run` scores a (new) ledger with a saved :class:`Scorer` and produces ranked alerts;
- :func:`rules_only` produces the typology detectors' alerts when no model exists yet.

Graph features are mined through the backend seam in time partitions (see
:mod:`counterflow.monitor.backends`); the typology detectors look at the whole batch, as a
batch monitoring run at a bank or FIU does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from counterflow.ingest import Ledger
from counterflow.model import Alert
from counterflow.monitor.alerts import merge_alerts
from counterflow.monitor.backends import get_backend
from counterflow.monitor.features import FeatureConfig, mine_features
from counterflow.monitor.grouping import attach_scores, model_alerts
from counterflow.monitor.scoring import (
    DesignMatrix,
    Edges,
    Scorer,
    TrainConfig,
    build_design,
    category_maps,
    train_scorer,
    train_two_stage,
)
from counterflow.monitor.split import TimeSplit, time_split
from counterflow.monitor.typologies import run_detectors


@dataclass(frozen=True, slots=True)
class MonitorConfig:
    """What to compute and how: feature windows and caps, detectors, threads, partitions."""

    features: FeatureConfig = field(default_factory=FeatureConfig)
    detectors: tuple[str, ...] | None = None
    threads: int = 0
    partitions: int = 1
    backend: str = "local"


@dataclass(frozen=True, slots=True)
class Extracted:
    """Everything mined from one ledger before scoring, row-aligned with its transactions."""

    features: NDArray[np.float32]
    feature_names: tuple[str, ...]
    hits: dict[str, NDArray[np.int8]]
    detector_alerts: list[Alert]

    def rows(self, rows: NDArray[np.int64], alerts: list[Alert]) -> Extracted:
        """The same extraction restricted to ``rows`` (with the alerts that fall in them)."""
        return Extracted(
            self.features[rows],
            self.feature_names,
            {k: v[rows] for k, v in self.hits.items()},
            alerts,
        )


@dataclass(frozen=True, slots=True)
class MonitorResult:
    """Scores per transaction, the alerted rows and the merged, ranked alerts."""

    scores: NDArray[np.float64]
    flagged: NDArray[np.bool_]
    alerts: list[Alert]


def mine(txns: pl.DataFrame, config: MonitorConfig) -> tuple[NDArray[np.float32], tuple[str, ...]]:
    """Causal graph features for every row, computed partition by partition."""
    n_accounts = 1 + max(
        int(txns.get_column("src_id").max() or 0),  # type: ignore[arg-type]
        int(txns.get_column("dst_id").max() or 0),  # type: ignore[arg-type]
    )
    names: list[str] = []

    def work(rows: pl.DataFrame, emit_from: int) -> pl.DataFrame:
        fm = mine_features(
            rows.get_column("src_id").to_numpy(),
            rows.get_column("dst_id").to_numpy(),
            rows.get_column("ts").dt.epoch("s").to_numpy(),
            rows.get_column("amount_usd").to_numpy(),
            n_accounts=n_accounts,
            config=config.features,
            threads=config.threads,
            emit_from=emit_from,
        )
        names[:] = fm.names
        return pl.DataFrame(fm.values, schema=list(fm.names), orient="row")

    backend = get_backend(config.backend, partitions=config.partitions)
    out = backend.map_time_partitions(
        txns, work, overlap_seconds=config.features.max_window_seconds
    )
    values = out.to_numpy().astype(np.float32, copy=False)
    return np.ascontiguousarray(values), tuple(names)


def extract(txns: pl.DataFrame, config: MonitorConfig) -> Extracted:
    """Mine features and run the detectors over one ledger's transactions."""
    features, names = mine(txns, config)
    alerts, hits = run_detectors(txns, only=config.detectors)
    return Extracted(features=features, feature_names=names, hits=hits, detector_alerts=alerts)


def extract_features_frame(txns: pl.DataFrame, config: MonitorConfig) -> pl.DataFrame:
    """The feature step alone, as a frame keyed by ``txn_id``."""
    values, names = mine(txns, config)
    frame = pl.DataFrame(values, schema=list(names), orient="row")
    return frame.insert_column(0, txns.get_column("txn_id"))


def build_ledger_design(
    txns: pl.DataFrame, ex: Extracted, maps: dict[str, dict[str, int]]
) -> DesignMatrix:
    """The model's input for every row of ``txns``."""
    return build_design(txns, ex.features, ex.feature_names, ex.hits, maps)


def labels_of(txns: pl.DataFrame) -> NDArray[np.int8]:
    """Transaction labels (1 = laundering); an error if the ledger has none."""
    if "label" not in txns.columns:
        raise ValueError("this ledger has no transaction labels (column 'label')")
    return txns.get_column("label").fill_null(0).to_numpy().astype(np.int8)


@dataclass(frozen=True, slots=True)
class Trained:
    """A trained scorer with what evaluation and monitoring reuse: split, extraction, scores."""

    scorer: Scorer
    split: TimeSplit
    extracted: Extracted
    scores: NDArray[np.float64]


def train(
    ledger: Ledger, config: MonitorConfig, train_config: TrainConfig | None = None
) -> Trained:
    """Train a scorer on the first 60 % of ``ledger`` by time; threshold on the next 20 %."""
    tc = train_config or TrainConfig(threads=config.threads)
    txns = ledger.txns
    labels = labels_of(txns)
    ex = extract(txns, config)
    split = time_split(txns.height)
    maps = category_maps(txns[split.train])
    design = build_ledger_design(txns, ex, maps)
    meta: dict[str, Any] = {
        "features": {k: getattr(config.features, k) for k in config.features.__dataclass_fields__},
        "detectors": list(config.detectors) if config.detectors else None,
        "trained_on": ledger.source,
        "train_rows": int(split.train.size),
        "train_positives": int(labels[split.train].sum()),
    }
    if tc.context is None:
        scorer = train_scorer(
            design.take(split.train),
            labels[split.train],
            design.take(split.valid),
            labels[split.valid],
            categories=maps,
            config=tc,
            meta=meta,
        )
        scores = scorer.predict(design, threads=config.threads)
    else:
        # The scores come with the model: computed from out-of-fold first-stage scores on
        # the training rows, so no test row sees training labels through its context.
        scorer, scores = train_two_stage(
            design,
            labels,
            split,
            Edges.of(txns),
            categories=maps,
            context=tc.context,
            config=tc,
            meta=meta,
        )
    return Trained(scorer=scorer, split=split, extracted=ex, scores=scores)


def alerts_for(
    txns: pl.DataFrame, ex: Extracted, scores: NDArray[np.float64], threshold: float
) -> tuple[NDArray[np.bool_], list[Alert]]:
    """Rows in an alert, and the merged, ranked alerts.

    A row is alerted when its score reaches ``threshold`` or it belongs to a detector
    instance the model supports (see :func:`~counterflow.monitor.grouping.attach_scores`).
    """
    flagged = scores >= threshold
    grouped = model_alerts(txns, scores, flagged)
    kept, covered = attach_scores(txns, ex.detector_alerts, scores, flagged)
    return flagged | covered, merge_alerts([*grouped, *kept])


def run(ledger: Ledger, scorer: Scorer, config: MonitorConfig) -> MonitorResult:
    """Score ``ledger`` with ``scorer`` and produce merged, ranked alerts."""
    ex = extract(ledger.txns, config)
    design = build_ledger_design(ledger.txns, ex, scorer.categories)
    scores = scorer.predict(design, threads=config.threads, edges=Edges.of(ledger.txns))
    flagged, alerts = alerts_for(ledger.txns, ex, scores, scorer.threshold)
    return MonitorResult(scores=scores, flagged=flagged, alerts=alerts)


def monitor_trained(ledger: Ledger, trained: Trained) -> MonitorResult:
    """Alerts over the whole ledger from a model just trained on it (the demo's view)."""
    flagged, alerts = alerts_for(
        ledger.txns, trained.extracted, trained.scores, trained.scorer.threshold
    )
    return MonitorResult(scores=trained.scores, flagged=flagged, alerts=alerts)


def rules_only(ledger: Ledger, config: MonitorConfig) -> MonitorResult:
    """Without a model: the typology detectors' alerts, ranked by their own scores."""
    alerts, hits = run_detectors(ledger.txns, only=config.detectors)
    scores = np.zeros(ledger.txns.height, dtype=np.float64)
    flagged = np.zeros(ledger.txns.height, dtype=bool)
    for h in hits.values():
        flagged |= h.astype(bool)
    return MonitorResult(scores=scores, flagged=flagged, alerts=merge_alerts(alerts))
