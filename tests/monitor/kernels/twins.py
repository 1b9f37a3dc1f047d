"""Reference twins of the Numba kernels: pure Python, dicts and lists, slow and plain.

Each twin restates its kernel's definition directly from the edge list (no CSR, no pair
chains, no deques, no incremental state), with the same cap semantics where the kernel is
capped: scans go latest edge first and every scanned edge or oracle check costs one unit.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from counterflow.monitor.kernels.account_window import SPREAD_FLOOR
from counterflow.monitor.kernels.neighbours import LOCAL, RING, RING_SOURCES

OUT, IN = 0, 1
NAN = math.nan


@dataclass
class EdgeList:
    """Plain-Python views of an edge list plus the pair index the twins use."""

    src: list[int]
    dst: list[int]
    ts: list[int]
    amount: list[float]
    pairs: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    in_edges: dict[int, list[int]] = field(default_factory=dict)
    out_edges: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, src: np.ndarray, dst: np.ndarray, ts: np.ndarray, amount: np.ndarray) -> EdgeList:
        el = cls(
            [int(x) for x in src],
            [int(x) for x in dst],
            [int(x) for x in ts],
            [float(x) for x in amount],
        )
        pairs: dict[tuple[int, int], list[int]] = defaultdict(list)
        ins: dict[int, list[int]] = defaultdict(list)
        outs: dict[int, list[int]] = defaultdict(list)
        for e, (s, d) in enumerate(zip(el.src, el.dst, strict=True)):
            pairs[(s, d)].append(e)
            ins[d].append(e)
            outs[s].append(e)
        el.pairs, el.in_edges, el.out_edges = dict(pairs), dict(ins), dict(outs)
        return el

    def window_start(self, i: int, window: int) -> int:
        """First edge id whose timestamp is inside ``(ts[i] - window, ts[i]]``."""
        return next(j for j in range(i + 1) if self.ts[j] > self.ts[i] - window)

    def pair_has(self, a: int, b: int, lo: int, hi: int) -> bool:
        """Is there an edge ``a -> b`` with id in ``[lo, hi)``?"""
        return any(lo <= k < hi for k in self.pairs.get((a, b), []))


# --------------------------------------------------------------------------------------
# account windows


@dataclass
class SideStats:
    count: int
    fan: int
    total: float
    mean: float
    std: float
    low: float
    high: float
    below: int
    ratio: float = NAN
    z: float = NAN


def _spread(amounts: list[float]) -> float:
    sd = statistics.pstdev(amounts)
    return 0.0 if sd <= SPREAD_FLOOR * max(abs(statistics.fmean(amounts)), 1.0) else sd


def _stats(amounts: list[float], counterparties: list[int], below: list[int]) -> SideStats:
    if not amounts:
        return SideStats(0, 0, 0.0, NAN, NAN, NAN, NAN, 0)
    return SideStats(
        count=len(amounts),
        fan=len(set(counterparties)),
        total=sum(amounts),
        mean=statistics.fmean(amounts),
        std=_spread(amounts),
        low=min(amounts),
        high=max(amounts),
        below=sum(below),
    )


def _versus_earlier(a: float, earlier: list[float]) -> tuple[float, float]:
    ratio = z = NAN
    if earlier:
        mean = statistics.fmean(earlier)
        if mean > 0:
            ratio = a / mean
        if len(earlier) > 1:
            sd = statistics.pstdev(earlier)
            if sd > SPREAD_FLOOR * max(abs(mean), 1.0):
                z = (a - mean) / sd
    return ratio, z


def account_window_twin(
    el: EdgeList, below: list[int], i: int, role: int, window: int
) -> tuple[SideStats, SideStats]:
    """(out-side, in-side) stats of edge ``i``'s source (role 0) or destination (role 1)."""
    x = el.src[i] if role == 0 else el.dst[i]
    seen = [j for j in range(i + 1) if el.ts[j] > el.ts[i] - window]
    outs = [j for j in seen if el.src[j] == x]
    ins = [j for j in seen if el.dst[j] == x]
    out_s = _stats(
        [el.amount[j] for j in outs], [el.dst[j] for j in outs], [below[j] for j in outs]
    )
    in_s = _stats([el.amount[j] for j in ins], [el.src[j] for j in ins], [below[j] for j in ins])
    own, own_edges = (out_s, outs) if role == 0 else (in_s, ins)
    own.ratio, own.z = _versus_earlier(el.amount[i], [el.amount[j] for j in own_edges if j != i])
    return out_s, in_s


def seconds_since_twin(el: EdgeList, i: int, role: int, horizon: int) -> tuple[float, float]:
    """(seconds since the account's previous transaction, since its previous credit)."""
    x = el.src[i] if role == 0 else el.dst[i]
    t = el.ts[i]
    prev = [el.ts[j] for j in range(i) if x in (el.src[j], el.dst[j])]
    credit = [el.ts[j] for j in range(i) if el.dst[j] == x]
    since_prev = t - prev[-1] if prev and t - prev[-1] < horizon else NAN
    since_credit = t - credit[-1] if credit and t - credit[-1] < horizon else NAN
    return since_prev, since_credit


# --------------------------------------------------------------------------------------
# scatter-gather


def scatter_gather_twin(
    el: EdgeList, i: int, window: int, budget: int, fanout: int
) -> tuple[int, int, int]:
    """(max width, payers with width >= 2, capped) for edge ``i``."""
    u, v = el.src[i], el.dst[i]
    if u == v:
        return 0, 0, 0
    lo = el.window_start(i, window)
    used = best = n_sources = capped = 0
    for j in reversed([j for j in el.in_edges.get(u, []) if lo <= j < i]):
        if used >= budget:
            return best, n_sources, 1
        used += 1
        s = el.src[j]
        if el.pair_has(s, u, j + 1, i) or s in (u, v):
            continue
        width = 0
        for scanned, k in enumerate(reversed([k for k in el.out_edges.get(s, []) if lo <= k < i])):
            if scanned >= fanout or used >= budget:
                capped = 1
                break
            used += 1
            m = el.dst[k]
            latest = not el.pair_has(s, m, k + 1, i)
            if latest and m not in (s, v) and el.pair_has(m, v, k + 1, i + 1):
                width += 1
        best = max(best, width)
        n_sources += width >= 2
    return best, n_sources, capped


# --------------------------------------------------------------------------------------
# cycles


class BudgetSpentError(Exception):
    pass


def cycles_twin(
    el: EdgeList, i: int, window: int, max_len: int, budget: int, temporal: bool
) -> tuple[list[int], int]:
    """(counts by cycle length 0..max_len, capped) of the simple cycles edge ``i`` closes.

    Shortcuts of the kernel, restated: if ``v`` paid no one in the window nothing is
    searched; the vertices at the level above the leaves are expanded only if they are two
    hops from ``v`` (when ``v`` has at most ``LOCAL`` edges and ``RING_SOURCES`` neighbours
    in the window, whose out-edges number at most ``RING``).
    """
    u, v = el.src[i], el.dst[i]
    counts = [0] * (max_len + 1)
    if u == v:
        return counts, 0
    lo = el.window_start(i, window)
    v_edges = [e for e in el.out_edges.get(v, []) if lo <= e < i]
    if not v_edges:
        return counts, 0
    ring: set[int] | None = None
    neighbours = list(dict.fromkeys(el.dst[e] for e in v_edges))
    if len(v_edges) <= LOCAL and len(neighbours) <= RING_SOURCES:
        two_hop = [el.dst[e] for x in neighbours for e in el.out_edges.get(x, []) if lo <= e < i]
        ring = set(two_hop) if len(two_hop) <= RING else None
    used = 0

    def spend() -> None:
        nonlocal used
        if used >= budget:
            raise BudgetSpentError
        used += 1

    def visit(x: int, depth: int, bound: int, path: list[int]) -> None:
        if depth + 2 >= max_len:
            return
        if depth == max_len - 3 and ring is not None and x not in ring:
            return
        for k in reversed([k for k in el.in_edges.get(x, []) if lo <= k < bound]):
            spend()
            y = el.src[k]
            if el.pair_has(y, x, k + 1, bound) or y == v or y in path:
                continue
            child_bound = k if temporal else i
            spend()
            if el.pair_has(v, y, lo, child_bound):
                counts[depth + 3] += 1
            visit(y, depth + 1, child_bound, [*path, y])

    try:
        spend()
        if el.pair_has(v, u, lo, i):
            counts[2] += 1
        visit(u, 0, i, [u])
    except BudgetSpentError:
        return counts, 1
    return counts, 0


# --------------------------------------------------------------------------------------
# element-wise columns


def derived_twin(
    values: dict[str, np.ndarray],
    windows: tuple[int, ...],
    velocity: tuple[int, int],
    threshold: float,
    fraction: float,
    ts: np.ndarray,
    amount: np.ndarray,
    labels: dict[int, str],
) -> dict[str, list[float]]:
    """The element-wise features row by row, from named input columns."""
    out: dict[str, list[float]] = defaultdict(list)
    for r in range(ts.size):
        v = {name: float(col[r]) for name, col in values.items()}
        for w in windows:
            lab = labels[w]
            out[f"gs_src_{lab}"].append(min(v[f"fan_src_in_{lab}"], v[f"fan_src_out_{lab}"]))
            out[f"gs_dst_{lab}"].append(min(v[f"fan_dst_in_{lab}"], v[f"fan_dst_out_{lab}"]))
        for end in ("src", "dst"):
            into = v[f"amt_{end}_in_sum_24h"]
            ratio = v[f"amt_{end}_out_sum_24h"] / into if into > 0 else NAN
            out[f"pt_{end}_ratio_24h"].append(ratio)
        short, long_ = velocity
        s_lab, l_lab = labels[short], labels[long_]
        deg_long = v[f"deg_src_out_{l_lab}"]
        burst = v[f"deg_src_out_{s_lab}"] * (long_ / short) / deg_long if deg_long > 0 else NAN
        out[f"vel_src_burst_{s_lab}_{l_lab}"].append(burst)
        a = float(amount[r])
        cents = round(a * 100)
        out["flag_round_100"].append(
            float(a > 0 and abs(a * 100 - cents) < 0.5 and cents % 10_000 == 0)
        )
        out["flag_round_1000"].append(
            float(a > 0 and abs(a * 100 - cents) < 0.5 and cents % 100_000 == 0)
        )
        out["flag_below_threshold"].append(float(fraction * threshold <= a < threshold))
        t = int(ts[r])
        out["time_hour"].append(float((t // 3600) % 24))
        out["time_weekday"].append(float((t // 86400 + 3) % 7))
    return dict(out)
