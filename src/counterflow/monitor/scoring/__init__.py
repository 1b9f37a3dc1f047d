"""ML scoring of transactions: design matrix, LightGBM scorer, threshold and quality."""

from counterflow.monitor.scoring.context import ContextConfig, Edges
from counterflow.monitor.scoring.design import DesignMatrix, build_design, category_maps
from counterflow.monitor.scoring.model import ModelError, Scorer, TrainConfig, train_scorer
from counterflow.monitor.scoring.stacked import train_two_stage
from counterflow.monitor.scoring.threshold import Quality, best_f1_threshold, quality

__all__ = [
    "ContextConfig",
    "DesignMatrix",
    "Edges",
    "ModelError",
    "Quality",
    "Scorer",
    "TrainConfig",
    "best_f1_threshold",
    "build_design",
    "category_maps",
    "quality",
    "train_scorer",
    "train_two_stage",
]
