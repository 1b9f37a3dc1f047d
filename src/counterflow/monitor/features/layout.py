"""The feature columns, declared once and derived from the configuration.

Names are ``<family>_<subject>_<window>``. Subjects name the endpoint and direction:
``src_out`` = the payer's outgoing edges, ``src_in`` = the payer's incoming edges,
``dst_in`` / ``dst_out`` likewise for the payee. Everything is as of the transaction itself
(it is included in its own windows). With the default configuration:

=========================  =================================================================
family                     meaning (exact unless marked *capped*)
=========================  =================================================================
``deg_*_{24h,7d}``         edges in the window: activity level (AMLworld "degree")
``fan_*_{24h,7d}``         distinct counterparties: fan-in / fan-out (AMLworld); a fan-in
                           of many small payers into one account is the collection step of
                           most mule schemes
``amt_*_{stat}_{7d,24h}``  sum, mean, std, min, max of the amounts (snapml "vertex stats")
``amt_{src,dst}_ratio/z``  this amount against the endpoint's earlier amounts in the same
                           direction: a sudden large payment stands out
``amt_*_sum_24h``          the money in and out behind the pass-through ratio
``pt_*``                   pass-through: out / in over 24h, seconds since the last credit
``struct_*_7d``            just-below-threshold amounts per endpoint (structuring)
``flag_*``                 round amounts, just below the reporting threshold
``vel_*``                  burst ratio (24h vs 7d rate), seconds since the previous
                           transaction (NaN beyond the longest window)
``gs_*``                   gather-scatter shape ``min(fan-in, fan-out)`` of an endpoint
``sg_*_3d``                scatter-gather widths closed by this payment (*capped*)
``tc_len{L}_7d``           temporal cycles closed, by length 2..6 (*capped*)
``lc_len{L}_3d``           simple cycles in any time order, by length 2..5 (*capped*)
``*_capped``               1 when a search stopped at its budget (the counts are lower
                           bounds); frequent on hubs, which is itself informative
``time_*``                 hour of day and weekday (UTC)
=========================  =================================================================

The layout also holds the column maps the kernels write through, so a column exists once
even when two families need it (the velocity ratio reuses the degree columns).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from counterflow.monitor.features.config import DAY, HOUR, FeatureConfig
from counterflow.monitor.kernels import account_window as aw
from counterflow.monitor.kernels.graph import IN, OUT

SIDES: tuple[tuple[str, int, int], ...] = (
    ("src_out", 0, OUT),
    ("src_in", 0, IN),
    ("dst_in", 1, IN),
    ("dst_out", 1, OUT),
)
AMOUNT_STATS: tuple[tuple[str, int], ...] = (
    ("sum", aw.ST_SUM),
    ("mean", aw.ST_MEAN),
    ("std", aw.ST_STD),
    ("min", aw.ST_MIN),
    ("max", aw.ST_MAX),
)


def window_label(seconds: int) -> str:
    """``86400 -> '24h'``, ``604800 -> '7d'``, ``5400 -> '5400s'``."""
    if seconds % DAY == 0 and seconds > DAY:
        return f"{seconds // DAY}d"
    if seconds % HOUR == 0:
        return f"{seconds // HOUR}h"
    return f"{seconds}s"


@dataclass(frozen=True)
class Layout:
    """Feature names plus the column maps of every kernel."""

    names: tuple[str, ...]
    index: dict[str, int]
    walk_windows: NDArray[np.int64]
    minmax: NDArray[np.bool_]
    colmap: NDArray[np.int64]
    colrole: NDArray[np.int64]
    sg_cols: NDArray[np.int64]
    tc_cols: NDArray[np.int64]
    lc_cols: NDArray[np.int64]


class _Builder:
    def __init__(self, config: FeatureConfig) -> None:
        self.config = config
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        self.walk_windows = sorted(
            {
                *config.windows,
                config.stats_window,
                *config.extra_stats_windows,
                config.pass_through_window,
                config.structuring_window,
                *config.velocity_windows,
            }
        )
        nw = len(self.walk_windows)
        self.colmap = np.full((2, nw, 2, aw.N_STATS), -1, dtype=np.int64)
        self.colrole = np.full((2, aw.N_ROLE_STATS), -1, dtype=np.int64)

    def add(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]

    def walk(self, name: str, role: int, window: int, direction: int, stat: int) -> int:
        col = self.add(name)
        self.colmap[role, self.walk_windows.index(window), direction, stat] = col
        return col


def build_layout(config: FeatureConfig) -> Layout:
    """Every column of the feature matrix for ``config``, in output order."""
    c = config
    b = _Builder(c)
    # The window walk writes one endpoint's columns at a time, into rows in random order:
    # keeping each endpoint's columns together touches two or three cache lines, not six.
    for role, endpoint, own in ((0, "src", OUT), (1, "dst", IN)):
        sides = [(side, d) for side, r, d in SIDES if r == role]
        for w in c.windows:
            lab = window_label(w)
            for side, d in sides:
                b.walk(f"deg_{side}_{lab}", role, w, d, aw.ST_COUNT)
                b.walk(f"fan_{side}_{lab}", role, w, d, aw.ST_FAN)
        for sw in (c.stats_window, *c.extra_stats_windows):
            lab = window_label(sw)
            for side, d in sides:
                for stat_name, stat in AMOUNT_STATS:
                    b.walk(f"amt_{side}_{stat_name}_{lab}", role, sw, d, stat)
            b.walk(f"amt_{endpoint}_ratio_{lab}", role, sw, own, aw.ST_RATIO)
            b.walk(f"amt_{endpoint}_z_{lab}", role, sw, own, aw.ST_Z)
        lab = window_label(c.pass_through_window)
        for side, d in sides:
            b.walk(f"amt_{side}_sum_{lab}", role, c.pass_through_window, d, aw.ST_SUM)
        b.colrole[role, aw.RS_SECS_CREDIT] = b.add(f"pt_{endpoint}_secs_since_credit")
        lab = window_label(c.structuring_window)
        b.walk(
            f"struct_{endpoint}_{'out' if own == OUT else 'in'}_{lab}",
            role,
            c.structuring_window,
            own,
            aw.ST_BELOW,
        )
        b.colrole[role, aw.RS_SECS_PREV] = b.add(f"vel_{endpoint}_secs_since_prev")
    short, long_ = c.velocity_windows
    b.walk(f"deg_src_out_{window_label(short)}", 0, short, OUT, aw.ST_COUNT)
    b.walk(f"deg_src_out_{window_label(long_)}", 0, long_, OUT, aw.ST_COUNT)
    # Element-wise columns (features/derived.py).
    for w in c.windows:
        b.add(f"gs_src_{window_label(w)}")
        b.add(f"gs_dst_{window_label(w)}")
    lab = window_label(c.pass_through_window)
    b.add(f"pt_src_ratio_{lab}")
    b.add(f"pt_dst_ratio_{lab}")
    b.add(f"vel_src_burst_{window_label(short)}_{window_label(long_)}")
    b.add("flag_round_100")
    b.add("flag_round_1000")
    b.add("flag_below_threshold")
    b.add("time_hour")
    b.add("time_weekday")
    lab = window_label(c.scatter_gather_window)
    sg_cols = np.array(
        [b.add(f"sg_width_{lab}"), b.add(f"sg_sources_{lab}"), b.add("sg_capped")],
        dtype=np.int64,
    )
    tc_cols = _cycle_cols(b, "tc", c.temporal_cycle_window, c.max_temporal_cycle_len)
    lc_cols = _cycle_cols(b, "lc", c.simple_cycle_window, c.max_simple_cycle_len)
    minmax = np.zeros(len(b.walk_windows), dtype=np.bool_)
    for w in range(len(b.walk_windows)):
        minmax[w] = bool((b.colmap[:, w, :, [aw.ST_MIN, aw.ST_MAX]] >= 0).any())
    return Layout(
        names=tuple(b.names),
        index=dict(b.index),
        walk_windows=np.array(b.walk_windows, dtype=np.int64),
        minmax=minmax,
        colmap=b.colmap,
        colrole=b.colrole,
        sg_cols=sg_cols,
        tc_cols=tc_cols,
        lc_cols=lc_cols,
    )


def _cycle_cols(b: _Builder, family: str, window: int, max_len: int) -> NDArray[np.int64]:
    lab = window_label(window)
    cols = np.full(max_len + 1, -1, dtype=np.int64)
    for length in range(2, max_len + 1):
        cols[length] = b.add(f"{family}_len{length}_{lab}")
    cols[0] = b.add(f"{family}_total_{lab}")
    cols[1] = b.add(f"{family}_capped")
    return cols
