"""The flow index: built from a frame or a Parquet store, ordered, searchable; counterparties."""

from __future__ import annotations

import numpy as np
import pytest
from trace_graphs import T0, at, frame

from counterflow.ingest import read_transactions, write_canonical
from counterflow.model import InputError, NotFoundError
from counterflow.trace import FlowIndex, TraceQuery, build_index, counterparties, load_index, trace

ROWS = [
    ("A", "B", 100, 2),
    ("A", "B", 50, 1),
    ("B", "A", 20, 3),
    ("A", "C", 70, 30),
    ("C", "CASH@B1", 70, 31),
]


def test_sorted_by_time_keeping_store_order_for_ties():
    index = build_index(frame([("A", "B", 1, 2), ("C", "D", 2, 1), ("E", "F", 3, 1)]))
    assert index.txn_ids.to_list() == ["t1", "t2", "t0"]
    assert index.n_transactions == 3 and index.n_accounts == 6
    assert index.first_ts == at(1) and index.last_ts == at(2)


def test_adjacency_is_time_ordered_and_payee_lists_latest_first():
    index = build_index(frame(ROWS))
    (a, b) = index.ids(["A", "B"])
    out = index.out_txn[index.out_ptr[a] : index.out_ptr[a + 1]]
    assert np.all(np.diff(out) > 0) and len(out) == 3
    into = index.in_txn[index.in_ptr[b] : index.in_ptr[b + 1]]
    assert np.all(np.diff(into) < 0) and len(into) == 2
    assert index.has("CASH@B1") and not index.has("Z")
    assert index.cash_out.sum() == 1 and index.cash_in.sum() == 0


def test_a_ledger_frame_with_ids_and_a_day_partitioned_store_give_the_same_index(tmp_path):
    write_canonical(frame(ROWS), tmp_path / "days", partition_by_day=True)
    write_canonical(frame(ROWS), tmp_path / "one.parquet")
    ledger = read_transactions(tmp_path / "one.parquet")
    indexes = [
        load_index(tmp_path / "days"),
        load_index(tmp_path / "one.parquet"),
        build_index(ledger.txns),
    ]
    for index in indexes:
        assert isinstance(index, FlowIndex)
        assert index.names.to_list() == indexes[0].names.to_list()
        assert index.txn_ids.to_list() == indexes[0].txn_ids.to_list()
        result = trace(index, TraceQuery(accounts=("A",)))
        assert result.seed_usd == 220


def test_a_missing_store_or_column_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_index(tmp_path / "nothing.parquet")
    with pytest.raises(InputError, match="amount_usd"):
        build_index(frame(ROWS).drop("amount_usd"))


def test_counterparties_aggregate_each_pair_largest_first():
    index = build_index(frame(ROWS))
    pairs = counterparties(index, "A")
    assert [(p.src, p.dst, p.count, p.amount_usd) for p in pairs] == [
        ("A", "B", 2, 150.0),
        ("A", "C", 1, 70.0),
        ("B", "A", 1, 20.0),
    ]
    assert pairs[0].first_ts == at(1) and pairs[0].last_ts == at(2)
    assert counterparties(index, "A", start=T0, end=at(2.5), limit=1)[0].amount_usd == 150
    assert counterparties(index, "A", start=at(10)) == [p for p in pairs if p.dst == "C"]
    with pytest.raises(NotFoundError):
        counterparties(index, "Z")
