"""Follow-the-money latency: 4-hop traces over a 5-million-transaction store, and a peer.

Generates (once, cached under --work) a world with the project simulator
(``counterflow.simulate``: Zipf-sized banks, payment hubs, payroll, cash counters, so the
degrees are heavy-tailed), writes it as canonical Parquet, then

1. times :func:`counterflow.trace.load_index` on the Parquet store (read + index build);
2. runs --traces forward and --traces backward 4-hop traces (proportional attribution, whole
   store as the window) from seeds of varied degree: half drawn uniformly from the accounts
   that pay (forward) or are paid (backward), half by picking a random transaction's payer
   (payee), which favours the busy accounts; reports median, p95 and max latency with the
   paths, reached accounts and traced amounts;
3. the peer, DuckDB (the engine splink uses), answers the same 4-hop time-respecting
   reachability by iterated joins with an earliest-arrival aggregate per hop (a recursive CTE
   over paths does not finish on hubs), on the first --peer-seeds seeds of each direction; the
   reached account sets are compared with counterflow's reachability phase.

    .venv/bin/python bench/trace_flows.py --accounts 500000 --days 10 --seed 11
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

from counterflow.ingest import write_canonical
from counterflow.simulate import WorldConfig, simulate_world
from counterflow.trace import Direction, TraceQuery, load_index, trace
from counterflow.trace.tracer import reachable

PEER_STEP = """
CREATE OR REPLACE TEMP TABLE nxt AS
SELECT e.head AS acct, MIN(e.key) AS arrival
FROM frontier f JOIN {edges} e ON e.tail = f.acct AND e.key > f.arrival
WHERE e.head <> ?
GROUP BY e.head
"""


def world(a: argparse.Namespace) -> Path:
    store = a.work / f"world_{a.accounts}x{a.days}_s{a.seed}" / "transactions.parquet"
    if not store.exists():
        started = time.perf_counter()
        frame = simulate_world(WorldConfig(accounts=a.accounts, days=a.days, seed=a.seed))
        store.parent.mkdir(parents=True, exist_ok=True)
        write_canonical(frame, store)
        print(f"simulated {frame.height:,} transactions in {time.perf_counter() - started:.1f} s")
    return store


def pick_seeds(index, rng, n, direction):  # type: ignore[no-untyped-def]
    """Half uniform over accounts with an edge in the direction, half edge-weighted."""
    tails = index.src if direction is Direction.FORWARD else index.dst
    ptr = index.out_ptr if direction is Direction.FORWARD else index.in_ptr
    degree = np.diff(ptr)
    names = index.names.to_numpy()
    active = np.flatnonzero(degree > 0)
    uniform = rng.choice(active, size=n // 2, replace=False)
    weighted = tails[rng.integers(0, tails.size, size=n - n // 2)]
    ids = np.concatenate([uniform, weighted])
    rng.shuffle(ids)
    # cash counters are not accounts an investigator traces from
    ids = np.array([i for i in ids if not str(names[i]).startswith("CASH@")])
    return [str(names[i]) for i in ids], degree[ids]


def peer_setup(store: Path, threads: int):  # type: ignore[no-untyped-def]
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    # key = position in the time-sorted store (ties in file order), as counterflow orders them
    con.execute(
        f"""CREATE TABLE t AS SELECT row_number() OVER (ORDER BY ts, rn) - 1 AS pos, *
        FROM (SELECT *, row_number() OVER () AS rn FROM read_parquet('{store}'))"""
    )
    n = con.execute("SELECT count(*) FROM t").fetchone()[0]
    con.execute(
        """CREATE TABLE fwd AS SELECT src_account AS tail, dst_account AS head, pos AS key
        FROM t WHERE NOT (channel = 'cash' AND dst_account LIKE 'CASH@%')"""
    )
    con.execute(
        f"""CREATE TABLE bwd AS SELECT dst_account AS tail, src_account AS head,
        {n} - 1 - pos AS key FROM t WHERE NOT (channel = 'cash' AND src_account LIKE 'CASH@%')"""
    )
    return con


def peer_reach(con, seed: str, direction: Direction, hops: int) -> set[str]:  # type: ignore[no-untyped-def]
    edges = "fwd" if direction is Direction.FORWARD else "bwd"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE frontier AS SELECT ? AS acct, -1::BIGINT AS arrival", [seed]
    )
    con.execute("CREATE OR REPLACE TEMP TABLE seen (acct VARCHAR)")
    for _ in range(hops):
        con.execute(PEER_STEP.format(edges=edges), [seed])
        con.execute("INSERT INTO seen SELECT acct FROM nxt")
        con.execute("CREATE OR REPLACE TEMP TABLE frontier AS SELECT * FROM nxt")
    return {r[0] for r in con.execute("SELECT DISTINCT acct FROM seen").fetchall()}


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--accounts", type=int, default=500_000)
    ap.add_argument("--days", type=int, default=10)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--traces", type=int, default=200, help="per direction")
    ap.add_argument("--hops", type=int, default=4)
    ap.add_argument("--peer-seeds", type=int, default=20, help="per direction; 0 = no peer")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("var/bench/trace"))
    a = ap.parse_args()
    os.environ.setdefault("NUMBA_NUM_THREADS", str(a.threads))
    store = world(a)
    started = time.perf_counter()
    index = load_index(store)
    build = time.perf_counter() - started
    print(
        f"index: {index.n_transactions:,} transactions, {index.n_accounts:,} accounts, "
        f"loaded and built in {build:.2f} s"
    )
    rng = np.random.default_rng(a.seed)
    trace(index, TraceQuery(accounts=(index.name(0),), hops=a.hops))  # compile / load kernels
    rows = []
    con = peer_setup(store, a.threads) if a.peer_seeds else None
    for direction in Direction:
        seeds, degrees = pick_seeds(index, rng, a.traces, direction)
        lat, paths, reached, traced, seed_usd = [], [], [], [], []
        for seed in seeds:
            query = TraceQuery(accounts=(seed,), direction=direction, hops=a.hops)
            t0 = time.perf_counter()
            result = trace(index, query)
            lat.append(time.perf_counter() - t0)
            paths.append(result.paths)
            reached.append(result.n_reached)
            seed_usd.append(result.seed_usd)
            traced.append(sum(r.received_usd for r in result.accounts))
        peer_lat, agree = [], 0
        if con is not None:
            for seed in seeds[: a.peer_seeds]:
                query = TraceQuery(accounts=(seed,), direction=direction, hops=a.hops)
                mine = set(reachable(index, query))
                t0 = time.perf_counter()
                theirs = peer_reach(con, seed, direction, a.hops)
                peer_lat.append(time.perf_counter() - t0)
                agree += mine == theirs
        rows.append(
            (direction, len(seeds), degrees, lat, paths, reached, seed_usd, peer_lat, agree)
        )
    print()
    print(
        "| direction | traces | seed degree median / max | counterflow median / p95 / max ms "
        "| paths median / max | reached accounts median / max | seed USD median "
        "| DuckDB median / max ms (seeds) | same reached set |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for direction, k, deg, lat, paths, reached, seed_usd, peer_lat, agree in rows:
        ms = [x * 1000 for x in lat]
        peer = (
            f"{statistics.median(peer_lat) * 1000:,.0f} / {max(peer_lat) * 1000:,.0f} "
            f"({len(peer_lat)})"
            if peer_lat
            else "–"
        )
        print(
            f"| {direction} | {k} | {int(np.median(deg))} / {int(deg.max()):,} "
            f"| {statistics.median(ms):.1f} / {pct(ms, 95):.1f} / {max(ms):.1f} "
            f"| {int(np.median(paths)):,} / {max(paths):.3g} "
            f"| {int(np.median(reached)):,} / {max(reached):,} "
            f"| {statistics.median(seed_usd):,.0f} "
            f"| {peer} | {agree} of {len(peer_lat)} |"
        )


if __name__ == "__main__":
    main()
