"""Typology detectors: rule-based finders of laundering and trafficking-finance patterns.

Each detector (one per module, listed in :mod:`.registry`) finds instances of one typology
in a batch of canonical transactions and explains each alert: which accounts and
transactions, in which window, for how much, and which thresholds the instance met.
:func:`run_detectors` runs them all (or some) and also returns, per detector, an int8 hit
flag for every transaction, which the ML scorer uses as features.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.model import Alert, InputError
from counterflow.monitor.typologies._frame import Frame
from counterflow.monitor.typologies.base import Detector, DetectorResult, Params
from counterflow.monitor.typologies.registry import DETECTORS

__all__ = ["DETECTORS", "Detector", "DetectorResult", "Params", "run_detectors"]


def run_detectors(
    txns: pl.DataFrame, *, only: Iterable[str] | None = None
) -> tuple[list[Alert], dict[str, npt.NDArray[np.int8]]]:
    """Run the registered detectors (all, or those named in ``only``) over ``txns``.

    Returns every detector's alerts (not merged; see
    :func:`counterflow.monitor.alerts.merge_alerts`) and a hit array per detector name.
    """
    names = list(DETECTORS) if only is None else list(dict.fromkeys(only))
    unknown = [n for n in names if n not in DETECTORS]
    if unknown:
        raise InputError(
            f"unknown detector(s) {', '.join(unknown)}; known: {', '.join(DETECTORS)}",
            field="detectors",
        )
    frame = Frame.of(txns)
    alerts: list[Alert] = []
    hits: dict[str, npt.NDArray[np.int8]] = {}
    for name in names:
        result = DETECTORS[name].detect_frame(frame)
        alerts.extend(result.alerts)
        hits[name] = result.hits
    return alerts, hits
