"""Small worlds shared by the simulator tests (generated once per session, in well under a
second each)."""

from __future__ import annotations

import polars as pl
import pytest

from counterflow.simulate import World, WorldConfig, build_world

#: Rich in laundering so that every typology is planted several times.
RICH = WorldConfig(accounts=4_000, days=14, seed=11, laundering_rate=0.03)


@pytest.fixture(scope="session")
def rich_world() -> World:
    return build_world(RICH)


@pytest.fixture(scope="session")
def rich(rich_world: World) -> pl.DataFrame:
    return rich_world.transactions
