"""What every typology detector is: a typology, documented thresholds, and ``detect``.

A detector looks at a batch of canonical transactions (plus dense ``src_id``/``dst_id``) and
returns a :class:`DetectorResult`: the alerts it raises, each explaining itself (typology,
accounts, transactions, window, amounts, and the thresholds the instance met), and a per-row
``hits`` array (1 where the transaction belongs to any instance the detector found), which
the ML scorer uses as features.

Subclasses implement two methods: :meth:`Detector.find` returns the instances as Polars
frames (member rows and one stats row per instance, with a ``score``), and
:meth:`Detector.explain` turns one stats row into a sentence. Everything else (column
selection, which hides ground truth; the empty batch; hits; picking the top instances;
building :class:`~counterflow.model.Alert` objects) happens once, here.

Alerts are built for at most ``params.max_alerts`` instances per detector, the highest
scored: that is the only Python loop, and it runs over instances, never over transactions.
Hits cover every instance found, capped or not.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.model import Alert, AlertWindow, Typology
from counterflow.monitor.typologies._frame import Frame


@dataclass(frozen=True, kw_only=True)
class Params:
    """Thresholds shared by every detector."""

    CAPS: ClassVar[frozenset[str]] = frozenset({"max_alerts", "max_paths", "successors"})
    """Fields that bound work rather than define the typology: not quoted as thresholds."""

    max_alerts: int = 2_000
    """Alerts are built for the highest-scored instances up to this many (hits cover all)."""

    def thresholds(self) -> dict[str, float]:
        """The numeric thresholds, as quoted in ``Alert.thresholds``."""
        return {
            k: float(v)
            for k, v in asdict(self).items()
            if k not in self.CAPS and isinstance(v, int | float) and not isinstance(v, bool)
        }


P = TypeVar("P", bound=Params)


@dataclass(frozen=True, slots=True)
class DetectorResult:
    """Alerts raised by one detector and its per-row hit flags (int8, aligned with input)."""

    alerts: list[Alert]
    hits: npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class Instances:
    """Instances found by :meth:`Detector.find`.

    ``members``: columns ``inst`` (Int64) and ``_row`` (Int64), one row per transaction of
    each instance. ``stats``: one row per instance with ``inst``, ``score`` in [0, 1] and
    whatever fields :meth:`Detector.explain` quotes. Stats columns whose name ends in
    ``_acct`` hold dense account ids and reach ``explain`` as account strings (``_accts``:
    lists of ids, reaching it as lists of strings).
    """

    members: pl.DataFrame
    stats: pl.DataFrame

    @classmethod
    def none(cls) -> Instances:
        """No instance."""
        return cls(
            pl.DataFrame(schema={"inst": pl.Int64, "_row": pl.Int64}),
            pl.DataFrame(schema={"inst": pl.Int64, "score": pl.Float64}),
        )


class Detector(ABC, Generic[P]):
    """A typology detector: ``typology``, ``params`` (frozen thresholds), ``detect``."""

    typology: ClassVar[Typology]
    params: P

    @property
    def name(self) -> str:
        """The registry name: the typology's code."""
        return self.typology.value

    def detect(self, txns: pl.DataFrame) -> DetectorResult:
        """Find the instances of this typology in ``txns`` (canonical columns, ids)."""
        return self.detect_frame(Frame.of(txns))

    def detect_frame(self, frame: Frame) -> DetectorResult:
        """:meth:`detect` on a batch already prepared (shared by several detectors)."""
        hits = np.zeros(frame.n_rows, dtype=np.int8)
        if frame.n_rows == 0:
            return DetectorResult([], hits)
        found = self.find(frame)
        if found.members.height == 0:
            return DetectorResult([], hits)
        members = found.members.select("inst", "_row").unique()
        hits[members.get_column("_row").to_numpy()] = 1
        return DetectorResult(self._alerts(frame, Instances(members, found.stats)), hits)

    @abstractmethod
    def find(self, frame: Frame) -> Instances:
        """The instances in ``frame`` (vectorised; see :class:`Instances`)."""

    @abstractmethod
    def explain(self, row: Mapping[str, Any]) -> str:
        """One sentence for one instance (a stats row plus ``n_txns``, ``total_usd``, ...)."""

    def _alerts(self, frame: Frame, found: Instances) -> list[Alert]:
        top = found.stats.sort(["score", "inst"], descending=[True, False]).head(
            self.params.max_alerts
        )
        members = found.members.join(top.select("inst"), on="inst", how="semi").join(
            frame.df.select("_row", "txn_id", "ts", "src_account", "dst_account", "amount_usd"),
            on="_row",
        )
        summary = members.group_by("inst").agg(
            txn_ids=pl.col("txn_id").sort_by("ts", "txn_id"),
            accounts=pl.concat_list("src_account", "dst_account").explode().unique().sort(),
            start=pl.col("ts").min(),
            end=pl.col("ts").max(),
            n_txns=pl.len(),
            total_usd=pl.col("amount_usd").sum(),
        )
        rows = top.join(summary, on="inst").sort(["score", "inst"], descending=[True, False])
        id_cols = [c for c in rows.columns if c.endswith("_acct")]
        list_cols = [c for c in rows.columns if c.endswith("_accts")]
        ids = [rows.get_column(c).drop_nulls().to_numpy() for c in id_cols]
        ids += [rows.get_column(c).explode().drop_nulls().to_numpy() for c in list_cols]
        names = frame.account_names(np.concatenate(ids) if ids else [])
        thresholds = self.params.thresholds()
        alerts: list[Alert] = []
        for k, row in enumerate(rows.iter_rows(named=True), start=1):
            for c in id_cols:
                row[c] = names.get(row[c], str(row[c]))
            for c in list_cols:
                row[c] = [names.get(i, str(i)) for i in row[c]]
            start: datetime = row["start"]
            end: datetime = row["end"]
            row["span_us"] = (end - start).total_seconds() * 1e6
            alerts.append(
                Alert(
                    alert_id=f"{self.name}-{k:06d}",
                    typology=self.typology.value,
                    score=float(row["score"]),
                    accounts=tuple(row["accounts"]),
                    txn_ids=tuple(row["txn_ids"]),
                    window=AlertWindow(start, end),
                    explanation=self.explain(row),
                    thresholds=dict(thresholds),
                )
            )
        return alerts
