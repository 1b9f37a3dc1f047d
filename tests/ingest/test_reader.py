"""Format detection and the read_transactions entry point."""

from __future__ import annotations

import pytest

from counterflow.ingest import FORMATS, detect_format, read_transactions, write_canonical
from counterflow.model import InputError


def test_detection_rules(write_file, aw, canonical_header, canonical_txns, tmp_path):
    write_file("sim/nodes.csv", "nodeid,isFraud\n")
    sim = write_file("sim/transactions.csv", "sourceNodeId,targetNodeId,value,time\n").parent
    named = write_file("HI-Small_Trans.csv", aw.header + "\n")
    headed = write_file("bank_export.csv", aw.header + "\n")
    canonical_csv = write_file("t.csv", canonical_header + ",label\n")
    parquet = write_canonical(canonical_txns, tmp_path / "t.parquet")
    days = write_canonical(canonical_txns, tmp_path / "days", partition_by_day=True)
    assert detect_format(sim) == "amlsim"
    assert detect_format(named) == "amlworld"
    assert detect_format(headed) == "amlworld"
    assert detect_format(canonical_csv) == "canonical"
    assert detect_format(parquet) == "canonical"
    assert detect_format(days) == "canonical"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("notes.txt", "hello\n", "cannot tell the format"),
        ("other.csv", "a,b,c\n1,2,3\n", "cannot tell the format"),
    ],
)
def test_unknown_formats_are_input_errors(write_file, name, text, message):
    with pytest.raises(InputError, match=message):
        read_transactions(write_file(name, text))


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_transactions(tmp_path / "nope.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="cannot tell the format"):
        read_transactions(tmp_path / "empty")


def test_explicit_format_overrides_detection(write_file, aw):
    path = write_file("renamed.txt", aw.header + "\n" + aw.normal + "\n")
    assert read_transactions(path, fmt="amlworld").txns.height == 1
    with pytest.raises(InputError, match="missing column 'txn_id'"):
        read_transactions(path, fmt="canonical")
    with pytest.raises(InputError, match=r"transactions\.csv and nodes\.csv"):
        read_transactions(path, fmt="amlsim")


def test_unknown_fmt_is_a_programming_error(write_file, aw):
    assert FORMATS == ("auto", "canonical", "amlworld", "amlsim")
    with pytest.raises(ValueError, match="fmt must be one of"):
        read_transactions(write_file("x_Trans.csv", aw.header + "\n"), fmt="goaml")


def test_accepts_str_paths(write_file, aw):
    path = write_file("S_Trans.csv", aw.header + "\n" + aw.normal + "\n")
    assert read_transactions(str(path)).source == str(path)
