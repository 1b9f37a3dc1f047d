import itertools

import numpy as np
import polars as pl
import pytest

from counterflow.monitor.backends import LocalBackend, get_backend, partition_bounds


def _frame(ts):
    return pl.DataFrame(
        {"ts": pl.Series(np.asarray(ts) * 1_000_000).cast(pl.Datetime("us", "UTC"))}
    )


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_bounds_cover_rows_once_and_never_split_a_timestamp(parts):
    ts = np.sort(np.random.default_rng(parts).integers(0, 50, 200))
    bounds = partition_bounds(ts, parts)
    assert bounds[0][0] == 0 and bounds[-1][1] == ts.size
    for (_, hi), (lo, _) in itertools.pairwise(bounds):
        assert hi == lo
        assert ts[lo - 1] != ts[lo]


def test_work_sees_a_warm_up_prefix_of_the_overlap():
    ts = np.arange(100) * 10
    seen = []

    def work(rows, emit_from):
        t = rows.get_column("ts").dt.epoch("s").to_numpy()
        seen.append((int(t[0]), int(t[emit_from]), emit_from))
        return pl.DataFrame({"x": t[emit_from:]})

    out = LocalBackend(partitions=2).map_time_partitions(_frame(ts), work, overlap_seconds=95)
    assert out.get_column("x").to_list() == ts.tolist()
    assert seen[0] == (0, 0, 0)
    first_own = seen[1][1]
    assert seen[1][0] == first_own - 90  # 95 s of warm-up, at 10 s spacing


def test_work_returning_wrong_row_count_is_caught():
    with pytest.raises(RuntimeError, match="rows"):
        LocalBackend().map_time_partitions(
            _frame([1, 2, 3]), lambda rows, e: pl.DataFrame({"x": [1]}), overlap_seconds=0
        )


def test_factory():
    assert get_backend("local", partitions=3).partitions == 3  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown backend"):
        get_backend("spark-on-mars")
