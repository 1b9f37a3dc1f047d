"""Canonical CSV and Parquet reading: good input, and every kind of bad row."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from counterflow.ingest import Ledger, read_transactions, write_canonical
from counterflow.ingest.schema import ACCOUNT_ID_SCHEMA, CANONICAL_SCHEMA, GROUND_TRUTH_SCHEMA
from counterflow.model import InputError

GOOD_ROWS = (
    "T1,2022-09-01T10:00:00Z,A,B,100.5,USD,100.5,wire,b1,b2",
    "T2,2022-09-01 09:00:00,B,C,7,KHR,0.0017,cash,b2,b3",  # naive = UTC, space separator
    "T3,2022-09-01T17:00:00+07:00,C,A,1e3,EUR,990.1,ach,b3,b1",  # = 10:00Z, ties with T1
)


def csv_text(header: str, *rows: str) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_reads_canonical_csv_with_contract_dtypes(write_file, canonical_header):
    path = write_file("t.csv", csv_text(canonical_header, *GOOD_ROWS))
    ledger = read_transactions(path)
    assert isinstance(ledger, Ledger)
    assert ledger.txns.schema == pl.Schema(CANONICAL_SCHEMA | ACCOUNT_ID_SCHEMA)
    assert ledger.source == str(path)
    assert ledger.quarantined == 0


def test_csv_times_are_utc_and_rows_sorted_stably(write_file, canonical_header):
    ledger = read_transactions(write_file("t.csv", csv_text(canonical_header, *GOOD_ROWS)))
    # T2 (09:00) first; T1 and T3 are both 10:00Z and keep their file order.
    assert ledger.txns["txn_id"].to_list() == ["T2", "T1", "T3"]
    assert ledger.txns["ts"].to_list() == [
        datetime(2022, 9, 1, 9, tzinfo=UTC),
        datetime(2022, 9, 1, 10, tzinfo=UTC),
        datetime(2022, 9, 1, 10, tzinfo=UTC),
    ]
    assert ledger.txns["amount"].to_list() == [7.0, 100.5, 1000.0]


def test_dense_ids_are_ranks_of_sorted_account_strings(write_file, canonical_header):
    ledger = read_transactions(write_file("t.csv", csv_text(canonical_header, *GOOD_ROWS)))
    assert ledger.accounts.to_dict(as_series=False) == {
        "account_id": [0, 1, 2],
        "account": ["A", "B", "C"],
    }
    assert ledger.accounts.schema == pl.Schema({"account_id": pl.Int32, "account": pl.String})
    ids = dict(zip(ledger.accounts["account"], ledger.accounts["account_id"], strict=True))
    for src, dst, src_id, dst_id in ledger.txns.select(
        "src_account", "dst_account", "src_id", "dst_id"
    ).iter_rows():
        assert (ids[src], ids[dst]) == (src_id, dst_id)


def test_columns_in_any_order_extra_columns_ignored_quotes_undone(write_file):
    header = "note,dst_bank,src_bank,channel,amount_usd,currency,amount,dst_account,src_account,ts,txn_id"  # noqa: E501
    row = (
        '"hello, world",b2,b1,wire,5,USD,5,"acct, with comma","say ""hi""",2022-09-01T00:00:00Z,T1'
    )
    ledger = read_transactions(write_file("t.csv", csv_text(header, row)))
    assert ledger.txns.columns == [*CANONICAL_SCHEMA, *ACCOUNT_ID_SCHEMA]
    first = ledger.txns.row(0, named=True)
    assert first["dst_account"] == "acct, with comma"
    assert first["src_account"] == 'say "hi"'


def test_ground_truth_columns_are_read_when_present(write_file, canonical_header):
    header = canonical_header + ",label,pattern,pattern_id"
    rows = [
        "T1,2022-09-01T10:00:00Z,A,B,1,USD,1,wire,b1,b2,1,fan_out,0",
        "T2,2022-09-01T11:00:00Z,A,C,1,USD,1,wire,b1,b2,0,,",
    ]
    ledger = read_transactions(write_file("t.csv", csv_text(header, *rows)))
    truth = ledger.txns.select(list(GROUND_TRUTH_SCHEMA))
    assert truth.schema == pl.Schema(GROUND_TRUTH_SCHEMA)
    assert truth.rows() == [(1, "fan_out", 0), (0, None, None)]


def test_header_only_gives_an_empty_ledger(write_file, canonical_header):
    ledger = read_transactions(write_file("t.csv", canonical_header + "\n"))
    assert ledger.txns.height == 0
    assert ledger.accounts.height == 0


def test_blank_lines_are_skipped_and_line_numbers_still_count_them(write_file, canonical_header):
    text = csv_text(canonical_header, GOOD_ROWS[0], "", GOOD_ROWS[1], "", "T9,x,A,B,1,USD,1,w,b,b")
    with pytest.raises(InputError) as caught:
        read_transactions(write_file("t.csv", text))
    assert (caught.value.line, caught.value.field) == (6, "ts")


def test_crlf_line_endings(write_file, canonical_header):
    text = "\r\n".join([canonical_header, *GOOD_ROWS]) + "\r\n"
    ledger = read_transactions(write_file("t.csv", text))
    assert ledger.txns["dst_bank"].to_list() == ["b3", "b2", "b1"]


BAD = "T9,2022-09-01T12:00:00Z,A,B,1,USD,1,wire,b1,b2"  # a good row to break one field of


def _break(field: int, value: str) -> str:
    parts = BAD.split(",")
    parts[field] = value
    return ",".join(parts)


@pytest.mark.parametrize(
    ("row", "field", "in_message"),
    [
        (_break(1, "2022-09-31T00:00:00Z"), "ts", "'2022-09-31T00:00:00Z'"),
        (_break(1, "yesterday"), "ts", "ISO 8601"),
        (_break(1, ""), "ts", "got nothing"),
        (_break(4, "12,5"), "(extra field)", "found 11 fields"),
        (_break(4, "abc"), "amount", "non-negative"),
        (_break(4, "-3"), "amount", "'-3'"),
        (_break(4, "NaN"), "amount", "'NaN'"),
        (_break(4, "inf"), "amount", "'inf'"),
        (_break(6, "-0.5"), "amount_usd", "'-0.5'"),
        (_break(2, ""), "src_account", "got nothing"),
        (_break(3, ""), "dst_account", "got nothing"),
        (_break(5, "usd"), "currency", "ISO 4217"),
        ("T9,2022-09-01T12:00:00Z,A,B,1,USD,1,wire,b1", "dst_bank", "found 9 fields"),
        ("T9,2022-09-01T12:00:00Z,A,B", "amount", "found 4 fields"),
        ("T1,2022-09-01T12:00:00Z,A,B,1,USD,1,wire,b1,b2", "txn_id", "earlier line"),
        ("   ", "ts", "found 1 fields"),
    ],
)
def test_bad_row_names_file_line_field_value(write_file, canonical_header, row, field, in_message):
    path = write_file("bad.csv", csv_text(canonical_header, GOOD_ROWS[0], GOOD_ROWS[1], row))
    with pytest.raises(InputError) as caught:
        read_transactions(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 4, field)
    assert in_message in str(error)
    assert str(path) in str(error)
    assert "line 4" in str(error)
    assert "expected" in str(error) or "found" in str(error)


@pytest.mark.parametrize(
    ("extra", "row", "field"),
    [
        (",label", "2", "label"),
        (",label", "1.0", "label"),
        (",pattern", "smurfing", "pattern"),
        (",pattern_id", "-1", "pattern_id"),
        (",pattern_id", "x", "pattern_id"),
    ],
)
def test_bad_ground_truth_values(write_file, canonical_header, extra, row, field):
    path = write_file("bad.csv", csv_text(canonical_header + extra, f"{BAD},{row}"))
    with pytest.raises(InputError) as caught:
        read_transactions(path)
    assert (caught.value.line, caught.value.field) == (2, field)


def test_missing_header_column_is_fatal_and_named(write_file, canonical_header):
    header = canonical_header.replace(",amount_usd", "")
    path = write_file("t.csv", csv_text(header, "T1,2022-09-01T00:00:00Z,A,B,1,USD,wire,b1,b2"))
    with pytest.raises(InputError) as caught:
        read_transactions(path, fmt="canonical")
    assert (caught.value.line, caught.value.field) == (1, "amount_usd")
    assert "missing column 'amount_usd'" in str(caught.value)


def test_unclosed_quote_names_the_line_where_it_opens(write_file, canonical_header):
    text = csv_text(
        canonical_header, GOOD_ROWS[0], '"T2,2022-09-01T00:00:00Z,A,B,1,USD,1,w,b,b', GOOD_ROWS[2]
    )
    with pytest.raises(InputError, match="quoted field") as caught:
        read_transactions(write_file("t.csv", text))
    assert caught.value.line == 3


def test_invalid_utf8_names_the_line(tmp_path, canonical_header):
    path = tmp_path / "t.csv"
    path.write_bytes(csv_text(canonical_header, GOOD_ROWS[0]).encode() + b"T2,\xff\xfe,A\n")
    with pytest.raises(InputError, match="UTF-8") as caught:
        read_transactions(path, fmt="canonical")
    assert caught.value.line == 3


def test_empty_file(write_file):
    with pytest.raises(InputError, match="empty") as caught:
        read_transactions(write_file("t.csv", ""), fmt="canonical")
    assert caught.value.line == 1


def test_parquet_file_and_day_partitions_read_back(tmp_path, canonical_txns):
    single = write_canonical(canonical_txns, tmp_path / "t.parquet")
    days = write_canonical(canonical_txns, tmp_path / "days", partition_by_day=True)
    for path in (single, days):
        ledger = read_transactions(path)
        assert ledger.txns.drop("src_id", "dst_id").equals(
            canonical_txns.select(ledger.txns.columns[:-2])
        )


def test_parquet_naive_timestamps_and_other_zones_become_utc(tmp_path, canonical_txns):
    frame = canonical_txns.with_columns(pl.col("ts").dt.convert_time_zone("Asia/Phnom_Penh"))
    frame.write_parquet(tmp_path / "zoned.parquet")
    canonical_txns.with_columns(pl.col("ts").dt.replace_time_zone(None)).write_parquet(
        tmp_path / "naive.parquet"
    )
    for name in ("zoned.parquet", "naive.parquet"):
        ledger = read_transactions(tmp_path / name)
        assert ledger.txns["ts"].to_list() == canonical_txns["ts"].to_list()


def test_parquet_bad_row_reports_its_row_number(tmp_path, canonical_txns):
    broken = canonical_txns.with_columns(
        pl.when(pl.col("txn_id") == "t03").then(-1.0).otherwise(pl.col("amount")).alias("amount")
    )
    broken.write_parquet(tmp_path / "t.parquet")
    with pytest.raises(InputError) as caught:
        read_transactions(tmp_path / "t.parquet")
    assert (caught.value.line, caught.value.field) == (3, "amount")


def test_parquet_missing_column_and_wrong_ts_type(tmp_path, canonical_txns):
    canonical_txns.drop("channel").write_parquet(tmp_path / "a.parquet")
    with pytest.raises(InputError, match="missing column 'channel'"):
        read_transactions(tmp_path / "a.parquet")
    canonical_txns.with_columns(pl.lit(5).alias("ts")).write_parquet(tmp_path / "b.parquet")
    with pytest.raises(InputError, match="column 'ts' has type"):
        read_transactions(tmp_path / "b.parquet")


def test_not_parquet(write_file):
    path: Path = write_file("t.parquet", "not parquet at all")
    with pytest.raises(InputError, match="Parquet"):
        read_transactions(path)
