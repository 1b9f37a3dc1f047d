"""Turning transaction scores into alerts an analyst can work.

A flagged transaction alone is a poor unit of work: laundering moves in instances (a fan-out,
a cycle, a chain of mules), so flagged transactions that touch the same accounts are grouped
into one alert, the connected components of the flagged subgraph. Accounts that touch very
many flagged transactions (payment processors, cash pseudo-accounts) would glue unrelated
instances together, so they do not join groups; their transactions still appear in the
groups of their counterparties.

Detector alerts are kept when the model agrees with at least one of their transactions (a
rule alone, however strong, fires on too much ordinary business to be worked unfiltered);
their score blends the rule's score with the model's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
import polars as pl
from numpy.typing import NDArray

from counterflow.model import Alert, AlertWindow, Typology

HUB_FLAGGED_EDGES = 50
"""An account with more flagged transactions than this does not join groups."""

RULE_WEIGHT = 0.3
"""Weight of the rule's own score in a detector alert's blended score."""


def model_alerts(
    txns: pl.DataFrame, scores: NDArray[np.float64], flagged: NDArray[np.bool_]
) -> list[Alert]:
    """One alert per connected group of flagged transactions."""
    rows = np.flatnonzero(flagged)
    if rows.size == 0:
        return []
    sub = txns[rows].with_columns(pl.Series("score", scores[rows]))
    src = sub.get_column("src_id").to_numpy()
    dst = sub.get_column("dst_id").to_numpy()
    counts = np.bincount(np.concatenate([src, dst]))
    hubs = frozenset(np.flatnonzero(counts > HUB_FLAGGED_EDGES).tolist())
    group = _group(src.tolist(), dst.tolist(), hubs)
    sub = sub.with_columns(pl.Series("group", group))
    alerts: list[Alert] = []
    for g in sub.partition_by("group", maintain_order=True):
        alerts.append(_alert(g, Typology.MODEL_SCORE))
    return alerts


def _group(src: Sequence[int], dst: Sequence[int], hubs: frozenset[int]) -> list[int]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for s, d in zip(src, dst, strict=True):
        if s not in hubs and d not in hubs:
            rs, rd = find(s), find(d)
            if rs != rd:
                parent[rd] = rs
    return [find(d) if s in hubs else find(s) for s, d in zip(src, dst, strict=True)]


def _alert(g: pl.DataFrame, typology: str) -> Alert:
    scores = g.get_column("score").to_numpy()
    ts = g.get_column("ts")
    start: datetime = ts.min()  # type: ignore[assignment]
    end: datetime = ts.max()  # type: ignore[assignment]
    accounts = tuple(dict.fromkeys([*g.get_column("src_account"), *g.get_column("dst_account")]))
    total = float(g.get_column("amount_usd").sum())
    n = g.height
    explanation = (
        f"model: {n} transaction{'s' if n > 1 else ''} scored above the threshold among "
        f"{len(accounts)} connected accounts, total USD {total:,.0f}, top score {scores.max():.2f}"
    )
    return Alert(
        alert_id="",
        typology=typology,
        score=float(scores.max()),
        accounts=accounts,
        txn_ids=tuple(g.get_column("txn_id").to_list()),
        window=AlertWindow(start, end),
        explanation=explanation,
        thresholds={},
    )


def _alert_rows(txns: pl.DataFrame, alerts: Sequence[Alert]) -> pl.DataFrame:
    """``(alert, row)`` pairs: the row position of every transaction of every alert."""
    pairs = pl.DataFrame(
        {
            "alert": np.repeat(np.arange(len(alerts)), [len(a.txn_ids) for a in alerts]),
            "txn_id": [t for a in alerts for t in a.txn_ids],
        },
        schema={"alert": pl.Int64, "txn_id": pl.String},
    )
    rows = txns.select("txn_id").with_row_index("row")
    return pairs.join(rows, on="txn_id", how="inner").select("alert", "row")


def attach_scores(
    txns: pl.DataFrame,
    alerts: Sequence[Alert],
    scores: NDArray[np.float64],
    flagged: NDArray[np.bool_],
) -> tuple[list[Alert], NDArray[np.bool_]]:
    """Detector alerts the model supports, re-scored as a blend.

    Returns the kept alerts and the mask of every transaction they cover: when the model
    flags one transaction of a recognised instance, the whole instance is alerted (a cycle
    is worked as a cycle, not as the one leg the model was surest of).
    """
    covered = np.zeros(txns.height, dtype=bool)
    if not alerts:
        return [], covered
    pairs = _alert_rows(txns, alerts)
    per_alert = (
        pairs.with_columns(
            pl.Series("score", scores)[pairs.get_column("row")].alias("score"),
            pl.Series("flag", flagged)[pairs.get_column("row")].alias("flag"),
        )
        .group_by("alert")
        .agg(pl.col("score").max(), pl.col("flag").any(), pl.col("row"))
    )
    kept: list[Alert] = []
    for i, model_max, supported, rows in per_alert.sort("alert").iter_rows():
        a = alerts[i]
        if not supported:
            continue
        covered[np.asarray(rows, dtype=np.int64)] = True
        blended = RULE_WEIGHT * a.score + (1 - RULE_WEIGHT) * model_max
        kept.append(
            Alert(
                alert_id=a.alert_id,
                typology=a.typology,
                score=float(blended),
                accounts=a.accounts,
                txn_ids=a.txn_ids,
                window=a.window,
                explanation=f"{a.explanation}; model score up to {model_max:.2f}",
                thresholds=a.thresholds,
            )
        )
    return kept, covered
