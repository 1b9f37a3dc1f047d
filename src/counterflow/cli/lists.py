"""``counterflow lists``: load watch-list publications and show what is loaded.

Thin: parse the list with :func:`counterflow.screening.read_list` (nothing is stored if it
fails), store it as a new version with :func:`counterflow.watchlists.load_snapshot`, which
re-screens everyone screened before against what the new version added or changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from counterflow.cli._common import fail_cleanly, step
from counterflow.cli._db import database
from counterflow.cli._watchlists import store_snapshot
from counterflow.model import ListSource
from counterflow.screening import read_list
from counterflow.watchlists import (
    LoadReport,
    current_entries,
    current_versions,
)

app = typer.Typer(help="Load watch lists (UN, OFAC, FtM, domestic) and show versions.")
out = Console()


@app.callback()
def lists() -> None:
    """Load watch lists (UN, OFAC, FtM, domestic) and show versions."""


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="list file or folder (OFAC: sdn.csv folder)")],
    source: Annotated[ListSource, typer.Option(help="un | ofac | ftm | domestic")],
    version: Annotated[
        str | None, typer.Option(help="version label (default: from the file)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Store a new version of a list; report added/changed/removed; re-screen subjects."""
    with step(f"reading {path}"):
        snapshot = fail_cleanly(lambda: read_list(path, source))
    label = version or snapshot.version

    def run() -> LoadReport:
        with database() as session:
            return store_snapshot(session, snapshot, label)

    with step("storing and re-screening"):
        report = fail_cleanly(run)
    if as_json:
        out.print_json(report.model_dump_json())
        return
    r = report
    if r.unchanged:
        out.print(f"{source} version {label} is already current: nothing changed")
        return
    out.print(
        f"{source} version {label} loaded ({r.entry_count:,} entries; previous: "
        f"{r.previous_version or 'none'})"
    )
    out.print(
        f"added {r.added.count:,}, changed {r.changed.count:,}, "
        f"removed {r.removed.count:,}; re-screened {r.rescreened_subjects:,} people: "
        f"{r.new_hits:,} new hits, {r.superseded_hits:,} superseded"
    )


@app.command()
def show(
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
) -> None:
    """The current version and entry count of every loaded list."""

    def run() -> dict[str, dict[str, object]]:
        with database() as session:
            versions = current_versions(session)
            return {
                str(s): {"version": v, "entries": len(current_entries(session, source=s))}
                for s, v in sorted(versions.items())
            }

    shown = fail_cleanly(run)
    if as_json:
        typer.echo(json.dumps(shown))
        return
    table = Table(title="watch lists")
    for col in ("source", "version", "entries"):
        table.add_column(col)
    for s, info in shown.items():
        table.add_row(s, str(info["version"]), f"{info['entries']:,}")
    out.print(table)
