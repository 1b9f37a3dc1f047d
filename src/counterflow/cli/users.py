"""``counterflow users``: the installation's own administration (first administrator,
agencies), for when nobody can sign in yet."""

from __future__ import annotations

from typing import Annotated

import typer

from counterflow.agencies import agency_by_code, ensure_national_agencies
from counterflow.auth import create_user
from counterflow.cli._common import console, fail_cleanly
from counterflow.cli._db import database
from counterflow.model.codes import Role

app = typer.Typer(help="Create agencies and users from the command line (installation).")


@app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="login name")],
    agency: Annotated[str, typer.Option(help="agency code (NP, GMP, NCCT, CAFIU, PROS, OVS)")],
    role: Annotated[Role, typer.Option(help="role in the agency")],
    name: Annotated[str, typer.Option(help="display name")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create a user (the national agencies are created first if missing)."""

    def _run() -> None:
        with database() as session:
            ensure_national_agencies(session)
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=name,
                agency_id=agency_by_code(session, agency).id,
                role=role,
                password=password,
            )
            console.print(f"user {user.username} created: {role.value} at {agency.upper()}")

    fail_cleanly(_run)
