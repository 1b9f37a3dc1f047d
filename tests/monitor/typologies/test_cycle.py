"""Cycle: money returning to its origin through a ring of accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.cycle import Cycle, CycleParams

Factory = Callable[..., Any]


def test_finds_a_ring_in_noise(noisy: Factory) -> None:
    led = noisy()
    ring = ["R1", "R2", "R3", "R4", "R5"]
    planted = {led.add(ring[i], ring[(i + 1) % 5], 9_000 - 100 * i, 200 + 10 * i) for i in range(5)}
    alerts = [a for a in Cycle().detect(led.frame()).alerts if "R1" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == set(ring)
    assert set(alerts[0].txn_ids) == planted
    assert "R1 -> R2 -> R3 -> R4 -> R5 -> R1" in alerts[0].explanation


def test_a_loan_and_its_repayment_is_not_a_cycle(ledger: Factory) -> None:
    led = ledger()
    led.add("A", "B", 5_000, 10)
    led.add("B", "A", 5_000, 30)
    assert Cycle().detect(led.frame()).alerts == []
    assert len(Cycle(CycleParams(min_length=2)).detect(led.frame()).alerts) == 1


def test_a_ring_where_money_is_not_forwarded_is_not_a_cycle(ledger: Factory) -> None:
    led = ledger()
    ring = ["R1", "R2", "R3", "R4"]
    for i, usd in enumerate((9_000, 2_000, 8_500, 1_000)):  # unrelated amounts
        led.add(ring[i], ring[(i + 1) % 4], usd, 10 + 5 * i)
    assert Cycle().detect(led.frame()).alerts == []


def test_a_ring_spread_over_months_is_not_a_cycle(ledger: Factory) -> None:
    led = ledger()
    ring = ["R1", "R2", "R3"]
    for i in range(3):
        led.add(ring[i], ring[(i + 1) % 3], 9_000, 10 + 24 * 20 * i)
    assert Cycle().detect(led.frame()).alerts == []
