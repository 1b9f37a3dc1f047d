from __future__ import annotations

import polars as pl
import pytest

from counterflow.model import GROUND_TRUTH_COLUMNS, TRANSACTION_COLUMNS, Typology
from counterflow.simulate import SimulationError, World, WorldConfig, simulate_world
from counterflow.simulate.codes import PATTERN_ORDER


def test_same_config_gives_identical_frame() -> None:
    config = WorldConfig(accounts=1_000, days=5, seed=3, laundering_rate=0.01)
    assert simulate_world(config).equals(simulate_world(config))


def test_other_seed_gives_other_frame() -> None:
    a = simulate_world(WorldConfig(accounts=1_000, days=5, seed=3))
    b = simulate_world(WorldConfig(accounts=1_000, days=5, seed=4))
    assert not a.equals(b)


def test_columns_and_dtypes(rich: pl.DataFrame) -> None:
    expected = {
        "txn_id": pl.String,
        "ts": pl.Datetime("us", "UTC"),
        "src_account": pl.String,
        "dst_account": pl.String,
        "amount": pl.Float64,
        "currency": pl.String,
        "amount_usd": pl.Float64,
        "channel": pl.String,
        "src_bank": pl.String,
        "dst_bank": pl.String,
        "label": pl.Int8,
        "pattern": pl.String,
        "pattern_id": pl.Int64,
    }
    assert rich.columns == [c.name for c in (*TRANSACTION_COLUMNS, *GROUND_TRUTH_COLUMNS)]
    assert dict(rich.schema) == expected


def test_rows_are_valid_and_sorted(rich: pl.DataFrame) -> None:
    required = [c.name for c in TRANSACTION_COLUMNS]
    assert rich.select(pl.col(required).null_count().sum()).row(0) == tuple([0] * len(required))
    assert rich["ts"].is_sorted()
    assert rich["txn_id"].n_unique() == rich.height
    assert (rich["src_account"] != rich["dst_account"]).all()
    assert (rich["amount"] > 0).all()
    assert set(rich["currency"].unique()) == {"USD", "KHR"}
    assert set(rich["channel"].unique()) == {"wire", "ach", "card", "cash", "mobile", "cheque"}
    start, end = WorldConfig().start, WorldConfig().start + pl.duration(days=14)
    inside = rich.select(pl.col("ts").is_between(start, end, closed="left").all()).item()
    assert inside
    assert rich["src_bank"].n_unique() == 12


def test_cash_goes_through_the_banks_cash_accounts(rich: pl.DataFrame) -> None:
    cash = rich.filter(pl.col("channel") == "cash")
    assert cash.height > 0
    till = pl.col("src_account").str.starts_with("CASH@") ^ pl.col("dst_account").str.starts_with(
        "CASH@"
    )
    assert cash.select(till.all()).item()
    deposit_bank = cash.filter(pl.col("src_account").str.starts_with("CASH@"))
    assert (deposit_bank["src_account"] == "CASH@" + deposit_bank["src_bank"]).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("rate", [0.001, 0.004])
def test_laundering_rate_on_target(seed: int, rate: float) -> None:
    frame = simulate_world(WorldConfig(accounts=10_000, days=10, seed=seed, laundering_rate=rate))
    assert frame.height >= 100_000
    assert abs(frame["label"].mean() / rate - 1.0) <= 0.2  # type: ignore[operator]


def test_unpatterned_share_on_target(rich: pl.DataFrame) -> None:
    dirty = rich.filter(pl.col("label") == 1)
    share = (dirty["pattern"] == Typology.UNPATTERNED).mean()
    assert abs(share - 0.33) <= 0.05  # type: ignore[operator]


def test_no_laundering_when_rate_is_zero() -> None:
    frame = simulate_world(WorldConfig(accounts=1_000, days=3, laundering_rate=0.0))
    assert frame["label"].sum() == 0
    assert frame["pattern"].null_count() == frame.height


def test_pattern_weights_select_typologies() -> None:
    config = WorldConfig(
        accounts=2_000, days=7, laundering_rate=0.02, pattern_weights={Typology.CYCLE: 1.0}
    )
    patterns = set(simulate_world(config)["pattern"].drop_nulls().unique())
    assert patterns == {Typology.CYCLE, Typology.UNPATTERNED}


def test_every_typology_is_planted(rich: pl.DataFrame) -> None:
    assert set(rich["pattern"].drop_nulls().unique()) == {str(t) for t in PATTERN_ORDER}


def test_ground_truth_columns_agree(rich: pl.DataFrame) -> None:
    assert (rich["label"] == rich["pattern"].is_not_null().cast(pl.Int8)).all()
    planted = rich.filter(pl.col("pattern").is_not_null() & (pl.col("pattern") != "unpatterned"))
    assert planted["pattern_id"].null_count() == 0
    assert rich.filter(pl.col("pattern") == "unpatterned")["pattern_id"].null_count() == (
        rich.filter(pl.col("pattern") == "unpatterned").height
    )
    per_id = planted.group_by("pattern_id").agg(pl.col("pattern").n_unique())
    assert (per_id["pattern"] == 1).all()


def test_launderers_also_do_normal_business(rich: pl.DataFrame) -> None:
    dirty = rich.filter(pl.col("pattern").is_in(["fan_out", "cycle", "random", "unpatterned"]))
    launderers = set(dirty["src_account"])
    clean = rich.filter(pl.col("label") == 0)
    active = set(clean["src_account"]) | set(clean["dst_account"])
    assert len(launderers & active) >= 0.8 * len(launderers)


def test_laundering_blends_into_background(rich: pl.DataFrame) -> None:
    clean = rich.filter(pl.col("label") == 0)
    dirty = rich.filter(pl.col("label") == 1)
    assert set(dirty["channel"].unique()) <= set(clean["channel"].unique())
    assert dirty["channel"].n_unique() >= 5
    assert dirty["src_bank"].n_unique() == clean["src_bank"].n_unique()
    # laundering amounts fall inside the range legitimate amounts cover
    lo, hi = clean["amount_usd"].quantile(0.01), clean["amount_usd"].quantile(0.9999)
    inside = dirty["amount_usd"].is_between(lo, hi).mean()
    assert inside > 0.95  # type: ignore[operator]
    assert (dirty["currency"] == "KHR").any()


def test_invalid_config_is_rejected() -> None:
    with pytest.raises(SimulationError, match="laundering_rate"):
        WorldConfig(laundering_rate=0.7)
    with pytest.raises(SimulationError, match="accounts"):
        WorldConfig(accounts=10)
    with pytest.raises(SimulationError, match="cannot be planted"):
        WorldConfig(pattern_weights={Typology.UNPATTERNED: 1.0})


def test_world_rates_cover_the_window(rich_world: World) -> None:
    rates = rich_world.rates()
    assert rates.height == 15  # 14 UTC days span 15 Phnom Penh dates
    assert rates["khr_per_usd"].is_between(3_950, 4_250).all()
