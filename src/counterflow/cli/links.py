"""``counterflow links``: account holders, duplicate persons and shared identifiers.

Run on the server by an operator, as the system (``actor`` ``None``): every run is audited
under the user name ``system``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from counterflow.cli._common import console, fail_cleanly, step
from counterflow.cli._db import database
from counterflow.network import import_holders, resolve_duplicates, shared_identifiers

app = typer.Typer(help="Link analysis: account holders, duplicate persons, shared identifiers.")
holders_app = typer.Typer(help="Account holders (bank KYC files).")
app.add_typer(holders_app, name="holders")


@holders_app.command("import")
def holders_import(
    file: Annotated[Path, typer.Argument(help="holders CSV (counterflow.ingest.holders)")],
) -> None:
    """Import or refresh account holders from a KYC CSV file."""

    def run() -> int:
        with database() as session:
            return import_holders(session, actor=None, path=file)

    console.print(f"{fail_cleanly(run):,} account holders imported from {file}")


@app.command()
def resolve(
    threshold: Annotated[float, typer.Option(help="least match probability kept")] = 0.8,
) -> None:
    """Find duplicate persons across case persons and account holders (Splink)."""

    def run() -> int:
        with step("scoring record pairs"), database() as session:
            return resolve_duplicates(session, actor=None, threshold=threshold)

    console.print(f"{fail_cleanly(run):,} new duplicate candidates")


@app.command()
def shared(
    min_records: Annotated[int, typer.Option(help="least records sharing a value")] = 3,
    limit: Annotated[int, typer.Option(help="rows shown")] = 30,
) -> None:
    """List phones, documents, e-mails, addresses and signatories shared by many records."""

    def run() -> Table:
        with database() as session:
            found = shared_identifiers(session, actor=None, min_records=min_records, limit=limit)
        table = Table("kind", "value", "records", "accounts", title="shared identifiers")
        for s in found:
            table.add_row(s.kind.value, s.shown, str(s.people), str(len(s.accounts)))
        return table

    console.print(fail_cleanly(run))
