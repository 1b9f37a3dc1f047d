"""The tracer against its slow twin (trace_reference.py) on random small stores.

Random stores have few distinct timestamps (many ties), self-payments, cycles, cash
withdrawals and deposits, a bank abroad, an exchange, random windows and minimum amounts;
every direction and attribution is checked on each.
"""

from __future__ import annotations

import random

import pytest
from trace_graphs import at, frame
from trace_reference import reference_trace

from counterflow.trace import (
    Attribution,
    BankDirectory,
    Direction,
    EndpointKind,
    TraceContext,
    TraceQuery,
    build_index,
    trace,
)
from counterflow.trace.banks import Bank, BankKind
from counterflow.trace.tracer import reachable

ACCOUNTS = [f"A{i}" for i in range(9)] + ["CASH@B1", "X1"]
DIRECTORY = BankDirectory({"B3": Bank("B3", "TH"), "B4": Bank("B4", "KH", BankKind.EXCHANGE)})
CONTEXT = TraceContext(banks=DIRECTORY, exchanges=frozenset({"X1"}))


def random_store(rng: random.Random) -> list[tuple]:
    rows = []
    banks = {a: rng.choice(["B1", "B1", "B2", "B3", "B4"]) for a in ACCOUNTS}
    banks["CASH@B1"] = "B1"
    for _ in range(rng.randint(5, 45)):
        src, dst = rng.choice(ACCOUNTS[:9]), rng.choice(ACCOUNTS)
        if rng.random() < 0.1:
            src, dst = "CASH@B1", rng.choice(ACCOUNTS[:9])  # a deposit
        usd = rng.choice([rng.uniform(1, 500), float(rng.randint(1, 5) * 50)])
        rows.append(
            (src, dst, usd, rng.randint(0, 8), {"src_bank": banks[src], "dst_bank": banks[dst]})
        )
    return rows


def compare(rows, seeds, direction, attribution, hops, start, end, min_usd):
    data = frame(rows)
    query = TraceQuery(
        accounts=tuple(seeds),
        direction=direction,
        hops=hops,
        start=start,
        end=end,
        min_amount_usd=min_usd,
        attribution=attribution,
        max_edges=10_000,
        max_accounts=10_000,
    )
    index = build_index(data)
    got = trace(index, query, CONTEXT)
    want = reference_trace(
        data,
        set(seeds),
        backward=direction is Direction.BACKWARD,
        hops=hops,
        start=start,
        end=end,
        min_usd=min_usd,
        fifo=attribution is Attribution.FIFO,
        exchanges=frozenset({"X1"}),
        foreign_banks=frozenset({"B3"}),
        exchange_banks=frozenset({"B4"}),
    )
    approx = lambda v: pytest.approx(v, rel=1e-9, abs=1e-7)  # noqa: E731
    assert got.seed_usd == approx(want.seed_usd)
    assert got.returned_usd == approx(want.returned_usd)
    assert got.paths == want.paths
    traced = {e.txn_id: e for e in got.edges}
    for txn_id, amount in want.edge_traced.items():
        if amount > 1e-7:
            assert traced[txn_id].traced_usd == approx(amount), txn_id
            assert traced[txn_id].hop == want.edge_hop[txn_id], txn_id
    assert set(traced) == {t for t, a in want.edge_traced.items() if a > 1e-8}
    for kind in ("cash_out", "exchange", "cross_border", "retained"):
        assert got.totals[EndpointKind(kind)] == approx(want.ends.get(kind, 0.0)), kind
    reached = {a.account: a for a in got.accounts}
    assert set(reached) == {a for a, v in want.received.items() if v > 1e-8}
    for account, r in reached.items():
        assert r.received_usd == approx(want.received[account])
        assert r.passed_on_usd == approx(want.passed[account])
        assert r.hop == want.fewest_hops[account]
    assert reachable(index, query, CONTEXT) == want.fewest_hops
    # conservation: every traced dollar ends somewhere, exactly once
    ended = sum(got.totals[k] for k in EndpointKind if k is not EndpointKind.OTHER_CASE)
    assert ended + got.returned_usd == approx(got.seed_usd)
    for e in got.edges:
        assert e.traced_usd <= e.amount_usd + 1e-9


@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize("attribution", list(Attribution))
def test_random_stores_match_the_reference(direction, attribution):
    rng = random.Random(f"{direction}-{attribution}")
    for _ in range(150):
        rows = random_store(rng)
        accounts = sorted({r[0] for r in rows} | {r[1] for r in rows})
        seeds = rng.sample(accounts, k=min(len(accounts), rng.choice([1, 1, 2])))
        start = at(rng.randint(0, 3)) if rng.random() < 0.3 else None
        end = at(rng.randint(4, 8)) if rng.random() < 0.3 else None
        min_usd = rng.choice([0.0, 0.0, 60.0])
        compare(rows, seeds, direction, attribution, rng.randint(1, 5), start, end, min_usd)
