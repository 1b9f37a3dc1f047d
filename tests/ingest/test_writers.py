"""Writers: canonical Parquet/CSV and AMLworld, round trips, atomicity."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

import numpy as np
import polars as pl
import pytest

from counterflow.ingest import (
    read_transactions,
    write_amlworld,
    write_canonical,
    write_canonical_csv,
)
from counterflow.ingest.currency import CURRENCIES, PER_USD
from counterflow.ingest.schema import CANONICAL_SCHEMA, GROUND_TRUTH_SCHEMA
from counterflow.model import InputError, Typology

CONTRACT = [*CANONICAL_SCHEMA, *GROUND_TRUTH_SCHEMA]


def contract(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(CONTRACT)


def test_canonical_parquet_round_trip_drops_dense_ids(tmp_path, canonical_txns):
    ledger = read_transactions(write_canonical(canonical_txns, tmp_path / "a.parquet"))
    assert contract(ledger.txns).equals(canonical_txns.select(CONTRACT))
    written = pl.read_parquet(tmp_path / "a.parquet")
    assert written.columns == CONTRACT
    assert written.schema["ts"] == pl.Datetime("us", "UTC")


def test_partitioned_layout_is_one_part_per_utc_day(tmp_path, canonical_txns):
    root = write_canonical(canonical_txns, tmp_path / "days", partition_by_day=True)
    parts = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.parquet"))
    assert parts == [
        "day=2022-09-01/part-0.parquet",
        "day=2022-09-02/part-0.parquet",
        "day=2022-09-03/part-0.parquet",
    ]
    first_day = pl.read_parquet(root / parts[0])
    assert first_day.height == 6
    assert first_day.columns == CONTRACT
    assert not list(tmp_path.glob(".*"))  # no temporary left behind


def test_rewriting_a_partitioned_directory_replaces_it(tmp_path, canonical_txns):
    root = write_canonical(canonical_txns, tmp_path / "days", partition_by_day=True)
    write_canonical(canonical_txns.head(1), root, partition_by_day=True)
    assert [p.name for p in root.iterdir()] == ["day=2022-09-01"]
    assert read_transactions(root).txns.height == 1


def test_canonical_csv_round_trip_is_exact(tmp_path, canonical_txns):
    frame = canonical_txns.with_columns(
        pl.col("ts") + pl.duration(microseconds=pl.int_range(pl.len()) * 250_001)
    )
    path = write_canonical_csv(frame, tmp_path / "a.csv")
    assert path.read_text().splitlines()[0] == ",".join(CONTRACT)
    assert contract(read_transactions(path).txns).equals(frame.select(CONTRACT))


def test_writer_requires_the_canonical_columns(tmp_path, canonical_txns):
    with pytest.raises(InputError, match="missing column 'currency'"):
        write_canonical(canonical_txns.drop("currency"), tmp_path / "a.parquet")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("partition_by_day", [False, True])
def test_failed_write_leaves_no_partial_file_and_keeps_the_old_one(
    tmp_path, canonical_txns, monkeypatch, partition_by_day
):
    target = tmp_path / "out.parquet"
    write_canonical(canonical_txns, target, partition_by_day=partition_by_day)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    def half_write(self: pl.DataFrame, file: Path, *args: object, **kwargs: object) -> None:
        Path(file).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", half_write)
    with pytest.raises(OSError, match="disk full"):
        write_canonical(canonical_txns.head(2), target, partition_by_day=partition_by_day)
    monkeypatch.undo()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert read_transactions(target).txns.height == canonical_txns.height


def test_failed_first_write_leaves_nothing(tmp_path, canonical_txns, monkeypatch):
    def broken(self: pl.DataFrame, file: Path | BinaryIO, *args: object, **kw: object) -> None:
        if isinstance(file, Path):
            file.write_text("txn_id,ts\nT1,")
        else:
            file.write(b"2022/09/01 00:06,011,A")
        raise RuntimeError("killed")

    monkeypatch.setattr(pl.DataFrame, "write_csv", broken)
    with pytest.raises(RuntimeError):
        write_canonical_csv(canonical_txns, tmp_path / "a.csv")
    with pytest.raises(RuntimeError):
        write_amlworld(canonical_txns, tmp_path, "X")
    assert list(tmp_path.iterdir()) == []


def test_amlworld_round_trip_keeps_transactions_labels_and_patterns(tmp_path, canonical_txns):
    trans, patterns = write_amlworld(canonical_txns, tmp_path, "RT")
    assert (trans.name, patterns.name) == ("RT_Trans.csv", "RT_Patterns.txt")
    back = read_transactions(trans).txns
    # Only the synthesised txn_id differs (and seconds, which this fixture does not use).
    assert back["txn_id"].to_list() == [f"L{i}" for i in range(1, canonical_txns.height + 1)]
    same = [c for c in CONTRACT if c != "amount_usd"]
    assert back.select(same[1:]).equals(canonical_txns.select(same[1:]))
    # AMLworld carries no USD column: it is recomputed from the static rate table.
    expected_usd = [a / PER_USD[c] for a, c in back.select("amount", "currency").rows()]
    assert back["amount_usd"].to_list() == pytest.approx(expected_usd)


def test_amlworld_round_trip_truncates_to_the_minute(tmp_path, canonical_txns):
    shifted = canonical_txns.with_columns(pl.col("ts") + timedelta(seconds=59))
    trans, _ = write_amlworld(shifted, tmp_path, "RT")
    back = read_transactions(trans).txns
    assert back["ts"].to_list() == canonical_txns["ts"].to_list()


def test_amlworld_files_have_the_published_layout(tmp_path, canonical_txns):
    trans, patterns = write_amlworld(canonical_txns, tmp_path, "RT")
    rows = trans.read_text().splitlines()
    assert rows[0] == (
        "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
        "Amount Paid,Payment Currency,Payment Format,Is Laundering"
    )
    assert rows[1] == "2022/09/01 00:06,011,A,012,B,2848.96,Euro,2848.96,Euro,ACH,1"
    assert rows[2].split(",")[5] == "0.30000000000000004"  # shortest exact decimal
    assert rows[4].split(",")[5:10] == ["17.00", "Bitcoin", "17.00", "Bitcoin", "Bitcoin"]
    assert rows[10].split(",")[9] == "Mobile Money"
    blocks = [line for line in patterns.read_text().splitlines() if "ATTEMPT" in line]
    assert blocks == [
        "BEGIN LAUNDERING ATTEMPT - FAN-OUT:  Max 3-degree Fan-Out",
        "END LAUNDERING ATTEMPT - FAN-OUT",
        "BEGIN LAUNDERING ATTEMPT - CYCLE:  Max 2 hops",
        "END LAUNDERING ATTEMPT - CYCLE",
        "BEGIN LAUNDERING ATTEMPT - STRUCTURING:  2 transactions among 2 accounts",
        "END LAUNDERING ATTEMPT - STRUCTURING",
        "BEGIN LAUNDERING ATTEMPT - WAGE-SWEEP:  1 transactions among 2 accounts",
        "END LAUNDERING ATTEMPT - WAGE-SWEEP",
    ]
    text = patterns.read_text()
    assert "050,X" not in text  # the unpatterned laundering row is in no block
    assert "2022/09/03 08:00,050,X,051,Y,42.00,UK Pound,42.00,UK Pound,Wire,1" in rows


def test_amlworld_writer_without_ground_truth(tmp_path, canonical_txns):
    trans, patterns = write_amlworld(canonical_txns.drop(CONTRACT[-3:]), tmp_path, "NG")
    assert patterns.read_text() == ""
    back = read_transactions(trans).txns
    assert back["label"].sum() == 0
    assert back["pattern"].null_count() == back.height


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (pl.lit("THB").alias("currency"), "no AMLworld name"),
        (pl.lit("011/A,B").alias("src_account"), "comma, quote or line break"),
        (pl.lit("smurfing").alias("pattern"), "smurfing"),
    ],
)
def test_amlworld_writer_rejects_what_it_cannot_express(tmp_path, canonical_txns, change, match):
    with pytest.raises(InputError, match=match):
        write_amlworld(canonical_txns.with_columns(change), tmp_path, "X")
    assert list(tmp_path.iterdir()) == []


def random_ledger(seed: int, n: int = 3_000) -> pl.DataFrame:
    """A canonical frame with ground truth, no two rows sharing an AMLworld key."""
    rng = np.random.default_rng(seed)
    banks = np.array(["001", "0011", "011", "00952", "0222"])
    codes = np.array([c.code for c in CURRENCIES])
    channels = np.array(["ach", "wire", "cheque", "credit_card", "cash", "bitcoin", "card"])
    kinds = np.array([t.value for t in Typology if t is not Typology.UNPATTERNED])
    src_bank = banks[rng.integers(0, len(banks), n)]
    dst_bank = banks[rng.integers(0, len(banks), n)]
    minutes = np.sort(rng.integers(0, 5 * 1_440, n))
    planted = rng.random(n) < 0.2

    def local() -> list[int]:
        return rng.integers(0, 300, n).tolist()

    frame = pl.DataFrame(
        {
            "txn_id": [f"x{i}" for i in range(n)],
            "ts": (np.datetime64("2022-09-01T00:00") + minutes.astype("timedelta64[m]")).astype(
                "datetime64[us]"
            ),
            "src_account": [f"{b}/{v:X}" for b, v in zip(src_bank, local(), strict=True)],
            "dst_account": [f"{b}/{v:X}" for b, v in zip(dst_bank, local(), strict=True)],
            # Mixed precision: whole units, cents, and full float noise (as BTC amounts).
            "amount": [
                round(float(v), int(d))
                for v, d in zip(rng.lognormal(5, 3, n), rng.choice([0, 2, 8, 17], n), strict=True)
            ],
            "currency": codes[rng.integers(0, len(codes), n)],
            "channel": channels[rng.integers(0, len(channels), n)],
            "src_bank": src_bank,
            "dst_bank": dst_bank,
            "block": np.where(planted, rng.integers(0, 40, n), -1),
        }
    )
    kind_of_block = dict(enumerate(kinds[rng.integers(0, len(kinds), 40)].tolist()))
    frame = frame.with_columns(
        pl.col("ts").dt.replace_time_zone("UTC").cast(pl.Datetime("us", "UTC")),
        pl.col("amount").alias("amount_usd"),
        pl.when(pl.col("block") >= 0).then(pl.col("block")).alias("block"),
    ).with_columns(
        (pl.col("block").rank("dense") - 1).cast(pl.Int64).alias("pattern_id"),
        pl.col("block").replace_strict(kind_of_block, default=None).alias("pattern"),
        (pl.col("block").is_not_null() | (pl.int_range(pl.len()) % 97 == 0))
        .cast(pl.Int8)
        .alias("label"),
    )
    frame = frame.with_columns(
        pl.when(pl.col("label") == 1).then(pl.col("pattern").fill_null("unpatterned"))
    ).drop("block")
    key = ["ts", "src_account", "dst_account", "amount", "currency", "channel"]
    return frame.unique(subset=key, keep="first", maintain_order=True)


@pytest.mark.parametrize("seed", [3, 4])
def test_amlworld_round_trip_on_random_ledgers(tmp_path, seed):
    frame = random_ledger(seed)
    assert frame["pattern_id"].n_unique() > 30  # the generator plants many blocks
    trans, _ = write_amlworld(frame, tmp_path, "R")
    back = read_transactions(trans).txns
    keep = [c for c in CONTRACT if c not in ("txn_id", "amount_usd")]
    assert back.select(keep).equals(frame.select(keep))
