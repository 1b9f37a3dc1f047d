"""Alerts as an analyst receives them: merged, ranked, numbered, stored.

Several detectors (and the ML model) often describe the same instance: a gather-scatter is
also a fan-in and a fan-out; a ring of mules is also a chain. :func:`merge_alerts` joins
alerts that share a transaction, or that cover exactly the same accounts in overlapping
windows, into one alert (union-find), so an analyst works each instance once. The merged
alert takes the typology and score of its highest-scored contributor; its explanation lists
every contributor's, so nothing said by a detector is lost.

Alerts are ranked by score (highest first) and numbered ``A000001, A000002, ...``; the
numbering depends only on the alerts' content, never on the order they were given in.

On disk an alert file is Parquet with the columns ``alert_id, typology, score, accounts,
txn_ids, window_start, window_end, explanation, thresholds`` (the thresholds as a JSON
object), written atomically (a temporary sibling renamed into place).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from counterflow.model import Alert, AlertWindow, InputError

ALERT_SCHEMA: dict[str, pl.DataType] = {
    "alert_id": pl.String(),
    "typology": pl.String(),
    "score": pl.Float64(),
    "accounts": pl.List(pl.String()),
    "txn_ids": pl.List(pl.String()),
    "window_start": pl.Datetime("us", "UTC"),
    "window_end": pl.Datetime("us", "UTC"),
    "explanation": pl.String(),
    "thresholds": pl.String(),
}

_SEPARATOR = " | "


def _order(a: Alert) -> tuple[float, datetime, str, tuple[str, ...], tuple[str, ...]]:
    return (-a.score, _utc(a.window.start), a.typology, a.txn_ids, a.accounts)


def _utc(ts: datetime) -> datetime:
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _groups(alerts: Sequence[Alert]) -> list[list[Alert]]:
    """Alerts joined when they share a transaction, or the same accounts in overlapping time."""
    uf = _UnionFind(len(alerts))
    first_with: dict[str, int] = {}
    for i, a in enumerate(alerts):
        for t in a.txn_ids:
            uf.union(i, first_with.setdefault(t, i))
    by_accounts: dict[frozenset[str], list[int]] = {}
    for i, a in enumerate(alerts):
        if a.accounts:
            by_accounts.setdefault(frozenset(a.accounts), []).append(i)
    for members in by_accounts.values():
        members.sort(key=lambda i: _utc(alerts[i].window.start))
        reach, anchor = _utc(alerts[members[0]].window.end), members[0]
        for i in members[1:]:
            if _utc(alerts[i].window.start) <= reach:
                uf.union(anchor, i)
            else:
                anchor = i
            reach = max(reach, _utc(alerts[i].window.end))
    grouped: dict[int, list[Alert]] = {}
    for i, a in enumerate(alerts):
        grouped.setdefault(uf.find(i), []).append(a)
    return list(grouped.values())


def _combine(group: list[Alert]) -> Alert:
    group = sorted(group, key=_order)
    lead = group[0]
    if len(group) == 1:
        return lead
    typologies = list(dict.fromkeys(a.typology for a in group))
    explanation = f"{len(group)} alerts merged ({', '.join(typologies)}): " + _SEPARATOR.join(
        dict.fromkeys(a.explanation for a in group)
    )
    thresholds: dict[str, float] = {}
    for a in group:
        thresholds.update({f"{a.typology}.{k}": v for k, v in a.thresholds.items()})
    return Alert(
        alert_id="",
        typology=lead.typology,
        score=lead.score,
        accounts=tuple(sorted({x for a in group for x in a.accounts})),
        txn_ids=tuple(sorted({t for a in group for t in a.txn_ids})),
        window=AlertWindow(
            min(_utc(a.window.start) for a in group), max(_utc(a.window.end) for a in group)
        ),
        explanation=explanation,
        thresholds=thresholds,
    )


def merge_alerts(alerts: Iterable[Alert]) -> list[Alert]:
    """Merge alerts of the same instance, rank by score, and number them ``A000001``..."""
    ordered = sorted(alerts, key=_order)
    merged = sorted((_combine(g) for g in _groups(ordered)), key=_order)
    return [
        Alert(
            alert_id=f"A{k:06d}",
            typology=a.typology,
            score=a.score,
            accounts=a.accounts,
            txn_ids=a.txn_ids,
            window=a.window,
            explanation=a.explanation,
            thresholds=a.thresholds,
        )
        for k, a in enumerate(merged, start=1)
    ]


def alerts_to_frame(alerts: Iterable[Alert]) -> pl.DataFrame:
    """One row per alert, with the columns of :data:`ALERT_SCHEMA`."""
    rows = [
        {
            "alert_id": a.alert_id,
            "typology": a.typology,
            "score": float(a.score),
            "accounts": list(a.accounts),
            "txn_ids": list(a.txn_ids),
            "window_start": _utc(a.window.start),
            "window_end": _utc(a.window.end),
            "explanation": a.explanation,
            "thresholds": json.dumps(a.thresholds, sort_keys=True),
        }
        for a in alerts
    ]
    return pl.DataFrame(rows, schema=ALERT_SCHEMA)


def frame_to_alerts(frame: pl.DataFrame) -> list[Alert]:
    """The alerts of a frame shaped like :func:`alerts_to_frame`'s."""
    missing = [c for c in ALERT_SCHEMA if c not in frame.columns]
    if missing:
        raise InputError(
            f"an alert table needs the columns {', '.join(ALERT_SCHEMA)}", field=missing[0]
        )
    return [
        Alert(
            alert_id=r["alert_id"],
            typology=r["typology"],
            score=float(r["score"]),
            accounts=tuple(r["accounts"]),
            txn_ids=tuple(r["txn_ids"]),
            window=AlertWindow(r["window_start"], r["window_end"]),
            explanation=r["explanation"],
            thresholds={k: float(v) for k, v in json.loads(r["thresholds"]).items()},
        )
        for r in frame.select(list(ALERT_SCHEMA)).iter_rows(named=True)
    ]


def write_alerts(alerts: Iterable[Alert], path: str | os.PathLike[str]) -> Path:
    """Write ``alerts`` to a Parquet file at ``path``, atomically; returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    frame = alerts_to_frame(alerts)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        frame.write_parquet(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def read_alerts(path: str | os.PathLike[str]) -> list[Alert]:
    """The alerts stored at ``path`` by :func:`write_alerts`."""
    target = Path(path)
    try:
        frame = pl.read_parquet(target)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputError(f"cannot read alerts: {exc}", path=str(target)) from exc
    try:
        return frame_to_alerts(frame)
    except InputError as exc:
        raise InputError(exc.detail, path=str(target), field=exc.field) from exc
