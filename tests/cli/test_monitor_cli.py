"""The ``counterflow`` command line, driven as a user would."""

import json
import tarfile
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from counterflow.cli.main import app

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli")
    invoke(
        "simulate",
        "transactions",
        "--accounts",
        "3000",
        "--days",
        "30",
        "--seed",
        "2",
        "--laundering-rate",
        "0.004",
        "--out",
        str(out),
    )
    return out


def test_features_train_run_and_evaluate(world, tmp_path):
    data = str(world / "transactions.parquet")
    invoke(
        "monitor",
        "features",
        "--input",
        data,
        "--out",
        str(tmp_path / "f.parquet"),
        "--threads",
        "2",
    )
    feats = pl.read_parquet(tmp_path / "f.parquet")
    assert feats.columns[0] == "txn_id" and feats.width > 20
    invoke("monitor", "train", "--input", data, "--out", str(tmp_path / "model"), "--threads", "2")
    invoke(
        "monitor",
        "run",
        "--input",
        data,
        "--model",
        str(tmp_path / "model"),
        "--out",
        str(tmp_path / "out"),
        "--threads",
        "2",
    )
    alerts = pl.read_parquet(tmp_path / "out" / "alerts.parquet")
    assert alerts.height > 0
    assert {"alert_id", "typology", "score", "accounts", "txn_ids", "explanation"} <= set(
        alerts.columns
    )
    amlworld = str(next(world.glob("*_Trans.csv")))
    report = json.loads(
        invoke(
            "monitor",
            "evaluate",
            "--input",
            amlworld,
            "--format",
            "amlworld",
            "--json",
            "--threads",
            "2",
        ).stdout
    )
    assert set(report["transaction"]) >= {"precision", "recall", "f1"}


def test_bad_input_is_one_clear_error_with_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "txn_id,ts,src_account,dst_account,amount,currency,amount_usd,channel,src_bank,dst_bank\n"
        "t1,2026-01-01T00:00:00Z,a,b,10,USD,10,wire,B1,B2\n"
        "t2,yesterday,a,b,10,USD,10,wire,B1,B2\n"
    )
    result = runner.invoke(
        app, ["monitor", "features", "--input", str(bad), "--out", str(tmp_path / "f.parquet")]
    )
    assert result.exit_code == 2
    assert "line 3" in result.output and "ts" in result.output
    assert not (tmp_path / "f.parquet").exists()


def test_amlsim_sample_account_level_evaluation(tmp_path):
    archive = SHARED / "aml" / "amlsim_20K_fanin200.tgz"
    if not archive.exists():
        pytest.skip(f"shared data not found at {archive}")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    report = json.loads(
        invoke(
            "monitor",
            "evaluate",
            "--input",
            str(tmp_path / "20K_fanin200"),
            "--format",
            "amlsim",
            "--json",
            "--threads",
            "2",
        ).stdout
    )
    assert set(report["account"]) >= {"precision", "recall", "f1"}
    assert "transaction" not in report
