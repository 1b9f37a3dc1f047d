"""The ``counterflow`` command: registers every command group."""

from __future__ import annotations

import typer

from counterflow import __version__

app = typer.Typer(
    name="counterflow",
    help="Detect laundering, screen names, run joint cases, follow the money.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def main() -> None:
    """counterflow: detect laundering, screen names, run joint cases, follow the money."""


@app.command()
def version() -> None:
    """Print the counterflow version."""
    typer.echo(__version__)


def _register() -> None:
    from counterflow.cli.demo import demo
    from counterflow.cli.serve import serve
    from counterflow.cli.trace import trace_cmd

    app.command()(demo)
    app.command()(serve)
    app.command("trace")(trace_cmd)
    # Command groups are listed here explicitly (no discovery magic).
    for module_name, group_name in _GROUPS:
        module = __import__(f"counterflow.cli.{module_name}", fromlist=["app"])
        app.add_typer(module.app, name=group_name)


_GROUPS: tuple[tuple[str, str], ...] = (
    ("simulate", "simulate"),
    ("monitor", "monitor"),
    ("lists", "lists"),
    ("screen", "screen"),
    ("audit", "audit"),
    ("users", "users"),
    ("report", "report"),
    ("links", "links"),
)

_register()
