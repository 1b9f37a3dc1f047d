import numpy as np
import pytest

from counterflow.monitor.split import time_split


@pytest.mark.parametrize("n", [3, 10, 101, 5000])
def test_parts_are_consecutive_disjoint_and_cover_everything(n):
    s = time_split(n)
    joined = np.concatenate([s.train, s.valid, s.test])
    assert np.array_equal(joined, np.arange(n))
    assert s.train.size > 0 and s.valid.size > 0 and s.test.size > 0
    assert s.train.max() < s.valid.min() <= s.valid.max() < s.test.min()


def test_sixty_twenty_twenty():
    s = time_split(1000)
    assert (s.train.size, s.valid.size, s.test.size) == (600, 200, 200)


@pytest.mark.parametrize("fractions", [(0.5, 0.5, 0.1), (1.0, 0.0, 0.0)])
def test_bad_fractions_are_refused(fractions):
    with pytest.raises(ValueError, match="fractions"):
        time_split(100, fractions)


def test_too_few_rows():
    with pytest.raises(ValueError, match="at least 3"):
        time_split(2)
