"""Recall per planted pattern, pooled over several simulated worlds.

At 0.1 % laundering the test part of one world holds a handful of instances of each pattern,
so one world's per-pattern recall is mostly noise. This script runs ``monitor evaluate`` on
``--seeds`` worlds of the same size and pools the test-part transactions of each pattern:
recall = alerted pattern transactions / pattern transactions, over all worlds.

    .venv/bin/python bench/pattern_recall.py --accounts 50000 --days 30 --seeds 11 12 13
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from counterflow.ingest import read_transactions, write_canonical
from counterflow.monitor import MonitorConfig, evaluate
from counterflow.simulate import WorldConfig, simulate_world


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--accounts", type=int, default=50_000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    hit: dict[str, float] = defaultdict(float)
    total: dict[str, int] = defaultdict(int)
    f1s = []
    started = time.perf_counter()
    for seed in a.seeds:
        world = simulate_world(WorldConfig(accounts=a.accounts, days=a.days, seed=seed))
        with tempfile.TemporaryDirectory() as tmp:
            ledger = read_transactions(write_canonical(world, Path(tmp) / "w.parquet"))
        report = evaluate(ledger, MonitorConfig(threads=a.threads)).as_dict()
        f1s.append((seed, report["transaction_model"]["f1"], report["transaction"]["f1"]))
        for pattern, r in report["per_pattern"].items():
            total[pattern] += r["transactions"]
            hit[pattern] += r["recall"] * r["transactions"]
        print(f"seed {seed}: model F1 {f1s[-1][1]:.3f}, alerts F1 {f1s[-1][2]:.3f}", flush=True)
    print(f"\n{len(a.seeds)} worlds of {a.accounts:,} accounts x {a.days} days")
    print("| pattern | test transactions (pooled) | recall (alerts) |")
    print("|---|---|---|")
    for pattern in sorted(total):
        n = total[pattern]
        print(f"| {pattern} | {n} | {hit[pattern] / n:.2f} |")
    print(f"\n{time.perf_counter() - started:.0f} s")
    print("reproduce: .venv/bin/python bench/pattern_recall.py " + shlex.join(sys.argv[1:]))


if __name__ == "__main__":
    main()
