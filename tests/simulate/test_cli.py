from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

ingest = pytest.importorskip("counterflow.ingest", reason="counterflow.ingest not written yet")
if not hasattr(ingest, "write_canonical") or not hasattr(ingest, "write_amlworld"):
    pytest.skip("counterflow.ingest writers not written yet", allow_module_level=True)

from counterflow.cli.simulate import app  # noqa: E402
from counterflow.simulate import WorldConfig, simulate_world  # noqa: E402

ARGS = ["--accounts", "1000", "--days", "3", "--seed", "5", "--laundering-rate", "0.01"]


def test_simulate_transactions_writes_both_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["transactions", *ARGS, "--out", str(tmp_path), "--name", "tiny"]
    )
    assert result.exit_code == 0, result.output
    expected = simulate_world(WorldConfig(accounts=1000, days=3, seed=5, laundering_rate=0.01))
    written = pl.read_parquet(tmp_path / "transactions.parquet")
    assert written.height == expected.height
    assert sorted(written["txn_id"]) == sorted(expected["txn_id"])
    assert (tmp_path / "tiny_Trans.csv").stat().st_size > 0
    assert (tmp_path / "tiny_Patterns.txt").stat().st_size > 0
    laundering = int(expected["label"].sum())
    assert f"{laundering:,}" in result.output
    assert "fan_out" in result.output or "unpatterned" in result.output


def test_simulate_rejects_a_bad_config(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["transactions", *ARGS, "--out", str(tmp_path), "--unpatterned-share", "2"]
    )
    assert result.exit_code == 2
    assert "unpatterned_share" in result.output
    assert not (tmp_path / "transactions.parquet").exists()
