"""``counterflow serve``: run the web platform (with ``--demo``, on a seeded demo world)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from counterflow.cli._common import console, step
from counterflow.cli._db import database
from counterflow.cli._watchlists import current_screener
from counterflow.cli.demo_platform import seed_demo
from counterflow.settings import load_settings


def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
    demo: Annotated[
        bool, typer.Option(help="seed the demo world first (runs `counterflow demo` if needed)")
    ] = False,
    demo_accounts: Annotated[int, typer.Option(help="accounts of a demo world to create")] = 30_000,
) -> None:
    """Start the case platform at http://HOST:PORT (JSON API under /api, docs /api/docs)."""
    import uvicorn

    from counterflow.web.app import create_app

    settings = load_settings()
    if demo:
        alerts = settings.data_dir / "demo" / "alerts.parquet"
        if not alerts.exists():
            from counterflow.cli.demo import demo as monitoring_demo

            monitoring_demo(accounts=demo_accounts, days=30, seed=None, out=None, threads=0)
        with step("seeding the demo platform (first start: about a minute)"), database() as session:
            seeded = seed_demo(session, alerts_path=alerts, screener=current_screener(session))
        table = Table(title="demo users (passwords drawn anew at every start)")
        for column in ("user", "password", "agency", "role"):
            table.add_column(column)
        for username, (password, agency, role) in seeded.passwords.items():
            table.add_row(escape(username), password, agency, role.value)
        console.print(table)
        console.print(
            f"{seeded.new_cases} demo cases, {seeded.history_cases} cases of the statistical "
            f"history and {seeded.new_alerts} alerts added (existing ones kept)"
        )
    host = host or settings.host
    port = port or settings.port
    console.print(f"[bold]counterflow[/bold] at http://{host}:{port}/  (API docs: /api/docs)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
