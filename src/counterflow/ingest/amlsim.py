"""Reader of IBM AMLSim output directories (``transactions.csv`` + ``nodes.csv``).

AMLSim (IBM, github.com/IBM/AMLSim; Apache-2.0) is an agent-based simulator that plants
laundering typologies (fan-in, fan-out, cycles, ...) in a synthetic bank's transfers. Its
compact sample outputs, such as ``20K_fanin200`` (20,000 accounts, 954 of them fraudulent,
118,250 transfers), hold two files:

* ``transactions.csv``: ``sourceNodeId,targetNodeId,value,time``. ``time`` is the
  simulation step, an integer; AMLSim's ``conf.json`` ("base_date": "2017-01-01", the date
  of step 0) makes a step one day, so **ts = 2017-01-01T00:00Z + time days**. There is no
  currency (we use USD), no channel (``transfer``), no bank (``amlsim``) and no id: the
  transaction id is ``T<n>`` with ``n`` the 1-based data line number.
* ``nodes.csv``: ``nodeid,isFraud,init_balance,fraudStep``. ``isFraud`` is ground truth at
  the *account* level and goes to ``Ledger.accounts.label``; accounts are the node ids as
  strings. Only ``nodeid`` and ``isFraud`` are read; node ids must be unique.

There is no transaction-level label in these samples, so the ledger has no ground-truth
transaction columns. Transactions may name nodes absent from ``nodes.csv``; they get a null
account label.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from counterflow.ingest import parsers as p
from counterflow.ingest.fields import FieldSpec, validate
from counterflow.ingest.ledger import Ledger, build_ledger
from counterflow.ingest.quarantine import Quarantine
from counterflow.ingest.rawcsv import LINE, RawTable, field_column, read_raw_csv
from counterflow.model import InputError

#: The date of simulation step 0 (AMLSim's default ``base_date``).
EPOCH = datetime(2017, 1, 1, tzinfo=UTC)
TRANSACTIONS = "transactions.csv"
NODES = "nodes.csv"
BANK = "amlsim"
CHANNEL = "transfer"
_NODE_EXPECTED = "a node id such as 360"


def is_amlsim_dir(path: Path) -> bool:
    """True for a directory holding both AMLSim files."""
    return path.is_dir() and (path / TRANSACTIONS).is_file() and (path / NODES).is_file()


def _column(table: RawTable, name: str) -> str:
    position = table.position(name)
    if position is None:
        raise InputError(
            f"missing column {name!r}; the header has " + ",".join(table.header),
            path=table.path,
            line=1,
            field=name,
        )
    return field_column(position)


def _read(table: RawTable, specs: list[FieldSpec], sink: Quarantine) -> pl.DataFrame:
    checked = validate(
        table.rows, specs, path=table.path, width=len(table.header), header=table.header
    )
    return sink.keep_good(checked)


def _transactions(path: Path, sink: Quarantine) -> pl.DataFrame:
    table = read_raw_csv(path)
    col = {n: _column(table, n) for n in ("sourceNodeId", "targetNodeId", "value", "time")}
    specs = [
        FieldSpec(
            "src_account", col["sourceNodeId"], "sourceNodeId", p.text, _NODE_EXPECTED, p.text_ok
        ),
        FieldSpec(
            "dst_account", col["targetNodeId"], "targetNodeId", p.text, _NODE_EXPECTED, p.text_ok
        ),
        FieldSpec("amount", col["value"], "value", p.number, p.AMOUNT_EXPECTED, p.amount_ok),
        FieldSpec(
            "step",
            col["time"],
            "time",
            p.integer(pl.Int64()),
            "a whole number of days >= 0 (the simulation step)",
            p.non_negative_ok,
        ),
    ]
    rows = _read(table, specs, sink)
    return rows.with_columns(
        pl.format("T{}", pl.col(LINE) - 1).alias("txn_id"),
        (pl.lit(EPOCH) + pl.duration(days=pl.col("step"))).alias("ts"),
        pl.lit("USD").alias("currency"),
        pl.col("amount").alias("amount_usd"),
        pl.lit(CHANNEL).alias("channel"),
        pl.lit(BANK).alias("src_bank"),
        pl.lit(BANK).alias("dst_bank"),
    )


def _nodes(path: Path, sink: Quarantine) -> pl.DataFrame:
    table = read_raw_csv(path)
    specs = [
        FieldSpec(
            "account",
            _column(table, "nodeid"),
            "nodeid",
            p.text,
            _NODE_EXPECTED,
            p.text_ok,
            unique=True,
        ),
        FieldSpec(
            "label",
            _column(table, "isFraud"),
            "isFraud",
            p.integer(pl.Int8()),
            p.FLAG_EXPECTED,
            p.flag_ok,
        ),
    ]
    return _read(table, specs, sink).select("account", "label")


def read_amlsim(path: Path, *, quarantine: Path | None = None) -> Ledger:
    """Read an AMLSim output directory into a ledger with account-level labels."""
    if not is_amlsim_dir(path):
        raise InputError(f"expected a directory holding {TRANSACTIONS} and {NODES}", path=str(path))
    sink = Quarantine(quarantine)
    nodes = _nodes(path / NODES, sink)
    txns = _transactions(path / TRANSACTIONS, sink)
    return build_ledger(txns, source=str(path), quarantined=sink.finish(), known_accounts=nodes)
