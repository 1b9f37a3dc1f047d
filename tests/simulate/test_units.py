from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from counterflow.simulate.codes import KHR, USD
from counterflow.simulate.currency import daily_rates, nice, to_native, to_usd
from counterflow.simulate.rhythm import Clock


def test_between_stays_inside_each_interval() -> None:
    clock = Clock(datetime(2026, 9, 1, 5, 30, tzinfo=UTC), days=3)
    rng = np.random.default_rng(0)
    lo = rng.integers(0, clock.horizon - 10, 10_000)
    hi = lo + rng.integers(1, 40_000, 10_000)
    t = clock.between(rng, lo, hi, "business")
    assert (t >= lo).all()
    assert (t < np.minimum(hi, clock.horizon)).all()


def test_sampling_follows_the_hour_profile() -> None:
    clock = Clock(datetime(2026, 9, 1, tzinfo=UTC), days=7)
    t = clock.sample(np.random.default_rng(1), 50_000, "business")
    local_hour = ((t + 7 * 3600) % 86_400) // 3600
    counts = np.bincount(local_hour, minlength=24)
    assert counts[9] > 20 * counts[2]


def test_local_calendar() -> None:
    clock = Clock(datetime(2026, 9, 1, tzinfo=UTC), days=2)  # 07:00 in Phnom Penh
    assert clock.local_day(np.array([0, 17 * 3600 - 1, 17 * 3600])).tolist() == [0, 0, 1]
    assert clock.at_local(np.array([1]), np.array([0])).tolist() == [17 * 3600]
    assert clock.weekday(np.array([0]))[0] == 1  # 2026-09-01 is a Tuesday
    assert clock.n_local_days == 3


def test_nice_rounds_to_two_significant_digits() -> None:
    amounts = np.array([347.2, 4_823.0, 23.4, 61_234.0, 27_600.0])
    currency = np.array([USD, USD, USD, KHR, KHR], dtype=np.int8)
    assert nice(amounts, currency).tolist() == [350.0, 4_800.0, 23.0, 61_000.0, 28_000.0]


def test_riel_round_trip_at_the_days_rate() -> None:
    rates = daily_rates(np.random.default_rng(2), 400)
    assert ((rates > 3_900) & (rates < 4_300)).all()
    usd = np.array([12.34, 5_000.0])
    cur = np.array([KHR, USD], dtype=np.int8)
    day = np.array([10, 10])
    native = to_native(usd, cur, day, rates)
    assert native[0] % 100 == 0
    assert native[1] == 5_000.0
    back = to_usd(native, cur, day, rates)
    assert abs(back[0] - 12.34) < 100 / rates[10]
