"""``counterflow demo``: the main job until the web platform exists.

Generates a seeded demo world, trains the scorer on its first 60 % (by time), monitors the
whole world, and prints what an analyst would want first: alerts by typology, the top alerts
with their explanations, detection quality on the unseen last 20 % against the planted
ground truth, and where every output was written. Then it loads watch lists and screens a few
names across scripts (:mod:`counterflow.cli.demo_screening`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from counterflow.cli._common import console, step
from counterflow.cli.demo_screening import screening_demo
from counterflow.cli.monitor import print_alerts, print_evaluation
from counterflow.ingest import read_transactions, write_amlworld, write_canonical, write_holders
from counterflow.monitor import (
    MonitorConfig,
    evaluate_trained,
    monitor_trained,
    train,
    write_alerts,
    write_scores,
)
from counterflow.settings import load_settings
from counterflow.simulate import WorldConfig, build_world
from counterflow.simulate.banks import write_bank_directory
from counterflow.simulate.holders import simulate_holders


def demo(
    accounts: Annotated[int, typer.Option(help="accounts in the demo world")] = 30_000,
    days: Annotated[int, typer.Option(help="days of activity")] = 30,
    seed: Annotated[int | None, typer.Option(help="world seed")] = None,
    out: Annotated[Path | None, typer.Option(help="output folder")] = None,
    threads: Annotated[int, typer.Option(help="worker threads (0 = all cores)")] = 0,
) -> None:
    """Generate a demo world, monitor it and print the summary."""
    settings = load_settings()
    out = out or settings.data_dir / "demo"
    seed = settings.seed if seed is None else seed
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with step(f"simulating {accounts:,} accounts over {days} days"):
        built = build_world(WorldConfig(accounts=accounts, days=days, seed=seed))
        world = built.transactions
        write_holders(simulate_holders(built), out / "holders.csv")  # KYC of the same world
        write_canonical(world, out / "transactions.parquet")
        write_bank_directory(WorldConfig(accounts=accounts, seed=seed), out / "banks.csv")
        write_amlworld(world, out, "demo")
    ledger = read_transactions(out / "transactions.parquet")
    n_laundering = int(world.get_column("label").sum())
    console.print(
        f"world: {ledger.txns.height:,} transactions, {ledger.accounts.height:,} accounts, "
        f"{n_laundering:,} laundering ({n_laundering / max(1, ledger.txns.height):.3%})"
    )
    config = MonitorConfig(threads=threads)
    with step("mining graph features, running typology detectors, training LightGBM"):
        trained = train(ledger, config)
    trained.scorer.save(out / "model")
    report = evaluate_trained(ledger, trained)
    result = monitor_trained(ledger, trained)
    write_alerts(result.alerts, out / "alerts.parquet")
    write_scores(ledger.txns, result.scores, result.flagged, out / "scores.parquet")
    (out / "evaluation.json").write_text(json.dumps(report.as_dict(), indent=2))
    console.rule("counterflow demo")
    print_alerts(result.alerts)
    print_evaluation(report.as_dict())
    screening_demo(out)
    console.print(
        f"\noutputs in {out}/: transactions.parquet, demo_Trans.csv + demo_Patterns.txt "
        f"(AMLworld format), holders.csv (KYC), model/, "
        f"alerts.parquet ({len(result.alerts):,} alerts), "
        f"scores.parquet, evaluation.json  [{time.perf_counter() - started:.0f} s]"
    )
