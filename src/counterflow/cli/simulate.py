"""``counterflow simulate``: generate a synthetic world with planted laundering.

Thin: parse the options, call :func:`counterflow.simulate.simulate_world`, write the
canonical Parquet and AMLworld-format files with :mod:`counterflow.ingest`, print a summary.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from counterflow.ingest import write_amlworld, write_canonical
from counterflow.simulate import SimulationError, WorldConfig, simulate_world

app = typer.Typer(
    help="Generate synthetic financial worlds with planted laundering and ground truth.",
    no_args_is_help=True,
)
out_console = Console()
err_console = Console(stderr=True)


@app.callback()
def simulate() -> None:
    """Generate synthetic financial worlds with planted laundering and ground truth."""


def summary(frame: pl.DataFrame) -> Table:
    """Transactions, accounts, laundering and the count of each planted pattern."""
    accounts = pl.concat([frame["src_account"], frame["dst_account"]]).n_unique()
    laundering = int(frame["label"].sum())
    table = Table(title="synthetic world", show_header=True)
    table.add_column("what")
    table.add_column("transactions", justify="right")
    table.add_column("instances", justify="right")
    table.add_row("all", f"{frame.height:,}", "")
    table.add_row("accounts", f"{accounts:,}", "")
    rate = laundering / max(frame.height, 1)
    table.add_row("laundering", f"{laundering:,} ({rate:.3%})", "")
    per_pattern = (
        frame.filter(pl.col("label") == 1)
        .group_by("pattern")
        .agg(pl.len().alias("n"), pl.col("pattern_id").drop_nulls().n_unique().alias("k"))
        .sort("n", descending=True)
    )
    for pattern, n, k in per_pattern.iter_rows():
        table.add_row(f"  {pattern}", f"{n:,}", f"{k:,}" if k else "-")
    return table


@app.command()
def transactions(
    accounts: Annotated[int, typer.Option(help="number of accounts (>= 500)")],
    days: Annotated[int, typer.Option(help="days of activity")],
    out: Annotated[Path, typer.Option(help="output folder")],
    seed: Annotated[int, typer.Option(help="random seed (same seed, same world)")] = 0,
    laundering_rate: Annotated[
        float, typer.Option(help="fraction of transactions that are laundering")
    ] = 0.001,
    unpatterned_share: Annotated[
        float, typer.Option(help="share of laundering that belongs to no pattern")
    ] = 0.33,
    name: Annotated[str, typer.Option(help="prefix of the AMLworld-format files")] = "counterflow",
) -> None:
    """Write DIR/transactions.parquet and AMLworld-format NAME_Trans.csv + NAME_Patterns.txt."""
    try:
        config = WorldConfig(
            accounts=accounts,
            days=days,
            seed=seed,
            laundering_rate=laundering_rate,
            unpatterned_share=unpatterned_share,
        )
    except SimulationError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    with err_console.status(f"simulating {accounts:,} accounts over {days} days"):
        frame = simulate_world(config)
    with err_console.status(f"writing {frame.height:,} transactions to {out}"):
        parquet = out / "transactions.parquet"
        write_canonical(frame, parquet)
        trans, patterns = write_amlworld(frame, out, name)
    out_console.print(summary(frame))
    out_console.print(
        f"wrote {parquet}, {trans}, {patterns} in {time.perf_counter() - started:.1f} s"
    )
