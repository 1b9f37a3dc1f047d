"""Quarantine mode: bad rows written aside with line, field, reason and raw text."""

from __future__ import annotations

import polars as pl
import pytest

from counterflow.ingest import read_transactions
from counterflow.model import InputError


def test_bad_rows_go_to_quarantine_and_good_rows_stay(write_file, aw, tmp_path):
    bad_amount = aw.fan_2.replace("8630.40,Euro,ACH", "-1,Euro,ACH")
    bad_time = aw.stack.replace("2022/09/01 01:00", "2022/09/01 1am")
    short = "2022/09/01 00:06,021174"
    path = write_file(
        "Q_Trans.csv",
        "\n".join([aw.header, aw.normal, bad_amount, aw.fan_1, bad_time, short, aw.card]) + "\n",
    )
    out = tmp_path / "rejects" / "q.csv"
    ledger = read_transactions(path, quarantine=out)
    assert ledger.quarantined == 3
    assert sorted(ledger.txns["txn_id"].to_list()) == ["L1", "L3", "L6"]
    rejected = pl.read_csv(out, schema_overrides={"raw": pl.String})
    assert rejected.columns == ["file", "line", "field", "reason", "raw"]
    assert rejected.select("line", "field").rows() == [
        (3, "Amount Paid"),
        (5, "Timestamp"),
        (6, "Account"),
    ]
    assert rejected["raw"].to_list() == [bad_amount, bad_time, short]
    assert rejected["file"].unique().to_list() == [str(path)]
    assert "got '-1'" in rejected["reason"][0]
    assert "got '2022/09/01 1am'" in rejected["reason"][1]


def test_clean_input_writes_an_empty_quarantine_file(write_file, aw, tmp_path):
    path = write_file("C_Trans.csv", "\n".join([aw.header, aw.normal]) + "\n")
    ledger = read_transactions(path, quarantine=tmp_path / "q.csv")
    assert ledger.quarantined == 0
    assert (tmp_path / "q.csv").read_text().strip() == "file,line,field,reason,raw"


def test_without_quarantine_the_first_bad_line_raises(write_file, canonical_header):
    rows = [
        "T1,2022-09-01T00:00:00Z,A,B,1,USD,1,w,b,b",
        "T2,2022-09-01T00:00:00Z,A,B,-1,USD,1,w,b,b",
        "T3,bad,A,B,1,USD,1,w,b,b",
    ]
    path = write_file("t.csv", "\n".join([canonical_header, *rows]) + "\n")
    with pytest.raises(InputError) as caught:
        read_transactions(path)
    assert (caught.value.line, caught.value.field) == (3, "amount")


def test_canonical_quarantine_keeps_first_of_duplicate_ids(write_file, canonical_header, tmp_path):
    rows = [
        "T1,2022-09-01T00:00:00Z,A,B,1,USD,1,w,b,b",
        "T1,2022-09-01T00:01:00Z,A,B,2,USD,2,w,b,b",
        "T2,2022-09-01T00:02:00Z,A,,3,USD,3,w,b,b",
    ]
    path = write_file("t.csv", "\n".join([canonical_header, *rows]) + "\n")
    ledger = read_transactions(path, quarantine=tmp_path / "q.csv")
    assert ledger.txns["amount"].to_list() == [1.0]
    assert ledger.quarantined == 2
    rejected = pl.read_csv(tmp_path / "q.csv")
    assert rejected.select("line", "field").rows() == [(3, "txn_id"), (4, "dst_account")]
    assert "earlier line" in rejected["reason"][0]
