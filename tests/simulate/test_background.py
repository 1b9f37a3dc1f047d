from __future__ import annotations

import polars as pl

from counterflow.simulate import World


def _local(frame: pl.DataFrame) -> pl.DataFrame:
    local = pl.col("ts").dt.convert_time_zone("Asia/Phnom_Penh")
    return frame.with_columns(
        hour=local.dt.hour(), weekday=local.dt.weekday(), date=local.dt.date()
    )


def test_degrees_are_heavy_tailed(rich: pl.DataFrame) -> None:
    edges = pl.concat(
        [
            rich.select(a="src_account", b="dst_account"),
            rich.select(a="dst_account", b="src_account"),
        ]
    ).unique()
    degree = edges.group_by("a").len()["len"]
    assert degree.max() >= 50 * degree.median()  # type: ignore[operator]
    assert (degree <= 3).sum() > 0


def test_day_night_and_weekly_rhythm(rich: pl.DataFrame) -> None:
    local = _local(rich)
    by_hour = local.group_by("hour").len().sort("hour")["len"].to_list()
    assert max(by_hour[0:3]) * 5 < min(by_hour[9:12])
    days = local.group_by("date", "weekday").len()
    sunday = days.filter(pl.col("weekday") == 7)["len"].mean()
    weekday = days.filter(pl.col("weekday").is_between(2, 4))["len"].mean()
    assert sunday < 0.8 * weekday  # type: ignore[operator]


def test_khr_amounts_convert_at_the_days_rate(rich_world: World) -> None:
    frame = _local(rich_world.transactions).join(rich_world.rates(), on="date", how="left")
    khr = frame.filter(pl.col("currency") == "KHR")
    usd = frame.filter(pl.col("currency") == "USD")
    assert khr.height > 0.1 * frame.height
    assert khr["khr_per_usd"].null_count() == 0
    err = (khr["amount_usd"] * khr["khr_per_usd"] / khr["amount"] - 1.0).abs()
    assert err.max() < 1e-9  # type: ignore[operator]
    assert (khr["amount"] % 100 == 0).all()
    assert (usd["amount_usd"] == usd["amount"]).all()


def test_riel_share_follows_config(rich: pl.DataFrame) -> None:
    share = (rich["currency"] == "KHR").mean()
    assert 0.18 <= share <= 0.32  # type: ignore[operator]


def test_background_forms_coincidental_fans(rich: pl.DataFrame) -> None:
    # payroll runs and processor settlements: one payer, many payees, same day, all legitimate
    clean = _local(rich.filter(pl.col("label") == 0))
    fans = clean.group_by("src_account", "date").agg(pl.col("dst_account").n_unique())
    assert fans["dst_account"].max() >= 20  # type: ignore[operator]
    fan_ins = clean.group_by("dst_account", "date").agg(pl.col("src_account").n_unique())
    assert fan_ins["src_account"].max() >= 20  # type: ignore[operator]


def test_some_legitimate_cash_is_near_the_threshold(rich: pl.DataFrame) -> None:
    near = rich.filter(
        (pl.col("label") == 0)
        & (pl.col("channel") == "cash")
        & pl.col("amount_usd").is_between(7_000, 10_000, closed="left")
    )
    assert near.height > 0
