"""Measuring detection quality on labelled data, the way the published baselines do.

Transaction labels (AMLworld, our simulator): train on the first 60 % of transactions by
time, pick the threshold on the next 20 %, report precision, recall and F1 of the laundering
class on the last 20 % (Altman et al., NeurIPS 2023, section 5). Per-pattern recall says
which planted typologies the flagged set catches, and how many the rule detectors alone
cover.

Account labels only (AMLSim ``nodes.csv``): the same protocol on accounts ordered by first
activity (see :mod:`counterflow.monitor.accounts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from counterflow.ingest import Ledger
from counterflow.monitor.accounts import account_design, first_seen_order
from counterflow.monitor.pipeline import (
    MonitorConfig,
    Trained,
    alerts_for,
    build_ledger_design,
    extract,
    labels_of,
    train,
)
from counterflow.monitor.scoring import TrainConfig, category_maps, quality, train_scorer
from counterflow.monitor.split import time_split


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The figures ``counterflow monitor evaluate`` prints."""

    transaction: dict[str, Any] | None = None
    transaction_model: dict[str, Any] | None = None
    account: dict[str, Any] | None = None
    per_pattern: dict[str, dict[str, Any]] = field(default_factory=dict)
    alerts: int = 0
    threshold: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: keys ``transaction`` and/or ``account``, then the details."""
        out: dict[str, Any] = {}
        if self.transaction is not None:
            out["transaction"] = self.transaction
        if self.transaction_model is not None:
            out["transaction_model"] = self.transaction_model
        if self.account is not None:
            out["account"] = self.account
        out["per_pattern"] = self.per_pattern
        out["alerts"] = self.alerts
        out["threshold"] = round(self.threshold, 6)
        out["rows"] = self.rows
        return out


def evaluate(
    ledger: Ledger, config: MonitorConfig, train_config: TrainConfig | None = None
) -> Evaluation:
    """Train on the earlier part of ``ledger`` and measure on the later part."""
    if "label" in ledger.txns.columns:
        return evaluate_trained(ledger, train(ledger, config, train_config))
    if "label" in ledger.accounts.columns:
        return _evaluate_accounts(
            ledger, config, train_config or TrainConfig(threads=config.threads)
        )
    raise ValueError(f"{ledger.source} has neither transaction nor account labels to evaluate")


def evaluate_trained(ledger: Ledger, trained: Trained) -> Evaluation:
    """Test-part figures of a model trained by :func:`~counterflow.monitor.pipeline.train`.

    ``transaction`` judges what an analyst receives: the rows in an alert (scored above the
    threshold, or part of a detector instance the model supports). ``transaction_model``
    judges the model's threshold alone, the figure comparable with published baselines.
    """
    txns = ledger.txns
    test = trained.split.test
    labels = labels_of(txns)[test]
    thr = trained.scorer.threshold
    ex = trained.extracted
    test_txns = txns[test]
    test_ids = set(test_txns.get_column("txn_id").to_list())
    in_test = [a for a in ex.detector_alerts if all(t in test_ids for t in a.txn_ids)]
    alerted, alerts = alerts_for(test_txns, ex.rows(test, in_test), trained.scores[test], thr)
    flagged = trained.scores[test] >= thr
    per_pattern: dict[str, dict[str, Any]] = {}
    if "pattern" in txns.columns:
        covered = np.zeros(test.size, dtype=bool)
        for h in ex.hits.values():
            covered |= h[test].astype(bool)
        patterns = test_txns.get_column("pattern").to_numpy()
        for name in sorted({p for p in patterns if p is not None}):
            mask = patterns == name
            per_pattern[str(name)] = {
                "transactions": int(mask.sum()),
                "recall": round(float(alerted[mask].mean()), 4),
                "model_recall": round(float(flagged[mask].mean()), 4),
                "detector_recall": round(float(covered[mask].mean()), 4),
            }
    return Evaluation(
        transaction=quality(alerted, labels).as_dict(),
        transaction_model=quality(flagged, labels).as_dict(),
        per_pattern=per_pattern,
        alerts=len(alerts),
        threshold=thr,
        rows={
            "train": int(trained.split.train.size),
            "valid": int(trained.split.valid.size),
            "test": int(test.size),
        },
    )


def _evaluate_accounts(
    ledger: Ledger, config: MonitorConfig, train_config: TrainConfig
) -> Evaluation:
    txns = ledger.txns
    n_accounts = ledger.accounts.height
    ex = extract(txns, config)
    design = account_design(txns, build_ledger_design(txns, ex, category_maps(txns)), n_accounts)
    labels = (
        ledger.accounts.sort("account_id").get_column("label").fill_null(0).to_numpy()
    ).astype(np.int8)
    order = first_seen_order(txns, n_accounts)
    parts = time_split(n_accounts)
    train_rows, valid_rows, test_rows = order[parts.train], order[parts.valid], order[parts.test]
    scorer = train_scorer(
        design.take(train_rows),
        labels[train_rows],
        design.take(valid_rows),
        labels[valid_rows],
        categories={},
        config=train_config,
    )
    flagged = scorer.predict(design.take(test_rows), threads=config.threads) >= scorer.threshold
    return Evaluation(
        account=quality(flagged, labels[test_rows]).as_dict(),
        alerts=int(np.count_nonzero(flagged)),
        threshold=scorer.threshold,
        rows={
            "train": int(train_rows.size),
            "valid": int(valid_rows.size),
            "test": int(test_rows.size),
        },
    )
