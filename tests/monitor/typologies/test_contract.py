"""The contract every registered detector honours (DESIGN.md habit 12)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import polars as pl
import pytest

from counterflow.model import Alert, InputError
from counterflow.monitor.typologies import DETECTORS, Detector, DetectorResult, run_detectors

NAMES = sorted(DETECTORS)

Zoo = tuple[pl.DataFrame, dict[str, set[str]]]


def _key(a: Alert) -> tuple[Any, ...]:
    return (a.typology, a.score, a.accounts, a.txn_ids, a.window, a.explanation, a.thresholds)


def test_registry_covers_every_detector_module() -> None:
    assert len(NAMES) == 14
    assert all(name == d.typology.value for name, d in DETECTORS.items())


@pytest.mark.parametrize("name", NAMES)
def test_result_shape_and_alert_fields(name: str, zoo: Zoo) -> None:
    frame, _ = zoo
    detector: Detector[Any] = DETECTORS[name]
    result = detector.detect(frame)
    assert isinstance(result, DetectorResult)
    assert result.hits.dtype == np.int8
    assert result.hits.shape == (frame.height,)
    assert set(np.unique(result.hits)) <= {0, 1}
    assert result.alerts, f"{name} found nothing in the zoo: the contract would check nothing"
    known = set(frame["txn_id"])
    row_of = {t: i for i, t in enumerate(frame["txn_id"])}
    for a in result.alerts:
        assert a.typology == name
        assert 0.0 <= a.score <= 1.0
        assert a.explanation.strip()
        assert a.thresholds
        assert all(isinstance(v, float) for v in a.thresholds.values())
        assert a.txn_ids
        assert set(a.txn_ids) <= known
        assert len(set(a.txn_ids)) == len(a.txn_ids)
        assert a.window.start <= a.window.end
        assert all(result.hits[row_of[t]] == 1 for t in a.txn_ids)
        involved = frame.filter(pl.col("txn_id").is_in(list(a.txn_ids)))
        assert set(a.accounts) == set(involved["src_account"]) | set(involved["dst_account"])
        assert a.window.start == involved["ts"].min()
        assert a.window.end == involved["ts"].max()


@pytest.mark.parametrize("name", NAMES)
def test_finds_its_planted_instance(name: str, zoo: Zoo) -> None:
    frame, expected = zoo
    found = [set(a.accounts) for a in DETECTORS[name].detect(frame).alerts]
    assert expected[name] in found


@pytest.mark.parametrize("name", NAMES)
def test_no_alert_on_an_empty_frame(name: str, zoo: Zoo) -> None:
    frame, _ = zoo
    result = DETECTORS[name].detect(frame.head(0))
    assert result.alerts == []
    assert result.hits.shape == (0,)


@pytest.mark.parametrize("name", NAMES)
def test_never_reads_ground_truth(name: str, zoo: Zoo) -> None:
    frame, _ = zoo
    scrambled = frame.with_columns(
        label=pl.lit(1, pl.Int8), pattern=pl.lit("fan_out"), pattern_id=pl.lit(7, pl.Int64)
    )
    without = frame.drop("label", "pattern", "pattern_id")
    results = [DETECTORS[name].detect(f) for f in (frame, scrambled, without)]
    keys = [[_key(a) for a in r.alerts] for r in results]
    assert keys[0] == keys[1] == keys[2]
    assert all(np.array_equal(results[0].hits, r.hits) for r in results)


@pytest.mark.parametrize("name", NAMES)
def test_row_order_does_not_matter(name: str, zoo: Zoo) -> None:
    frame, _ = zoo
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=3)
    a = DETECTORS[name].detect(frame)
    b = DETECTORS[name].detect(shuffled)
    assert sorted(_key(x) for x in a.alerts) == sorted(_key(x) for x in b.alerts)
    hit_ids = set(frame.filter(pl.Series(a.hits == 1))["txn_id"])
    assert hit_ids == set(shuffled.filter(pl.Series(b.hits == 1))["txn_id"])


@pytest.mark.parametrize("name", NAMES)
def test_params_are_frozen_and_documented(name: str) -> None:
    params = DETECTORS[name].params
    assert dataclasses.is_dataclass(params)
    field = dataclasses.fields(params)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(params, field.name, 0)
    assert DETECTORS[name].__doc__
    assert type(DETECTORS[name]).__module__ != "counterflow.monitor.typologies.base"


def test_missing_column_is_an_input_error(zoo: Zoo) -> None:
    frame, _ = zoo
    with pytest.raises(InputError, match="amount_usd"):
        DETECTORS["fan_out"].detect(frame.drop("amount_usd"))


def test_run_detectors_returns_alerts_and_hits_per_detector(zoo: Zoo) -> None:
    frame, _ = zoo
    alerts, hits = run_detectors(frame)
    assert list(hits) == list(DETECTORS)
    assert {a.typology for a in alerts} == set(DETECTORS)
    alone = DETECTORS["cycle"].detect(frame)
    assert np.array_equal(hits["cycle"], alone.hits)
    assert len({a.alert_id for a in alerts}) == len(alerts)


def test_run_detectors_only_some(zoo: Zoo) -> None:
    frame, _ = zoo
    alerts, hits = run_detectors(frame, only=["structuring", "cycle"])
    assert list(hits) == ["structuring", "cycle"]
    assert {a.typology for a in alerts} == {"structuring", "cycle"}


def test_run_detectors_rejects_unknown_names(zoo: Zoo) -> None:
    frame, _ = zoo
    with pytest.raises(InputError, match="no_such_thing"):
        run_detectors(frame, only=["fan_out", "no_such_thing"])
