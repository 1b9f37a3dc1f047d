"""The ledger: what every reader returns, in one shape whatever the source format.

A :class:`Ledger` holds the transactions in the canonical column contract
(:mod:`counterflow.model.columns`) and an account table. Graph kernels in
:mod:`counterflow.monitor` work on plain integer arrays, so every account string gets a
dense ``int32`` id ``0..n-1``:

* **Ids are the rank of the account string in sorted order** (byte-wise UTF-8; computed
  in :mod:`.account_ids`). This depends only on the *set* of accounts, not on row order or
  time ties, so the same file always gives the same ids, and two files with the same
  accounts agree. (For
  AMLSim the node ``"10"`` therefore sorts before ``"2"``: ids are not node numbers.)
* Transactions are sorted by ``ts``; the sort is stable, so simultaneous transactions keep
  their file order (AMLworld timestamps have minute resolution: thousands tie).
* The account table also lists accounts known from a side file without any transaction
  (AMLSim ``nodes.csv``), with their account-level ground truth ``label`` when known.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from counterflow.ingest.account_ids import dense_ids
from counterflow.ingest.schema import ACCOUNT_SCHEMA, conform


@dataclass(frozen=True, slots=True)
class Ledger:
    """Transactions plus accounts, read from ``source``.

    ``txns``: the canonical columns (contract order and dtypes), the ground-truth columns
    ``label``/``pattern``/``pattern_id`` when the source has them, then ``src_id`` and
    ``dst_id`` (int32, indexes into ``accounts``); sorted by ``ts``.
    ``accounts``: ``account_id`` (int32, 0..n-1 in order), ``account`` (string) and, when
    the source has account-level ground truth, ``label`` (int8).
    ``quarantined``: how many input rows were written to the quarantine file instead.
    """

    txns: pl.DataFrame
    accounts: pl.DataFrame
    source: str
    quarantined: int = 0

    @property
    def n_accounts(self) -> int:
        """Number of accounts (the dense id range)."""
        return self.accounts.height


def build_ledger(
    txns: pl.DataFrame | pl.LazyFrame,
    *,
    source: str,
    quarantined: int = 0,
    known_accounts: pl.DataFrame | None = None,
) -> Ledger:
    """Assemble a :class:`Ledger` from typed transactions (extra columns are dropped).

    ``known_accounts`` (columns ``account`` and optionally ``label``) adds accounts that may
    have no transaction and carries account-level labels into ``Ledger.accounts``.
    """
    frame = conform(txns).collect()
    if frame.select((pl.col("ts").diff() < pl.duration()).any()).item():
        frame = frame.sort("ts", maintain_order=True)
    extra = [known_accounts["account"]] if known_accounts is not None else []
    names, (src_id, dst_id, *_) = dense_ids(frame["src_account"], frame["dst_account"], *extra)
    frame = frame.with_columns(src_id.alias("src_id"), dst_id.alias("dst_id"))
    accounts = pl.DataFrame(
        {
            "account_id": pl.int_range(names.len(), dtype=pl.Int32, eager=True),
            "account": names,
        },
        schema=ACCOUNT_SCHEMA,
    )
    if known_accounts is not None and "label" in known_accounts.columns:
        labels = known_accounts.select("account", pl.col("label").cast(pl.Int8))
        accounts = accounts.join(labels, on="account", how="left", maintain_order="left")
    return Ledger(txns=frame, accounts=accounts, source=source, quarantined=quarantined)
