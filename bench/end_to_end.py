"""End-to-end monitoring throughput: ingest -> features -> detectors -> scoring -> alerts.

Prepares (once, cached under --work) a synthetic world of about --accounts x --days x 1
transactions and a model trained on a smaller world from the same generator, then times one
fresh process running ``counterflow monitor run`` over the big world, and reports its wall
time and peak memory (its maximum resident set size, from /usr/bin/time).

    .venv/bin/python bench/end_to_end.py --accounts 500000 --days 10
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

BIN = Path(sys.executable).parent / "counterflow"


def sh(*args: str) -> None:
    subprocess.run([str(BIN), *args], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--accounts", type=int, default=500_000)
    ap.add_argument("--days", type=int, default=10)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--work", type=Path, default=Path("var/bench/e2e"))
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    big = a.work / f"world_{a.accounts}x{a.days}"
    small = a.work / "train_world"
    model = a.work / "model"
    if not (big / "transactions.parquet").exists():
        sh(
            "simulate",
            "transactions",
            "--accounts",
            str(a.accounts),
            "--days",
            str(a.days),
            "--seed",
            str(a.seed),
            "--out",
            str(big),
        )
    if not (model / "meta.json").exists():
        if not (small / "transactions.parquet").exists():
            sh(
                "simulate",
                "transactions",
                "--accounts",
                "60000",
                "--days",
                "30",
                "--seed",
                str(a.seed + 1),
                "--out",
                str(small),
            )
        sh(
            "monitor",
            "train",
            "--input",
            str(small / "transactions.parquet"),
            "--out",
            str(model),
            "--threads",
            str(a.threads),
        )
    n = pl.scan_parquet(big / "transactions.parquet").select(pl.len()).collect().item()
    out = a.work / "out"
    env = {**os.environ, "NUMBA_NUM_THREADS": str(a.threads)}
    stats = a.work / "time.txt"
    started = time.perf_counter()
    # /usr/bin/time measures this one process tree alone (%M: peak resident set, KiB).
    subprocess.run(
        [
            "/usr/bin/time",
            "-f",
            "%M",
            "-o",
            str(stats),
            str(BIN),
            "monitor",
            "run",
            "--input",
            str(big / "transactions.parquet"),
            "--model",
            str(model),
            "--out",
            str(out),
            "--threads",
            str(a.threads),
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    peak_gb = int(stats.read_text().split()[-1]) / 1024**2
    alerts = pl.read_parquet(out / "alerts.parquet").height
    print("| transactions | cores | wall (s) | tx/s | peak RSS (GB) | alerts |")
    print("|---|---|---|---|---|---|")
    print(f"| {n:,} | {a.threads} | {wall:.1f} | {n / wall:,.0f} | {peak_gb:.2f} | {alerts:,} |")
    print(
        f"\ncommand: .venv/bin/python bench/end_to_end.py --accounts {a.accounts} --days {a.days}"
    )


if __name__ == "__main__":
    main()
