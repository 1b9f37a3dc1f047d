"""The slow, obviously-correct twin of :func:`counterflow.trace.trace`.

Plain Python over a list of payments: no index, no reachability phase, no reversed-key
trick. Every account keeps its state in dictionaries from the first payment of the window;
backward traces literally reverse the list and swap payer and payee. Paths are counted by
enumerating them one by one (exponential: small graphs only).
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime

import polars as pl


@dataclass
class Edge:
    txn_id: str
    tail: str
    head: str
    usd: float
    head_bank: str
    cash: bool


@dataclass
class Outcome:
    seed_usd: float = 0.0
    returned_usd: float = 0.0
    edge_traced: dict[str, float] = field(default_factory=dict)
    edge_hop: dict[str, int] = field(default_factory=dict)
    received: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    passed: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    ends: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # by kind
    paths: int = 0
    fewest_hops: dict[str, int] = field(default_factory=dict)


def _edges(
    frame: pl.DataFrame,
    backward: bool,
    start: datetime | None,
    end: datetime | None,
    min_usd: float,
) -> list[Edge]:
    rows = list(enumerate(frame.iter_rows(named=True)))
    rows.sort(key=lambda item: (item[1]["ts"], item[0]))  # time, then store order
    edges = []
    for _, r in rows:
        if start is not None and r["ts"] < start:
            continue
        if end is not None and r["ts"] > end:
            continue
        if r["amount_usd"] < min_usd:
            continue
        cash = r["channel"] == "cash"
        if backward:
            edges.append(
                Edge(
                    r["txn_id"],
                    r["dst_account"],
                    r["src_account"],
                    r["amount_usd"],
                    r["src_bank"],
                    cash and r["src_account"].startswith("CASH@"),
                )
            )
        else:
            edges.append(
                Edge(
                    r["txn_id"],
                    r["src_account"],
                    r["dst_account"],
                    r["amount_usd"],
                    r["dst_bank"],
                    cash and r["dst_account"].startswith("CASH@"),
                )
            )
    return edges[::-1] if backward else edges


def reference_trace(
    frame: pl.DataFrame,
    seeds: set[str],
    *,
    backward: bool = False,
    hops: int = 4,
    start: datetime | None = None,
    end: datetime | None = None,
    min_usd: float = 0.0,
    fifo: bool = False,
    exchanges: frozenset[str] = frozenset(),
    foreign_banks: frozenset[str] = frozenset(),
    exchange_banks: frozenset[str] = frozenset(),
) -> Outcome:
    edges = _edges(frame, backward, start, end, min_usd)

    def kind(e: Edge) -> str | None:
        if e.head in seeds:
            return "returned"
        if e.cash:
            return "cash_out"
        if e.head in exchanges or e.head_bank in exchange_banks:
            return "exchange"
        if e.head_bank in foreign_banks:
            return "cross_border"
        return None

    out = Outcome()
    balance: dict[str, float] = defaultdict(float)
    traced: dict[str, list[float]] = defaultdict(lambda: [0.0] * (hops + 1))
    lots: dict[str, deque[list[float]]] = defaultdict(deque)  # [amount, level 1.., ...]
    for e in edges:
        carry = [0.0] * (hops + 1)
        if e.tail in seeds:
            if e.head in seeds:
                continue
            carry[0] = e.usd
        elif fifo:
            left = e.usd
            queue = lots[e.tail]
            while left > 0 and queue:
                lot = queue[0]
                used = min(left, lot[0])
                for k in range(1, hops + 1):
                    part = lot[k] * used / lot[0]
                    carry[k] += part
                    lot[k] -= part
                lot[0] -= used
                left -= used
                if lot[0] <= 0:
                    queue.popleft()
        else:
            b = balance[e.tail]
            for k in range(1, hops + 1):
                part = traced[e.tail][k] * e.usd / max(b, e.usd)
                carry[k] = part
                traced[e.tail][k] -= part
            balance[e.tail] = max(b - e.usd, 0.0)
        followed = sum(carry[:hops])
        out.edge_traced[e.txn_id] = followed
        out.edge_hop[e.txn_id] = next((k + 1 for k in range(hops) if carry[k] > 1e-8), 0)
        if e.tail in seeds:
            out.seed_usd += followed
        else:
            out.passed[e.tail] += followed
        ended = kind(e)
        if ended is not None:
            out.ends[ended] += followed
            carry = [0.0] * (hops + 1)
        elif followed > 0:
            out.received[e.head] += followed
        if ended == "returned":
            out.returned_usd += followed
            continue
        if fifo:
            lots[e.head].append([e.usd] + [carry[k - 1] for k in range(1, hops + 1)])
        else:
            balance[e.head] += e.usd
            for k in range(hops):
                traced[e.head][k + 1] += carry[k]
    out.ends["retained"] = sum(
        max(out.received[a] - out.passed[a], 0.0) for a in list(out.received)
    )

    # Paths, one at a time: a path continues only on later payments out of its head.
    leaving: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        leaving[e.tail].append(i)

    def walk(i: int, length: int) -> int:
        e = edges[i]
        count = 1
        if kind(e) is not None:
            return count
        out.fewest_hops[e.head] = min(out.fewest_hops.get(e.head, length), length)
        if length < hops:
            count += sum(walk(j, length + 1) for j in leaving[e.head] if j > i)
        return count

    out.paths = sum(
        walk(i, 1) for i, e in enumerate(edges) if e.tail in seeds and e.head not in seeds
    )
    return out
