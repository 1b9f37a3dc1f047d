"""The feature-miner driver: validation, layout, warm-up equivalence, derived columns."""

from __future__ import annotations

import numpy as np
import pytest

import counterflow.monitor.features.miner as miner
from counterflow.monitor.features import FeatureConfig, FeatureMatrix, mine_features
from counterflow.monitor.features.layout import window_label

SMALL = FeatureConfig(
    windows=(30, 200),
    stats_window=200,
    extra_stats_windows=(60,),
    pass_through_window=60,
    structuring_window=200,
    velocity_windows=(30, 200),
    scatter_gather_window=90,
    temporal_cycle_window=200,
    simple_cycle_window=90,
    cycle_budget=40,
    scatter_gather_budget=30,
    scatter_gather_fanout=4,
)


def _edges(seed: int, n: int = 600, n_accounts: int = 25) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n_accounts, size=n).astype(np.int32)
    dst = rng.integers(0, n_accounts, size=n).astype(np.int32)
    dst[rng.random(n) < 0.3] = 0  # a hub
    ts = np.cumsum(rng.choice([0, 0, 1, 3, 7], size=n)).astype(np.int64) + 1_700_000_000
    amount = np.round(rng.lognormal(6.0, 1.5, size=n), 2)
    amount[rng.random(n) < 0.1] = 9_500.0
    return src, dst, ts, amount


def test_facade() -> None:
    import counterflow.monitor.features as features

    assert sorted(features.__all__) == ["FeatureConfig", "FeatureMatrix", "mine_features"]


def test_shape_names_and_dtype() -> None:
    src, dst, ts, amount = _edges(0)
    fm = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL)
    assert isinstance(fm, FeatureMatrix)
    assert fm.values.dtype == np.float32
    assert fm.values.shape == (src.size, len(fm.names))
    assert len(set(fm.names)) == len(fm.names)
    families = {name.split("_")[0] for name in fm.names}
    assert families == {
        "deg",
        "fan",
        "gs",
        "amt",
        "pt",
        "flag",
        "struct",
        "vel",
        "sg",
        "tc",
        "lc",
        "time",
    }
    default = mine_features(src, dst, ts, amount, n_accounts=25)
    assert "fan_src_out_24h" in default.names
    assert "fan_dst_in_7d" in default.names


def test_every_column_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    sentinel = -123456.0

    def poisoned(rows: int, cols: int) -> np.ndarray:
        return np.full((rows, cols), sentinel, dtype=np.float32)

    monkeypatch.setattr(miner, "_new_matrix", poisoned)
    src, dst, ts, amount = _edges(1)
    fm = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL, emit_from=10)
    assert not (fm.values == sentinel).any()


@pytest.mark.parametrize("seed", range(3))
def test_emit_from_gives_the_rows_of_the_full_run(seed: int) -> None:
    src, dst, ts, amount = _edges(seed)
    full = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL)
    part = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL, emit_from=250)
    assert part.names == full.names
    np.testing.assert_array_equal(part.values, full.values[250:])


@pytest.mark.parametrize("seed", range(3))
def test_a_partition_with_its_warm_up_prefix_matches_the_full_run(seed: int) -> None:
    src, dst, ts, amount = _edges(seed, n=900)
    full = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL)
    t0 = 400
    start = int(np.searchsorted(ts, ts[t0] - SMALL.max_window_seconds, side="left"))
    assert start > 0, "the prefix must really cut history off"
    part = mine_features(
        src[start:],
        dst[start:],
        ts[start:],
        amount[start:],
        n_accounts=25,
        config=SMALL,
        emit_from=t0 - start,
    )
    # Counts are exact; sums are running sums, equal up to float rounding.
    np.testing.assert_allclose(part.values, full.values[t0:], rtol=2e-5, atol=1e-3)


def test_thread_count_does_not_change_results() -> None:
    src, dst, ts, amount = _edges(4)
    one = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL, threads=1)
    two = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL, threads=2)
    np.testing.assert_array_equal(one.values, two.values)


def test_empty_and_all_warm_up() -> None:
    src, dst, ts, amount = _edges(5, n=50)
    none = mine_features(src[:0], dst[:0], ts[:0], amount[:0], n_accounts=3)
    assert none.values.shape == (0, len(none.names))
    warm = mine_features(src, dst, ts, amount, n_accounts=25, emit_from=50)
    assert warm.values.shape == (0, len(warm.names))


def _ok() -> dict[str, np.ndarray]:
    return {
        "src": np.array([0, 1, 2], np.int32),
        "dst": np.array([1, 2, 0], np.int32),
        "ts": np.array([10, 20, 20], np.int64),
        "amount": np.array([1.0, 2.0, 3.0]),
    }


@pytest.mark.parametrize(
    ("change", "kwargs", "message"),
    [
        ({"ts": np.array([10, 30, 20], np.int64)}, {}, r"ts must be sorted ascending: ts\[1\]"),
        ({"dst": np.array([1, 2], np.int32)}, {}, "equal lengths"),
        ({"src": np.array([0, 3, 2], np.int32)}, {}, r"src\[1\] = 3 is not an account id"),
        ({"dst": np.array([0, -1, 2], np.int32)}, {}, r"dst\[1\] = -1"),
        ({"amount": np.array([1.0, -2.0, 3.0])}, {}, r"amount\[1\] = -2.0"),
        ({"amount": np.array([1.0, np.nan, 3.0])}, {}, r"amount\[1\] = nan"),
        ({"ts": np.array([1.0, 2.0, 3.0])}, {}, "ts must have an integer dtype"),
        ({"amount": np.array([1, 2, 3])}, {}, "amount must have a floating dtype"),
        ({}, {"emit_from": 4}, "emit_from must be in"),
        ({}, {"n_accounts": 0}, "n_accounts must be in"),
        ({}, {"threads": -1}, "threads must be >= 0"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(
    change: dict[str, np.ndarray], kwargs: dict[str, int], message: str
) -> None:
    arrays = _ok() | change
    args = {"n_accounts": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        mine_features(
            arrays["src"],
            arrays["dst"],
            arrays["ts"],
            arrays["amount"],
            n_accounts=args.pop("n_accounts"),
            **args,
        )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"windows": ()},
        {"windows": (60, 60)},
        {"stats_window": 0},
        {"velocity_windows": (600, 60)},
        {"max_simple_cycle_len": 1},
        {"cycle_budget": 0},
        {"structuring_fraction": 1.5},
    ],
)
def test_bad_config_is_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="FeatureConfig"):
        FeatureConfig(**kwargs)  # type: ignore[arg-type]


def test_max_window_and_labels() -> None:
    assert FeatureConfig().max_window_seconds == 7 * 86_400
    assert [window_label(s) for s in (86_400, 604_800, 7_200, 90)] == ["24h", "7d", "2h", "90s"]


def test_element_wise_columns() -> None:
    day0 = 1_704_067_200  # Monday 2024-01-01 00:00 UTC
    src = np.array([0, 1, 1, 2], np.int32)
    dst = np.array([1, 2, 2, 0], np.int32)
    ts = np.array([day0, day0 + 3_600, day0 + 7_200, day0 + 86_400 * 2 + 5], np.int64)
    amount = np.array([1_000.0, 8_000.0, 600.0, 9_999.5])
    fm = mine_features(src, dst, ts, amount, n_accounts=3)
    assert fm.column("time_hour").tolist() == [0, 1, 2, 0]
    assert fm.column("time_weekday").tolist() == [0, 0, 0, 2]
    assert fm.column("flag_round_100").tolist() == [1, 1, 1, 0]
    assert fm.column("flag_round_1000").tolist() == [1, 1, 0, 0]
    assert fm.column("flag_below_threshold").tolist() == [0, 1, 0, 1]
    assert fm.column("struct_src_out_7d").tolist() == [0, 1, 1, 1]
    # Account 1 got 1,000 then paid out 8,000 and 600 within 24h.
    pt = fm.column("pt_src_ratio_24h")
    assert np.isnan(pt[0])
    assert pt[1] == 8.0
    assert pt[2] == np.float32(8.6)
    assert fm.column("pt_src_secs_since_credit").tolist()[1:3] == [3_600, 7_200]
    assert fm.column("vel_src_burst_24h_7d").tolist()[:3] == [7.0, 7.0, 7.0]
    with pytest.raises(KeyError):
        fm.column("nope")


def test_a_huge_hub_does_not_stall_and_reports_caps() -> None:
    n = 60_000
    rng = np.random.default_rng(0)
    src = rng.integers(1, 2_000, size=n).astype(np.int32)
    dst = np.zeros(n, np.int32)
    back = rng.random(n) < 0.3
    src[back], dst[back] = 0, src[back]  # the hub also pays out: cycles through it abound
    ts = np.sort(rng.integers(0, 86_400, size=n)).astype(np.int64)
    amount = np.ones(n)
    fm = mine_features(src, dst, ts, amount, n_accounts=2_000, threads=2)
    assert fm.column("deg_dst_in_24h").max() > 40_000
    assert fm.column("lc_capped").mean() > 0.2
    assert fm.column("tc_capped").max() == 1
    assert fm.column("sg_capped").max() == 1


def test_feature_matrix_checks_its_shape() -> None:
    with pytest.raises(ValueError, match="expected"):
        FeatureMatrix(values=np.zeros((3, 2), np.float32), names=("a", "b", "c"))


def test_more_threads_than_cores_is_fine() -> None:
    src, dst, ts, amount = _edges(6, n=100)
    many = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL, threads=99)
    one = mine_features(src, dst, ts, amount, n_accounts=25, config=SMALL, threads=1)
    np.testing.assert_array_equal(many.values, one.values)
