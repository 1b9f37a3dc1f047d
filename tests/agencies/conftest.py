"""Fixtures for the agencies slice: actors of each role (agencies need no user rows)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counterflow.model.actor import Actor
from counterflow.model.codes import Role


@pytest.fixture
def actor_with() -> Callable[[Role], Actor]:
    """``actor_with(role)``: an actor of ``role`` in agency 1 (``NP``)."""

    def _actor(role: Role) -> Actor:
        return Actor(
            user_id=1, username=f"np.{role.value}", agency_id=1, agency_code="NP", role=role
        )

    return _actor
