"""Random walk: funds hopping quickly along a chain of accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.random_walk import RandomWalk

Factory = Callable[..., Any]


def test_finds_a_chain_in_noise(noisy: Factory) -> None:
    led = noisy()
    chain = [f"C{i}" for i in range(5)]
    planted = {led.add(chain[i], chain[i + 1], 5_000 - 150 * i, 300 + 5 * i) for i in range(4)}
    alerts = [a for a in RandomWalk().detect(led.frame()).alerts if "C0" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == set(chain)
    assert set(alerts[0].txn_ids) == planted


def test_two_hops_are_not_a_chain(ledger: Factory) -> None:
    led = ledger()
    led.add("A", "B", 5_000, 10)
    led.add("B", "C", 4_900, 12)
    assert RandomWalk().detect(led.frame()).alerts == []


def test_slow_hops_are_not_a_chain(ledger: Factory) -> None:
    led = ledger()
    for i, who in enumerate(("A", "B", "C", "D")):
        led.add(who, "ABCDE"[i + 1], 5_000 - 100 * i, 10 + 72 * i)  # three days per hop
    assert RandomWalk().detect(led.frame()).alerts == []


def test_everyday_small_payments_are_not_a_chain(ledger: Factory) -> None:
    led = ledger()
    for i, who in enumerate(("A", "B", "C", "D")):
        led.add(who, "ABCDE"[i + 1], 60 - i, 10 + i)  # similar, fast, but immaterial
    assert RandomWalk().detect(led.frame()).alerts == []
