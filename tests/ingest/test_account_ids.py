"""Dense account ids against an obviously-correct reference, and the collision fallback."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from counterflow.ingest.account_ids import dense_ids
from counterflow.model import CounterflowError


def reference(*columns: list[str]) -> tuple[list[str], list[list[int]]]:
    names = sorted({v for column in columns for v in column})
    rank = {name: i for i, name in enumerate(names)}
    return names, [[rank[v] for v in column] for column in columns]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_reference_on_random_accounts(seed):
    rng = np.random.default_rng(seed)
    pool = [f"{rng.integers(0, 999):03d}/{rng.integers(0, 16**6):X}" for _ in range(300)]
    pool += ["", "Ω", "a", "B", "ä"]  # odd strings sort byte-wise like Python's str sort
    src = [pool[i] for i in rng.integers(0, len(pool), 2_000)]
    dst = [pool[i] for i in rng.integers(0, len(pool), 1_500)]
    names, (src_ids, dst_ids) = dense_ids(pl.Series(src), pl.Series(dst))
    expected_names, (expected_src, expected_dst) = reference(src, dst)
    assert names.to_list() == expected_names
    assert src_ids.to_list() == expected_src
    assert dst_ids.to_list() == expected_dst
    assert src_ids.dtype == dst_ids.dtype == pl.Int32


def test_a_hash_collision_falls_back_to_exact_ids(monkeypatch):
    # Every string hashing to 0 is the worst collision possible: the verification must
    # notice and the exact path must still give the right ids.
    monkeypatch.setattr(
        pl.Series, "hash", lambda self, seed=0: pl.Series([0] * self.len(), dtype=pl.UInt64)
    )
    names, (ids,) = dense_ids(pl.Series(["b", "a", "c", "a"]))
    assert names.to_list() == ["a", "b", "c"]
    assert ids.to_list() == [1, 0, 2, 0]


def test_empty_and_null_input():
    names, (ids,) = dense_ids(pl.Series([], dtype=pl.String))
    assert (names.len(), ids.len()) == (0, 0)
    with pytest.raises(CounterflowError, match="nulls"):
        dense_ids(pl.Series(["a", None]))
