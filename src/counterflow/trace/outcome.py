"""From the replay's arrays to a :class:`TraceResult`: edges, accounts, endpoints, figures.

Everything here is bookkeeping over the traced events (vectorised NumPy and Polars); the
attribution itself happened in :mod:`._sweep`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.trace.context import TraceContext
from counterflow.trace.index import FlowIndex, from_micros
from counterflow.trace.query import TraceQuery
from counterflow.trace.result import Endpoint, EndpointKind, FlowEdge, Reached, TraceResult
from counterflow.trace.stops import Stops
from counterflow.trace.summary import Totals, summarise_totals
from counterflow.trace.view import View

I8 = npt.NDArray[np.int8]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

# Below a millionth of a cent an amount is rounding noise of the attribution, not money.
EPS = 1e-8
_KINDS = (EndpointKind.CASH_OUT, EndpointKind.EXCHANGE, EndpointKind.CROSS_BORDER)
_RETURNED = -2


class Replay(NamedTuple):
    """What the two phases computed: the replayed events (positions, view order), the
    reached accounts (ids, in local order) and the sweep's outputs."""

    events: I64
    reached: I64
    first_hop: I8  # by account id
    edge_traced: F64
    edge_hop: I8
    edge_paths: F64
    received: F64  # by local account
    passed: F64
    first_event: I64
    last_event: I64


def _largest(values: F64, among: I64, k: int) -> I64:
    """The ``k`` entries of ``among`` with the largest ``values``, largest first (a partial
    sort: a hub's trace has millions of traced edges and keeps a few thousand)."""
    if among.size > k:
        among = among[np.argpartition(-values[among], k - 1)[:k]]
    return among[np.argsort(-values[among], kind="stable")]


def _kinds(v: View, stops: Stops, ev: I64, heads: I64) -> I8:
    """Endpoint kind of each traced edge: index into _KINDS, -1 not an end, -2 returned."""
    hb = v.head_bank[ev]
    kind = np.full(ev.size, -1, dtype=np.int8)
    kind[stops.foreign_bank[hb]] = 2
    kind[stops.exchange[heads] | stops.exchange_bank[hb]] = 1
    kind[v.cash[ev]] = 0
    kind[stops.seed[heads]] = _RETURNED
    return kind


def _terminal(index: FlowIndex, v: View, stops: Stops, ev: I64, tr: F64, kind: I8) -> pl.DataFrame:
    heads = v.head_of[ev]
    hit = kind >= 0
    return (
        pl.DataFrame(
            {
                "account": heads[hit].astype(np.int64),
                "kind": kind[hit],
                "bank": v.head_bank[ev][hit],
                "usd": tr[hit],
            }
        )
        .group_by("account", "kind")
        .agg(pl.col("usd").sum(), pl.col("bank").first())
        .sort("usd", "account", descending=[True, False])
    )


def _endpoints(
    index: FlowIndex,
    query: TraceQuery,
    context: TraceContext,
    v: View,
    stops: Stops,
    r: Replay,
    sel: I64,
) -> tuple[list[Endpoint], dict[EndpointKind, float], bool]:
    ev = r.events[sel]
    tr = r.edge_traced[sel]
    heads = v.head_of[ev].astype(np.int64)
    kind = _kinds(v, stops, ev, heads)
    totals = dict.fromkeys(EndpointKind, 0.0)
    out: list[Endpoint] = []
    ends = _terminal(index, v, stops, ev, tr, kind)
    for account, k, usd, bank in ends.iter_rows():
        name = index.name(account)
        out.append(
            Endpoint(
                name,
                _KINDS[k],
                float(usd),
                index.bank_names[bank],
                stops.countries[bank],
                tuple(context.case_accounts.get(name, ())),
            )
        )
        totals[_KINDS[k]] += float(usd)
    retained = r.received - r.passed
    keep = np.flatnonzero(retained > EPS * np.maximum(1.0, r.received))
    totals[EndpointKind.RETAINED] = float(retained[keep].sum())
    kept = _largest(retained, keep, query.max_accounts)
    names = index.names.gather(r.reached[kept]).to_list()
    for j, name in zip(kept, names, strict=True):
        bank = int(v.head_bank[r.events[r.first_event[j]]])
        out.append(
            Endpoint(
                str(name),
                EndpointKind.RETAINED,
                float(retained[j]),
                index.bank_names[bank],
                stops.countries[bank],
            )
        )
    if context.case_accounts:
        ids = index.ids(list(context.case_accounts))
        ids = ids[ids >= 0]
        hit = np.isin(heads, ids) & (kind != _RETURNED)
        if hit.any():
            cases = (
                pl.DataFrame({"account": heads[hit], "bank": v.head_bank[ev][hit], "usd": tr[hit]})
                .group_by("account")
                .agg(pl.col("usd").sum(), pl.col("bank").first())
                .sort("usd", "account", descending=[True, False])
            )
            for account, usd, bank in cases.iter_rows():
                name = index.name(account)
                out.append(
                    Endpoint(
                        name,
                        EndpointKind.OTHER_CASE,
                        float(usd),
                        index.bank_names[bank],
                        stops.countries[bank],
                        tuple(context.case_accounts[name]),
                    )
                )
                totals[EndpointKind.OTHER_CASE] += float(usd)
    return out, totals, keep.size > query.max_accounts


def _reached(index: FlowIndex, query: TraceQuery, v: View, r: Replay) -> tuple[list[Reached], int]:
    got = np.flatnonzero(r.received > EPS)
    accounts = []
    kept = _largest(r.received, got, query.max_accounts)
    names = index.names.gather(r.reached[kept]).to_list()
    for j, name in zip(kept, names, strict=True):
        account = int(r.reached[j])
        first_p = int(r.events[r.first_event[j]])
        last_p = int(r.events[r.last_event[j]])
        accounts.append(
            Reached(
                account=str(name),
                bank=index.bank_names[int(v.head_bank[first_p])],
                hop=int(r.first_hop[account]),
                received_usd=float(r.received[j]),
                passed_on_usd=float(r.passed[j]),
                first_ts=from_micros(int(index.ts[min(first_p, last_p)])),
                last_ts=from_micros(int(index.ts[max(first_p, last_p)])),
            )
        )
    return accounts, int(got.size)


def _edges(index: FlowIndex, query: TraceQuery, r: Replay, sel: I64) -> list[FlowEdge]:
    kept = _largest(r.edge_traced, sel, query.max_edges)
    kept = kept[np.argsort(r.events[kept], kind="stable")]  # back to time order
    pos = r.events[kept]
    txn_ids = index.txn_ids.gather(pos).to_list()
    src = index.names.gather(index.src[pos]).to_list()
    dst = index.names.gather(index.dst[pos]).to_list()
    return [
        FlowEdge(
            txn_id=str(txn_ids[i]),
            ts=from_micros(int(index.ts[p])),
            src=str(src[i]),
            dst=str(dst[i]),
            hop=int(r.edge_hop[e]),
            amount_usd=float(index.amount_usd[p]),
            traced_usd=float(r.edge_traced[e]),
            amount=float(index.amount[p]),
            currency=index.currency_names[int(index.currency[p])],
            channel=index.channel_names[int(index.channel[p])],
            src_bank=index.bank_names[int(index.src_bank[p])],
            dst_bank=index.bank_names[int(index.dst_bank[p])],
        )
        for i, (e, p) in enumerate(zip(kept, pos, strict=True))
    ]


def assemble(
    index: FlowIndex, query: TraceQuery, context: TraceContext, v: View, stops: Stops, r: Replay
) -> TraceResult:
    sel = np.flatnonzero(r.edge_traced > EPS)
    ev = r.events[sel]
    seed_usd = float(r.edge_traced[sel][stops.seed[v.tail_of[ev]]].sum())
    returned = float(r.edge_traced[sel][stops.seed[v.head_of[ev]]].sum())
    endpoints, totals, cut = _endpoints(index, query, context, v, stops, r, sel)
    accounts, n_reached = _reached(index, query, v, r)
    edges = _edges(index, query, r, sel)
    span = (int(index.ts[ev].max() - index.ts[ev].min())) if ev.size else 0
    figures = Totals(
        query=query,
        seed_usd=seed_usd,
        returned_usd=returned,
        totals=totals,
        endpoints=tuple(endpoints),
        span_micros=span,
    )
    return TraceResult(
        query=query,
        seed_usd=seed_usd,
        edges=tuple(edges),
        accounts=tuple(accounts),
        endpoints=tuple(endpoints),
        paths=round(float(r.edge_paths.sum())),
        truncated=bool(sel.size > query.max_edges or n_reached > query.max_accounts or cut),
        summary=summarise_totals(figures),
        returned_usd=returned,
        totals=totals,
        n_reached=n_reached,
    )
