"""Bipartite: many senders each paying several of many receivers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.bipartite import Bipartite

Factory = Callable[..., Any]


def test_finds_a_many_to_many_block_in_noise(noisy: Factory) -> None:
    led = noisy()
    for i in range(3):
        for j in range(3):
            led.add(f"s{i}", f"r{j}", 3_000 + 50 * i + 10 * j, 100 + i + j / 2)
    alerts = [a for a in Bipartite().detect(led.frame()).alerts if "s0" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"s0", "s1", "s2", "r0", "r1", "r2"}
    assert len(alerts[0].txn_ids) == 9


def test_unrelated_payments_to_the_same_two_payees_are_not_one(ledger: Factory) -> None:
    led = ledger()
    for i, (rent, car) in enumerate(((1_200, 9_000), (1_500, 15_000))):
        led.add(f"tenant{i}", "LANDLORD", rent, 10 + i)
        led.add(f"tenant{i}", "CAR_DEALER", car, 20 + i)
    assert Bipartite().detect(led.frame()).alerts == []


def test_a_star_is_not_a_bipartite_block(ledger: Factory) -> None:
    led = ledger()
    for j in range(4):  # one sender only
        led.add("S", f"r{j}", 3_000, 10 + j)
    assert Bipartite().detect(led.frame()).alerts == []
