"""``counterflow trace`` on a small Parquet store, as a user runs it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import polars as pl
import pytest
from typer.testing import CliRunner

from counterflow.cli.main import app
from counterflow.ingest import write_canonical
from counterflow.simulate import WorldConfig
from counterflow.simulate.banks import bank_directory, write_bank_directory

runner = CliRunner()
T0 = datetime(2024, 3, 1, tzinfo=UTC)
PAYMENTS = [
    ("A", "B", 1000.0, 0, "B001"),
    ("B", "C", 600.0, 2, "B001"),
    ("B", "F", 400.0, 3, "B012"),  # B012: abroad in the demo directory
    ("C", "CASH@B001", 600.0, 30, "B001"),
]


@pytest.fixture
def store(tmp_path):
    frame = pl.DataFrame(
        {
            "txn_id": [f"t{i}" for i in range(len(PAYMENTS))],
            "ts": [T0 + timedelta(hours=p[3]) for p in PAYMENTS],
            "src_account": [p[0] for p in PAYMENTS],
            "dst_account": [p[1] for p in PAYMENTS],
            "amount": [p[2] for p in PAYMENTS],
            "currency": ["USD"] * len(PAYMENTS),
            "amount_usd": [p[2] for p in PAYMENTS],
            "channel": ["cash" if p[1].startswith("CASH@") else "wire" for p in PAYMENTS],
            "src_bank": ["B001"] * len(PAYMENTS),
            "dst_bank": [p[4] for p in PAYMENTS],
        }
    )
    path = write_canonical(frame, tmp_path / "transactions.parquet")
    write_bank_directory(WorldConfig(accounts=1000, seed=1), tmp_path / "banks.csv")
    return path


def call(store, *args: str):
    banks = store.parent / "banks.csv"
    return runner.invoke(app, ["trace", "--store", str(store), "--banks", str(banks), *args])


def test_text_output_has_the_summary_and_tables(store):
    result = call(store, "--account", "A")
    assert result.exit_code == 0, result.output
    assert "Of USD 1,000, none stayed in accounts the trace can name" in result.output
    assert "40 % left the country" in result.output
    assert "USD 600 was withdrawn in cash" in result.output
    assert "cross_border" in result.output


def test_json_output_and_options(store):
    result = call(
        store,
        "--account",
        "A",
        "--hops",
        "2",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-01",
        "--attribution",
        "fifo",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["seed_usd"] == 1000
    assert data["query"]["hops"] == 2
    # the cash withdrawal on 2 March is outside the window: C keeps the 600
    assert {e["account"]: e["kind"] for e in data["endpoints"]} == {
        "F": "cross_border",
        "C": "retained",
    }
    assert data["totals"]["cross_border"] == 400
    assert data["edges"][0]["ts"] == "2024-03-01T00:00:00+00:00"


def test_backward(store):
    result = call(store, "--account", "CASH@B001", "--direction", "backward", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["seed_usd"] == 600
    assert {a["account"] for a in data["accounts"]} == {"A", "B", "C"}


def test_errors_exit_1_for_unknown_accounts_and_2_for_bad_input(store, tmp_path):
    unknown = call(store, "--account", "NOPE")
    assert unknown.exit_code == 1 and "NOPE" in unknown.output
    assert call(store, "--account", "A", "--from", "yesterday").exit_code == 2
    assert call(store, "--account", "A", "--hops", "0").exit_code == 2
    missing = runner.invoke(
        app, ["trace", "--store", str(tmp_path / "none.parquet"), "--account", "A"]
    )
    assert missing.exit_code == 2


def test_the_demo_directory_declares_the_smallest_banks_foreign_and_an_exchange():
    rows = bank_directory(WorldConfig(accounts=1000, seed=1))
    assert rows[-1] == ("B012", "CN", "bank")
    assert rows[-2] == ("B011", "TH", "bank")
    assert rows[-3] == ("B010", "KH", "exchange")
    assert all(country == "KH" for _, country, _ in rows[:-2])
