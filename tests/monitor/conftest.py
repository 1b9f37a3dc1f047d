from pathlib import Path

import pytest

from counterflow.ingest import Ledger, read_transactions, write_canonical
from counterflow.simulate import WorldConfig, simulate_world


@pytest.fixture(scope="session")
def world_path(tmp_path_factory) -> Path:
    """A small labelled world on disk: 4,000 accounts over 30 days (about 120k transactions),
    with a raised laundering rate so each part of the split holds enough positives."""
    world = simulate_world(WorldConfig(accounts=4_000, days=30, seed=5, laundering_rate=0.004))
    return write_canonical(world, tmp_path_factory.mktemp("world") / "transactions.parquet")


@pytest.fixture(scope="session")
def ledger(world_path) -> Ledger:
    return read_transactions(world_path)
