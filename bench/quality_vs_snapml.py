"""Detection quality: counterflow against snapml graph features + LightGBM, same data, same split.

The peer is the AMLworld baseline recipe (Altman et al., NeurIPS 2023): IBM snapml's
GraphFeaturePreprocessor features plus the raw transaction attributes, fed to LightGBM. Both
sides get the identical world, the identical time-ordered 60/20/20 split, the identical
LightGBM settings and threshold rule (F1-best on validation); only the features differ
(counterflow: its Numba miner + typology detector hits). The world is a HI-Small-like
synthetic set (about 0.1 % laundering, a third of it outside any pattern).

    .venv/bin/python bench/quality_vs_snapml.py --accounts 200000 --days 20 --seed 3

The peer's figures are cached per world in ``var/quality_peer.json`` (snapml's miner takes
most of the run); ``--no-peer`` reuses the cached figure instead of recomputing it.
``--context`` picks our second stage: ``batch`` (default: each account's other
transactions 30 days either side), ``causal`` (only the 30 days before) or ``off`` (one stage).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from counterflow.ingest import read_transactions, write_canonical
from counterflow.monitor import MonitorConfig, evaluate
from counterflow.monitor.scoring import (
    ContextConfig,
    TrainConfig,
    build_design,
    category_maps,
    quality,
    train_scorer,
)
from counterflow.monitor.split import time_split
from counterflow.simulate import WorldConfig, simulate_world

AMLWORLD_GFP = {
    # The configuration of IBM's published GFP + LightGBM baseline for AMLworld HI-Small
    # (snapml example notebooks): one-day fan, degree and temporal-cycle windows, a six-hour
    # scatter-gather window, histogram bins [2, 3], vertex statistics of the amount;
    # length-constrained simple cycles off, as in that notebook.
    "time_window": 86_400,
    "vertex_stats": True,
    "vertex_stats_cols": [4],
    "vertex_stats_feats": [0, 1, 2, 3, 4, 8, 9, 10],
    "fan": True,
    "fan_tw": 86_400,
    "fan_bins": [2, 3],
    "degree": True,
    "degree_tw": 86_400,
    "degree_bins": [2, 3],
    "scatter-gather": True,
    "scatter-gather_tw": 21_600,
    "scatter-gather_bins": [2, 3],
    "temp-cycle": True,
    "temp-cycle_tw": 86_400,
    "temp-cycle_bins": [2, 3],
    "lc-cycle": False,
}


def snapml_baseline(txns: pl.DataFrame, threads: int) -> tuple[dict[str, Any], float]:
    """Test-part quality of snapml features + raw attributes + LightGBM."""
    import snapml

    x = np.column_stack(
        [
            np.arange(txns.height),
            txns["src_id"].to_numpy(),
            txns["dst_id"].to_numpy(),
            txns["ts"].dt.epoch("s").to_numpy(),
            txns["amount_usd"].to_numpy(),
        ]
    ).astype(np.float64)
    gfp = snapml.GraphFeaturePreprocessor()
    gfp.set_params({**AMLWORLD_GFP, "num_threads": threads})
    started = time.perf_counter()
    feats = gfp.fit_transform(x)[:, x.shape[1] :].astype(np.float32)
    mined = time.perf_counter() - started
    names = [f"snap_{i}" for i in range(feats.shape[1])]
    labels = txns["label"].fill_null(0).to_numpy().astype(np.int8)
    split = time_split(txns.height)
    maps = category_maps(txns[split.train])
    design = build_design(txns, feats, names, {}, maps)
    scorer = train_scorer(
        design.take(split.train),
        labels[split.train],
        design.take(split.valid),
        labels[split.valid],
        categories=maps,
        config=TrainConfig(threads=threads),
    )
    scores = scorer.predict(design.take(split.test), threads=threads)
    return quality(scores >= scorer.threshold, labels[split.test]).as_dict(), mined


PEER_CACHE = Path("var/quality_peer.json")

CONTEXTS: dict[str, ContextConfig | None] = {
    "batch": ContextConfig(),
    "causal": ContextConfig(ahead=0),
    "off": None,
}


def cached_peer(key: str, reuse: bool, run: Any) -> tuple[dict[str, Any], float | None]:
    """The peer's figures for world ``key``: from the cache (``reuse``), or computed and cached."""
    cache = json.loads(PEER_CACHE.read_text()) if PEER_CACHE.exists() else {}
    if reuse:
        if key not in cache:
            sys.exit(f"--no-peer: no cached peer figure for {key} in {PEER_CACHE}")
        return cache[key]["quality"], None
    quality_, mined = run()
    cache[key] = {"quality": quality_, "mined_seconds": round(mined, 1)}
    PEER_CACHE.parent.mkdir(parents=True, exist_ok=True)
    PEER_CACHE.write_text(json.dumps(cache, indent=2, sort_keys=True))
    return quality_, mined


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--accounts", type=int, default=200_000)
    ap.add_argument("--days", type=int, default=20)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--drop-hubs",
        type=int,
        default=0,
        help="drop the transactions of the K busiest accounts (payment processors, cash) "
        "so that snapml's miner finishes; both methods get the same reduced world",
    )
    ap.add_argument(
        "--no-peer", action="store_true", help="reuse the peer figure cached for this world"
    )
    ap.add_argument("--context", choices=sorted(CONTEXTS), default="batch")
    a = ap.parse_args()
    world = simulate_world(WorldConfig(accounts=a.accounts, days=a.days, seed=a.seed))
    if a.drop_hubs:
        busiest = (
            pl.concat([world["src_account"], world["dst_account"]])
            .value_counts(sort=True)
            .head(a.drop_hubs)
            .get_column("src_account")
            .implode()
        )
        before = world.height
        world = world.filter(
            ~pl.col("src_account").is_in(busiest) & ~pl.col("dst_account").is_in(busiest)
        )
        dropped = before - world.height
        print(f"dropped {dropped:,} transactions of the {a.drop_hubs} busiest accounts")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_canonical(world, Path(tmp) / "world.parquet")
        ledger = read_transactions(path)
    config = MonitorConfig(threads=a.threads)
    tc = TrainConfig(threads=a.threads, context=CONTEXTS[a.context])
    ours = evaluate(ledger, config, tc).as_dict()
    key = f"accounts={a.accounts} days={a.days} seed={a.seed} drop_hubs={a.drop_hubs}"
    peer, peer_mined = cached_peer(key, a.no_peer, lambda: snapml_baseline(ledger.txns, a.threads))
    n, pos = ledger.txns.height, int(world["label"].sum())
    print(f"world: {n:,} transactions, {pos:,} laundering; test part {ours['rows']['test']:,} rows")
    print("| method | precision | recall | F1 |")
    print("|---|---|---|---|")
    for name, q in (
        ("snapml GFP features + raw + LightGBM (peer)", peer),
        (
            f"counterflow model (features + detector hits + raw + LightGBM, context {a.context})",
            ours["transaction_model"],
        ),
        ("counterflow alerts (model + supported detector instances)", ours["transaction"]),
    ):
        print(f"| {name} | {q['precision']:.3f} | {q['recall']:.3f} | {q['f1']:.3f} |")
    print("\n| pattern | test transactions | recall (alerts) | model alone | rules alone |")
    print("|---|---|---|---|---|")
    for p, r in ours["per_pattern"].items():
        print(
            f"| {p} | {r['transactions']} | {r['recall']:.2f} | {r['model_recall']:.2f} "
            f"| {r['detector_recall']:.2f} |"
        )
    if peer_mined is not None:
        print(f"\nsnapml feature mining took {peer_mined:.1f} s")
    else:
        print(f"\npeer figure from {PEER_CACHE} ({key})")
    print("reproduce: .venv/bin/python bench/quality_vs_snapml.py " + shlex.join(sys.argv[1:]))


if __name__ == "__main__":
    main()
