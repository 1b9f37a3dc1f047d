"""Dense many-to-many cores of the transfer graph, per time window.

Bipartite and stack patterns are sets of senders each paying several of a set of receivers.
Windows are fixed buckets on two grids offset by half a window (a burst lasting at most
half a window falls entirely in one bucket). Within each bucket the transfers between
non-hub accounts are pruned until every remaining sender pays at least two of the remaining
receivers and every remaining receiver is paid by at least two remaining senders: the
(2, 2)-core, found with a few rounds of group-by and semi-join. The cores' transfers are
then split into connected components (one per instance), and each account is given its role
in its component: *source* (only pays), *middle* (receives and pays) or *sink* (only
receives). A bipartite instance has no middle layer; a stack has one.

Components larger than ``max_accounts`` are dense neighbourhoods of everyday commerce, not
a laundering structure, and are dropped. The cores are computed once per batch and window
and shared by the bipartite and stack detectors.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from counterflow.monitor.typologies._components import components
from counterflow.monitor.typologies._frame import Frame

MEMBER_SCHEMA = {"inst": pl.Int64, "_row": pl.Int64}


def _core(edges: pl.DataFrame) -> pl.DataFrame:
    """The (2, 2)-core of ``edges`` (``src_id, dst_id, _wb``) within each bucket ``_wb``."""
    while edges.height:
        pairs = edges.select("src_id", "dst_id", "_wb").unique()
        senders = pairs.group_by("src_id", "_wb").len().filter(pl.col("len") >= 2)
        receivers = pairs.group_by("dst_id", "_wb").len().filter(pl.col("len") >= 2)
        kept = edges.join(senders, on=["src_id", "_wb"], how="semi").join(
            receivers, on=["dst_id", "_wb"], how="semi"
        )
        if kept.height == edges.height:
            break
        edges = kept
    return edges


def core_instances(
    frame: Frame,
    *,
    window_us: int,
    hub_txns_per_day: float,
    min_amount_usd: float,
    max_accounts: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(members, stats)`` of the core components (see the module docstring).

    ``stats`` columns: ``inst, n_acc, n_sources, n_middle, n_sinks, n_edges, amount_cv, t0,
    t1, layered`` (for a middle layer: its receipts precede its payments on average).
    """
    members, stats = frame.cached(
        ("cores", window_us, hub_txns_per_day, min_amount_usd),
        lambda: _components(frame, window_us, hub_txns_per_day, min_amount_usd),
    )
    if stats.height == 0:
        return members, stats
    stats = stats.filter(pl.col("n_acc") <= max_accounts)
    return members.join(stats.select("inst"), on="inst", how="semi"), stats


def _components(
    frame: Frame, window_us: int, hub_txns_per_day: float, min_amount_usd: float
) -> tuple[pl.DataFrame, pl.DataFrame]:
    df = frame.df
    src = frame.column("src_id")
    dst = frame.column("dst_id")
    hubs = frame.hubs(hub_txns_per_day)
    ok = (
        (frame.out_count[src] >= 2)
        & (frame.in_count[dst] >= 2)
        & ~hubs[src]
        & ~hubs[dst]
        & (src != dst)
        & (frame.column("amount_usd") >= min_amount_usd)
    )
    edges = df.select("src_id", "dst_id", "_t", "_row").filter(pl.Series(ok))
    half = max(window_us // 2, 1)
    core = pl.concat(
        [
            _core(edges.with_columns(_wb=(pl.col("_t") + off) // window_us)).drop("_wb")
            for off in (0, half)
        ]
    ).unique("_row")
    if core.height == 0:
        return pl.DataFrame(schema=MEMBER_SCHEMA), pl.DataFrame(schema={"inst": pl.Int64})
    nodes, labels = components(core.get_column("src_id"), core.get_column("dst_id"))
    inst_of = pl.DataFrame({"acct": nodes.astype(np.int32), "inst": labels})
    core = core.join(inst_of, left_on="src_id", right_on="acct").join(
        df.select("_row", "amount_usd"), on="_row"
    )
    sizes = inst_of.group_by("inst").agg(n_acc=pl.len())
    roles = (
        pl.concat(
            [
                core.select("inst", acct="src_id", pays=pl.lit(True), gets=pl.lit(False)),
                core.select("inst", acct="dst_id", pays=pl.lit(False), gets=pl.lit(True)),
            ]
        )
        .group_by("inst", "acct")
        .agg(pl.col("pays").any(), pl.col("gets").any())
    )
    middle = roles.filter(pl.col("pays") & pl.col("gets")).get_column("acct").implode()
    layer = core.with_columns(
        into_mid=pl.col("dst_id").is_in(middle), from_mid=pl.col("src_id").is_in(middle)
    )
    stats = (
        roles.group_by("inst")
        .agg(
            n_sources=(pl.col("pays") & ~pl.col("gets")).sum(),
            n_middle=(pl.col("pays") & pl.col("gets")).sum(),
            n_sinks=(~pl.col("pays") & pl.col("gets")).sum(),
        )
        .join(sizes, on="inst")
        .join(
            layer.group_by("inst").agg(
                n_edges=pl.struct("src_id", "dst_id").n_unique(),
                amount_cv=pl.col("amount_usd").std(ddof=0) / pl.col("amount_usd").mean(),
                t0=pl.col("_t").min(),
                t1=pl.col("_t").max(),
                layered=(
                    pl.col("_t").filter(pl.col("into_mid")).mean()
                    < pl.col("_t").filter(pl.col("from_mid")).mean()
                ).fill_null(False),
            ),
            on="inst",
        )
    )
    return core.select("inst", "_row"), stats
