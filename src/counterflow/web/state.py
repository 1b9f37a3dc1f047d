"""What the running platform holds in memory: the database, the screener, the stores.

The screener is built from the current watch-list versions on first use and rebuilt when a
new version is loaded (building the UN + OFAC index takes seconds; screening one person
takes milliseconds).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from counterflow.cases import TransactionIn
from counterflow.screening import Screener
from counterflow.settings import Settings
from counterflow.tips import TipGuard
from counterflow.watchlists import current_entries, current_versions


@dataclass
class ScreenerCache:
    """One screener over the current lists, rebuilt when the versions change."""

    _versions: dict[str, str] | None = None
    _screener: Screener | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, session: Session) -> Screener:
        versions = {str(k): v for k, v in current_versions(session).items()}
        with self._lock:
            if self._screener is None or versions != self._versions:
                self._screener = Screener(current_entries(session), versions=versions)
                self._versions = versions
            return self._screener


@dataclass(frozen=True)
class ParquetLookup:
    """Transactions by id from the canonical Parquet store (a file or a day-partitioned
    folder); a missing store finds nothing."""

    path: Path

    def transactions(self, txn_ids: Sequence[str]) -> list[TransactionIn]:
        if not txn_ids or not self.path.exists():
            return []
        source = str(self.path / "**" / "*.parquet") if self.path.is_dir() else str(self.path)
        frame = (
            pl.scan_parquet(source)
            .filter(pl.col("txn_id").cast(pl.String).is_in(list(txn_ids)))
            .collect()
        )
        return [
            TransactionIn(
                txn_id=str(r["txn_id"]),
                ts=r["ts"],
                src_account=str(r["src_account"]),
                dst_account=str(r["dst_account"]),
                amount=Decimal(str(round(float(r["amount"]), 2))),
                currency=str(r["currency"])[:3],
                amount_usd=Decimal(str(round(float(r["amount_usd"]), 2))),
            )
            for r in frame.iter_rows(named=True)
        ]


@dataclass
class PlatformState:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    screeners: ScreenerCache
    lookup: ParquetLookup
    tip_guard: TipGuard
    """The public tip form's token signer and rate limiter (this process's memory only)."""

    @property
    def evidence_dir(self) -> Path:
        return self.settings.evidence_path()

    @property
    def tip_photos_dir(self) -> Path:
        return self.settings.tip_photos_path()
