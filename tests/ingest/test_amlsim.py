"""AMLSim directories: the shared 20K_fanin200 sample and small hand-made ones."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from counterflow.ingest import read_transactions
from counterflow.ingest.amlsim import EPOCH
from counterflow.ingest.schema import ACCOUNT_ID_SCHEMA, CANONICAL_SCHEMA
from counterflow.model import InputError

NODES = (
    "nodeid,isFraud,init_balance,fraudStep\n0,0,184.44,-1\n1,1,175.80,3\n2,0,1.00,-1\n3,0,5,-1\n"
)
TXNS = "sourceNodeId,targetNodeId,value,time\n1,2,103.55,1\n0,1,178.96,0\n2,0,5,1\n"


@pytest.fixture
def small_amlsim(write_file):
    write_file("sim/nodes.csv", NODES)
    return write_file("sim/transactions.csv", TXNS).parent


def test_small_directory(small_amlsim):
    ledger = read_transactions(small_amlsim)
    txns = ledger.txns
    assert txns.columns == [*CANONICAL_SCHEMA, *ACCOUNT_ID_SCHEMA]  # no txn-level truth
    assert txns["txn_id"].to_list() == ["T2", "T1", "T3"]  # sorted by step, stable
    assert txns["ts"].to_list() == [
        datetime(2017, 1, 1, tzinfo=UTC),
        datetime(2017, 1, 2, tzinfo=UTC),
        datetime(2017, 1, 2, tzinfo=UTC),
    ]
    first = txns.row(1, named=True)
    assert (first["src_account"], first["dst_account"], first["amount"]) == ("1", "2", 103.55)
    assert (first["currency"], first["amount_usd"], first["channel"]) == ("USD", 103.55, "transfer")
    assert (first["src_bank"], first["dst_bank"]) == ("amlsim", "amlsim")
    # Node 3 has no transaction but is an account; labels come from isFraud.
    assert ledger.accounts.rows() == [(0, "0", 0), (1, "1", 1), (2, "2", 0), (3, "3", 0)]
    assert ledger.accounts.schema["label"] == pl.Int8


def test_epoch_is_amlsim_base_date():
    assert datetime(2017, 1, 1, tzinfo=UTC) == EPOCH


@pytest.mark.parametrize(
    ("file", "text", "line", "field"),
    [
        ("transactions.csv", TXNS + "1,2,-5,1\n", 5, "value"),
        ("transactions.csv", TXNS + "1,2,5,-1\n", 5, "time"),
        ("transactions.csv", TXNS + "1,2,5,1.5\n", 5, "time"),
        ("transactions.csv", TXNS + ",2,5,1\n", 5, "sourceNodeId"),
        ("transactions.csv", TXNS + "1,2,5\n", 5, "time"),
        ("nodes.csv", NODES + "1,0,3,-1\n", 6, "nodeid"),
        ("nodes.csv", NODES + "9,2,3,-1\n", 6, "isFraud"),
        ("transactions.csv", "sourceNodeId,targetNodeId,value\n1,2,3\n", 1, "time"),
        ("nodes.csv", "nodeid,init_balance\n1,2\n", 1, "isFraud"),
    ],
)
def test_bad_rows_and_headers(small_amlsim, file, text, line, field):
    (small_amlsim / file).write_text(text)
    with pytest.raises(InputError) as caught:
        read_transactions(small_amlsim)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(small_amlsim / file), line, field)


def test_quarantine_gathers_bad_rows_of_both_files(small_amlsim, tmp_path):
    (small_amlsim / "nodes.csv").write_text(NODES + "3,0,1,-1\n")
    (small_amlsim / "transactions.csv").write_text(TXNS + "1,2,-5,1\n")
    ledger = read_transactions(small_amlsim, quarantine=tmp_path / "q.csv")
    assert ledger.quarantined == 2
    assert ledger.txns.height == 3
    rejected = pl.read_csv(tmp_path / "q.csv")
    assert rejected.select("line", "field").rows() == [(6, "nodeid"), (5, "value")]


def test_shared_sample_20k_fanin200(amlsim_sample):
    ledger = read_transactions(amlsim_sample)
    assert ledger.accounts.height == 20_000
    assert ledger.accounts["label"].sum() == 954
    assert ledger.accounts["label"].null_count() == 0
    assert ledger.txns.height == 118_250
    assert ledger.quarantined == 0
    assert ledger.txns["ts"].is_sorted()
    assert ledger.txns["ts"].min() >= EPOCH
    assert ledger.txns.select(pl.col("src_id", "dst_id").max()).row(0) < (20_000, 20_000)
