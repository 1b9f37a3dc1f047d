"""Transaction monitoring: find laundering in the transaction graph, fast and explainably.

The pipeline mines causal temporal-graph features (:mod:`.features`, Numba kernels), runs
the typology detectors (:mod:`.typologies`, one module per pattern), scores every
transaction with LightGBM (:mod:`.scoring`) and turns the flagged ones into merged, ranked
alerts that say why (:mod:`.alerts`).
"""

from counterflow.monitor.alerts import read_alerts, write_alerts
from counterflow.monitor.evaluate import Evaluation, evaluate, evaluate_trained
from counterflow.monitor.pipeline import (
    MonitorConfig,
    MonitorResult,
    Trained,
    extract_features_frame,
    monitor_trained,
    rules_only,
    run,
    train,
)
from counterflow.monitor.scores import write_scores
from counterflow.monitor.scoring import Scorer, TrainConfig

__all__ = [
    "Evaluation",
    "MonitorConfig",
    "MonitorResult",
    "Scorer",
    "TrainConfig",
    "Trained",
    "evaluate",
    "evaluate_trained",
    "extract_features_frame",
    "monitor_trained",
    "read_alerts",
    "rules_only",
    "run",
    "train",
    "write_alerts",
    "write_scores",
]
