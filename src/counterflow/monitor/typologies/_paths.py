"""Paths of forwarding hops, grown one transaction at a time with joins.

A path is a sequence of transactions ``r0, r1, ..., r(k-1)`` where each consecutive pair is
a hop (:mod:`counterflow.monitor.typologies._hops`), visiting accounts ``n0 -> n1 -> ... ->
nk``. Paths start at every hop and grow by joining their last transaction with the hop
table; a path that returns to its first account is *closed* (a cycle) and stops; a path
that cannot grow further is *maximal*. Accounts may not repeat (simple paths), and the whole
path must fit in ``max_span_us``.

Hops are sparse (few transactions are followed by a similar one soon after), so frontiers
shrink quickly on ordinary data. On adversarial data they could grow as ``successors^k``:
the frontier is capped at ``max_paths`` (the shortest-lived paths are kept), which bounds
memory and time; the cap is documented on the detectors that use it.

Overlapping paths (rotations of one cycle, sub-paths of one chain, branches) are merged into
one instance as connected components of their transactions.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.monitor.typologies._components import components


def grow(
    hops: pl.DataFrame, *, max_txns: int, max_span_us: int, max_paths: int
) -> tuple[list[pl.DataFrame], list[pl.DataFrame]]:
    """``(closed, maximal)`` path frames, one frame per length (``r0..``, ``n0..``, ``k``)."""
    paths = hops.select(
        r0="in_row",
        r1="out_row",
        n0="a",
        n1="b",
        n2="c",
        t0="t_in",
        tl="t_out",
    ).filter(pl.col("n1") != pl.col("n0"))
    step = hops.select("in_row", "out_row", "c", "t_out")
    closed: list[pl.DataFrame] = []
    maximal: list[pl.DataFrame] = []
    k = 2
    while paths.height:
        if paths.height > max_paths:
            paths = paths.sort(pl.col("tl") - pl.col("t0"), "r0").head(max_paths)
        is_closed = pl.col(f"n{k}") == pl.col("n0")
        closed.append(paths.filter(is_closed).with_columns(k=pl.lit(k)))
        paths = paths.filter(~is_closed).with_row_index("_pid")
        if k == max_txns:
            maximal.append(paths.drop("_pid").with_columns(k=pl.lit(k)))
            break
        grown = (
            paths.join(step, left_on=f"r{k - 1}", right_on="in_row")
            .rename({"out_row": f"r{k}", "c": f"n{k + 1}"})
            .filter(pl.col("t_out") - pl.col("t0") <= max_span_us)
            .filter(
                ~pl.any_horizontal(pl.col(f"n{k + 1}") == pl.col(f"n{i}") for i in range(1, k + 1))
            )
            .with_columns(tl="t_out")
            .drop("t_out")
        )
        ended = paths.filter(~pl.col("_pid").is_in(grown.get_column("_pid").implode()))
        maximal.append(ended.drop("_pid").with_columns(k=pl.lit(k)))
        paths = grown.drop("_pid")
        k += 1
    return closed, maximal


def without_hub_ends(paths: list[pl.DataFrame], hubs: npt.NDArray[np.bool_]) -> list[pl.DataFrame]:
    """The paths whose first and last accounts are not hubs (intermediaries never are)."""
    kept = []
    for p in paths:
        if p.height == 0:
            continue
        k = int(p.get_column("k")[0])
        first = hubs[p.get_column("n0").to_numpy()]
        last = hubs[p.get_column(f"n{k}").to_numpy()]
        kept.append(p.filter(pl.Series(~first & ~last)))
    return kept


def path_instances(paths: list[pl.DataFrame], *, min_txns: int) -> pl.DataFrame:
    """Members ``(inst, _row)`` of the components of paths with at least ``min_txns`` rows."""
    pairs = []
    for p in paths:
        if p.height == 0:
            continue
        k = int(p.get_column("k")[0])
        if k < min_txns:
            continue
        rows = p.select([f"r{i}" for i in range(k)]).to_numpy()
        pairs.append(np.stack([rows[:, :-1].ravel(), rows[:, 1:].ravel()], axis=1))
    if not pairs:
        return pl.DataFrame(schema={"inst": pl.Int64, "_row": pl.Int64})
    edges = np.concatenate(pairs)
    nodes, labels = components(edges[:, 0], edges[:, 1])
    return pl.DataFrame(
        {"inst": labels, "_row": nodes}, schema={"inst": pl.Int64, "_row": pl.Int64}
    )


def describe(
    frame_df: pl.DataFrame, members: pl.DataFrame, paths: list[pl.DataFrame]
) -> pl.DataFrame:
    """Per instance: size, time span, amount range, and its longest path as ``route_accts``."""
    rows = members.join(frame_df.select("_row", "_t", "amount_usd", "src_id", "dst_id"), on="_row")
    stats = rows.group_by("inst").agg(
        n_acc=pl.concat_list("src_id", "dst_id").explode().n_unique(),
        t0=pl.col("_t").min(),
        t1=pl.col("_t").max(),
        amt_min=pl.col("amount_usd").min(),
        amt_max=pl.col("amount_usd").max(),
    )
    routes = [
        p.select(
            "r0",
            "k",
            route_accts=pl.concat_list([f"n{i}" for i in range(int(p.get_column("k")[0]) + 1)]),
        )
        for p in paths
        if p.height
    ]
    if not routes:
        return stats.with_columns(k=pl.lit(0), route_accts=pl.lit([], pl.List(pl.Int32)))
    best = (
        pl.concat(routes)
        .join(members, left_on="r0", right_on="_row")
        .sort(["inst", "k", "r0"], descending=[False, True, False])
        .group_by("inst")
        .agg(pl.col("k").first(), pl.col("route_accts").first())
    )
    return stats.join(best, on="inst")
