"""What the running platform holds in memory: the database, the screener, the stores.

The screener is built from the current watch-list versions on first use and rebuilt when a
new version is loaded (building the UN + OFAC index takes seconds; screening one person
takes milliseconds). The flow index over the transaction store (:class:`FlowCache`) is
likewise built on first use and rebuilt when the store's files change.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from counterflow.cases import TransactionIn
from counterflow.model.errors import InputError
from counterflow.network.ports import PairFlow as FlowPair
from counterflow.screening import Screener
from counterflow.settings import Settings
from counterflow.tips import TipGuard
from counterflow.trace import (
    BankDirectory,
    FlowIndex,
    TraceContext,
    TraceQuery,
    TraceResult,
    counterparties,
    load_index,
    read_bank_directory,
    trace,
)
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


def _stamp(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What identifies the store's current content: its Parquet files, sizes and times."""
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(path.rglob("*.parquet"))
    else:
        files = []
    out = []
    for f in files:
        st = f.stat()
        out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


NO_STORE = "no transaction store is loaded on this platform, so there are no flows to trace"


@dataclass
class FlowCache:
    """The flow index over the transaction store, built on first use and rebuilt when the
    store's files change (indexing a day-partitioned store takes seconds; a trace over it
    milliseconds). A missing store gives no index: graphs show no flows and a trace says
    why."""

    path: Path
    banks_path: Path | None = None
    _stamp: tuple[tuple[str, int, int], ...] = ()
    _index: FlowIndex | None = None
    _banks: BankDirectory | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def index(self) -> FlowIndex | None:
        stamp = _stamp(self.path)
        with self._lock:
            if not stamp:
                self._index, self._stamp = None, ()
            elif self._index is None or stamp != self._stamp:
                self._index = load_index(self.path)
                self._stamp = stamp
            return self._index

    def banks(self) -> BankDirectory:
        with self._lock:
            if self._banks is None:
                path = self.banks_path
                present = path is not None and path.is_file()
                self._banks = read_bank_directory(path) if present and path else BankDirectory()
            return self._banks

    def source(self) -> StoreFlows:
        """The flows as the network slice asks for them (its ``FlowSource`` port)."""
        return StoreFlows(self)


@dataclass(frozen=True)
class StoreFlows:
    """The network slice's ``FlowSource`` over the platform's transaction store: each call
    delegates to :mod:`counterflow.trace` on the cached index."""

    cache: FlowCache

    def counterparties(
        self,
        account: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 25,
    ) -> list[FlowPair]:
        index = self.cache.index()
        if index is None or not index.has(account):
            return []
        return list(counterparties(index, account, start=start, end=end, limit=limit))

    def trace(
        self, query: TraceQuery, *, case_accounts: Mapping[str, tuple[str, ...]]
    ) -> TraceResult:
        index = self.cache.index()
        if index is None:
            raise InputError(NO_STORE)
        context = TraceContext(banks=self.cache.banks(), case_accounts=case_accounts)
        return trace(index, query, context)

    def has(self, account: str) -> bool:
        index = self.cache.index()
        return index is not None and index.has(account)


@dataclass
class PlatformState:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    screeners: ScreenerCache
    lookup: ParquetLookup
    tip_guard: TipGuard
    """The public tip form's token signer and rate limiter (this process's memory only)."""
    flows: FlowCache
    """The transaction store's flow index (for the network view and traces)."""

    @property
    def evidence_dir(self) -> Path:
        return self.settings.evidence_path()

    @property
    def tip_photos_dir(self) -> Path:
        return self.settings.tip_photos_path()
