"""Shared CLI plumbing: reading a ledger with a progress spinner and printing errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console

from counterflow.ingest import Ledger, read_transactions
from counterflow.model import CounterflowError

console = Console(stderr=True)
T = TypeVar("T")


@contextmanager
def step(message: str) -> Iterator[None]:
    """Show a spinner while a slow step runs (stderr, so --json output stays clean)."""
    with console.status(message):
        yield


def fail_cleanly(fn: Callable[[], T]) -> T:
    """Run ``fn``; print counterflow's own errors as one red line and exit 2."""
    try:
        return fn()
    except (CounterflowError, ValueError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def load(path: Path, fmt: str, quarantine: Path | None = None) -> Ledger:
    """Read transactions; report quarantined rows."""
    with step(f"reading {path}"):
        ledger = fail_cleanly(lambda: read_transactions(path, fmt=fmt, quarantine=quarantine))
    if ledger.quarantined:
        console.print(
            f"[yellow]{ledger.quarantined} bad rows written to {quarantine}[/yellow]; "
            f"{ledger.txns.height} rows read"
        )
    return ledger
