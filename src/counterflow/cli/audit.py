"""``counterflow audit``: verify the hash chain of the audit trail."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from counterflow.audit import verify
from counterflow.cli._common import console
from counterflow.cli._db import database

app = typer.Typer(help="The audit trail: verify that no event was altered, deleted or reordered.")


@app.command("verify")
def verify_cmd(
    expect_head: Annotated[
        str | None,
        typer.Option(help="head hash noted earlier: also detects deleted newest events"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Walk the chain; exit 1 and list every break if the trail was tampered with."""
    with database() as session:
        report = verify(session)
    problems = list(report.problems)
    if expect_head is not None and expect_head != report.head_hash:
        problems.append(
            f"head is {report.head_hash} (event {report.head_seq}), not the expected "
            f"{expect_head}: events were removed or the chain was rebuilt"
        )
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "ok": not problems,
                    "events": report.events,
                    "head_seq": report.head_seq,
                    "head_hash": report.head_hash,
                    "problems": problems,
                },
                indent=2,
            )
        )
    elif problems:
        console.print(f"[red]audit trail BROKEN[/red]: {len(problems)} problem(s)")
        for p in problems:
            console.print(f"  - {p}")
    else:
        console.print(
            f"[green]audit trail intact[/green]: {report.events:,} events; head event "
            f"{report.head_seq}, hash {report.head_hash}"
        )
    if problems:
        raise typer.Exit(1)
