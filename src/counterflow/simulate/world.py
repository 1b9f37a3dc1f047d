"""The orchestrator: accounts, calendar and rates, background, laundering, frame.

Each stage gets its own random stream spawned from the seed (NumPy ``SeedSequence``), so the
same :class:`WorldConfig` always gives the identical frame, and changing one stage (say, the
laundering mix) does not reshuffle the others' draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import polars as pl

from counterflow.simulate.accounts import build_accounts
from counterflow.simulate.background import background
from counterflow.simulate.config import WorldConfig
from counterflow.simulate.currency import daily_rates
from counterflow.simulate.frame import to_frame
from counterflow.simulate.laundering import plant_laundering
from counterflow.simulate.ledger import Batch
from counterflow.simulate.rhythm import Clock
from counterflow.simulate.scene import Scene


@dataclass(frozen=True, slots=True)
class World:
    """A generated world: its config, its stage (accounts, clock, rates) and transactions."""

    config: WorldConfig
    scene: Scene
    transactions: pl.DataFrame

    def rates(self) -> pl.DataFrame:
        """KHR per USD for each local (Phnom Penh) date of the window."""
        clock = self.scene.clock
        dates = pl.date_range(
            clock.first_local_date,
            clock.first_local_date + timedelta(days=clock.n_local_days - 1),
            eager=True,
        )
        return pl.DataFrame({"date": dates, "khr_per_usd": self.scene.rates})


def build_world(config: WorldConfig) -> World:
    """Generate the world described by ``config``."""
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(config.seed).spawn(5)]
    accounts = build_accounts(streams[0], config.accounts, config.n_banks, config.khr_share)
    clock = Clock(config.start, config.days)
    scene = Scene(accounts, clock, daily_rates(streams[1], clock.n_local_days))
    legit = background(streams[2], scene, config.background_count)
    dirty = plant_laundering(
        streams[3],
        scene,
        config.laundering_count,
        config.unpatterned_share,
        config.pattern_weights,
    )
    frame = to_frame(streams[4], Batch.concat([legit, dirty]), scene)
    return World(config=config, scene=scene, transactions=frame)


def simulate_world(config: WorldConfig) -> pl.DataFrame:
    """The transactions of a synthetic world with ground truth, sorted by time.

    Columns: the canonical transaction columns (:data:`counterflow.model.TRANSACTION_COLUMNS`)
    then ``label`` (Int8, 1 = laundering), ``pattern`` (typology or null) and ``pattern_id``
    (planted instance or null; null also for unpatterned laundering).
    """
    return build_world(config).transactions
