"""``counterflow monitor``: mine features, train, score and evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from counterflow.cli._common import console, fail_cleanly, load, step
from counterflow.monitor import (
    MonitorConfig,
    Scorer,
    evaluate,
    extract_features_frame,
    rules_only,
    run,
    train,
    write_alerts,
    write_scores,
)

app = typer.Typer(
    help="Transaction monitoring: features, model, alerts, evaluation.", no_args_is_help=True
)

InputOpt = Annotated[Path, typer.Option("--input", "-i", help="transactions: file or folder")]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="auto | canonical | amlworld | amlsim")
]
ThreadsOpt = Annotated[int, typer.Option(help="worker threads (0 = all cores)")]
QuarantineOpt = Annotated[Path | None, typer.Option(help="write bad rows to this CSV and carry on")]


@app.command()
def features(
    input: InputOpt,
    out: Annotated[Path, typer.Option(help="features Parquet file")],
    format: FormatOpt = "auto",
    threads: ThreadsOpt = 0,
    quarantine: QuarantineOpt = None,
) -> None:
    """Mine causal temporal-graph features for every transaction (the feature step alone)."""
    ledger = load(input, format, quarantine)
    config = MonitorConfig(threads=threads)
    with step(f"mining features for {ledger.txns.height:,} transactions"):
        frame = extract_features_frame(ledger.txns, config)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(out)
    console.print(f"{frame.height:,} rows x {frame.width - 1} features -> {out}")


@app.command("train")
def train_cmd(
    input: InputOpt,
    out: Annotated[Path, typer.Option(help="model folder to write")],
    format: FormatOpt = "auto",
    threads: ThreadsOpt = 0,
    quarantine: QuarantineOpt = None,
) -> None:
    """Train the scorer on labelled transactions (60/20/20 split by time)."""
    ledger = load(input, format, quarantine)
    with step("mining features, running detectors, training LightGBM"):
        trained = fail_cleanly(lambda: train(ledger, MonitorConfig(threads=threads)))
    trained.scorer.save(out)
    console.print(
        f"model -> {out} (threshold {trained.scorer.threshold:.4f}, "
        f"{trained.scorer.meta.get('best_iteration')} trees)"
    )


@app.command("run")
def run_cmd(
    input: InputOpt,
    out: Annotated[Path, typer.Option(help="output folder for alerts and scores")],
    model: Annotated[
        Path | None, typer.Option(help="model folder; without one, rules only")
    ] = None,
    format: FormatOpt = "auto",
    threads: ThreadsOpt = 0,
    quarantine: QuarantineOpt = None,
) -> None:
    """Score transactions and write ranked, explained alerts."""
    ledger = load(input, format, quarantine)
    config = MonitorConfig(threads=threads)
    with step("monitoring"):
        if model is None:
            result = rules_only(ledger, config)
        else:
            scorer = fail_cleanly(lambda: Scorer.load(model))
            result = fail_cleanly(lambda: run(ledger, scorer, config))
    out.mkdir(parents=True, exist_ok=True)
    write_alerts(result.alerts, out / "alerts.parquet")
    write_scores(ledger.txns, result.scores, result.flagged, out / "scores.parquet")
    print_alerts(result.alerts)
    console.print(f"{len(result.alerts):,} alerts -> {out / 'alerts.parquet'}")


@app.command("evaluate")
def evaluate_cmd(
    input: InputOpt,
    format: FormatOpt = "auto",
    threads: ThreadsOpt = 0,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object on stdout")] = False,
) -> None:
    """Train on the earlier part, measure precision/recall/F1 on the later part."""
    ledger = load(input, format)
    with step("evaluating (features, detectors, LightGBM)"):
        report = fail_cleanly(lambda: evaluate(ledger, MonitorConfig(threads=threads)))
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
        return
    print_evaluation(report.as_dict())


def print_evaluation(report: dict[str, object]) -> None:
    """Quality table, then per-pattern recall."""
    table = Table(title="Detection quality (test part: last 20 % by time)")
    for col in ("level", "precision", "recall", "F1", "flagged", "actual"):
        table.add_column(col)
    levels = {"transaction": "transaction (alerted)", "transaction_model": "transaction (model)"}
    for key in ("transaction", "transaction_model", "account"):
        q = report.get(key)
        level = levels.get(key, key)
        if isinstance(q, dict):
            table.add_row(
                level,
                f"{q['precision']:.3f}",
                f"{q['recall']:.3f}",
                f"{q['f1']:.3f}",
                f"{q['predicted']:,}",
                f"{q['actual']:,}",
            )
    console.print(table)
    per = report.get("per_pattern")
    if isinstance(per, dict) and per:
        pt = Table(title="Recall per planted pattern (test part)")
        for col in ("pattern", "transactions", "recall", "model alone", "rules alone"):
            pt.add_column(col)
        for name, row in per.items():
            pt.add_row(
                name,
                f"{row['transactions']:,}",
                f"{row['recall']:.2f}",
                f"{row['model_recall']:.2f}",
                f"{row['detector_recall']:.2f}",
            )
        console.print(pt)
    console.print(
        f"alerts on the test part: {report.get('alerts')}; threshold {report.get('threshold')}"
    )


def print_alerts(alerts: list, top: int = 5) -> None:  # type: ignore[type-arg]
    """Alerts by typology and the top few with their explanations."""
    by: dict[str, int] = {}
    for a in alerts:
        by[a.typology] = by.get(a.typology, 0) + 1
    t = Table(title="Alerts by typology")
    t.add_column("typology")
    t.add_column("alerts", justify="right")
    for k, v in sorted(by.items(), key=lambda kv: -kv[1]):
        t.add_row(k, f"{v:,}")
    console.print(t)
    for a in alerts[:top]:
        console.print(
            f"[bold]{a.alert_id}[/bold] {a.typology} score {a.score:.2f}: {a.explanation}"
        )
