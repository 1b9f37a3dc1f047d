"""Merging, ranking, numbering and storing alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from counterflow.model import Alert, AlertWindow, InputError
from counterflow.monitor.alerts import (
    ALERT_SCHEMA,
    alerts_to_frame,
    merge_alerts,
    read_alerts,
    write_alerts,
)

T0 = datetime(2024, 3, 4, tzinfo=UTC)


def alert(
    typology: str,
    score: float,
    txns: tuple[str, ...],
    accounts: tuple[str, ...] = ("A", "B"),
    *,
    start: float = 0.0,
    hours: float = 1.0,
) -> Alert:
    return Alert(
        alert_id="",
        typology=typology,
        score=score,
        accounts=accounts,
        txn_ids=txns,
        window=AlertWindow(T0 + timedelta(hours=start), T0 + timedelta(hours=start + hours)),
        explanation=f"{typology}: {len(txns)} transfers",
        thresholds={"min_counterparties": 5.0},
    )


def test_alerts_sharing_a_transaction_merge_into_the_strongest() -> None:
    merged = merge_alerts(
        [
            alert("fan_in", 0.6, ("t1", "t2"), ("A", "X"), start=0),
            alert("gather_scatter", 0.8, ("t2", "t3"), ("A", "Y"), start=1),
        ]
    )
    assert len(merged) == 1
    m = merged[0]
    assert m.typology == "gather_scatter"
    assert m.score == 0.8
    assert m.txn_ids == ("t1", "t2", "t3")
    assert m.accounts == ("A", "X", "Y")
    assert m.window == AlertWindow(T0, T0 + timedelta(hours=2))
    assert "gather_scatter: 2 transfers" in m.explanation
    assert "fan_in: 2 transfers" in m.explanation
    assert m.thresholds == {
        "gather_scatter.min_counterparties": 5.0,
        "fan_in.min_counterparties": 5.0,
    }


def test_merging_is_transitive() -> None:
    merged = merge_alerts(
        [
            alert("cycle", 0.7, ("t1", "t2")),
            alert("random", 0.6, ("t2", "t3")),
            alert("fan_out", 0.5, ("t3", "t4")),
        ]
    )
    assert len(merged) == 1
    assert merged[0].txn_ids == ("t1", "t2", "t3", "t4")


def test_same_accounts_in_overlapping_windows_merge() -> None:
    merged = merge_alerts(
        [
            alert("structuring", 0.7, ("t1",), ("S", "CASH"), start=0, hours=5),
            alert("third_party_cash", 0.6, ("t9",), ("CASH", "S"), start=3, hours=5),
        ]
    )
    assert len(merged) == 1


def test_disjoint_alerts_stay_apart_ranked_and_numbered() -> None:
    merged = merge_alerts(
        [
            alert("fan_out", 0.55, ("t1",), ("A", "B")),
            alert("cycle", 0.9, ("t2",), ("C", "D")),
            alert("structuring", 0.7, ("t3",), ("A", "B"), start=48),  # same accounts, later
        ]
    )
    assert [a.alert_id for a in merged] == ["A000001", "A000002", "A000003"]
    assert [a.typology for a in merged] == ["cycle", "structuring", "fan_out"]
    assert merged[2].explanation == "fan_out: 1 transfers"  # a lone alert is kept as is


def test_numbering_does_not_depend_on_input_order() -> None:
    alerts = [
        alert("fan_out", 0.6, ("t1",), ("A", "B")),
        alert("cycle", 0.6, ("t2",), ("C", "D")),
        alert("random", 0.6, ("t3",), ("E", "F"), start=5),
        alert("fan_in", 0.7, ("t1", "t4"), ("A", "G")),
    ]
    forward = merge_alerts(alerts)
    backward = merge_alerts(list(reversed(alerts)))
    assert forward == backward


def test_merge_of_nothing_is_nothing() -> None:
    assert merge_alerts([]) == []


def test_frame_has_the_documented_columns() -> None:
    frame = alerts_to_frame(merge_alerts([alert("cycle", 0.9, ("t1", "t2"))]))
    assert frame.schema == pl.Schema(ALERT_SCHEMA)
    row = frame.row(0, named=True)
    assert row["alert_id"] == "A000001"
    assert row["txn_ids"] == ["t1", "t2"]
    assert json.loads(row["thresholds"]) == {"min_counterparties": 5.0}
    assert alerts_to_frame([]).schema == pl.Schema(ALERT_SCHEMA)


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    alerts = merge_alerts(
        [alert("cycle", 0.9, ("t1", "t2")), alert("fan_out", 0.6, ("t3",), ("E", "F"))]
    )
    path = write_alerts(alerts, tmp_path / "out" / "alerts.parquet")
    assert read_alerts(path) == alerts


def test_write_replaces_atomically_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "alerts.parquet"
    write_alerts([alert("cycle", 0.9, ("t1",))], path)
    write_alerts([], path)
    assert read_alerts(path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["alerts.parquet"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "alerts.parquet"
    good = merge_alerts([alert("cycle", 0.9, ("t1",))])
    write_alerts(good, path)

    def crash(self: pl.DataFrame, file: str, **_: object) -> None:
        Path(file).write_bytes(b"half a parquet file")
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", crash)
    with pytest.raises(OSError, match="disk full"):
        write_alerts(merge_alerts([alert("fan_out", 0.5, ("t2",))]), path)
    monkeypatch.undo()
    assert read_alerts(path) == good
    assert [p.name for p in tmp_path.iterdir()] == ["alerts.parquet"]


def test_reading_a_file_that_is_not_an_alert_table_names_it(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pl.DataFrame({"x": [1]}).write_parquet(path)
    with pytest.raises(InputError, match=r"other\.parquet"):
        read_alerts(path)
