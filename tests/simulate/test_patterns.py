"""Every planted instance has the shape its typology claims (checked on every instance)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import polars as pl
import pytest

from counterflow.model import Typology
from counterflow.simulate import World
from counterflow.simulate.accounts import NO_PAYROLL

THRESHOLD = {"USD": 10_000.0, "KHR": 40_000_000.0}
HOUR = 3_600_000_000  # microseconds


def _total(rows: pl.DataFrame, column: str = "amount") -> float:
    return float(rows[column].sum())


def _edges(rows: pl.DataFrame) -> list[tuple[str, str]]:
    return list(zip(rows["src_account"], rows["dst_account"], strict=True))


def _fan_out(rows: pl.DataFrame, _: World) -> None:
    assert rows["src_account"].n_unique() == 1
    assert rows["dst_account"].n_unique() >= 3


def _fan_in(rows: pl.DataFrame, _: World) -> None:
    assert rows["dst_account"].n_unique() == 1
    assert rows["src_account"].n_unique() >= 3


def _gather_scatter(rows: pl.DataFrame, _: World) -> None:
    (hub,) = set(rows["src_account"]) & set(rows["dst_account"])
    inflow, outflow = (
        rows.filter(pl.col("dst_account") == hub),
        rows.filter(pl.col("src_account") == hub),
    )
    assert inflow["src_account"].n_unique() >= 3
    assert outflow["dst_account"].n_unique() >= 1
    assert inflow["ts"].max() <= outflow["ts"].min()  # type: ignore[operator]
    assert outflow["amount"].sum() <= inflow["amount"].sum()


def _scatter_gather(rows: pl.DataFrame, _: World) -> None:
    senders = set(rows["src_account"]) - set(rows["dst_account"])
    sinks = set(rows["dst_account"]) - set(rows["src_account"])
    assert len(senders) == 1
    assert len(sinks) == 1
    middle = set(rows["src_account"]) & set(rows["dst_account"])
    assert len(middle) >= 3
    (source,) = senders
    (sink,) = sinks
    assert set(rows.filter(pl.col("src_account") == source)["dst_account"]) == middle
    assert set(rows.filter(pl.col("dst_account") == sink)["src_account"]) == middle


def _follow(rows: pl.DataFrame) -> list[str]:
    """The accounts visited when following the instance's transfers in time order."""
    ordered = rows.sort("ts")
    path = [ordered["src_account"][0]]
    for src, dst in _edges(ordered):
        assert src == path[-1]
        path.append(dst)
    return path


def _cycle(rows: pl.DataFrame, _: World) -> None:
    assert rows.height >= 3
    path = _follow(rows)
    assert path[0] == path[-1]
    assert len(set(path)) == rows.height


def _random_walk(rows: pl.DataFrame, _: World) -> None:
    assert rows.height >= 3
    path = _follow(rows)
    assert len(set(path)) == len(path)


def _layers(rows: pl.DataFrame) -> tuple[set[str], set[str], set[str]]:
    src, dst = set(rows["src_account"]), set(rows["dst_account"])
    return src - dst, src & dst, dst - src


def _bipartite(rows: pl.DataFrame, _: World) -> None:
    sources, middle, sinks = _layers(rows)
    assert not middle
    assert len(sources) >= 2
    assert len(sinks) >= 2


def _stack(rows: pl.DataFrame, _: World) -> None:
    sources, middle, sinks = _layers(rows)
    assert len(sources) >= 2
    assert len(middle) >= 2
    assert len(sinks) >= 2
    first = rows.filter(pl.col("dst_account").is_in(list(middle)))
    second = rows.filter(pl.col("src_account").is_in(list(middle)))
    assert first.height + second.height == rows.height
    assert first["ts"].max() <= second["ts"].min()  # type: ignore[operator]


def _structuring(rows: pl.DataFrame, _: World) -> None:
    cash = rows.filter(pl.col("channel") == "cash")
    assert cash.height >= 3
    assert cash["dst_account"].n_unique() == 1
    assert cash["src_account"].str.starts_with("CASH@").all()
    for amount, currency in zip(cash["amount"], cash["currency"], strict=True):
        assert 0.75 * THRESHOLD[currency] <= amount < THRESHOLD[currency]
    assert (cash["amount_usd"] < 10_000).all()
    onward = rows.filter(pl.col("channel") != "cash")
    assert onward.height <= 1
    assert set(onward["src_account"]) <= set(cash["dst_account"])


def _pass_through(rows: pl.DataFrame, _: World) -> None:
    (hub,) = set(rows["src_account"]) & set(rows["dst_account"])
    inflow = rows.filter(pl.col("dst_account") == hub)
    outflow = rows.filter(pl.col("src_account") == hub)
    assert inflow.height + outflow.height == rows.height
    assert 0.95 <= _total(outflow) / _total(inflow) <= 1.0
    assert inflow["ts"].max() <= outflow["ts"].min()  # type: ignore[operator]
    delay = (outflow["ts"].max() - inflow["ts"].max()).total_seconds()  # type: ignore[operator, union-attr]
    assert delay <= 60 * 3600


def _funnel(rows: pl.DataFrame, _: World) -> None:
    (hub,) = set(rows["src_account"]) & set(rows["dst_account"])
    inflow = rows.filter(pl.col("dst_account") == hub)
    outflow = rows.filter(pl.col("src_account") == hub)
    assert inflow["src_account"].n_unique() >= 3
    assert outflow["dst_account"].n_unique() == 1
    assert 0.9 <= _total(outflow, "amount_usd") / _total(inflow, "amount_usd") <= 1.0
    assert inflow["ts"].max() <= outflow["ts"].min()  # type: ignore[operator]


def _wage_sweep(rows: pl.DataFrame, _: World) -> None:
    (employer,) = set(rows["src_account"]) - set(rows["dst_account"])
    wages = rows.filter(pl.col("src_account") == employer)
    sweeps = rows.filter(pl.col("src_account") != employer)
    workers = set(wages["dst_account"])
    assert len(workers) >= 5
    assert sweeps["dst_account"].n_unique() == 1  # one controller
    assert set(sweeps["src_account"]) == workers
    paid = wages.select("dst_account", "ts", "amount").rename({"dst_account": "src_account"})
    pairs = sweeps.join(paid, on="src_account", suffix="_wage")
    assert pairs.height == len(workers)
    assert (pairs["ts"] > pairs["ts_wage"]).all()
    assert ((pairs["ts"] - pairs["ts_wage"]).dt.total_hours() <= 9).all()
    assert (pairs["amount"] <= pairs["amount_wage"]).all()


def _third_party_cash(rows: pl.DataFrame, _: World) -> None:
    cash = rows.filter(pl.col("channel") == "cash")
    assert cash.height >= 6
    assert cash["dst_account"].n_unique() == 1
    assert cash["src_account"].n_unique() >= 2  # several banks' branches and agents
    step = {"USD": 10.0, "KHR": 100_000.0}[cash["currency"][0]]
    assert (cash["amount"] % step == 0).all()
    assert (cash["amount_usd"] < 2_000).all()
    assert rows.height - cash.height <= 1


def _no_payroll(rows: pl.DataFrame, world: World) -> None:
    (business,) = set(rows["src_account"]) & set(rows["dst_account"])
    inflow = rows.filter(pl.col("dst_account") == business)
    assert inflow["src_account"].n_unique() >= 10
    assert rows.filter(pl.col("src_account") == business).height >= 1
    accounts = world.scene.accounts
    index = accounts.names.index(business)
    assert accounts.pay_plan[index] == NO_PAYROLL
    assert not (accounts.employer == index).any()


CHECKS: dict[Typology, Callable[[pl.DataFrame, World], None]] = {
    Typology.FAN_OUT: _fan_out,
    Typology.FAN_IN: _fan_in,
    Typology.GATHER_SCATTER: _gather_scatter,
    Typology.SCATTER_GATHER: _scatter_gather,
    Typology.CYCLE: _cycle,
    Typology.RANDOM: _random_walk,
    Typology.BIPARTITE: _bipartite,
    Typology.STACK: _stack,
    Typology.STRUCTURING: _structuring,
    Typology.PASS_THROUGH: _pass_through,
    Typology.FUNNEL: _funnel,
    Typology.WAGE_SWEEP: _wage_sweep,
    Typology.THIRD_PARTY_CASH: _third_party_cash,
    Typology.NO_PAYROLL: _no_payroll,
}


@pytest.mark.parametrize("typology", list(CHECKS), ids=str)
def test_instances_have_their_shape(typology: Typology, rich_world: World) -> None:
    rows = rich_world.transactions.filter(pl.col("pattern") == typology)
    instances = rows.partition_by("pattern_id")
    assert len(instances) >= 2
    for instance in instances:
        assert (instance["label"] == 1).all()
        CHECKS[typology](instance, rich_world)


def test_graph_pattern_sizes_vary(rich: pl.DataFrame) -> None:
    fans = rich.filter(pl.col("pattern").is_in(["fan_out", "fan_in"]))
    sizes = Counter(fans.group_by("pattern_id").len()["len"])
    assert len(sizes) >= 4
    assert min(sizes) >= 3
    assert max(sizes) <= 16


def test_instance_amounts_are_alike_not_identical(rich: pl.DataFrame) -> None:
    fans = rich.filter(pl.col("pattern") == "fan_out")
    spread = fans.group_by("pattern_id").agg(
        (pl.col("amount_usd").max() / pl.col("amount_usd").min()).alias("ratio"),
        pl.col("amount").n_unique().alias("distinct"),
        pl.len(),
    )
    assert (spread["ratio"] < 1.6).all()
    assert (spread["distinct"] > 1).mean() > 0.7  # type: ignore[operator]


def test_instances_last_hours_to_days(rich: pl.DataFrame) -> None:
    planted = rich.filter(pl.col("pattern_id").is_not_null())
    spans = planted.group_by("pattern_id").agg((pl.col("ts").max() - pl.col("ts").min()).alias("d"))
    hours = spans["d"].dt.total_hours()
    assert hours.median() >= 2  # type: ignore[operator]
    assert hours.max() >= 48  # type: ignore[operator]
