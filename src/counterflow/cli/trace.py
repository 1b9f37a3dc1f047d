"""``counterflow trace``: follow the money from accounts through the transaction store."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from counterflow.cli._common import console, step
from counterflow.model import InputError, NotFoundError
from counterflow.settings import load_settings
from counterflow.trace import (
    Attribution,
    BankDirectory,
    Direction,
    TraceContext,
    TraceQuery,
    TraceResult,
    load_index,
    read_bank_directory,
    trace,
)


def parse_moment(text: str | None, *, end: bool) -> datetime | None:
    """A date (the whole day: its start for --from, its end for --to) or an ISO datetime
    (UTC unless it says otherwise)."""
    if text is None:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time.min, tzinfo=UTC)
            return moment + timedelta(days=1, microseconds=-1) if end else moment
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"expected a date (2024-03-01) or an ISO datetime (2024-03-01T08:30Z), got {text!r}",
            field="--to" if end else "--from",
        ) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def result_dict(result: TraceResult) -> dict[str, Any]:
    """The result as plain JSON values (datetimes in ISO 8601)."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    data = asdict(result)
    data["totals"] = {str(k): v for k, v in result.totals.items()}
    return {str(k): plain(v) for k, v in data.items()}


def _print(result: TraceResult) -> None:
    typer.echo(result.summary)
    if result.endpoints:
        ends = Table(title="Where the traced money ended")
        for column in ("account", "kind", "USD", "bank", "country", "cases"):
            ends.add_column(column, justify="right" if column == "USD" else "left")
        for e in result.endpoints[:20]:
            ends.add_row(
                e.account, e.kind, f"{e.traced_usd:,.2f}", e.bank, e.country, ", ".join(e.cases)
            )
        console.print(ends)
    if result.accounts:
        top = Table(title="Accounts reached (largest first)")
        for column in ("account", "bank", "hop", "received USD", "passed on USD", "first", "last"):
            top.add_column(column, justify="right" if "USD" in column else "left")
        for a in result.accounts[:15]:
            top.add_row(
                a.account,
                a.bank,
                str(a.hop),
                f"{a.received_usd:,.2f}",
                f"{a.passed_on_usd:,.2f}",
                f"{a.first_ts:%Y-%m-%d %H:%M}",
                f"{a.last_ts:%Y-%m-%d %H:%M}",
            )
        console.print(top)
    more = " (the largest kept; figures cover all)" if result.truncated else ""
    console.print(
        f"{result.paths:,} time-respecting paths, {len(result.edges):,} traced payments, "
        f"{result.n_reached:,} accounts reached{more}"
    )


def trace_cmd(
    account: Annotated[
        list[str], typer.Option("--account", "-a", help="seed account (repeat for several)")
    ],
    direction: Annotated[Direction, typer.Option(help="forward: where did it go")] = (
        Direction.FORWARD
    ),
    hops: Annotated[int, typer.Option(help="longest path followed (1..8)")] = 4,
    from_: Annotated[str | None, typer.Option("--from", help="date or ISO datetime")] = None,
    to: Annotated[str | None, typer.Option("--to", help="date (inclusive) or ISO datetime")] = None,
    min_amount: Annotated[float, typer.Option(help="ignore payments below this (USD)")] = 0.0,
    attribution: Annotated[Attribution, typer.Option(help="proportional or fifo")] = (
        Attribution.PROPORTIONAL
    ),
    store: Annotated[Path | None, typer.Option(help="canonical Parquet store")] = None,
    banks: Annotated[
        Path | None, typer.Option(help="bank directory CSV (bank,country,kind)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object on stdout")] = False,
) -> None:
    """Follow the money forward or backward along time-respecting paths."""
    settings = load_settings()
    store = store or settings.transactions_store()
    banks = banks or settings.bank_directory_path()
    try:
        query = TraceQuery(
            accounts=tuple(account),
            direction=direction,
            hops=hops,
            start=parse_moment(from_, end=False),
            end=parse_moment(to, end=True),
            min_amount_usd=min_amount,
            attribution=attribution,
        )
        directory = read_bank_directory(banks) if banks is not None else BankDirectory()
        with step(f"indexing {store}"):
            index = load_index(store)
        with step("tracing"):
            result = trace(index, query, TraceContext(banks=directory))
    except NotFoundError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    except (InputError, ValueError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(result_dict(result)))
        return
    _print(result)
