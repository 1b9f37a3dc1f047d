"""The flow index: the transaction store as plain arrays a tracer can walk in milliseconds.

Built once per store (:func:`build_index` from a frame, :func:`load_index` from the canonical
Parquet store) and then only read, so one index serves any number of traces, from any
thread.

* **Time order is the store order.** Transactions are sorted by ``ts``, stably: transactions
  with the same timestamp keep the order the store lists them in. A transaction's *position*
  in this order is its clock: the tracer treats ``a`` as happening before ``b`` iff ``a``'s
  position is smaller, which gives equal timestamps a definite, reproducible order.
* **Accounts are dense ids** ``0..n-1``: the rank of the account string among the sorted
  distinct accounts, as :mod:`counterflow.ingest` numbers them.
* **Adjacency in CSR form.** ``out_txn[out_ptr[a]:out_ptr[a + 1]]`` are the positions of the
  payments *made* by ``a``, earliest first; ``in_txn[in_ptr[a]:in_ptr[a + 1]]`` the payments
  *received* by ``a``, **latest first**, the order in which a backward trace (which walks
  time in reverse) meets them. Either list is binary-searchable by time.
* Next to each adjacency list, the far end, amount, bank and cash flag of each edge in the
  same order (a walk reads them sequentially).
* Banks, channels and currencies are small dictionaries: an int32 code per transaction and
  the list of names.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow.compute as pc

from counterflow.ingest.account_ids import dense_ids
from counterflow.model import InputError, required_columns

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CASH_PREFIX = "CASH@"
CASH_CHANNEL = "cash"
_UTC_US = pl.Datetime("us", "UTC")


def to_micros(moment: datetime) -> int:
    """Microseconds since the Unix epoch; a naive datetime is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=int(micros))


def _codes(values: pl.Series) -> tuple[I32, list[str]]:
    """Dictionary-encode a string column: an int32 code per row and the distinct names."""
    encoded = pc.dictionary_encode(values.cast(pl.String).fill_null("").to_arrow())
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int32)
    return codes, [str(v) for v in encoded.dictionary.to_pylist()]


def _csr(owner: I32, n_accounts: int, *, latest_first: bool) -> tuple[I64, I64]:
    """Positions grouped by ``owner``; within a group earliest (or latest) first."""
    n = owner.size
    if latest_first:
        order = np.argsort(owner[::-1], kind="stable")
        positions = (n - 1 - order).astype(np.int64)
    else:
        positions = np.argsort(owner, kind="stable").astype(np.int64)
    ptr = np.zeros(n_accounts + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n_accounts), out=ptr[1:])
    return ptr, positions


class FlowIndex:
    """A read-only, time-sorted, array view of a transaction store (see the module doc).

    Attributes are NumPy arrays indexed by position (``ts``, ``src``, ``dst``, ``amount_usd``,
    ``amount``, ``src_bank``, ``dst_bank``, ``channel``, ``currency``, ``cash_out``,
    ``cash_in``) or by account id (``out_ptr``, ``in_ptr``), plus the name tables. Treat them
    as read-only: every trace shares them.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self.ts: I64 = frame["ts"].cast(_UTC_US).to_physical().to_numpy().astype(np.int64)
        names, (src, dst) = dense_ids(frame["src_account"], frame["dst_account"])
        self.names: pl.Series = names
        self.src: I32 = src.to_numpy().astype(np.int32)
        self.dst: I32 = dst.to_numpy().astype(np.int32)
        self.amount_usd: F64 = frame["amount_usd"].to_numpy().astype(np.float64)
        self.amount: F64 = frame["amount"].to_numpy().astype(np.float64)
        self.txn_ids: pl.Series = frame["txn_id"].cast(pl.String)
        n = self.ts.size
        banks, self.bank_names = _codes(pl.concat([frame["src_bank"], frame["dst_bank"]]))
        self.src_bank: I32 = banks[:n]
        self.dst_bank: I32 = banks[n:]
        self.channel, self.channel_names = _codes(frame["channel"])
        self.currency, self.currency_names = _codes(frame["currency"])
        cash = frame["channel"].str.to_lowercase() == CASH_CHANNEL
        # A cash withdrawal is a cash payment *to* the bank's cash pseudo-account, a cash
        # deposit one *from* it (the simulator and the AMLworld-style stores write them so).
        self.cash_out: B = (cash & frame["dst_account"].str.starts_with(CASH_PREFIX)).to_numpy()
        self.cash_in: B = (cash & frame["src_account"].str.starts_with(CASH_PREFIX)).to_numpy()
        self.out_ptr, self.out_txn = _csr(self.src, self.n_accounts, latest_first=False)
        self.in_ptr, self.in_txn = _csr(self.dst, self.n_accounts, latest_first=True)
        # What a walk reads of each edge, laid out in adjacency order: a walk then reads
        # memory sequentially instead of jumping into the per-position arrays.
        self.out_dst: I32 = self.dst[self.out_txn]
        self.out_usd: F64 = self.amount_usd[self.out_txn]
        self.out_bank: I32 = self.dst_bank[self.out_txn]
        self.out_cash: B = self.cash_out[self.out_txn]
        self.in_src: I32 = self.src[self.in_txn]
        self.in_usd: F64 = self.amount_usd[self.in_txn]
        self.in_bank: I32 = self.src_bank[self.in_txn]
        self.in_cash: B = self.cash_in[self.in_txn]

    @property
    def n_transactions(self) -> int:
        return int(self.ts.size)

    @property
    def n_accounts(self) -> int:
        return int(self.names.len())

    @property
    def first_ts(self) -> datetime:
        """Time of the earliest transaction (the Unix epoch for an empty store)."""
        return from_micros(int(self.ts[0])) if self.ts.size else EPOCH

    @property
    def last_ts(self) -> datetime:
        """Time of the latest transaction (the Unix epoch for an empty store)."""
        return from_micros(int(self.ts[-1])) if self.ts.size else EPOCH

    def has(self, account: str) -> bool:
        return bool(self.ids([account])[0] >= 0)

    def ids(self, accounts: Iterable[str]) -> I64:
        """Dense id of each account; -1 for an account the store does not know."""
        wanted = pl.Series("account", list(accounts), dtype=pl.String)
        if wanted.len() == 0 or self.names.len() == 0:
            return np.full(wanted.len(), -1, dtype=np.int64)
        # names are sorted byte-wise (UTF-8), which is Polars' string order
        at = self.names.search_sorted(wanted).to_numpy().astype(np.int64)
        at = np.minimum(at, self.names.len() - 1)
        found = (self.names.gather(at) == wanted).to_numpy()
        return np.where(found, at, -1)

    def name(self, account_id: int) -> str:
        return str(self.names[int(account_id)])

    def window(self, start: datetime | None, end: datetime | None) -> tuple[int, int]:
        """Positions ``[lo, hi)`` of the transactions with ``start <= ts <= end``."""
        lo = 0 if start is None else int(np.searchsorted(self.ts, to_micros(start), "left"))
        hi = self.n_transactions
        if end is not None:
            hi = int(np.searchsorted(self.ts, to_micros(end), "right"))
        return lo, max(lo, hi)

    def __repr__(self) -> str:
        return f"FlowIndex({self.n_transactions:,} transactions, {self.n_accounts:,} accounts)"


def _checked(frame: pl.DataFrame, source: str) -> pl.DataFrame:
    for name in required_columns():
        if name not in frame.columns:
            raise InputError(
                f"missing column {name!r}; expected the canonical columns "
                + ", ".join(required_columns()),
                path=source or None,
                field=name,
            )
    frame = frame.select(required_columns())
    for name in ("ts", "src_account", "dst_account", "amount_usd"):
        nulls = frame[name].null_count()
        if nulls:
            raise InputError(f"{nulls} empty values", path=source or None, field=name)
    if frame.height and float(frame["amount_usd"].min()) < 0:  # type: ignore[arg-type]
        raise InputError("amounts must not be negative", path=source or None, field="amount_usd")
    ts = frame["ts"]
    if isinstance(ts.dtype, pl.Datetime) and ts.dtype.time_zone is None:
        frame = frame.with_columns(pl.col("ts").dt.replace_time_zone("UTC"))
    elif not isinstance(ts.dtype, pl.Datetime):
        raise InputError("expected a timestamp column", path=source or None, field="ts")
    if frame.select((pl.col("ts").diff() < pl.duration()).any()).item():
        frame = frame.sort("ts", maintain_order=True)
    return frame


def build_index(txns: pl.DataFrame) -> FlowIndex:
    """Index a frame with the canonical columns (a ``Ledger.txns`` frame or a raw read).

    Extra columns (``src_id``/``dst_id``, ground truth) are ignored: ids are recomputed, which
    gives the same numbering as :mod:`counterflow.ingest` for the same set of accounts.
    """
    return FlowIndex(_checked(txns, ""))


def store_files(path: Path) -> list[Path]:
    """The Parquet files of a store: the file itself, or every ``*.parquet`` under a folder."""
    if path.is_dir():
        files = sorted(path.rglob("*.parquet"))
        if not files:
            raise InputError("no Parquet files in this folder", path=str(path))
        return files
    if not path.is_file():
        raise InputError("no such file or directory", path=str(path))
    return [path]


def load_index(path: Path) -> FlowIndex:
    """Index the canonical Parquet store at ``path`` (one file, or a day-partitioned folder)."""
    path = Path(path)
    files = store_files(path)
    try:
        frame = pl.concat(
            [pl.read_parquet(f, columns=list(required_columns())) for f in files],
            how="vertical_relaxed",
        )
    except (pl.exceptions.ColumnNotFoundError, pl.exceptions.SchemaError) as exc:
        raise InputError(f"not a canonical transaction store: {exc}", path=str(path)) from exc
    return FlowIndex(_checked(frame, str(path)))
