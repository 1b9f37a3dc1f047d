"""Causal temporal-graph features per transaction, mined with Numba kernels.

The public surface is three names: :func:`mine_features` (the driver), its
:class:`FeatureConfig` (windows and caps) and the :class:`FeatureMatrix` it returns. The
families follow the patterns of IBM's AMLworld study (Altman et al., "Realistic Synthetic
Financial Transactions for Anti-Money Laundering Models", NeurIPS 2023), which fed the
same kinds of features (fan, degree, scatter-gather, temporal and simple cycles, vertex
statistics) from snapml's GraphFeaturePreprocessor to gradient-boosted trees, plus the
behavioural red flags of FATF guidance: pass-through, structuring, round amounts, bursts.
"""

from counterflow.monitor.features.config import FeatureConfig
from counterflow.monitor.features.matrix import FeatureMatrix
from counterflow.monitor.features.miner import mine_features

__all__ = ["FeatureConfig", "FeatureMatrix", "mine_features"]
