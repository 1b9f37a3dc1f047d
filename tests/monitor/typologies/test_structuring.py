"""Structuring: several amounts just below USD 10,000 / KHR 40 million, within days."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from counterflow.monitor.typologies.structuring import Structuring

Factory = Callable[..., Any]


def test_finds_cash_deposits_just_below_the_threshold_in_noise(noisy: Factory) -> None:
    led = noisy()
    planted = {
        led.add(f"CASH@BK{i}", "STR", usd, 100 + 20 * i, channel="cash")
        for i, usd in enumerate((9_500, 9_800, 9_200))
    }
    alerts = [a for a in Structuring().detect(led.frame()).alerts if "STR" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].txn_ids) == planted
    assert set(alerts[0].accounts) == {"STR", "CASH@BK0", "CASH@BK1", "CASH@BK2"}
    assert "3 in cash" in alerts[0].explanation


def test_riel_deposits_just_below_khr_40_million(ledger: Factory) -> None:
    led = ledger()
    led.add("CASH@BK1", "STR", 9_000, 10, channel="cash", currency="KHR")  # KHR 36 M
    led.add("CASH@BK1", "STR", 9_900, 30, channel="cash", currency="KHR")  # KHR 39.6 M
    assert len(Structuring().detect(led.frame()).alerts) == 1


@pytest.mark.parametrize("usd", [12_000, 10_000, 5_000])
def test_amounts_outside_the_band_are_not_structuring(ledger: Factory, usd: float) -> None:
    led = ledger()
    for i in range(3):
        led.add(f"CASH@BK{i}", "ACC", usd, 10 + 20 * i, channel="cash")
    assert Structuring().detect(led.frame()).alerts == []


def test_one_deposit_below_the_threshold_is_not_structuring(ledger: Factory) -> None:
    led = ledger()
    led.add("CASH@BK1", "ACC", 9_500, 10, channel="cash")
    assert Structuring().detect(led.frame()).alerts == []


def test_a_business_receiving_large_payments_of_all_sizes_is_not_structuring(
    ledger: Factory,
) -> None:
    led = ledger()
    for i, usd in enumerate((12_000, 9_500, 25_000, 15_000, 9_100, 31_000)):
        led.add(f"client{i}", "TRADER", usd, 10 + 5 * i)
    assert Structuring().detect(led.frame()).alerts == []


def test_small_receipts_do_not_dilute_structuring(ledger: Factory) -> None:
    led = ledger()
    for i, usd in enumerate((9_500, 150, 9_100, 300, 40, 700)):
        led.add(f"client{i}", "ACC", usd, 10 + 5 * i)
    assert len(Structuring().detect(led.frame()).alerts) == 1
