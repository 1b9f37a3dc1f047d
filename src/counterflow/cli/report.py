"""``counterflow report``: joint statistics, historical imports, FIU tallies, releases.

    counterflow report joint --from 2022-01-01 --to 2022-09-30 --compare previous-year \\
        --as dara [--format md|csv|json|xlsx|html|pdf] [--out PATH]

Commands act as a named platform user (``--as``, or ``COUNTERFLOW_USER``): the same access
rules as the web pages apply, and the audit trail records who ran the report.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.auth import User, actor_of
from counterflow.cli._common import console, fail_cleanly
from counterflow.cli._db import database
from counterflow.model.actor import Actor
from counterflow.model.errors import NotFoundError
from counterflow.publish import ledger, publish, verify_ledger
from counterflow.reports import import_victims, joint, record_tally
from counterflow.stats.document import joint_document
from counterflow.stats.export import EXPORTERS
from counterflow.stats.periods import comparison, parse_period
from counterflow.web.i18n import translations
from counterflow.web.labels import english

app = typer.Typer(help="Joint statistics: reports, historical victim imports, releases.")

AsUser = Annotated[
    str | None,
    typer.Option("--as", help="the platform user acting (default: $COUNTERFLOW_USER)"),
]


def _actor(session: Session, username: str | None) -> Actor:
    name = username or os.environ.get("COUNTERFLOW_USER", "")
    if not name:
        raise NotFoundError("say which platform user runs this: --as USERNAME")
    user = session.scalars(select(User).where(User.username == name.lower())).first()
    if user is None or not user.is_active:
        raise NotFoundError(f"no active user {name!r}")
    return actor_of(session, user)


@app.command("joint")
def joint_cmd(
    start: Annotated[str, typer.Option("--from", help="first day, e.g. 2022-01-01")],
    end: Annotated[str, typer.Option("--to", help="last day, e.g. 2022-09-30")],
    compare: Annotated[
        str, typer.Option(help="previous-year, previous-period, none, or START:END")
    ] = "previous-year",
    fmt: Annotated[str, typer.Option("--format", help="md, csv, json, xlsx, html or pdf")] = "md",
    out: Annotated[Path | None, typer.Option(help="write here instead of stdout")] = None,
    lang: Annotated[str, typer.Option(help="en or km")] = "en",
    as_user: AsUser = None,
) -> None:
    """Every table of the joint report for a period, compared with another."""
    if fmt not in EXPORTERS:
        fail_cleanly(lambda: _bad(f"--format: one of {', '.join(EXPORTERS)}"))
    if fmt in ("xlsx", "pdf") and out is None:
        fail_cleanly(lambda: _bad(f"--format {fmt} is a binary file: give --out PATH"))
    period = fail_cleanly(lambda: parse_period(start, end))
    other = fail_cleanly(lambda: comparison(period, compare))
    periods = [period] if other is None else [period, other]

    def run() -> bytes:
        with database() as session:
            actor = _actor(session, as_user)
            report = joint(session, actor=actor, periods=periods, purpose=f"export {fmt}")
        tr = translations(lang).gettext
        return joint_document(
            report, fmt=fmt, lang=lang, gettext=tr, label=lambda v: tr(english(v))
        )

    data = fail_cleanly(run)
    if out is None:
        sys.stdout.buffer.write(data)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    console.print(f"joint report written to {out} ({len(data):,} bytes)")


def _bad(message: str) -> None:
    raise ValueError(message)


@app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="the CTDC CSV or HTCDS spreadsheet")],
    source_format: Annotated[str, typer.Option("--format", help="ctdc or htcds")],
    source: Annotated[str, typer.Option(help="the name tables show for this source")],
    as_user: AsUser = None,
) -> None:
    """Import historical victim records as a source of their own (all or nothing)."""

    def run() -> str:
        with database() as session:
            actor = _actor(session, as_user)
            s = import_victims(
                session, actor=actor, path=path, source_format=source_format, source=source
            )
        return f"imported {s.records:,} victim records as source {s.source!r} (sha256 {s.sha256})"

    console.print(fail_cleanly(run))


@app.command("tally")
def tally_cmd(
    month: Annotated[str, typer.Option(help="YYYY-MM")],
    report_type: Annotated[str, typer.Option("--type", help="str, ctr or other")],
    count: Annotated[int, typer.Option(help="reports received that month")],
    as_user: AsUser = None,
) -> None:
    """Record how many reports of a type the FIU received in a month."""

    def run() -> str:
        try:
            day = date.fromisoformat(f"{month}-01")
        except ValueError as exc:
            raise ValueError(f"--month: expected YYYY-MM, got {month!r}") from exc
        with database() as session:
            actor = _actor(session, as_user)
            t = record_tally(session, actor=actor, month=day, report_type=report_type, count=count)
            return f"{t.month:%Y-%m} {t.report_type}: {t.count:,} reports"

    console.print(fail_cleanly(run))


@app.command("publish")
def publish_cmd(
    title: Annotated[str, typer.Option(help="the release's title")],
    start: Annotated[str, typer.Option("--from")],
    end: Annotated[str, typer.Option("--to")],
    compare: Annotated[str, typer.Option()] = "previous-year",
    note: Annotated[str, typer.Option(help="what a correction corrects, and why")] = "",
    corrects: Annotated[int | None, typer.Option(help="the release this one corrects")] = None,
    as_user: AsUser = None,
) -> None:
    """Publish a release of the joint statistics after disclosure control."""
    period = fail_cleanly(lambda: parse_period(start, end))
    other = fail_cleanly(lambda: comparison(period, compare))

    def run() -> str:
        with database() as session:
            actor = _actor(session, as_user)
            r = publish(
                session,
                actor=actor,
                title=title,
                period=period,
                compare=other,
                note=note,
                corrects_seq=corrects,
            )
            return f"release {r.seq} published: {r.title} (hash {r.hash})"

    console.print(fail_cleanly(run))


@app.command("releases")
def releases_cmd() -> None:
    """The release ledger, newest first, and whether its hash chain holds."""
    with database() as session:
        rows = ledger(session)
        problems = verify_ledger(session)
    for r in rows:
        fix = f" (corrects {r.corrects_seq}: {r.note})" if r.corrects_seq else ""
        typer.echo(
            f"{r.seq}\t{r.published_at:%Y-%m-%d}\t{r.period.label}\t{r.title}{fix}\t{r.hash}"
        )
    if problems:
        for p in problems:
            console.print(f"[red]{p}[/red]")
        raise typer.Exit(1)
    console.print(f"[green]release ledger intact[/green]: {len(rows)} release(s)")
